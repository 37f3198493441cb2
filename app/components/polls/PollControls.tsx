/**
 * One poll in the facilitator console: status, run, live response count, the state controls,
 * results visibility, the projector toggle and the live results (staff always see them).
 */
import { useTranslation } from "react-i18next";
import type { PollView } from "~/domain/polls/events";
import { projectorShowsResults } from "~/domain/polls/state";
import { ResultsVisibility } from "~/domain/template";
import type { PollsApi } from "~/realtime/usePolls";
import { PollResults } from "./PollResults";
import { useCommand } from "./useCommand";

export function PollControls({ poll, api }: { poll: PollView; api: PollsApi }) {
  const { t } = useTranslation();
  const { busy, error, run } = useCommand(api);
  const ref = { pollId: poll.id };
  const onScreen = projectorShowsResults({ run: poll.run, status: poll.status, projected: poll.projected }, poll.visibility);
  const headingId = `poll-${poll.id}-q`;
  return (
    <article className="card stack poll-card" aria-labelledby={headingId} data-testid="console-poll" data-poll-key={poll.key} data-status={poll.status}>
      <div className="row spread">
        <h3 id={headingId} className="poll-question">
          {poll.definition.question}
        </h3>
        <div className="row">
          <span className="badge">{t(`polls.kind.${poll.kind}`)}</span>
          <span className="badge">{t("polls.console.run", { run: poll.run })}</span>
          <span className={`badge${poll.status === "open" ? " ok" : poll.status === "closed" ? " warn" : ""}`} data-testid="poll-status">
            {t(`polls.status.${poll.status}`)}
          </span>
          {poll.projected ? <span className="badge ok">{t("polls.console.onProjector")}</span> : null}
        </div>
      </div>
      <div className="actions">
        {poll.status === "draft" ? <Cmd label={t("polls.console.open")} onClick={() => run("poll:open", ref)} busy={busy} /> : null}
        {poll.status === "open" ? <Cmd label={t("polls.console.close")} onClick={() => run("poll:close", ref)} busy={busy} /> : null}
        {poll.status === "closed" ? <Cmd label={t("polls.console.reopen")} onClick={() => run("poll:reopen", ref)} busy={busy} secondary /> : null}
        {poll.status !== "draft" ? (
          <Cmd
            label={t("polls.console.reset")}
            secondary
            busy={busy}
            onClick={() => (window.confirm(t("polls.console.resetConfirm")) ? run("poll:reset", ref) : undefined)}
          />
        ) : null}
        <Cmd
          label={poll.projected ? t("polls.console.unproject") : t("polls.console.project")}
          secondary
          busy={busy || (poll.status === "draft" && !poll.projected)}
          onClick={() => run("poll:project", { ...ref, projected: !poll.projected })}
        />
      </div>
      <div className="field">
        <label htmlFor={`poll-${poll.id}-vis`}>{t("polls.visibility.label")}</label>
        <select
          id={`poll-${poll.id}-vis`}
          value={poll.visibility}
          disabled={busy}
          onChange={(e) => void run("poll:visibility", { ...ref, visibility: e.target.value })}
        >
          {ResultsVisibility.options.map((v) => (
            <option key={v} value={v}>
              {t(`polls.visibility.${v}`)}
            </option>
          ))}
        </select>
      </div>
      {poll.projected && !onScreen ? <p className="notice small">{t("polls.console.projectorHiddenNote")}</p> : null}
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      {poll.tally ? (
        <PollResults definition={poll.definition} tally={poll.tally} previousTally={poll.previousTally} participantCount={api.participantCount} showSectors />
      ) : (
        <>
          <p className="muted small" data-testid="response-count">
            {t("polls.results.responses", { count: poll.responseCount })}
          </p>
          {/* Re-asked, new run not opened yet: the earlier run's results stay in view (B12). */}
          {poll.previousTally ? (
            <section className="stack" aria-label={t("polls.console.previousRun", { run: poll.run - 1 })} data-testid="previous-run">
              <p className="small">{t("polls.console.previousRun", { run: poll.run - 1 })}</p>
              <PollResults definition={poll.definition} tally={poll.previousTally} previousTally={null} participantCount={api.participantCount} showSectors />
            </section>
          ) : null}
        </>
      )}
    </article>
  );
}

function Cmd({ label, onClick, busy, secondary }: { label: string; onClick(): unknown; busy: boolean; secondary?: boolean }) {
  return (
    <button type="button" className={`button${secondary ? " secondary" : ""}`} disabled={busy} onClick={() => void onClick()}>
      {label}
    </button>
  );
}
