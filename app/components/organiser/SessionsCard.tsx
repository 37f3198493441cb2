/** The workshop's sessions with status, join code, the facilitator console link and, once ended, the outcome links. */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatJoinCode, type SessionStatus } from "~/domain/session";
import { OutcomeLinks } from "~/components/summary/OutcomeLinks";

export interface SessionRow {
  id: string;
  title: string;
  status: SessionStatus;
  joinCode: string;
}

const STATUS_BADGE: Record<SessionStatus, string> = { ready: "", live: "ok", ended: "warn" };

export function SessionsCard({ workshopId, sessions, canRun }: { workshopId: string; sessions: SessionRow[]; canRun: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="sessions-heading">
      <div className="row spread">
        <h2 id="sessions-heading">{t("organiser.overview.sessions")}</h2>
        {canRun ? (
          <Link to={`/workshops/${workshopId}/sessions/new`} className="button small">
            {t("organiser.overview.startSession")}
          </Link>
        ) : null}
      </div>
      {sessions.length === 0 ? (
        <p className="muted">{t("organiser.overview.noSessions")}</p>
      ) : (
        <ul className="plain divided">
          {sessions.map((s) => (
            <li key={s.id} className="row spread">
              <span className="stack-tight">
                <strong>{s.title}</strong>
                <span className="row small">
                  <span className={`badge ${STATUS_BADGE[s.status]}`}>{t(`session.status.${s.status}`)}</span>
                  <span>
                    {t("organiser.overview.joinCode")} <span className="join-code">{formatJoinCode(s.joinCode)}</span>
                  </span>
                </span>
              </span>
              <span className="row">
                <Link to={`/s/${s.id}/console`} className="button small secondary">
                  {t("organiser.overview.openConsole")}
                </Link>
                {s.status === "ended" ? <OutcomeLinks sessionId={s.id} title={s.title} /> : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
