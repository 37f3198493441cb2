/**
 * A flooding projector (no participant id) is cooled down by session, not by address: every
 * connection here comes from 127.0.0.1, as every connection behind nginx comes from the proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOOD_PACKETS_PER_SECOND } from "../../server/realtime/router";
import { startTestApp, type TestApp } from "../helpers/app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

describe("projector flood", () => {
  it("closes the flooding projector and refuses its session's projectors for a while; another session's projector still connects from the same address", async () => {
    const fx = await t.makeWorkshop();
    const create = () => t.app.stores.sessions.create({ workshopId: fx.workshopId, title: "S", panelIds: fx.panelIds, createdBy: fx.userId });
    const [flooded, other] = [await create(), await create()];
    const flooder = await t.connect({ sessionId: flooded.id, projectorKey: flooded.projectorKey });
    const closed = new Promise<string>((resolve) => flooder.once("disconnect", resolve));
    for (let i = 0; i < FLOOD_PACKETS_PER_SECOND * 2; i++) (flooder.emit as (event: string, payload: unknown) => void)("questions:sync", {});
    expect(await closed).toBe("io server disconnect");
    flooder.disconnect();
    await expect(t.connect({ sessionId: flooded.id, projectorKey: flooded.projectorKey })).rejects.toThrow(/rate-limited/);
    const screen = await t.connect({ sessionId: other.id, projectorKey: other.projectorKey });
    expect(screen.connected).toBe(true);
  });
});
