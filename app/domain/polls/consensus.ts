/**
 * Cross-sector consensus for statements polls.
 *
 * Source: Polis "group-informed consensus" (https://compdemocracy.org/group-informed-consensus/):
 * a statement counts as common ground only when every opinion group agrees with it, so one
 * large group cannot manufacture a "majority" on its own. Polis scores this as the product over
 * groups of the Laplace-smoothed agree probability (A+1)/(S+2); we report that score too. Our
 * groups are declared sectors (the stakeholder groups a policy workshop reasons about), not
 * Polis' opinion clusters, and the marking uses readable thresholds instead of a raw product:
 *
 * - CONSENSUS_SHARE = 0.6: a clear majority inside each sector, not a 50 %+1 that one person
 *   flips. With k = 5 it means at least 3 of 5 voters.
 * - DIVISIVE_SPREAD = 0.4: the most and least agreeing sectors are 40 points apart, e.g. 0.8
 *   vs 0.4: one sector clearly for while another leans against or is split.
 * - A sector counts only with at least k agree+disagree votes: below that, one vote swings its
 *   share by 20+ points and its share could expose individual votes under Chatham House.
 * - `unspecified` (no declared sector) is not a group: it mixes all stakeholders.
 * - Fewer than two qualifying sectors → `insufficient`: agreement "across sectors" needs two.
 */
import type { ConsensusStatus, ConsensusView, GroupAgreement, SectorRow } from "./types";

export const CONSENSUS_SHARE = 0.6;
export const DIVISIVE_SPREAD = 0.4;
/** Float slack so 0.6 − 0.2 (= 0.39999…) still counts as a 0.4 spread. */
const EPS = 1e-9;

/** Counts of one sector on one statement, and whether its share may be published. */
export interface SectorVotes {
  sector: SectorRow;
  agree: number;
  disagree: number;
  /** False when the rule hides this sector's agree or disagree count (then the share is hidden too). */
  publishable: boolean;
}

/**
 * Marks a statement `consensus` (every qualifying sector agrees ≥ 0.6), `consensus-against`
 * (every one disagrees ≥ 0.6), `divisive` (shares spread ≥ 0.4), `mixed`, or `insufficient`.
 * Consensus wins over divisive when both hold (0.6 and 1.0 are both "for").
 * @param k minimum agree+disagree votes for a sector to count (the workshop's minCellSize).
 */
export function consensusView(sectors: SectorVotes[], k: number): ConsensusView {
  const qualifying = sectors.filter((s) => s.sector !== "unspecified" && s.agree + s.disagree >= Math.max(k, 1));
  const groups: GroupAgreement[] = qualifying.map((s) =>
    s.publishable
      ? { sector: s.sector, agreement: s.agree / (s.agree + s.disagree), suppressed: false }
      : { sector: s.sector, agreement: null, suppressed: true },
  );
  if (qualifying.length < 2) return { status: "insufficient", groups, groupInformedConsensus: null };

  const shares = qualifying.map((s) => s.agree / (s.agree + s.disagree));
  let status: ConsensusStatus;
  if (qualifying.every((s) => s.agree >= CONSENSUS_SHARE * (s.agree + s.disagree) - EPS)) status = "consensus";
  else if (qualifying.every((s) => s.disagree >= CONSENSUS_SHARE * (s.agree + s.disagree) - EPS)) status = "consensus-against";
  else if (Math.max(...shares) - Math.min(...shares) >= DIVISIVE_SPREAD - EPS) status = "divisive";
  else status = "mixed";

  const groupInformedConsensus = qualifying.reduce((p, s) => p * ((s.agree + 1) / (s.agree + s.disagree + 2)), 1);
  return { status, groups, groupInformedConsensus };
}
