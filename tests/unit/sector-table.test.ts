/**
 * The live "By sector" table (app/components/polls/results/SectorTable.tsx): hidden cells show
 * "<k" and never a number; when every cell is hidden (a room smaller than k in each sector) one
 * line says so instead of a table of "<k" (as the exports do). Rendered with React's server
 * renderer and the app's i18next.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { SectorTable } from "../../app/components/polls/results/SectorTable";
import type { Cell } from "../../app/domain/polls/suppress";
import type { SectorBreakdown } from "../../app/domain/polls/types";
import { createI18n } from "../../app/i18n/config";

const hidden: Cell = { count: null, suppressed: true };
const shown = (count: number): Cell => ({ count, suppressed: false });
const render = (table: SectorBreakdown, lang: "en" | "fr" = "en") =>
  renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(lang) }, createElement(SectorTable, { table, columnLabel: (c: string) => c.toUpperCase(), label: "By sector: Q" })));

describe("sector table", () => {
  it("says in one line that everything is withheld when every cell is hidden", () => {
    const table = { rows: ["government", "industry"], cols: ["yes", "no"], cells: [[hidden, hidden], [hidden, hidden]], rowTotals: [hidden, hidden], colTotals: [3, 1], total: 4, k: 5, anySuppressed: true } as SectorBreakdown;
    const html = render(table);
    expect(html).toContain("Withheld to protect small groups: fewer than 5 people in each sector.");
    expect(html).not.toContain("<table");
    expect(html).not.toContain("Groups smaller than");
    expect(render(table, "fr")).toContain("Masqué pour protéger les petits groupes");
  });

  it("shows the table with '<k' in hidden cells when some can be shown", () => {
    const table = { rows: ["government", "industry"], cols: ["yes", "no"], cells: [[shown(6), shown(0)], [hidden, hidden]], rowTotals: [shown(6), hidden], colTotals: [8, 1], total: 9, k: 5, anySuppressed: true } as SectorBreakdown;
    const html = render(table);
    expect(html).toContain("<table");
    expect(html).toContain("&lt;5");
    expect(html).toContain("Groups smaller than 5 are hidden");
    expect(html).not.toContain("Withheld to protect");
  });
});
