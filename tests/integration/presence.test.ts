/**
 * Presence over real sockets (server/realtime/presence.ts): counts kept per connect/disconnect,
 * each person once across tabs, sent coalesced (≤ 4/s) to staff only — never a room-wide message
 * per connect.
 */
import { describe, expect, it } from "vitest";
import type { PresenceView } from "../../app/domain/events";
import { useTestAppWithWorkshop, waitFor } from "../helpers/app";

const ctx = useTestAppWithWorkshop();

describe("presence", () => {
  it("staff get coalesced counts (tabs count once, leaving uncounts); phones and the projector get none", async () => {
    const session = await ctx.t.app.stores.sessions.create({ workshopId: ctx.fx.workshopId, title: "S", panelIds: ctx.fx.panelIds, createdBy: ctx.fx.userId });
    const facilitator = await ctx.t.connect({ sessionId: session.id, cookie: ctx.fx.cookie });
    const staffSeen: PresenceView[] = [];
    facilitator.on("presence:updated", (v) => staffSeen.push(v));
    const projector = await ctx.t.connect({ sessionId: session.id, projectorKey: session.projectorKey });
    let roomSeen = 0;
    projector.on("presence:updated", () => roomSeen++);

    const named = await ctx.t.join(session.joinCode, { displayName: "Ama" });
    const started = Date.now();
    const [tab1, tab2] = await Promise.all([ctx.t.connect({ sessionId: session.id, cookie: named }), ctx.t.connect({ sessionId: session.id, cookie: named })]);
    const others = await Promise.all(Array.from({ length: 12 }, async () => ctx.t.connect({ sessionId: session.id, cookie: await ctx.t.join(session.joinCode) })));
    for (const s of [tab1, tab2, ...others]) s.on("presence:updated", () => roomSeen++);
    // Facilitator + Ama (two tabs) + 12 others; the projector is not a person.
    await waitFor(() => staffSeen.at(-1)?.connected === 14);
    const elapsed = Date.now() - started;
    expect(staffSeen.at(-1)!.names).toEqual(["Ama", "Org Aniser"]);
    // 15 connects, but at most one update per 250 ms window (plus the first, sent at once).
    expect(staffSeen.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 2);
    expect(staffSeen.length).toBeLessThan(15);

    tab1.disconnect();
    await new Promise((r) => setTimeout(r, 400));
    expect(staffSeen.at(-1)!.connected).toBe(14);
    tab2.disconnect();
    others[0].disconnect();
    await waitFor(() => staffSeen.at(-1)?.connected === 12);
    expect(staffSeen.at(-1)!.names).toEqual(["Org Aniser"]);
    expect(roomSeen).toBe(0);
  });
});
