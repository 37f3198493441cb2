/**
 * Limits on a real server (port 0, real sockets, real SQLite): every client event is rate-limited
 * per participant (all of a participant's tabs share one budget, 40 events / 2 s), and flooding one
 * session does not slow another. The flood runs in a separate process (tests/helpers/flood-client.ts)
 * and the check is relative: a second session's ack latency during the flood against its own latency
 * without it, measured in alternating phases so machine-load drift hits both alike.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { FLOOD_PACKETS_PER_SECOND } from "../../server/realtime/router";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ask, useTestAppWithWorkshop, type TestSocket } from "../helpers/app";

const ctx = useTestAppWithWorkshop({ env: { DOOR_RATE_PER_MINUTE: "10000" } });
const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every event a client may send (app/domain/events.ts ClientToServerEvents), with a valid-looking payload. */
const EVENTS: [string, (pollId: string) => unknown][] = [
  ["session:sync", () => ({})],
  ["session:start", () => ({})],
  ["session:end", () => ({})],
  ["panel:advance", () => ({})],
  ["panel:rewind", () => ({})],
  ["panel:goto", () => ({ index: 1 })],
  ["polls:sync", () => ({})],
  ["poll:respond", (pollId) => ({ pollId, value: { choice: "tcbm-only" }, responseId: randomUUID() })],
  ["poll:open", (pollId) => ({ pollId })],
  ["poll:close", (pollId) => ({ pollId })],
  ["poll:reopen", (pollId) => ({ pollId })],
  ["poll:reset", (pollId) => ({ pollId })],
  ["poll:visibility", (pollId) => ({ pollId, visibility: "live" })],
  ["poll:project", (pollId) => ({ pollId, projected: true })],
  ["poll:create", () => ({ panelIndex: 0, poll: { kind: "open", question: "Q?" } })],
  ["questions:sync", () => ({})],
  ["question:ask", () => ({ text: `Question ${randomUUID()}` })],
  ["question:upvote", () => ({ questionId: "no-such-question" })],
  ["question:unvote", () => ({ questionId: "no-such-question" })],
  ["question:moderate", () => ({ questionId: "no-such-question", status: "approved" })],
  ["question:project", () => ({ show: true })],
];

