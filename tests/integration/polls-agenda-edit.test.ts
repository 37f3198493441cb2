/**
 * Poll definitions edited through the agenda (the panel edit route calls `workshops.updatePanel` on the
 * app's stores) during a live session reach the realtime poll cache at once: phones get the new
 * definition and votes are checked against it. Default mode: one process, real SQLite, real sockets.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { PollsStateView } from "../../app/domain/polls/events";
import type { PanelDefinition } from "../../app/domain/template";
import { ask, useTestAppWithWorkshop, waitFor } from "../helpers/app";

const ctx = useTestAppWithWorkshop();

describe("agenda edit during a live session", () => {
  it("a poll option added over the agenda is offered and accepted at once; a removed one is refused", async () => {
    const { t, fx } = ctx;
    const { session, facilitator, pollId } = await t.liveSession(fx);
    const id = pollId("oewg-ideal-outcome");
    expect(await ask(facilitator, "poll:open", { pollId: id })).toEqual({ ok: true });
    const phone = await t.connect({ sessionId: session.id, cookie: await t.join(session.joinCode, { sector: "academia" }) });
    const states: PollsStateView[] = [];
    phone.on("polls:state", (s: PollsStateView) => states.push(s));

    const agenda = await t.app.stores.workshops.getAgenda(fx.workshopId);
    const panel = agenda.find((p) => p.polls.some((q) => q.id === id))!;
    const def: PanelDefinition = {
      key: panel.key,
      title: panel.title,
      framing: panel.framing,
      prompts: panel.prompts,
      durationMinutes: panel.durationMinutes,
      polls: panel.polls.map(({ id: _id, panelId: _panel, position: _pos, ...poll }) =>
        poll.key === "oewg-ideal-outcome" && poll.kind === "single"
          ? { ...poll, options: [...poll.options.filter((o) => o.key !== "tcbm-only"), { key: "added-live", label: "An option added during the session" }] }
          : poll,
      ),
    } as PanelDefinition;
    await t.app.stores.workshops.updatePanel(panel.id, def);

    // The phone is sent the new definition without asking.
    await waitFor(() => states.some((s) => JSON.stringify(s).includes("added-live")));
    const added = await ask(phone, "poll:respond", { pollId: id, value: { choice: "added-live" }, responseId: randomUUID() });
    expect(added).toMatchObject({ ok: true });
    const removed = await ask(phone, "poll:respond", { pollId: id, value: { choice: "tcbm-only" }, responseId: randomUUID() });
    expect(removed).toMatchObject({ ok: false, error: "invalid-payload" });
  });
});
