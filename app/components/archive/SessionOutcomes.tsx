/**
 * Workshop page card: each session with its latest published outcome (version, visibility, date)
 * and whether the rapporteurs have changed the draft since; before the first publication, the
 * draft state. Render it in the workshop overview with rows from `loadSessionOutcomes`, and
 * link `~/styles/archive.css` from that route.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { SessionStatus } from "~/domain/session";

/** One session as the card shows it. `published` is already formatted (in the loader). */
export interface SessionOutcomeRow {
  sessionId: string;
  title: string;
  status: SessionStatus;
  /** A draft exists (every ended session has one: it is built when the session ends). */
  hasDraft: boolean;
  /** A published version exists and the draft's body differs from it. */
  newerDraft: boolean;
  latest: { summaryId: string; version: number; visibility: "private" | "unlisted" | "public"; published: string | null } | null;
}

const VISIBILITY_BADGE = { private: "", unlisted: "warn", public: "ok" } as const;

export function SessionOutcomes({ rows }: { rows: SessionOutcomeRow[] }) {
  const { t } = useTranslation();
  return (
    <section className="card stack session-outcomes" aria-labelledby="session-outcomes-heading">
      <h2 id="session-outcomes-heading">{t("archive.outcomes.heading")}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t("archive.outcomes.none")}</p>
      ) : (
        <ul className="plain divided">
          {rows.map((r) => (
            <li key={r.sessionId} className="row spread">
              <span className="stack-tight">
                <strong>{r.title}</strong>
                <span className="outcome-meta small">
                  {r.latest ? (
                    <>
                      <span className="badge">{t("archive.outcomes.version", { version: r.latest.version })}</span>
                      <span className={`badge ${VISIBILITY_BADGE[r.latest.visibility]}`}>{t(`archive.outcomes.visibility.${r.latest.visibility}`)}</span>
                      {r.latest.published ? <span className="muted">{t("archive.outcomes.publishedOn", { date: r.latest.published })}</span> : null}
                    </>
                  ) : (
                    <span className="muted">{t("archive.outcomes.notPublished")}</span>
                  )}
                  {r.latest && r.newerDraft ? <span className="badge warn">{t("archive.outcomes.newerDraft")}</span> : null}
                  {!r.latest && r.hasDraft ? <span className="badge warn">{t("archive.outcomes.draft")}</span> : null}
                </span>
              </span>
              {r.latest ? (
                <Link to={`/outcomes/${r.latest.summaryId}`} className="button small secondary" aria-label={t("archive.outcomes.viewLabel", { title: r.title })}>
                  {t("archive.outcomes.view")}
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
