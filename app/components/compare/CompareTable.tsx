/** The comparison as a table: one row per session, one column per answer share, plus n and (scale) the mean. */
import { useTranslation } from "react-i18next";
import type { Comparison } from "./model";

export function CompareTable({ comparison: c }: { comparison: Comparison }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="compare-table-heading">
      <h2 id="compare-table-heading" className="h3">
        {t("archive.compare.table")}
      </h2>
      {/* Focusable and labelled so keyboard users can scroll a wide table (axe: scrollable-region-focusable). */}
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="compare-table-heading">
        <table className="data compare-table">
          <caption className="small muted">{t("archive.compare.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("archive.compare.workshop")}</th>
              <th scope="col">{t("archive.compare.region")}</th>
              <th scope="col">{t("archive.compare.session")}</th>
              <th scope="col">{t("archive.compare.date")}</th>
              <th scope="col" className="num">
                {t("archive.compare.n")}
              </th>
              {c.items.map((it) => (
                <th scope="col" key={it.key} className="num">
                  {it.label}
                </th>
              ))}
              {c.kind === "scale" ? (
                <th scope="col" className="num">
                  {t("archive.compare.mean")}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {c.rows.map((r) => (
              <tr key={r.summaryId}>
                <th scope="row">
                  <a href={`/outcomes/${r.summaryId}`}>{r.workshopTitle}</a>
                  {r.staffOnly ? <span className="badge small compare-staff">{t("archive.compare.staffOnly")}</span> : null}
                </th>
                <td>{r.region}</td>
                <td>{r.sessionTitle}</td>
                <td>
                  <time dateTime={r.date}>{r.date}</time>
                </td>
                <td className="num">{r.n}</td>
                {r.shareText.map((s, i) => (
                  <td key={c.items[i].key} className="num">
                    {s || t("archive.compare.notAsked")}
                  </td>
                ))}
                {c.kind === "scale" ? <td className="num">{r.meanText ?? t("archive.compare.notAsked")}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
