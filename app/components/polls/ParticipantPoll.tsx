/**
 * One poll on the phone: the question and inputs, the receipt for this person's answer, and the
 * results when the room may see them (with their own answer marked).
 */
import { useTranslation } from "react-i18next";
import type { PollView } from "~/domain/polls/events";
import { shownAnswer, type OutboxEntry } from "~/realtime/outbox";
import type { ResponseValue } from "~/domain/polls/response";
import { PollAnswer } from "./PollAnswer";
import { PollResults } from "./PollResults";
import { Receipt, type ReceiptState } from "./Receipt";

export function ParticipantPoll({
  poll,
  entry,
  participantCount,
  onAnswer,
}: {
  poll: PollView;
  /** The outbox entry of this poll's current run, if any. */
  entry: OutboxEntry | null;
  participantCount: number;
  onAnswer(value: ResponseValue): void;
}) {
  const { t } = useTranslation();
  const value = shownAnswer(entry, poll.myResponse);
  const receipt: ReceiptState = entry ? entry.status : poll.myResponse ? "recorded" : "none";
  const closed = poll.status !== "open";
  return (
    <article className="card stack poll-card" data-testid="participant-poll" data-poll-key={poll.key} data-status={poll.status}>
      <div className="row spread">
        <span className="badge">{t(`polls.kind.${poll.kind}`)}</span>
        <span className={`badge${closed ? " warn" : " ok"}`}>{t(`polls.status.${poll.status}`)}</span>
      </div>
      <PollAnswer definition={poll.definition} idBase={`poll-${poll.id}-r${poll.run}`} value={value} disabled={closed} onAnswer={onAnswer} />
      {closed ? <p className="muted small">{t("polls.answer.closed")}</p> : null}
      <Receipt state={receipt} error={entry?.error} kept={!!poll.myResponse} />
      {poll.tally ? (
        <section aria-label={t("polls.results.heading")}>
          <PollResults definition={poll.definition} tally={poll.tally} previousTally={poll.previousTally} participantCount={participantCount} mine={value} />
        </section>
      ) : (
        <p className="muted small" data-testid="results-withheld">
          {poll.visibility === "hidden" ? t("polls.results.hidden") : t("polls.results.hiddenUntilClose")}
        </p>
      )}
    </article>
  );
}
