/** Status, current panel, time on it and counts at the replayed moment (counts only: never who). */
import { useTranslation } from "react-i18next";
import type { ReplayState } from "~/domain/replay";
import { formatDuration } from "~/components/session/AgendaTimeline";

export function ReplaySummary({ state, panelCount }: { state: ReplayState; panelCount: number }) {
  const { t } = useTranslation();
  const panel = state.panel;
  const elapsed = panel?.panelId ? (state.elapsedMs[panel.panelId] ?? 0) : 0;
  return (
    <section className="card stack" aria-labelledby="replay-panel-heading" data-testid="replay-summary">
      <p className="row small">
        <span className="badge" data-testid="replay-status">{t(`replay.state.status.${state.status}`)}</span>
        {panel ? <span>{t("replay.state.panel", { number: panel.index + 1, total: panelCount })}</span> : null}
      </p>
      <h2 id="replay-panel-heading" data-testid="replay-panel-title">
        {panel ? (panel.title ?? t("replay.markers.panelUntitled", { number: panel.index + 1 })) : t("replay.state.noPanel")}
      </h2>
      {panel ? <p>{t("replay.state.elapsed", { elapsed: formatDuration(elapsed) })}</p> : null}
      <p data-testid="replay-participants">{t("replay.state.participants", { count: state.participants })}</p>
      <p>{t("replay.state.questions", { total: state.questions.total, shown: state.questions.shown.length })}</p>
      {state.questions.shown.length > 0 ? (
        <details>
          <summary>{t("replay.state.shownQuestions")}</summary>
          <ul>
            {state.questions.shown.map((q, i) => (
              <li key={i}>{q}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
