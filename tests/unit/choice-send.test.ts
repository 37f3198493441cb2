/**
 * Tap-to-answer kinds have no dead Send button (trial 82): single choice and scale send on tap, so
 * no disabled "Send my answer" sits beside the receipt; the button is there only for a selection
 * the keyboard moved and has not sent (QA finding A1, checked end to end in polls.spec.ts).
 * A closed ranking poll's ↑/↓ buttons are disabled (trial 46), and a closed poll of a kind that
 * has a Send button (multiple, ranking, open) shows none: there is nothing left to send.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { MultipleAnswer } from "../../app/components/polls/answer/MultipleAnswer";
import { OpenAnswer } from "../../app/components/polls/answer/OpenAnswer";
import { RankingAnswer } from "../../app/components/polls/answer/RankingAnswer";
import { ScaleAnswer } from "../../app/components/polls/answer/ScaleAnswer";
import { SingleAnswer } from "../../app/components/polls/answer/SingleAnswer";
import { createI18n } from "../../app/i18n/config";

const single = { key: "s", kind: "single", question: "Pick", visibility: "live", options: [{ key: "a", label: "A" }, { key: "b", label: "B" }] } as const;
const scale = { key: "c", kind: "scale", question: "Rate", visibility: "live", min: 1, max: 5, minLabel: "Low", maxLabel: "High" } as const;
const multiple = { key: "m", kind: "multiple", question: "Pick some", visibility: "live", maxChoices: 2, options: [{ key: "a", label: "A" }, { key: "b", label: "B" }] } as const;
const open = { key: "o", kind: "open", question: "Say", visibility: "on-close", maxLength: 140 } as const;
const ranking = { key: "r", kind: "ranking", question: "Rank", visibility: "live", options: [{ key: "a", label: "A" }, { key: "b", label: "B" }, { key: "c", label: "C" }] } as const;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const html = (el: (props: any) => JSX.Element, props: object) =>
  renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n("en") }, createElement(el, props)));
const noop = () => undefined;

describe("answer buttons", () => {
  it.each([
    ["single, unanswered", SingleAnswer, { poll: single, value: null }],
    ["single, answered", SingleAnswer, { poll: single, value: { choice: "a" } }],
    ["scale, answered", ScaleAnswer, { poll: scale, value: { score: 3 } }],
  ] as const)("%s: no Send button while nothing waits to be sent", (_name, el, props) => {
    const out = html(el, { idBase: "x", disabled: false, onAnswer: noop, ...props });
    expect(out).toContain('type="radio"');
    expect(out).not.toContain("Send my answer");
  });

  it("a closed ranking poll disables every move button", () => {
    const out = html(RankingAnswer, { poll: ranking, idBase: "r", value: { order: ["b", "a", "c"] }, disabled: true, onAnswer: noop });
    const moves = out.match(/<button[^>]*aria-label="Move [^"]*"[^>]*>/g) ?? [];
    expect(moves).toHaveLength(6);
    for (const b of moves) expect(b).toContain('disabled=""');
  });

  it.each([
    ["multiple", MultipleAnswer, { poll: multiple, value: { choices: ["a"] } }, "Send my answer"],
    ["ranking", RankingAnswer, { poll: ranking, value: { order: ["b", "a", "c"] } }, "Send my answer"],
    ["ranking, never answered", RankingAnswer, { poll: ranking, value: null }, "Submit this order"],
    ["open", OpenAnswer, { poll: open, value: { text: "debris" } }, "Send my answer"],
  ] as const)("%s: a Send button while open, none once closed", (_name, el, props, label) => {
    expect(html(el, { idBase: "x", disabled: false, onAnswer: noop, ...props })).toContain(label);
    expect(html(el, { idBase: "x", disabled: true, onAnswer: noop, ...props })).not.toContain(label);
  });
});
