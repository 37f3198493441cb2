/**
 * The demo (`npm run demo` = build + `tsx scripts/demo.ts`): started as a process on a free port, its
 * printed facilitator, projector and participant URLs answer, the printed credentials sign in, and
 * when the facilitator opens a poll every simulated participant answers it. Needs the Remix build,
 * like the other server tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterAll, expect, it } from "vitest";
import type { PollsStateView } from "../../app/domain/polls/events";
import { waitFor } from "../helpers/app";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PARTICIPANTS = 12;
let child: ChildProcess | undefined;
let staff: Socket | undefined;
afterAll(async () => {
  staff?.disconnect();
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
});

it("prints working URLs and credentials, and its simulated participants answer an opened poll", async () => {
  child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/demo.ts", "--port", "0", "--participants", String(PARTICIPANTS), "--rapporteurs", "1"], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  await waitFor(() => out.includes("Press Ctrl-C to stop.") || child!.exitCode !== null, 90_000);
  expect(child.exitCode, out).toBeNull();

  const base = /demo is running at (\S+)/.exec(out)![1];
  const [, email, password] = /e-mail (\S+)\s+password (\S+)/.exec(out)!;
  const consoleUrl = /then (\S+\/console)/.exec(out)![1];
  const projectorUrl = /Projector:\s+(\S+)/.exec(out)![1];
  const participantUrl = /Participant:\s+(\S+)/.exec(out)![1];
  // The code is printed as the console and projector show it (ABC-DEF), one formatter for all.
  expect(out).toMatch(/\(join code [A-Z0-9]{3}-[A-Z0-9]{3}\)/);
  expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  for (const url of [`${base}/login`, projectorUrl, participantUrl]) expect((await fetch(url)).status, url).toBe(200);

  const login = await fetch(`${base}/login`, { method: "POST", body: new URLSearchParams({ email, password }), redirect: "manual" });
  expect(login.status).toBe(302);
  const cookie = login.headers.get("set-cookie")!.split(";")[0];
  expect((await fetch(consoleUrl, { headers: { cookie } })).status).toBe(200);

  const sessionId = /\/s\/([^/]+)\/console/.exec(consoleUrl)![1];
  staff = io(base, { transports: ["websocket"], auth: { sessionId }, extraHeaders: { cookie }, reconnection: false, forceNew: true });
  let state: PollsStateView | null = null;
  staff.on("polls:state", (s: PollsStateView) => (state = s));
  await waitFor(() => state !== null, 10_000);
  expect(state!.polls.length).toBeGreaterThan(0);
  const pollId = state!.polls[0].id;
  expect(await staff.timeout(10_000).emitWithAck("poll:open", { pollId })).toEqual({ ok: true });
  // Each simulated phone answers 1-8 s after the poll opens.
  const answered = async () => {
    const ack = (await staff!.timeout(10_000).emitWithAck("polls:sync", {})) as { ok: boolean; data: PollsStateView };
    expect(ack.ok).toBe(true);
    return ack.data.polls.find((p) => p.id === pollId)!.responseCount;
  };
  // Asked twice a second, well inside the staff member's own rate limit.
  for (let i = 0; i < 40 && (await answered()) < PARTICIPANTS; i++) await new Promise((r) => setTimeout(r, 500));
  expect(await answered()).toBe(PARTICIPANTS);
}, 150_000);
