/**
 * Sector breakdown as published by the domain: suppressed cells show "<k" and never a number
 * (the count is not even in the data); when every cell is suppressed, one line says so instead.
 * Sectors shown as an empty 0 row (attributed rule) are left out.
 * The table scrolls sideways on a phone inside a focusable region named `label` (unique per poll), so
 * keyboard users can scroll it too (axe: scrollable-region-focusable).
 */
import { useTranslation } from "react-i18next";
import type { Cell } from "~/domain/polls/suppress";
import type { SectorBreakdown } from "~/domain/polls/types";

export function SectorTable({ table, columnLabel, label }: { table: SectorBreakdown; columnLabel(col: string): string; label: string }) {
  const { t } = useTranslation();
  const rows = table.rows.map((row, r) => ({ row, r })).filter(({ r }) => table.rowTotals[r].suppressed || (table.rowTotals[r].count ?? 0) > 0);
  if (rows.length === 0) return null;
  const cell = (c: Cell) =>
    c.suppressed ? (
      <abbr title={t("polls.results.sectors.belowLabel", { k: table.k })} className="suppressed">
        {t("polls.results.sectors.below", { k: table.k })}
      </abbr>
    ) : (
      c.count
    );
  // Every cell hidden (a room smaller than k in each sector): one line says so, not a table of "<k".
  const withheld = table.cells.every((cells) => cells.every((c) => c.suppressed)) && table.rowTotals.every((c) => c.suppressed);
  const sectorName = (row: string) => (row === "unspecified" ? t("polls.results.sectors.unspecified") : t(`common.sector.${row}`));
  return (
    <details className="sector-breakdown">
      <summary>{t("polls.results.sectors.heading")}</summary>
      {withheld ? (
        <p className="muted small sector-withheld">{t("polls.results.sectors.withheld", { k: table.k })}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("polls.results.sectors.sector")}</th>
                {table.cols.map((c) => (
                  <th scope="col" key={c}>
                    {columnLabel(c)}
                  </th>
                ))}
                <th scope="col">{t("polls.results.sectors.total")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ row, r }) => (
                <tr key={row}>
                  <th scope="row">{sectorName(row)}</th>
                  {table.cells[r].map((c, i) => (
                    <td key={i}>{cell(c)}</td>
                  ))}
                  <td>{cell(table.rowTotals[r])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {table.anySuppressed && !withheld ? <p className="muted small">{t("polls.results.sectors.note", { k: table.k })}</p> : null}
    </details>
  );
}
