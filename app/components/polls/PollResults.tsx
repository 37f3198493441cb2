/**
 * Results of one poll run, whatever its kind: the response and participant counts, the chart,
 * the shift since the previous run (when re-asked) and the sector breakdown. Used by the phone
 * view (with the person's own answer marked), the console and, with `big`, the projector.
 */
import { useTranslation } from "react-i18next";
import type { ResponseValue, StatementVote } from "~/domain/polls/response";
import type { Tally } from "~/domain/polls/types";
import type { PollDefinition } from "~/domain/template";
import { labelOf } from "./format";
import { ChoiceBars } from "./results/ChoiceBars";
import { RankTable } from "./results/RankTable";
import { ScaleChart } from "./results/ScaleChart";
import { SectorTable } from "./results/SectorTable";
import { ShiftView } from "./results/ShiftView";
import { StatementsChart } from "./results/StatementsChart";
import { WordCloud } from "./results/WordCloud";

/** Any kind's answer fields, all optional, so each chart reads the one it knows. */
type AnyAnswer = Partial<{ choice: string; choices: string[]; score: number; order: string[]; text: string; votes: Record<string, StatementVote> }>;

export interface PollResultsProps {
  definition: PollDefinition;
  tally: Tally;
  previousTally?: Tally | null;
  participantCount: number;
  /** This person's answer, marked in the chart. */
  mine?: ResponseValue | null;
  /** Sector breakdown (staff views; the projector leaves it out to keep the screen readable). */
  showSectors?: boolean;
  /** Open answers: list at most this many distinct ones, most given first (the projector). Default: all, alphabetical. */
  answerLimit?: number;
}

export function PollResults({ definition: poll, tally, previousTally, participantCount, mine = null, showSectors = false, answerLimit }: PollResultsProps) {
  const { t } = useTranslation();
  const m = (mine ?? {}) as AnyAnswer;
  const breakdown = "sectorBreakdown" in tally ? tally.sectorBreakdown : null;
  const columnLabel = (col: string) =>
    poll.kind === "scale" ? col : poll.kind === "statements" ? t(`polls.answer.${col}`) : labelOf(poll, col);
  return (
    <div className="poll-results" data-testid="poll-results" data-kind={tally.kind} data-n={tally.n}>
      <p className="results-counts" data-testid="results-counts">
        {t("polls.projector.counts", {
          responses: t("polls.results.responses", { count: tally.n }),
          participants: t("polls.results.participants", { count: participantCount }),
        })}
      </p>
      {tally.n === 0 ? <p className="muted">{t("polls.results.none")}</p> : <Chart poll={poll} tally={tally} m={m} answerLimit={answerLimit} />}
      {previousTally && previousTally.n > 0 ? <ShiftView poll={poll} before={previousTally} now={tally} /> : null}
      {showSectors && breakdown && tally.n > 0 ? <SectorTable table={breakdown} columnLabel={columnLabel} label={t("polls.results.sectors.tableLabel", { question: poll.question })} /> : null}
    </div>
  );
}

function Chart({ poll, tally, m: mine, answerLimit }: { poll: PollDefinition; tally: Tally; m: AnyAnswer; answerLimit?: number }) {
  switch (tally.kind) {
    case "single":
    case "multiple":
      return <ChoiceBars poll={poll} tally={tally} mine={mine.choices ?? (mine.choice ? [mine.choice] : [])} />;
    case "scale":
      return poll.kind === "scale" ? <ScaleChart poll={poll} tally={tally} mine={mine.score ?? null} /> : null;
    case "ranking":
      return <RankTable poll={poll} tally={tally} mine={mine.order ?? []} />;
    case "open":
      return <WordCloud tally={tally} mine={mine.text ?? null} limit={answerLimit} />;
    case "statements":
      return <StatementsChart poll={poll} tally={tally} mine={mine.votes ?? {}} />;
  }
}
