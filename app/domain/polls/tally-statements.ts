/**
 * Tally of a statements poll: agree/disagree/pass per statement, sector breakdown, consensus.
 */
import type { Sector } from "../workshop";
import type { StatementsPoll } from "../template";
import type { z } from "zod";
import { sectorBreakdown, sectorRowIndex } from "./breakdown";
import { consensusView, type SectorVotes } from "./consensus";
import type { ResponseValueByKind, StatementVote } from "./response";
import { SECTOR_ROWS, type StatementResult, type StatementsTally, type TallyOptions } from "./types";

const VOTE_COLUMNS: readonly StatementVote[] = ["agree", "disagree", "pass"];

/** Valid statements responses with their sector and how many identical responses each stands for (`w`). */
type Counted = { value: ResponseValueByKind["statements"]; sector: Sector | null; w: number };

/** Aggregates `responses` (already validated against `poll`). `ignored` is passed through. */
export function tallyStatements(
  poll: z.infer<typeof StatementsPoll>,
  responses: Counted[],
  ignored: number,
  opts: TallyOptions,
): StatementsTally {
  const statements = poll.statements.map(({ key }): StatementResult => {
    const voted = responses.flatMap((r) => {
      const vote = r.value.votes[key];
      return vote === undefined ? [] : [{ sector: r.sector, vote, w: r.w }];
    });
    const count = (v: StatementVote) => voted.reduce((a, x) => (x.vote === v ? a + x.w : a), 0);
    const [agree, disagree, pass] = VOTE_COLUMNS.map(count);
    const breakdown = sectorBreakdown(
      [...VOTE_COLUMNS],
      voted.map((x) => ({ sector: x.sector, columns: [VOTE_COLUMNS.indexOf(x.vote)], weight: x.w })),
      opts,
    );

    // Raw sector counts feed the marking; the published share follows the breakdown's suppression,
    // because agree/(agree+disagree) plus the visible totals would give back a hidden cell.
    const raw = SECTOR_ROWS.map(() => ({ agree: 0, disagree: 0 }));
    for (const x of voted) {
      if (x.vote !== "pass") raw[sectorRowIndex(x.sector)][x.vote] += x.w;
    }
    const sectors: SectorVotes[] = SECTOR_ROWS.map((sector, r) => ({
      sector,
      ...raw[r],
      publishable: !breakdown.cells[r][0].suppressed && !breakdown.cells[r][1].suppressed,
    }));

    return {
      key,
      agree,
      disagree,
      pass,
      agreement: agree + disagree === 0 ? null : agree / (agree + disagree),
      consensus: consensusView(sectors, opts.minCellSize),
      sectorBreakdown: breakdown,
    };
  });
  return { kind: "statements", n: responses.reduce((a, r) => a + r.w, 0), ignored, statements };
}
