/**
 * Read-only view of a summary body: facts, then each panel's framing, notes, takeaways and poll
 * results (charts drawn from the body's stored tallies). Used for versions and the public outcome
 * (published bodies, edits already applied) and, per poll, by the draft editor (on `applyEdits(draft)`).
 */
import { useTranslation } from "react-i18next";
import type { Tally } from "~/domain/polls/types";
import type { SummaryBody, SummaryPoll } from "~/domain/summary/schema";
import { PollResults } from "~/components/polls/PollResults";
import { RichDocView } from "./RichDocView";
import { SummaryFacts } from "./SummaryFacts";

/** Poll results of the last run, compared with the one before when re-asked. */
export function SummaryPollView({ poll, participants }: { poll: SummaryPoll; participants: number }) {
  const { t } = useTranslation();
  const last = poll.runs[poll.runs.length - 1];
  const before = poll.runs.length > 1 ? poll.runs[poll.runs.length - 2] : null;
  return (
    <section className="summary-poll card stack" aria-label={poll.question}>
      <h4>{poll.question}</h4>
      {poll.resultsWithheld ? (
        <p className="notice small" data-testid="results-withheld">
          {t("summary.view.resultsWithheld")}
        </p>
      ) : last ? (
        <>
          {poll.runs.length > 1 ? <p className="muted small">{t("summary.view.runs", { count: poll.runs.length })}</p> : null}
          <PollResults definition={poll.definition} tally={last.tally as Tally} previousTally={(before?.tally as Tally | undefined) ?? null} participantCount={participants} showSectors />
          {last.withheldAnswers ? (
            <p className="muted small" data-testid="answers-withheld">
              {t("summary.view.answersWithheld", { count: last.withheldAnswers })}
            </p>
          ) : null}
        </>
      ) : (
        <p className="muted">{t("summary.view.notRun")}</p>
      )}
    </section>
  );
}

export function SummaryView({ body }: { body: SummaryBody }) {
  const { t } = useTranslation();
  return (
    <div className="summary-view stack">
      <SummaryFacts body={body} />
      {body.panels.map((panel, i) => (
        <section key={panel.key} className="card stack summary-panel" aria-labelledby={`panel-${i}`}>
          <h2 id={`panel-${i}`}>
            {i + 1}. {panel.title}
          </h2>
          <p>{panel.framing}</p>
          {panel.notes.content.length > 0 ? (
            <>
              <h3>{t("summary.view.notes")}</h3>
              <RichDocView doc={panel.notes} headingOffset={2} />
            </>
          ) : null}
          {panel.takeaways.length > 0 ? (
            <>
              <h3>{t("summary.view.takeaways")}</h3>
              <ul className="summary-takeaways">
                {panel.takeaways.map((tk, j) => (
                  <li key={j}>{tk}</li>
                ))}
              </ul>
            </>
          ) : null}
          {panel.polls.length > 0 ? (
            <>
              <h3>{t("summary.view.polls")}</h3>
              {panel.polls.map((poll) => (
                <SummaryPollView key={poll.key} poll={poll} participants={body.participants.count} />
              ))}
            </>
          ) : null}
        </section>
      ))}
      <p className="muted small summary-rule">{t(`summary.view.ruleFooter.${body.workshop.rule}`)}</p>
    </div>
  );
}
