/**
 * Connection-state recovery keeps no per-connection full states (server/realtime/recovery.ts): the
 * session, polls and Q&A states sent to each connection are not kept in the adapter's replay
 * buffer, nor tallies (every connection's polls:state carries them); other room broadcasts are,
 * and a short network cut is still recovered with the missed broadcast replayed.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { SessionStateView } from "../../app/domain/events";
import { io as ioClient } from "socket.io-client";
import { ask, useTestAppWithWorkshop, waitFor, type TestSocket } from "../helpers/app";

const ctx = useTestAppWithWorkshop();

type Stored = { opts: { rooms: Set<string> }; data: unknown[] };
const kept = () => (ctx.t.app.io.of("/").adapter as unknown as { packets: Stored[] }).packets;

describe("recovery buffer", () => {
  it("keeps room broadcasts, not the per-connection full states; a cut connection is still recovered", async () => {
    const { session, facilitator } = await ctx.t.liveSession(ctx.fx);
    const phones = await Promise.all(Array.from({ length: 5 }, async () => ctx.t.connect({ sessionId: session.id, cookie: await ctx.t.join(session.joinCode) })));
    const ids = new Set([facilitator, ...phones].map((s) => s.id!));
    // Each connection was sent identity, session, polls and Q&A states: only the small identity is kept (its offset makes recovery possible).
    await waitFor(() => phones.every((p) => p.connected));
    expect(kept().filter((p) => [...p.opts.rooms].some((r) => ids.has(r))).map((p) => p.data[0])).toEqual([...ids].map(() => "session:identity"));

    // A phone that reconnects by itself (the test helper's clients do not).
    const phone: TestSocket = ioClient(ctx.t.baseUrl, {
      transports: ["websocket"], auth: { sessionId: session.id }, extraHeaders: { cookie: await ctx.t.join(session.joinCode) }, forceNew: true,
      reconnectionDelay: 100, reconnectionDelayMax: 100,
    });
    let identified = false;
    phone.on("session:identity", () => (identified = true));
    // It must have received a kept packet (its identity) for its offset to be restorable.
    await waitFor(() => identified);
    const states: SessionStateView[] = [];
    phone.on("session:state", (s) => states.push(s));
    phone.io.engine.close(); // a network cut; the client reconnects by itself
    await waitFor(() => !phone.connected);
    expect(await ask(facilitator, "panel:advance")).toEqual({ ok: true });
    const broadcast = kept().filter((p) => p.data[0] === "session:state");
    expect(broadcast.length).toBeGreaterThan(0);
    expect([...broadcast.at(-1)!.opts.rooms]).toEqual([`session:${session.id}`]);
    await waitFor(() => phone.connected, 10_000);
    expect(phone.recovered).toBe(true);
    await waitFor(() => states.some((s) => s.currentPanelIndex === 1));
    phone.disconnect();
  });

  it("sends tallies to the room without keeping them in the recovery buffer", async () => {
    const { session, facilitator, pollId } = await ctx.t.liveSession(ctx.fx);
    const id = pollId("binding-vs-nonbinding");
    const phone = await ctx.t.connect({ sessionId: session.id, cookie: await ctx.t.join(session.joinCode) });
    const tallies: unknown[] = [];
    phone.on("poll:tallied", (v) => tallies.push(v));
    expect(await ask(facilitator, "poll:visibility", { pollId: id, visibility: "live" })).toEqual({ ok: true });
    expect(await ask(facilitator, "poll:open", { pollId: id })).toEqual({ ok: true });
    expect((await ask(phone, "poll:respond", { pollId: id, value: { score: 3 }, responseId: randomUUID() })).ok).toBe(true);
    await waitFor(() => tallies.length > 0);
    expect(kept().filter((p) => p.data[0] === "poll:tallied")).toEqual([]);
    // Other room broadcasts are still kept (the poll opening changed the room's polls state).
    expect(kept().some((p) => p.opts.rooms.has(`session:${session.id}`))).toBe(true);
  });
});
