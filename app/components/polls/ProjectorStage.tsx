/**
 * What the projector shows instead of the panel when the facilitator projects something: a
 * poll (question, n, participant count, and its results in big type once the room may see them,
 * with the shift when re-asked), or the top approved questions. Returns null when nothing is
 * projected.
 *
 * One rule decides what the room sees, for the projector and for the console's buttons alike
 * (`projectorView`): projected questions win over a projected poll (the console's poll button
 * hides the questions when it projects a poll, so the last button pressed is what is shown).
 */
import { useTranslation } from "react-i18next";
import type { PollView } from "~/domain/polls/events";
import { projectorShowsResults } from "~/domain/polls/state";
import type { PollsApi } from "~/realtime/usePolls";
import { PollResults } from "./PollResults";

/**
 * Open answers the projector lists (distinct answers, most given first): 48 fill the screen in
 * columns at about two-thirds size; a room of hundreds would shrink to the half-size floor and still
 * run off the screen. The word cloud above still counts every answer; phones and the console list all.
 */
const PROJECTOR_ANSWER_LIMIT = 48;

/** Top questions shown: more than five cannot be read from the back of a room at 28 px+. */
const TOP_QUESTIONS = 5;

/** What the room's screen shows: the top questions, one poll (with or without its results), or the panel (null). */
export type ProjectorView = { kind: "questions" } | { kind: "poll"; poll: PollView; results: boolean } | null;

/**
 * The projector's content from the polls state: questions when projected; else the projected
 * poll once opened (a draft has nothing to show). `results` follows the room's visibility rule
 * (`projectorShowsResults`) and needs the tally the server sent; `on-close` and `hidden` polls
 * show question and response count without results.
 */
export function projectorView(api: Pick<PollsApi, "polls" | "questionsProjected">): ProjectorView {
  if (api.questionsProjected) return { kind: "questions" };
  const poll = api.polls.find((p) => p.projected && p.status !== "draft");
  if (!poll) return null;
  const results = !!poll.tally && projectorShowsResults({ run: poll.run, status: poll.status, projected: poll.projected }, poll.visibility);
  return { kind: "poll", poll, results };
}

export function ProjectorStage({ api }: { api: PollsApi }) {
  const { t } = useTranslation();
  const view = projectorView(api);
  if (view?.kind === "poll") {
    const { poll } = view;
    return (
      <section className="projector-stage" aria-live="polite" data-testid="projector-poll" data-poll-key={poll.key} data-results={view.results}>
        <h1>{poll.definition.question}</h1>
        {view.results && poll.tally ? (
          <PollResults definition={poll.definition} tally={poll.tally} previousTally={poll.previousTally} participantCount={api.participantCount} answerLimit={PROJECTOR_ANSWER_LIMIT} />
        ) : (
          <PollWithoutResults poll={poll} participantCount={api.participantCount} />
        )}
      </section>
    );
  }
  if (view?.kind === "questions") {
    const top = api.questions
      .filter((q) => q.status === "approved")
      .sort((a, b) => b.votes - a.votes || a.createdAt - b.createdAt)
      .slice(0, TOP_QUESTIONS);
    return (
      <section className="projector-stage" aria-live="polite" data-testid="projector-questions">
        <h1>{t("polls.qa.projector")}</h1>
        {top.length === 0 ? <p>{t("polls.qa.none")}</p> : null}
        <ol className="plain projector-questions">
          {top.map((q) => (
            <li key={q.id} data-votes={q.votes}>
              <span className="pq-votes">{t("polls.qa.votes", { count: q.votes })}</span>
              <span className="pq-text">{q.text}</span>
            </li>
          ))}
        </ol>
      </section>
    );
  }
  return null;
}

/**
 * A projected poll whose results the room may not see now (`on-close` while open, `hidden`):
 * what is asked (options, scale ends or statements), the counts, and when results will come.
 */
function PollWithoutResults({ poll, participantCount }: { poll: PollView; participantCount: number }) {
  const { t } = useTranslation();
  const d = poll.definition;
  const items = d.kind === "statements" ? d.statements.map((s) => s.text) : "options" in d ? d.options.map((o) => o.label) : [];
  return (
    <div className="poll-results" data-testid="projector-poll-pending">
      <p className="results-counts" data-testid="results-counts">
        {t("polls.projector.counts", {
          responses: t("polls.results.responses", { count: poll.responseCount }),
          participants: t("polls.results.participants", { count: participantCount }),
        })}
      </p>
      {d.kind === "scale" ? (
        <p className="scale-ends">
          {d.min} = {d.minLabel} … {d.max} = {d.maxLabel}
        </p>
      ) : null}
      {items.length ? (
        <ul className="projector-options">
          {items.map((label) => (
            <li key={label}>{label}</li>
          ))}
        </ul>
      ) : null}
      <p className="projector-wait" data-testid="projector-wait">
        {poll.visibility === "hidden" ? t("polls.projector.hidden") : t("polls.projector.onClose")}
      </p>
    </div>
  );
}