describe("rate limits", () => {
  it("covers the whole client event map", async () => {
    const source = (await import("node:fs")).readFileSync(path.join(ROOT, "app/domain/events.ts"), "utf8");
    const block = source.slice(source.indexOf("interface ClientToServerEvents"));
    const declared = [...block.slice(0, block.indexOf("\n}")).matchAll(/^\s+"([a-z]+:[a-z-]+)"/gm)].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(10);
    expect(EVENTS.map(([e]) => e).sort()).toEqual([...declared].sort());
  });

  it("session:sync is rate-limited too", async () => {
    const { t, fx } = ctx;
    const { session } = await t.liveSession(fx);
    const tab = await t.connect({ sessionId: session.id, cookie: await t.join(session.joinCode) });
    const acks = await Promise.all(Array.from({ length: 70 }, () => ask(tab, "session:sync", {})));
    tab.disconnect();
    expect(acks.filter((a) => a.error === "rate-limited").length).toBeGreaterThanOrEqual(20);
    // The ones within budget are full states.
    expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(35);
  });

  it.each(EVENTS)("%s: a participant's two tabs share one budget; the excess is refused as rate-limited", async (event, payload) => {
    const { t, fx } = ctx;
    const { session, pollId } = await t.liveSession(fx);
    const id = pollId("oewg-ideal-outcome");
    const cookie = await t.join(session.joinCode);
    const tabs = await Promise.all([0, 1].map(() => t.connect({ sessionId: session.id, cookie })));
    const acks = await Promise.all(Array.from({ length: 70 }, (_, i) => ask(tabs[i % 2], event as "polls:sync", payload(id))));
    const limited = acks.filter((a) => a.error === "rate-limited").length;
    // 40 per 2 s; a few may be replenished while 70 acks travel on a loaded machine.
    expect(limited, JSON.stringify(acks.slice(0, 3))).toBeGreaterThanOrEqual(20);
    expect(limited).toBeLessThanOrEqual(35);
    // Another participant of the same session is not limited by it.
    const other = await t.connect({ sessionId: session.id, cookie: await t.join(session.joinCode) });
    expect((await ask(other, event as "polls:sync", payload(id))).error).not.toBe("rate-limited");
    for (const s of [...tabs, other]) s.disconnect();
  });
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe("isolation between sessions", () => {
  it("a flood on one session does not slow another session's votes (relative to its own unflooded latency)", async () => {
    const { t, fx } = ctx;
    const A = await t.liveSession(fx);
    const B = await t.liveSession(await t.makeWorkshop());
    const idA = A.pollId("oewg-ideal-outcome");
    const idB = B.pollId("oewg-ideal-outcome");
    expect(await ask(A.facilitator, "poll:open", { pollId: idA })).toEqual({ ok: true });
    expect(await ask(B.facilitator, "poll:open", { pollId: idB })).toEqual({ ok: true });
    // A fresh set of flooders per round: a flooder the server closed is refused for FLOOD_COOLDOWN_MS.
    const floodCookies = await Promise.all(Array.from({ length: 2 }, () => Promise.all(Array.from({ length: 12 }, () => t.join(A.session.joinCode)))));
    // Five voters in B take turns so none of them nears its own rate limit.
    const voters: TestSocket[] = await Promise.all(Array.from({ length: 5 }, async () => t.connect({ sessionId: B.session.id, cookie: await t.join(B.session.joinCode) })));
    let turn = 0;
    const vote = async () => {
      const started = performance.now();
      const ack = await ask(voters[turn++ % voters.length], "poll:respond", { pollId: idB, value: { choice: turn % 2 ? "tcbm-only" : "balanced-package" }, responseId: randomUUID() });
      expect(ack).toMatchObject({ ok: true });
      return performance.now() - started;
    };
    const sample = async (n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push(await vote());
      return out;
    };

    const dir = mkdtempSync(path.join(os.tmpdir(), "rt-flood-"));
    const flood = async (cookies: string[], seconds: number, during: () => Promise<number[]>) => {
      const file = path.join(dir, `flood-${randomUUID()}.json`);
      writeFileSync(file, JSON.stringify({ baseUrl: t.baseUrl, sessionId: A.session.id, pollId: idA, cookies, seconds }));
      const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["tests/helpers/flood-client.ts", file], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`flood client not ready: ${out}`)), 30_000);
        child.stdout.on("data", () => out.includes("READY") && (clearTimeout(timer), resolve()));
      });
      const latencies = await during();
      await exited;
      return { latencies, counts: JSON.parse(out.trim().split("\n").at(-1)!) as { sent: number; ok: number; limited: number; other: number; closed: number; refused: number } };
    };

    try {
      await sample(5); // warm-up: first-use caches and JIT
      const quiet: number[] = [];
      const flooded: number[] = [];
      const floods: { sent: number; ok: number; limited: number; closed: number; refused: number }[] = [];
      for (let round = 0; round < 2; round++) {
        quiet.push(...(await sample(20)));
        const f = await flood(floodCookies[round], 3, () => sample(20));
        flooded.push(...f.latencies);
        floods.push(f.counts);
      }
      const report = { quietMedianMs: median(quiet), floodedMedianMs: median(flooded), floods };
      console.log(JSON.stringify(report));
      // The flood was real (thousands of events) and was cut off: every flooding connection was closed
      // by the server within its first burst (so none of it was answered), and its reconnects refused.
      for (const f of floods) {
        expect(f.sent).toBeGreaterThan(1_000);
        expect(f.ok + f.limited).toBeLessThan(12 * FLOOD_PACKETS_PER_SECOND);
        expect(f.closed).toBeGreaterThanOrEqual(12);
        expect(f.refused).toBeGreaterThan(12);
      }
      // B's votes keep their pace: the median ack under A's flood stays within 3x B's own quiet median.
      expect(median(flooded), JSON.stringify(report)).toBeLessThanOrEqual(3 * median(quiet));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
