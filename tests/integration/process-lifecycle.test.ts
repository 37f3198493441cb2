/**
 * The server PROCESS (`tsx server/index.ts`) from boot to SIGTERM, as `npm start` runs it:
 * a bad environment stops it at once with a message naming each variable; the first-run setup link
 * is printed while no account exists, works once, and is not printed after setup; SIGTERM closes
 * every socket, keeps what was acknowledged, closes storage (the SQLite WAL is checkpointed away)
 * and exits 0.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { io as ioClient, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../server/auth/passwords";
import { openProcessFixtures } from "../helpers/notes-app-fixtures";
import { startServerProcess, type ServerProcess } from "../helpers/server-process";
import { waitFor } from "../helpers/app";

const ROOT = path.resolve(import.meta.dirname, "../..");
const processes: ServerProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const p of processes) await p.stop("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const newDataDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "rt-life-"));
  dirs.push(dir);
  return dir;
};
const start = async (dataDir: string) => {
  const p = await startServerProcess({ dataDir });
  processes.push(p);
  return p;
};

describe("environment", () => {
  it("a bad environment stops the process with exit 78 and names every bad variable, writing nothing", async () => {
    const dataDir = path.join(newDataDir(), "never-created");
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["server/index.ts"], {
      cwd: ROOT,
      env: { ...process.env, PORT: "99999", DATABASE_URL: "mysql://x", SESSION_SECRET: "short", DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d) => (stdout += d));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code, stderr).toBe(78);
    expect(stderr).toContain("Invalid environment:");
    for (const name of ["PORT:", "DATABASE_URL:", "SESSION_SECRET:"]) expect(stderr).toContain(name);
    expect(stdout).not.toContain("Roundtable is running");
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);
});

describe("first-run setup link", () => {
  it("is printed while no account exists, works once, and is not printed after setup", async () => {
    const dataDir = newDataDir();
    const first = await start(dataDir);
    expect(first.setupUrl).toMatch(/\/setup\?token=[A-Za-z0-9_-]{32}$/);
    expect(first.output().match(/create the organiser account at/g)).toHaveLength(1);
    expect(await first.stop()).toBe(0);

    // Restarted before anyone used it: a new link, and the old one no longer works.
    const second = await start(dataDir);
    expect(second.setupUrl).toBeTruthy();
    expect(second.setupUrl).not.toBe(first.setupUrl);
    const oldToken = new URL(first.setupUrl!).searchParams.get("token")!;
    const token = new URL(second.setupUrl!).searchParams.get("token")!;
    const account = { name: "Ada Organiser", email: "ada@example.org", password: "correct horse battery", confirm: "correct horse battery" };
    const post = (t: string) =>
      fetch(`${second.baseUrl}/setup`, { method: "POST", body: new URLSearchParams({ ...account, token: t }), redirect: "manual" });
    expect((await post(oldToken)).status).toBe(403);
    const created = await post(token);
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe("/workshops");
    // Used once: the same link now leads to sign-in, and a second POST creates nothing.
    const again = await post(token);
    expect([again.status, again.headers.get("location")]).toEqual([302, "/login"]);
    const page = await fetch(second.setupUrl!, { redirect: "manual" });
    expect(page.headers.get("location")).toBe("/login");
    expect(await second.stop()).toBe(0);

    const third = await start(dataDir);
    expect(third.setupUrl).toBeNull();
    expect(third.output()).not.toContain("/setup?token=");
    const fx = await openProcessFixtures(dataDir, hashPassword);
    try {
      expect(await fx.stores.users.count()).toBe(1);
    } finally {
      await fx.close();
    }
  }, 120_000);
});

describe("graceful shutdown", () => {
  it("SIGTERM closes every socket, keeps an acknowledged vote, checkpoints the WAL and exits 0", async () => {
    const dataDir = newDataDir();
    const server = await start(dataDir);
    const fx = await openProcessFixtures(dataDir, hashPassword);
    const s = await fx.makeSession();
    const participant = await fx.addParticipant(s.sessionId);
    const pollId = (await fx.stores.workshops.getAgenda(s.workshopId))[0].polls[0].id;
    await fx.close();

    const connect = (cookie: string) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = ioClient(server.baseUrl, { transports: ["websocket"], auth: { sessionId: s.sessionId }, extraHeaders: { cookie }, reconnection: false, forceNew: true });
        socket.once("session:state", () => resolve(socket));
        socket.once("connect_error", reject);
      });
    const facilitator = await connect(s.organiserCookie);
    const phone = await connect(participant.cookie);
    const ask = (socket: Socket, event: string, payload: unknown = {}) => socket.timeout(5_000).emitWithAck(event, payload);
    expect(await ask(facilitator, "session:start")).toEqual({ ok: true });
    expect(await ask(facilitator, "poll:open", { pollId })).toEqual({ ok: true });
    const disconnects: string[] = [];
    for (const socket of [facilitator, phone]) socket.on("disconnect", (reason) => disconnects.push(reason));
    const ack = await ask(phone, "poll:respond", { pollId, value: { choice: "tcbm-only" }, responseId: randomUUID() });
    expect(ack).toMatchObject({ ok: true });

    // SIGTERM right after the ack: what was acknowledged must survive.
    expect(await server.stop("SIGTERM")).toBe(0);
    await waitFor(() => disconnects.length === 2, 2_000);
    expect(facilitator.connected || phone.connected).toBe(false);
    // better-sqlite3 checkpoints and deletes the WAL when the last connection closes: storage was closed.
    expect(readdirSync(dataDir).filter((f) => f.startsWith("roundtable.sqlite"))).toEqual(["roundtable.sqlite"]);

    const check = await openProcessFixtures(dataDir, hashPassword);
    try {
      const run = (await check.stores.polls.latestRun(s.sessionId, pollId))!;
      expect(await check.stores.polls.listResponses(run.id)).toEqual([{ value: { choice: "tcbm-only" }, sector: null }]);
      const types = (await check.stores.sessions.listEvents(s.sessionId)).map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(["session.started", "poll.opened"]));
    } finally {
      await check.close();
    }
  }, 90_000);
});
