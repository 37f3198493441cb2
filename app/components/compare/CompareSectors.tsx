/**
 * Each session's sector breakdown exactly as its summary published it: suppressed cells arrive as
 * `{count: null}` and render as "<k" (SectorBreakdownTable), so no number can appear for a hidden group.
 */
import { useTranslation } from "react-i18next";
import { SectorBreakdownTable } from "./SectorBreakdownTable";
import type { Comparison } from "./model";

export function CompareSectors({ comparison: c }: { comparison: Comparison }) {
  const { t } = useTranslation();
  const labels = new Map(c.items.map((i) => [i.key, i.label]));
  const rows = c.rows.filter((r) => r.breakdown !== null);
  return (
    <section className="card stack" aria-labelledby="compare-sectors-heading">
      <h2 id="compare-sectors-heading" className="h3">
        {t("archive.compare.sectors")}
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t("archive.compare.noSectors")}</p>
      ) : (
        <>
          {rows.map((r) => (
            <div key={r.summaryId} className="compare-sector">
              <h3 className="small">{t("archive.compare.sectorsOf", { session: r.sessionTitle, workshop: r.workshopTitle })}</h3>
              <SectorBreakdownTable
                table={r.breakdown!}
                label={t("archive.compare.sectorsOf", { session: r.sessionTitle, workshop: r.workshopTitle })}
                columnLabel={(col) => labels.get(col) ?? col}
              />
            </div>
          ))}
          <p className="small muted">{t("archive.compare.suppressedNote")}</p>
        </>
      )}
    </section>
  );
}
