/** The list of published outcomes, each linking to its outcome page. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RuleBadge } from "~/components/organiser/RuleBadge";
import type { ArchiveRow } from "./entries";

export function ArchiveList({ rows }: { rows: ArchiveRow[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain archive-list">
      {rows.map((r) => (
        <li key={r.summaryId} className="card stack archive-item">
          <div>
            <h3 className="archive-title">
              <Link to={`/outcomes/${r.summaryId}`}>{r.workshopTitle}
              </Link>
            </h3>
            <p className="muted">
              {r.sessionTitle} · {r.region} · <time>{r.date}</time>
            </p>
          </div>
          <p className="row small">
            <RuleBadge rule={r.rule} />
            <span className="badge">{t("archive.archive.version", { version: r.version })}</span>
            <span>{t("archive.archive.panels", { count: r.panelCount })}</span>
            {r.published ? <span className="muted">{t("archive.archive.published", { date: r.published })}</span> : null}
          </p>
          {r.takeaways.length > 0 ? (
            <div>
              <h4 className="small archive-takeaways-heading">{t("archive.archive.takeaways")}</h4>
              <ul className="archive-takeaways">
                {r.takeaways.map((k, i) => (
                  <li key={i}>{k}</li>
                ))}
              </ul>
              {r.moreTakeaways > 0 ? <p className="small muted">{t("archive.archive.moreTakeaways", { count: r.moreTakeaways })}</p> : null}
            </div>
          ) : null}
          <p>
            <Link to={`/outcomes/${r.summaryId}`} className="button small secondary" aria-label={t("archive.archive.viewLabel", { title: `${r.workshopTitle}, ${r.sessionTitle}` })}>
              {t("archive.archive.view")}
            </Link>
          </p>
        </li>
      ))}
    </ul>
  );
}
