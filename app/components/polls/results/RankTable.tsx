/**
 * Ranking results: position by Borda score, with mean rank and first choices. On a phone the
 * mean rank and Borda columns are dropped so the table fits a 390 px screen; the participant's
 * own ranking is shown once, under the table (QA findings U1/U2).
 */
import { useTranslation } from "react-i18next";
import type { RankingTally } from "~/domain/polls/types";
import type { PollDefinition } from "~/domain/template";
import { labelOf, usePollFormat } from "../format";

export function RankTable({ poll, tally, mine }: { poll: PollDefinition; tally: RankingTally; mine: string[] }) {
  const { t } = useTranslation();
  const f = usePollFormat();
  return (
    <>
      <table className="data rank-table">
        <thead>
          <tr>
            <th scope="col">{t("polls.results.rank.position")}</th>
            <th scope="col">{t("polls.results.rank.option")}</th>
            <th scope="col" className="rank-extra">{t("polls.results.rank.meanRank")}</th>
            <th scope="col" className="rank-extra">{t("polls.results.rank.borda")}</th>
            <th scope="col">{t("polls.results.rank.firstChoices")}</th>
          </tr>
        </thead>
        <tbody>
          {tally.options.map((o, i) => (
            <tr key={o.key} data-key={o.key}>
              <td>{i + 1}</td>
              <th scope="row">{labelOf(poll, o.key)}</th>
              <td className="rank-extra">{f.decimal(o.meanRank, 2)}</td>
              <td className="rank-extra">{o.borda}</td>
              <td>{o.firstChoices}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {mine.length > 0 ? (
        <div className="mine-ranking small" data-testid="my-ranking">
          <p className="mine-mark">{t("polls.results.rank.myRanking")}</p>
          <ol>
            {mine.map((key) => (
              <li key={key}>{labelOf(poll, key)}</li>
            ))}
          </ol>
        </div>
      ) : null}
    </>
  );
}
