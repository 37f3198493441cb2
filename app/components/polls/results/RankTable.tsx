/** Ranking results: position by Borda score, with mean rank and first choices. */
import { useTranslation } from "react-i18next";
import type { RankingTally } from "~/domain/polls/types";
import type { PollDefinition } from "~/domain/template";
import { labelOf, usePollFormat } from "../format";

export function RankTable({ poll, tally, mine }: { poll: PollDefinition; tally: RankingTally; mine: string[] }) {
  const { t } = useTranslation();
  const f = usePollFormat();
  return (
    <table className="data rank-table">
      <thead>
        <tr>
          <th scope="col">{t("polls.results.rank.position")}</th>
          <th scope="col">{t("polls.results.rank.option")}</th>
          <th scope="col">{t("polls.results.rank.meanRank")}</th>
          <th scope="col">{t("polls.results.rank.borda")}</th>
          <th scope="col">{t("polls.results.rank.firstChoices")}</th>
        </tr>
      </thead>
      <tbody>
        {tally.options.map((o, i) => {
          const myPos = mine.indexOf(o.key);
          return (
            <tr key={o.key} data-key={o.key}>
              <td>{i + 1}</td>
              <th scope="row">
                {labelOf(poll, o.key)}
                {myPos >= 0 ? <span className="mine-mark"> ✓ {t("polls.results.mine")}: {myPos + 1}</span> : null}
              </th>
              <td>{f.decimal(o.meanRank, 2)}</td>
              <td>{o.borda}</td>
              <td>{o.firstChoices}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
