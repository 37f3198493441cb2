/**
 * Duplicate poll options are refused (QA finding B10) by the schema every boundary uses
 * (app/domain/template.ts): here through the live "Add a poll now" command on a real socket, and
 * nothing is stored. Real server on port 0, real SQLite.
 */
import { describe, expect, it } from "vitest";
import { ask, useTestAppWithWorkshop } from "../helpers/app";

const ctx = useTestAppWithWorkshop();

describe("poll:create with duplicate options", () => {
  it("refuses options that differ only by case or spaces, with the field's path, and stores nothing", async () => {
    const { t, fx } = ctx;
    const session = await t.app.stores.sessions.create({ workshopId: fx.workshopId, title: "Day 1", panelIds: fx.panelIds, createdBy: fx.userId });
    const facilitator = await t.connect({ sessionId: session.id, cookie: fx.cookie });
    expect(await ask(facilitator, "session:start")).toEqual({ ok: true });
    const before = (await t.app.stores.workshops.getAgenda(fx.workshopId)).flatMap((p) => p.polls).length;
    const options = [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }, { key: "yes-2", label: "  YES " }];
    const refused = await ask(facilitator, "poll:create", { panelId: fx.panelIds[0], definition: { key: "dup", kind: "single", question: "Agree?", options } });
    expect(refused).toMatchObject({ ok: false, error: "invalid-payload" });
    expect(JSON.stringify(refused.issues)).toContain("definition.options.2.label");
    expect(JSON.stringify(refused.issues)).toContain("same as option 1");
    const statements = [{ key: "a", text: "Norms first" }, { key: "b", text: "norms   FIRST" }];
    const refused2 = await ask(facilitator, "poll:create", { panelId: fx.panelIds[0], definition: { key: "dup2", kind: "statements", question: "Agree?", statements } });
    expect(JSON.stringify(refused2.issues)).toContain("definition.statements.1.text");
    expect((await t.app.stores.workshops.getAgenda(fx.workshopId)).flatMap((p) => p.polls)).toHaveLength(before);
    // Different labels are still accepted.
    const ok = await ask(facilitator, "poll:create", { panelId: fx.panelIds[0], definition: { key: "fine", kind: "single", question: "Agree?", options: options.slice(0, 2) } });
    expect(ok).toMatchObject({ ok: true });
    facilitator.disconnect();
  });
});
