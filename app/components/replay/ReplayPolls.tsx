/** Polls as they stood at the replayed moment: status, round, and the last logged results as bars. */
import { useTranslation } from "react-i18next";
import type { ReplayPoll } from "~/domain/replay";
import { Fill } from "~/components/polls/results/Fill";
import { pollBars } from "./pollBars";

export function ReplayPolls({ polls }: { polls: ReplayPoll[] }) {
  const { t } = useTranslation();
  const words = { agree: t("replay.polls.agree"), disagree: t("replay.polls.disagree"), pass: t("replay.polls.pass") };
  return (
    <section className="card stack" aria-labelledby="replay-polls-heading">
      <h2 id="replay-polls-heading">{t("replay.polls.heading")}</h2>
      {polls.length === 0 ? <p className="muted">{t("replay.polls.none")}</p> : null}
      {polls.map((poll) => {
        const question = poll.definition?.question ?? t("replay.polls.untitled");
        const bars = pollBars(poll, words);
        return (
          <article key={poll.pollId} className="replay-poll stack" data-testid="replay-poll">
            <h3>{question}</h3>
            <p className="row small">
              <span className="badge">{t(`replay.polls.status.${poll.status}`)}</span>
              <span>{t("replay.polls.run", { run: poll.run })}</span>
              {poll.responseCount !== null ? <span>{t("replay.polls.responses", { count: poll.responseCount })}</span> : null}
            </p>
            {poll.tally === null ? (
              <p className="muted small">{t("replay.polls.noTally")}</p>
            ) : (
              <>
                {poll.tally.run !== poll.run ? <p className="muted small">{t("replay.polls.earlierRun", { run: poll.tally.run })}</p> : null}
                <dl className="replay-bars" aria-label={t("replay.polls.chartLabel", { question })}>
                  {bars.map((b) => (
                    <div key={b.key} className="replay-bar">
                      <dt>{b.label}</dt>
                      <dd>
                        <Fill className="replay-bar-fill" fraction={b.share} />
                        <span className="replay-bar-value">{b.value}</span>
                      </dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </article>
        );
      })}
    </section>
  );
}
