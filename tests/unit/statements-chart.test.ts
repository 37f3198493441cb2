/**
 * Statements results: "Too few votes per sector" is said once above the list when no statement
 * can be judged yet (it was repeated under each of ten statements, a tenth of the projector), and
 * per statement as soon as any statement has a consensus finding. The agreement share says it
 * counts only those who took a side.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { StatementsChart } from "../../app/components/polls/results/StatementsChart";
import { createI18n } from "../../app/i18n/config";
import type { ConsensusStatus, StatementsTally } from "../../app/domain/polls/types";
import type { PollDefinition } from "../../app/domain/template";

const poll = {
  key: "s", kind: "statements", question: "Agree?", visibility: "live",
  statements: [{ key: "a", text: "Norms are enough" }, { key: "b", text: "A treaty is needed" }, { key: "c", text: "Debris is the main threat" }],
} as unknown as PollDefinition;
const tally = (statuses: ConsensusStatus[]) =>
  ({
    kind: "statements", n: 3, ignored: 0,
    statements: statuses.map((status, i) => ({ key: "abc"[i], agree: 2, disagree: 1, pass: 0, agreement: 2 / 3, consensus: { status } })),
  }) as unknown as StatementsTally;
const render = (t: StatementsTally) =>
  renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n("en") }, createElement(StatementsChart, { poll, tally: t, mine: {} })));
const count = (html: string, text: string) => html.split(text).length - 1;

describe("statements chart", () => {
  it("says 'too few votes per sector' once when no statement can be judged", () => {
    const html = render(tally(["insufficient", "insufficient", "insufficient"]));
    expect(count(html, "Too few votes per sector")).toBe(1);
    expect(html.indexOf("Too few votes per sector")).toBeLessThan(html.indexOf("Norms are enough"));
  });

  it("keeps a badge under each statement once any has a finding", () => {
    const html = render(tally(["consensus", "insufficient", "divisive"]));
    expect(count(html, 'data-testid="consensus"')).toBe(3);
    expect(html).toContain("Broad consensus");
    expect(html).toContain("Divides sectors");
    expect(count(html, "Too few votes per sector")).toBe(1);
  });

  it("says the agreement share leaves passes out (1 agree and 4 passes is not '100% agree')", () => {
    const one = { kind: "statements", n: 5, ignored: 0, statements: [{ key: "a", agree: 1, disagree: 0, pass: 4, agreement: 1, consensus: { status: "insufficient" } }] } as unknown as StatementsTally;
    const html = render(one);
    expect(html).toContain("100% of those taking a side agree");
    expect(html).toMatch(/Pass(<!-- -->)? 4/);
  });
});
