/**
 * One session's published sector breakdown. Suppressed cells carry no count at all (`count: null`)
 * and render as "<k"; rows that are empty and not hidden are left out. The wide table scrolls in a
 * focusable, labelled region so keyboard users can reach the hidden columns on a phone.
 */
import { useTranslation } from "react-i18next";
import type { Cell } from "~/domain/polls/suppress";
import type { SectorBreakdown } from "~/domain/polls/types";

export function SectorBreakdownTable({ table, label, columnLabel }: { table: SectorBreakdown; label: string; columnLabel(col: string): string }) {
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
  const sectorName = (row: string) => (row === "unspecified" ? t("polls.results.sectors.unspecified") : t(`common.sector.${row}`));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table className="data compare-sector-table">
        <thead>
          <tr>
            <th scope="col">{t("polls.results.sectors.sector")}</th>
            {table.cols.map((c) => (
              <th scope="col" key={c} className="num">
                {columnLabel(c)}
              </th>
            ))}
            <th scope="col" className="num">
              {t("polls.results.sectors.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ row, r }) => (
            <tr key={row}>
              <th scope="row">{sectorName(row)}</th>
              {table.cells[r].map((c, i) => (
                <td key={i} className="num">
                  {cell(c)}
                </td>
              ))}
              <td className="num">{cell(table.rowTotals[r])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
