/**
 * Re-asking a poll keeps the first run's results in the facilitator's console (QA finding B12):
 * the state the real server sends after a re-ask, rendered by the console's poll card, shows run
 * 1's results until run 2 is opened. Real server on port 0, real socket.io clients, real SQLite;
 * the card is rendered with React's server renderer and the app's i18next.
 */
import { randomUUID } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { PollControls } from "../../app/components/polls/PollControls";
import type { PollsStateView } from "../../app/domain/polls/events";
import { createI18n } from "../../app/i18n/config";
import type { PollsApi } from "../../app/realtime/usePolls";
import { ask, useTestAppWithWorkshop } from "../helpers/app";

const ctx = useTestAppWithWorkshop();

describe("console after a re-ask", () => {
  it("shows run 1's results while run 2 is not opened", async () => {
    const { t, fx } = ctx;
    const session = await t.app.stores.sessions.create({ workshopId: fx.workshopId, title: "Day 1", panelIds: fx.panelIds, createdBy: fx.userId });
    const facilitator = await t.connect({ sessionId: session.id, cookie: fx.cookie });
    expect(await ask(facilitator, "session:start")).toEqual({ ok: true });
    const agenda = await t.app.stores.workshops.getAgenda(fx.workshopId);
    const id = agenda.flatMap((p) => p.polls).find((p) => p.key === "oewg-ideal-outcome")!.id;
    await ask(facilitator, "poll:open", { pollId: id });
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${t.baseUrl}/j/${session.joinCode}`, { method: "POST", body: new URLSearchParams({ displayName: "", sector: "", consent: "on" }), redirect: "manual" });
      const phone = await t.connect({ sessionId: session.id, cookie: res.headers.get("set-cookie")!.split(";")[0] });
      expect((await ask(phone, "poll:respond", { pollId: id, value: { choice: "tcbm-only" }, responseId: randomUUID() })).ok).toBe(true);
      phone.disconnect();
    }
    await ask(facilitator, "poll:close", { pollId: id });
    expect(await ask(facilitator, "poll:reset", { pollId: id })).toEqual({ ok: true });
    const state = (await ask(facilitator, "polls:sync")).data as PollsStateView;
    const poll = state.polls.find((p) => p.id === id)!;
    expect([poll.run, poll.status]).toEqual([2, "draft"]);

    const api = { polls: state.polls, questions: [], questionsProjected: false, participantCount: state.participantCount, send: async () => ({ ok: true }) } as unknown as PollsApi;
    const i18n = createI18n("en");
    const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(PollControls, { poll, api })));
    expect(html).toContain('data-testid="previous-run"');
    expect(html).toContain("Results of run 1 (kept for comparison)");
    expect(html).toMatch(/data-testid="poll-results"[^>]*data-n="3"/);
    facilitator.disconnect();
  });
});
