/**
 * One poll in the facilitator console: status, run, live response count, the state controls,
 * results visibility, the projector toggle and the live results (staff always see them).
 *
 * Focus: open / close / reopen is one button whose text follows the state, so it keeps focus
 * across the change; while a command runs buttons are aria-disabled, not disabled (disabling
 * the focused button would drop focus to <body>). Button names carry the question
 * ("Open poll: How binding…"): a console lists several polls.
 */
import { forwardRef, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { PollView } from "~/domain/polls/events";
import { ResultsVisibility } from "~/domain/template";
import type { PollsApi } from "~/realtime/usePolls";
import { useConfirm } from "../ConfirmDialog";
import { firstWords } from "./format";
import { PollResults } from "./PollResults";
import { projectorView } from "./ProjectorStage";
import { useCommand } from "./useCommand";

export function PollControls({ poll, api }: { poll: PollView; api: PollsApi }) {
  const { t } = useTranslation();
  const { busy, error, run } = useCommand(api);
  const ref = { pollId: poll.id };
  // The buttons say what the room sees: projected questions win over a projected poll.
  const view = projectorView(api);
  const onScreen = view?.kind === "poll" && view.poll.id === poll.id;
  const behindQuestions = poll.projected && view?.kind === "questions";
  async function toggleProjector() {
    if (onScreen) return run("poll:project", { ...ref, projected: false });
    const res = await run("poll:project", { ...ref, projected: true });
    // Projecting a poll takes the screen from the questions: the last button pressed is shown.
    if (res.ok && api.questionsProjected) await run("question:project", { show: false });
  }
  const headingId = `poll-${poll.id}-q`;
  const { confirm, dialog } = useConfirm();
  const stateButton = useRef<HTMLButtonElement>(null);
  const question = firstWords(poll.definition.question);
  const named = (key: string) => t(`polls.console.named.${key}`, { question });
  const state =
    poll.status === "draft"
      ? { key: "open", event: "poll:open" as const }
      : poll.status === "open"
        ? { key: "close", event: "poll:close" as const }
        : { key: "reopen", event: "poll:reopen" as const };
  async function reask() {
    const ok = await confirm({
      title: named("reset"),
      message: t("polls.console.resetConfirm"),
      confirm: t("polls.console.reset"),
      // "Re-ask" goes away once the poll is a draft again: the state button (then "Open") takes focus.
      focusAfter: (ok) => (ok ? stateButton.current : null),
    });
    if (ok) await run("poll:reset", ref);
  }
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
          {onScreen ? <span className="badge ok">{t("polls.console.onProjector")}</span> : null}
        </div>
      </div>
      <div className="actions">
        <Cmd
          ref={stateButton}
          label={t(`polls.console.${state.key}`)}
          name={named(state.key)}
          onClick={() => run(state.event, ref)}
          busy={busy}
          secondary={poll.status === "closed"}
        />
        {poll.status !== "draft" ? <Cmd label={t("polls.console.reset")} name={named("reset")} secondary busy={busy} onClick={reask} /> : null}
        <Cmd
          label={onScreen ? t("polls.console.unproject") : t("polls.console.project")}
          name={named(onScreen ? "unproject" : "project")}
          secondary
          busy={busy}
          disabled={poll.status === "draft" && !onScreen}
          onClick={toggleProjector}
        />
      </div>
      {dialog}
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
      {onScreen && view.kind === "poll" && !view.results ? (
        <p className="notice small" data-testid="projector-note">
          {t(poll.visibility === "hidden" ? "polls.console.projectorHiddenNote" : "polls.console.projectorOnCloseNote")}
        </p>
      ) : null}
      {behindQuestions ? <p className="notice small" data-testid="projector-note">{t("polls.console.behindQuestions")}</p> : null}
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

interface CmdProps {
  label: string;
  /** Accessible name: the label with context ("Open poll: …"). */
  name: string;
  onClick(): unknown;
  /** A command is running: refused without dropping focus. */
  busy: boolean;
  disabled?: boolean;
  secondary?: boolean;
}

const Cmd = forwardRef<HTMLButtonElement, CmdProps>(function Cmd({ label, name, onClick, busy, disabled, secondary }, ref) {
  return (
    <button
      ref={ref}
      type="button"
      className={`button${secondary ? " secondary" : ""}`}
      aria-label={name}
      aria-disabled={busy || undefined}
      disabled={disabled}
      onClick={() => (busy ? undefined : void onClick())}
    >
      {label}
    </button>
  );
});
