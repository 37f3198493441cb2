/**
 * Ranking results on a phone (QA finding U2): the participant's own ranking is shown once, in
 * their order, not as "✓ Your answer: n" on every row; mean rank and Borda columns are marked
 * to drop on narrow screens. Rendered with React's server renderer and the app's i18next.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { RankTable } from "../../app/components/polls/results/RankTable";
import { createI18n } from "../../app/i18n/config";
import type { RankingTally } from "../../app/domain/polls/types";
import type { PollDefinition } from "../../app/domain/template";

const poll = {
  key: "obstacles", kind: "ranking", question: "Rank", visibility: "live",
  options: [{ key: "a", label: "Trust" }, { key: "b", label: "Verification" }, { key: "c", label: "Definitions" }],
} as PollDefinition;
const tally = {
  kind: "ranking", n: 3,
  options: [{ key: "b", borda: 5, meanRank: 1.3, firstChoices: 2 }, { key: "a", borda: 3, meanRank: 2, firstChoices: 1 }, { key: "c", borda: 1, meanRank: 2.7, firstChoices: 0 }],
} as unknown as RankingTally;

describe("RankTable", () => {
  it("shows the participant's ranking once, in their order", () => {
    const i18n = createI18n("en");
    const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(RankTable, { poll, tally, mine: ["c", "a", "b"] })));
    expect(html.match(/Your (answer|ranking)/g)).toEqual(["Your ranking"]);
    expect(html).toContain("<ol><li>Definitions</li><li>Trust</li><li>Verification</li></ol>");
    expect(html.match(/class="rank-extra"/g)).toHaveLength(2 + 2 * 3);
  });
});
