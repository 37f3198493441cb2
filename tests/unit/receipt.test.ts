/**
 * The phone's vote receipt for an answer that reached the server after the poll closed: "not
 * counted", and where the server still holds an earlier answer, that this one stands (a tester read
 * "Poll closed — not counted" beside their marked earlier answer as "my answer was thrown away").
 * Rendered with React's server renderer and the app's i18next, in English and French.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { ParticipantPoll } from "../../app/components/polls/ParticipantPoll";
import { createI18n } from "../../app/i18n/config";
import type { PollView } from "../../app/domain/polls/events";
import type { OutboxEntry } from "../../app/realtime/outbox";

const definition = {
  key: "term", kind: "open", question: "Which term needs a definition?", visibility: "live", maxLength: 80,
} as unknown as PollView["definition"];
const poll = (myResponse: PollView["myResponse"]) =>
  ({
    id: "p1", key: "term", panelId: "x", kind: "open", definition, run: 1, status: "closed", visibility: "live",
    projected: false, responseCount: 1, tally: null, previousTally: null, myResponse,
  }) as unknown as PollView;
const late: OutboxEntry = { pollId: "p1", run: 1, value: { text: "dual use systems" }, responseId: "r2", status: "closed" } as OutboxEntry;
const render = (p: PollView, lang: "en" | "fr" = "en") =>
  renderToStaticMarkup(
    createElement(I18nextProvider, { i18n: createI18n(lang) }, createElement(ParticipantPoll, { poll: p, entry: late, participantCount: 3, onAnswer: () => {} })),
  );

describe("receipt of an answer that arrived after the close", () => {
  it("says the earlier answer stands when the server holds one", () => {
    const p = poll({ value: { text: "dual use" }, responseId: "r1" } as PollView["myResponse"]);
    expect(render(p)).toContain("Poll closed — this change was not counted. Your earlier answer stands.");
    expect(render(p, "fr")).toContain("Votre réponse précédente reste valable.");
  });

  it("says only 'not counted' when there was no earlier answer", () => {
    const html = render(poll(null));
    expect(html).toContain("Poll closed — not counted");
    expect(html).not.toContain("earlier answer");
  });
});
