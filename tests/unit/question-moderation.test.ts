/**
 * Q&A moderation actions follow the question's status (trial 49): an answered question offers no
 * "Approve" (it was approved already; approving again would undo "answered"); pending and hidden
 * ones do; an answered one offers "Not answered yet". Rendered with React's server renderer and the app's i18next.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { expect, it } from "vitest";
import { QuestionModeration } from "../../app/components/polls/QuestionModeration";
import { createI18n } from "../../app/i18n/config";
import type { QuestionView } from "../../app/domain/polls/events";
import type { PollsApi } from "../../app/realtime/usePolls";

const q = (id: string, status: QuestionView["status"]): QuestionView =>
  ({ id, text: `Question ${id}`, status, votes: 0, votedByMe: false, mine: false, askedBy: null, createdAt: 1 });

it("offers Approve on pending and hidden questions, not on answered or approved ones", () => {
  const api = { questions: [q("p", "pending"), q("a", "answered"), q("h", "hidden"), q("ok", "approved")], questionsProjected: false } as unknown as PollsApi;
  const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n("en") }, createElement(QuestionModeration, { api })));
  const approves = [...html.matchAll(/aria-label="Approve question: ([^"]+)"/g)].map((m) => m[1]);
  expect(approves.sort()).toEqual(["Question h", "Question p"]);
  expect(html).toContain("Back to pending: Question h");
  // An answered question can be taken back (marked by mistake), and only that one.
  expect([...html.matchAll(/aria-label="Not answered yet: ([^"]+)"/g)].map((m) => m[1])).toEqual(["Question a"]);
});
