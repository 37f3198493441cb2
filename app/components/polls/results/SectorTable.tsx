/**
 * Sector breakdown as published by the domain: suppressed cells show "<k" and never a number
 * (the count is not even in the data); when every cell is suppressed, one line says so instead.
 * Sectors shown as an empty 0 row (attributed rule) are left out.
 * The table itself is the compare page's (`SectorBreakdownTable`): it scrolls sideways on a phone
 * inside a focusable region named `label` (unique per poll), so keyboard users can scroll it too.
 */
import { useTranslation } from "react-i18next";
import { allSuppressed } from "~/domain/polls/suppress";
import type { SectorBreakdown } from "~/domain/polls/types";
import { SectorBreakdownTable } from "../../compare/SectorBreakdownTable";

export function SectorTable({ table, columnLabel, label }: { table: SectorBreakdown; columnLabel(col: string): string; label: string }) {
  const { t } = useTranslation();
  // Nobody in any sector (the table would have no rows): nothing to disclose.
  if (!table.rowTotals.some((c) => c.suppressed || (c.count ?? 0) > 0)) return null;
  // Every cell hidden (a room smaller than k in each sector): one line says so, not a table of "<k".
  const withheld = allSuppressed(table);
  return (
    <details className="sector-breakdown">
      <summary>{t("polls.results.sectors.heading")}</summary>
      {withheld ? (
        <p className="muted small sector-withheld">{t("polls.results.sectors.withheld", { k: table.k })}</p>
      ) : (
        <SectorBreakdownTable table={table} label={label} columnLabel={columnLabel} />
      )}
      {table.anySuppressed && !withheld ? <p className="muted small">{t("polls.results.sectors.note", { k: table.k })}</p> : null}
    </details>
  );
}
