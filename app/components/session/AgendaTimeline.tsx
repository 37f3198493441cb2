/** Facilitator's agenda: each panel's planned vs elapsed time, the running timer and jump buttons. */
import { useTranslation } from "react-i18next";
import type { SessionStateView } from "~/domain/events";
import { elapsedOn, timerTone } from "~/domain/run";
import { Fill } from "~/components/polls/results/Fill";

/** Formats ms as `m:ss` (or `h:mm:ss` past an hour). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

export function AgendaTimeline({ state, now, onGoto, busy }: { state: SessionStateView; now: number; onGoto: (index: number) => void; busy: boolean }) {
  const { t } = useTranslation();
  const run = { ...state, panelIds: state.panels.map((p) => p.id) };
  return (
    <ol className="plain agenda" aria-label={t("session.console.agenda")}>
      {state.panels.map((panel, i) => {
        const elapsed = elapsedOn(run, panel.id, now);
        const tone = timerTone(elapsed, panel.durationMinutes);
        const isCurrent = state.status === "live" && i === state.currentPanelIndex;
        const share = Math.min(1, elapsed / (panel.durationMinutes * 60_000));
        return (
          <li key={panel.id} className={`agenda-item card${isCurrent ? " current" : elapsed > 0 ? " done" : ""}`} aria-current={isCurrent ? "step" : undefined}>
            <span className="agenda-num" aria-hidden="true">
              {i + 1}
            </span>
            <div className="stack">
              <strong>{panel.title}</strong>
              <div className="row small">
                <span className="muted">{t("session.console.planned", { minutes: panel.durationMinutes })}</span>
                <span>
                  {t("session.console.elapsed")}{" "}
                  <span className={`timer ${tone}`} data-testid={isCurrent ? "current-timer" : undefined} data-tone={tone}>
                    {formatDuration(elapsed)}
                  </span>
                </span>
              </div>
              {elapsed > 0 || isCurrent ? (
                <div className={`timer-bar ${tone}`} aria-hidden="true">
                  <Fill className="timer-fill" fraction={share} />
                </div>
              ) : null}
            </div>
            {state.status === "live" && !isCurrent ? (
              <button type="button" className="button small secondary" onClick={() => onGoto(i)} disabled={busy}>
                {t("session.console.goTo")}
                <span className="visually-hidden">: {panel.title}</span>
              </button>
            ) : isCurrent ? (
              <span className="badge ok">{t("session.console.current")}</span>
            ) : (
              <span />
            )}
          </li>
        );
      })}
    </ol>
  );
}
