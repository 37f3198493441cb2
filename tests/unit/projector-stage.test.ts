/**
 * What the room's screen shows (trial findings 38 and 50): a projected `on-close` poll shows its
 * question, options and response count while open ("Results appear when the poll closes"), then
 * results once closed; a `hidden` poll never shows results; projected questions win over a
 * projected poll. Rendered with React's server renderer and the app's i18next.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { ProjectorStage, projectorView } from "../../app/components/polls/ProjectorStage";
import { createI18n } from "../../app/i18n/config";
import type { PollView } from "../../app/domain/polls/events";
import type { PollsApi } from "../../app/realtime/usePolls";

const definition = {
  key: "binding", kind: "single", question: "How binding should it be?", visibility: "on-close",
  options: [{ key: "a", label: "Legally binding" }, { key: "b", label: "Voluntary" }],
} as PollView["definition"];
const tally = { kind: "single", n: 3, options: [{ key: "a", count: 2, share: 2 / 3 }, { key: "b", count: 1, share: 1 / 3 }] } as unknown as PollView["tally"];

function poll(over: Partial<PollView>): PollView {
  return {
    id: "p1", key: "binding", panelId: "x", kind: "single", definition, run: 1, status: "open", visibility: "on-close",
    projected: true, responseCount: 3, tally: null, previousTally: null, myResponse: null, ...over,
  } as PollView;
}
const api = (polls: PollView[], questionsProjected = false) =>
  ({ polls, questionsProjected, questions: [], participantCount: 5 }) as unknown as PollsApi;
const render = (a: PollsApi, lang: "en" | "fr" = "en") =>
  renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(lang) }, createElement(ProjectorStage, { api: a })));

describe("projector stage", () => {
  it("shows an open on-close poll's question, options and count without results", () => {
    const html = render(api([poll({})]));
    expect(html).toContain("How binding should it be?");
    expect(html).toContain("<li>Legally binding</li>");
    expect(html).toContain("3 responses");
    expect(html).toContain("Results appear when the poll closes.");
    expect(html).not.toContain('data-testid="poll-results"');
    expect(render(api([poll({})]), "fr")).toContain("Les résultats s’afficheront à la clôture du sondage.");
  });

  it("shows the results once the on-close poll is closed", () => {
    const html = render(api([poll({ status: "closed", tally })]));
    expect(html).toContain('data-testid="poll-results"');
    expect(html).not.toContain("Results appear when the poll closes.");
  });

  it("never shows a hidden poll's results, even with a tally at hand", () => {
    const p = poll({ status: "closed", visibility: "hidden", tally });
    expect(projectorView(api([p]))).toMatchObject({ kind: "poll", results: false });
    const html = render(api([p]));
    expect(html).toContain("Results are not shown in the room.");
    expect(html).not.toContain('data-testid="poll-results"');
  });

  it("shows nothing for a draft, and questions win over a projected poll", () => {
    expect(projectorView(api([poll({ status: "draft" })]))).toBeNull();
    expect(projectorView(api([poll({})], true))).toEqual({ kind: "questions" });
    expect(render(api([poll({})], true))).toContain('data-testid="projector-questions"');
  });
});
