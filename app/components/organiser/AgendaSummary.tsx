/** Read-only agenda: numbered panels with duration and poll count, and the total planned time. */
import { useTranslation } from "react-i18next";
import { splitMinutes } from "./format";

export interface AgendaSummaryPanel {
  id: string;
  title: string;
  durationMinutes: number;
  polls: number;
}

/** "2 h 15 min" style total in the current language. */
export function TotalTime({ minutes }: { minutes: number }) {
  const { t } = useTranslation();
  const { h, m } = splitMinutes(minutes);
  if (!h) return <>{t("common.minShort", { count: m })}</>;
  return <>{m ? t("organiser.duration.hm", { h, m }) : t("organiser.duration.h", { h })}</>;
}

export function AgendaSummary({ panels }: { panels: AgendaSummaryPanel[] }) {
  const { t } = useTranslation();
  const total = panels.reduce((n, p) => n + p.durationMinutes, 0);
  const polls = panels.reduce((n, p) => n + p.polls, 0);
  if (panels.length === 0) return <p className="muted">{t("organiser.overview.noPanels")}</p>;
  return (
    <>
      <p className="muted">
        {t("organiser.overview.agendaTotals", { panels: panels.length, polls })} · <TotalTime minutes={total} />
      </p>
      <ol className="plain agenda">
        {panels.map((p, i) => (
          <li key={p.id} className="agenda-item">
            <span className="agenda-num" aria-hidden="true">
              {i + 1}
            </span>
            <span>{p.title}</span>
            <span className="muted small nowrap">
              {t("common.minShort", { count: p.durationMinutes })}
              {p.polls ? ` · ${t("organiser.overview.polls", { count: p.polls })}` : ""}
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
