/**
 * Presence over real sockets (server/realtime/presence.ts): counts kept per connect/disconnect,
 * each person once across tabs, sent coalesced (≤ 4/s) to staff only — never a room-wide message
 * per connect.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PresenceView } from "../../app/domain/events";
import { startTestApp, waitFor, type TestApp } from "../helpers/app";

let t: TestApp;
let fx: Awaited<ReturnType<TestApp["makeWorkshop"]>>;

beforeAll(async () => {
  t = await startTestApp();
  fx = await t.makeWorkshop();
});
afterAll(async () => t?.close());

describe("presence", () => {
  it("staff get coalesced counts (tabs count once, leaving uncounts); phones and the projector get none", async () => {
    const session = await t.app.stores.sessions.create({ workshopId: fx.workshopId, title: "S", panelIds: fx.panelIds, createdBy: fx.userId });
    const facilitator = await t.connect({ sessionId: session.id, cookie: fx.cookie });
    const staffSeen: PresenceView[] = [];
    facilitator.on("presence:updated", (v) => staffSeen.push(v));
    const projector = await t.connect({ sessionId: session.id, projectorKey: session.projectorKey });
    let roomSeen = 0;
    projector.on("presence:updated", () => roomSeen++);

    const named = await t.join(session.joinCode, { displayName: "Ama" });
    const started = Date.now();
    const [tab1, tab2] = await Promise.all([t.connect({ sessionId: session.id, cookie: named }), t.connect({ sessionId: session.id, cookie: named })]);
    const others = await Promise.all(Array.from({ length: 12 }, async () => t.connect({ sessionId: session.id, cookie: await t.join(session.joinCode) })));
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
