/**
 * The instance bus over the real Redis on this machine (a prefix of its own per run): messages reach
 * the other instances and never their sender; what fails the zod schema is dropped and logged.
 */
import { randomBytes } from "node:crypto";
import pino from "pino";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisBus, type Bus, type BusMessage } from "../../server/realtime/bus";
import { waitFor } from "../helpers/app";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `rt-test-bus-${randomBytes(6).toString("hex")}:`;
const clients: Array<{ close(): Promise<unknown>; publish(channel: string, message: string): Promise<unknown> }> = [];
const warnings: string[] = [];
const logger = pino({ level: "warn" }, { write: (line: string) => void warnings.push(line) });

async function instance(): Promise<{ bus: Bus; seen: Array<{ msg: BusMessage; from: string }> }> {
  const pub = createClient({ url: REDIS_URL });
  const sub = pub.duplicate();
  clients.push(pub, sub);
  await Promise.all([pub.connect(), sub.connect()]);
  const bus = await createRedisBus({ pub, sub, prefix, logger });
  const seen: Array<{ msg: BusMessage; from: string }> = [];
  bus.on("polls.changed", (msg, from) => seen.push({ msg, from }));
  bus.on("agenda.edited", (msg, from) => seen.push({ msg, from }));
  return { bus, seen };
}

let a: Awaited<ReturnType<typeof instance>>;
let b: Awaited<ReturnType<typeof instance>>;
beforeAll(async () => {
  [a, b] = await Promise.all([instance(), instance()]);
});
afterAll(async () => {
  await Promise.all([a?.bus.close(), b?.bus.close()]);
  await Promise.all(clients.map((c) => c.close()));
});

describe("instance bus over Redis", () => {
  it("delivers to the other instance with the sender's id, never to the sender", async () => {
    a.bus.publish({ type: "polls.changed", sessionId: "s-1" });
    b.bus.publish({ type: "agenda.edited" });
    await waitFor(() => b.seen.length === 1 && a.seen.length === 1);
    expect(b.seen).toEqual([{ msg: { type: "polls.changed", sessionId: "s-1" }, from: a.bus.instanceId }]);
    expect(a.seen).toEqual([{ msg: { type: "agenda.edited" }, from: b.bus.instanceId }]);
    // waitFor stopped at the first deliveries: A's own message reached every subscriber before B saw
    // it, so once a later marker from B is on A, anything of A's coming back would be there too.
    b.bus.publish({ type: "polls.changed", sessionId: "marker" });
    await waitFor(() => a.seen.some(({ msg }) => msg.type === "polls.changed" && msg.sessionId === "marker"));
    expect(a.seen.filter(({ from }) => from === a.bus.instanceId)).toEqual([]);
  });

  it("drops and logs what is not a valid message; later valid ones still arrive", async () => {
    const raw = clients[0];
    await raw.publish(`${prefix}bus`, "not json");
    await raw.publish(`${prefix}bus`, JSON.stringify({ from: "someone-else", msg: { type: "polls.changed" } })); // no sessionId
    await raw.publish(`${prefix}bus`, JSON.stringify({ from: "someone-else", msg: { type: "no.such.type" } }));
    const before = b.seen.length;
    a.bus.publish({ type: "polls.changed", sessionId: "s-2" });
    await waitFor(() => b.seen.length === before + 1);
    expect(b.seen.at(-1)).toEqual({ msg: { type: "polls.changed", sessionId: "s-2" }, from: a.bus.instanceId });
    // Each instance logged each bad message once (3 per instance).
    await waitFor(() => warnings.length >= 6);
    expect(warnings.filter((w) => /unreadable message dropped/.test(w))).toHaveLength(2);
    expect(warnings.filter((w) => /invalid message dropped/.test(w))).toHaveLength(4);
  });
});
