/**
 * Statements results: per statement a stacked agree/disagree/pass bar, the counts in words,
 * and a consensus badge whose text (and symbol) says what the colour shows.
 */
import { useTranslation } from "react-i18next";
import type { StatementVote } from "~/domain/polls/response";
import type { ConsensusStatus, StatementsTally } from "~/domain/polls/types";
import type { PollDefinition } from "~/domain/template";
import { labelOf, usePollFormat } from "../format";
import { Fill } from "./Fill";

const SYMBOL: Record<ConsensusStatus, string> = {
  consensus: "✓",
  "consensus-against": "✗",
  divisive: "↔",
  mixed: "~",
  insufficient: "…",
};
const PARTS = ["agree", "disagree", "pass"] as const;

export function StatementsChart({ poll, tally, mine }: { poll: PollDefinition; tally: StatementsTally; mine: Record<string, StatementVote> }) {
  const { t } = useTranslation();
  const f = usePollFormat();
  // When no statement has enough votes per sector yet (a small room, or early on), that is said
  // once above the list instead of under every statement (ten identical lines on the projector).
  const noneJudged = tally.statements.length > 1 && tally.statements.every((s) => s.consensus.status === "insufficient");
  return (
    <>
      {noneJudged ? (
        <p className="consensus-note">
          <ConsensusBadge status="insufficient" />
        </p>
      ) : null}
      <ol className="plain statement-results">
        {tally.statements.map((s) => {
          const total = s.agree + s.disagree + s.pass;
          return (
            <li key={s.key} className="statement-result" data-key={s.key} data-consensus={s.consensus.status}>
              <p className="statement-text">{labelOf(poll, s.key)}</p>
              <div className="stacked" aria-hidden="true">
                {PARTS.map((part) =>
                  s[part] > 0 ? <Fill key={part} className={`seg seg-${part}`} fraction={s[part] / total} /> : null,
                )}
              </div>
              <p className="statement-counts">
                {PARTS.map((part) => (
                  <span key={part} className={`count-${part}`}>
                    <span className={`swatch seg-${part}`} aria-hidden="true" />
                    {t(`polls.answer.${part}`)} {s[part]}
                    {mine[s.key] === part ? <span className="mine-mark"> ✓ {t("polls.results.mine")}</span> : null}
                  </span>
                ))}
                {s.agreement !== null ? <span>{t("polls.results.agreement", { percent: f.percent(s.agreement) })}</span> : null}
              </p>
              {noneJudged ? null : <ConsensusBadge status={s.consensus.status} />}
            </li>
          );
        })}
      </ol>
    </>
  );
}

function ConsensusBadge({ status }: { status: ConsensusStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge consensus-${status}`} data-testid="consensus">
      <span aria-hidden="true">{SYMBOL[status]} </span>
      {t(`polls.results.consensus.${status}`)}
    </span>
  );
}
