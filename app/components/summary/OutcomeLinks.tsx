/**
 * Links from a session to its outcome: the summary draft, the published versions and the replay.
 * Used by the facilitator console once the session has ended and by the workshop's sessions list.
 * Each link names its session in its accessible label (a list repeats the same visible words).
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function OutcomeLinks({ sessionId, title, replay = true }: { sessionId: string; title: string; replay?: boolean }) {
  const { t } = useTranslation();
  const base = `/s/${encodeURIComponent(sessionId)}`;
  return (
    <span className="row outcome-links">
      <Link to={`${base}/summary`} className="button small secondary" aria-label={t("summary.links.draftLabel", { title })} data-testid="link-summary">
        {t("summary.links.draft")}
      </Link>
      <Link to={`${base}/summary/versions`} className="button small secondary" aria-label={t("summary.links.versionsLabel", { title })} data-testid="link-versions">
        {t("summary.links.versions")}
      </Link>
      {replay ? (
        <Link to={`${base}/replay`} className="button small secondary" aria-label={t("summary.links.replayLabel", { title })} data-testid="link-replay">
          {t("summary.links.replay")}
        </Link>
      ) : null}
    </span>
  );
}
