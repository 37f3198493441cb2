/**
 * What the projector shows instead of the panel when the facilitator projects something: a
 * poll's results in big type (question, n, participant count, chart, shift when re-asked), or
 * the top approved questions. Returns null when nothing is projected.
 */
import { useTranslation } from "react-i18next";
import { projectorShowsResults } from "~/domain/polls/state";
import type { PollsApi } from "~/realtime/usePolls";
import { PollResults } from "./PollResults";

/** Top questions shown: more than five cannot be read from the back of a room at 28 px+. */
const TOP_QUESTIONS = 5;

export function projectedPoll(api: PollsApi) {
  return api.polls.find((p) => p.tally && projectorShowsResults({ run: p.run, status: p.status, projected: p.projected }, p.visibility)) ?? null;
}

export function ProjectorStage({ api }: { api: PollsApi }) {
  const { t } = useTranslation();
  const poll = projectedPoll(api);
  if (poll?.tally) {
    return (
      <section className="projector-stage" aria-live="polite" data-testid="projector-poll" data-poll-key={poll.key}>
        <h1>{poll.definition.question}</h1>
        <PollResults definition={poll.definition} tally={poll.tally} previousTally={poll.previousTally} participantCount={api.participantCount} />
      </section>
    );
  }
  if (api.questionsProjected) {
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
