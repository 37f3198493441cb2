/**
 * Crafted Socket.io packets written as raw engine.io frames over a plain `ws` connection
 * (`/socket.io/?EIO=4&transport=websocket`, handshake with the participant's cookie). The server
 * must stay up, refuse or drop the bad client, and keep serving everyone else.
 */
import { randomUUID } from "node:crypto";
import { FLOOD_PACKETS_PER_SECOND } from "../../server/realtime/router";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, startTestApp, waitFor, type TestApp, type TestSocket } from "../helpers/app";

let t: TestApp;
let sessionId: string;
let joinCode: string;
let pollId: string;
let good: TestSocket;

async function join() {
  const res = await fetch(`${t.baseUrl}/j/${joinCode}`, { method: "POST", body: new URLSearchParams({ consent: "on" }), redirect: "manual" });
  return res.headers.get("set-cookie")!.split(";")[0];
}

beforeAll(async () => {
  t = await startTestApp();
  const fx = await t.makeWorkshop();
  const session = await t.app.stores.sessions.create({ workshopId: fx.workshopId, title: "S", panelIds: fx.panelIds, createdBy: fx.userId });
  ({ id: sessionId, joinCode } = session);
  pollId = (await t.app.stores.workshops.getAgenda(fx.workshopId))[0].polls[0].id;
  const facilitator = await t.connect({ sessionId, cookie: fx.cookie });
  await ask(facilitator, "session:start");
  expect(await ask(facilitator, "poll:open", { pollId })).toEqual({ ok: true });
  good = await t.connect({ sessionId, cookie: await join() });
});
afterAll(async () => t?.close());

interface Raw {
  ws: WebSocket;
  frames: string[];
  closed: Promise<number>;
  isClosed: () => boolean;
}

/** Opens a raw engine.io websocket and completes the Socket.io CONNECT for the session. */
async function raw(): Promise<Raw> {
  const ws = new WebSocket(`${t.baseUrl.replace("http", "ws")}/socket.io/?EIO=4&transport=websocket`, { headers: { cookie: await join() } });
  const frames: string[] = [];
  let done = false;
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => ((done = true), resolve(code))));
  ws.on("error", () => undefined);
  ws.on("message", (d, binary) => {
    const s = binary ? "<binary>" : d.toString();
    if (s === "2") ws.send("3"); // engine.io ping → pong
    frames.push(s);
  });
  await waitFor(() => frames.some((f) => f.startsWith("0{")));
  ws.send(`40${JSON.stringify({ sessionId })}`);
  await waitFor(() => frames.some((f) => f.startsWith("40{")));
  return { ws, frames, closed, isClosed: () => done };
}

/** The server still works for a normal client, and over plain HTTP. */
async function stillServing() {
  expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  const ack = await ask(good, "poll:respond", { pollId, value: { choice: "tcbm-only" }, responseId: randomUUID() });
  expect(ack.ok).toBe(true);
}

describe("crafted packets", () => {
  it('42["error","x"] is dropped without crashing; the client can still send commands', async () => {
    const c = await raw();
    c.ws.send('42["error","x"]');
    c.ws.send('421["poll:respond",{"pollId":{"toString":"x"}}]');
    await waitFor(() => c.frames.some((f) => f.startsWith("431")));
    expect(c.frames.find((f) => f.startsWith("431"))).toContain("invalid-payload");
    await stillServing();
    c.ws.close();
  });

  it('42[{"toString":"x"}] (a non-string event name) and 42["disconnecting"] close that connection', async () => {
    const c = await raw();
    c.ws.send('42[{"toString":"x"}]');
    await c.closed;
    const d = await raw();
    d.ws.send('42["disconnecting"]');
    await d.closed;
    await stillServing();
  });

  it("a binary placeholder without its attachment, or pointing past it, closes that connection", async () => {
    const a = await raw();
    a.ws.send('451-["poll:respond",{"_placeholder":true,"num":0}]');
    a.ws.send('42["polls:sync",{}]'); // text while the decoder waits for binary data
    await a.closed;
    const b = await raw();
    b.ws.send('451-["poll:respond",{"_placeholder":true,"num":7}]');
    b.ws.send(Buffer.from([1, 2, 3]));
    await b.closed;
    await stillServing();
  });

  it("a 2 MB emit is refused by the payload cap and closes only that connection", async () => {
    const c = await raw();
    c.ws.send(`42["poll:respond",${JSON.stringify({ pollId, value: { choice: "x".repeat(2 * 1024 * 1024) }, responseId: randomUUID() })}]`);
    expect(await c.closed).not.toBe(1000);
    await stillServing();
  });

  it("prototype-ish and unknown event names are ignored, a flood of them disconnects", async () => {
    const c = await raw();
    for (const name of ["__proto__", "constructor", "hasOwnProperty", "toString"]) c.ws.send(`42${JSON.stringify([name, {}])}`);
    c.ws.send('421["polls:sync",{}]');
    await waitFor(() => c.frames.some((f) => f.startsWith("431")));
    expect(c.isClosed()).toBe(false);
    for (let i = 0; i < 30; i++) c.ws.send(`42["no:such-${i}",{}]`);
    await waitFor(() => c.isClosed() || c.frames.some((f) => f.startsWith("41")));
    await stillServing();
    c.ws.close();
  });

  it("an unknown command with an ack callback is acknowledged unknown-event, with or without a payload", async () => {
    const c = await raw();
    c.ws.send('427["no:such",{}]');
    c.ws.send('428["no:such-either"]');
    await waitFor(() => c.frames.some((f) => f.startsWith("437")) && c.frames.some((f) => f.startsWith("438")));
    expect(JSON.parse(c.frames.find((f) => f.startsWith("437"))!.slice(3))).toEqual([{ ok: false, error: "unknown-event" }]);
    expect(JSON.parse(c.frames.find((f) => f.startsWith("438"))!.slice(3))).toEqual([{ ok: false, error: "unknown-event" }]);
    expect(await ask(good, "no:such" as never)).toEqual({ ok: false, error: "unknown-event" });
    c.ws.close();
  });

  it("a command flood from one participant is rate-limited, then its connection closed and its reconnect refused, while others vote normally", async () => {
    const flooderCookie = await join();
    const flooder = await t.connect({ sessionId, cookie: flooderCookie });
    const closedBy = new Promise<string>((resolve) => flooder.once("disconnect", resolve));
    const flood = Promise.all(Array.from({ length: 300 }, () => ask(flooder, "polls:sync").catch(() => ({ ok: false, error: "no-ack" }))));
    const other = await t.connect({ sessionId, cookie: await join() });
    expect((await ask(other, "poll:respond", { pollId, value: { choice: "balanced-package" }, responseId: randomUUID() })).ok).toBe(true);
    expect(await closedBy).toBe("io server disconnect");
    const acks = await flood;
    // Past FLOOD_PACKETS_PER_SECOND the connection is gone: at least the rest of the burst is never answered.
    expect(acks.filter((a) => a.error === "no-ack").length).toBeGreaterThanOrEqual(300 - FLOOD_PACKETS_PER_SECOND);
    // Coming straight back is refused for a while; another participant is unaffected.
    await expect(t.connect({ sessionId, cookie: flooderCookie })).rejects.toThrow(/rate-limited/);
    expect((await ask(other, "poll:respond", { pollId, value: { choice: "tcbm-only" }, responseId: randomUUID() })).ok).toBe(true);
  });
});
