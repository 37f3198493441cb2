/**
 * Shift between two runs of the same poll (e.g. before and after a panel's discussion), for
 * the projector. Deltas are B − A. Shares are compared in percentage points (pp), because a
 * change from 20 % to 30 % is "+10 pp", not "+50 %".
 */
import type { PollDefinition } from "../template";
import type { ChoiceTally, RankingTally, ScaleTally, StatementsTally, Tally } from "./types";

/** One option/point/statement: shares in [0, 1], delta in pp; null where a run has no data for it. */
export interface ShareShift {
  key: string;
  shareA: number | null;
  shareB: number | null;
  deltaPp: number | null;
}

interface ShiftBase {
  /** Responses in each run. */
  nA: number;
  nB: number;
}

export type RunShift =
  | (ShiftBase & { kind: "single" | "multiple"; options: ShareShift[] })
  /** `key` is the score as a string; `meanDelta` in scale points. */
  | (ShiftBase & { kind: "scale"; points: ShareShift[]; meanA: number | null; meanB: number | null; meanDelta: number | null })
  /** Shares are first choices; `meanRankDelta` < 0 means the option moved up. */
  | (ShiftBase & { kind: "ranking"; options: (ShareShift & { meanRankDelta: number | null })[] })
  /** Shares are agreement = agree / (agree + disagree). */
  | (ShiftBase & { kind: "statements"; statements: ShareShift[] })
  /** Free texts have no per-item share; only the counts are compared. */
  | (ShiftBase & { kind: "open" });

const delta = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);
const pp = (a: number | null, b: number | null) => {
  const d = delta(a, b);
  return d === null ? null : d * 100;
};
const shift = (key: string, shareA: number | null, shareB: number | null): ShareShift => ({ key, shareA, shareB, deltaPp: pp(shareA, shareB) });

/**
 * Compares run A with run B of `poll`, item by item in the poll's current order. An item
 * missing from a run (the poll was edited between runs) or a run with no responses gives null
 * shares and deltas rather than a misleading 0.
 * @throws TypeError when either tally is not of the poll's kind.
 */
export function shiftBetweenRuns(poll: PollDefinition, a: Tally, b: Tally): RunShift {
  if (a.kind !== poll.kind || b.kind !== poll.kind) {
    throw new TypeError(`cannot compare ${a.kind} and ${b.kind} tallies of a ${poll.kind} poll`);
  }
  const base = { nA: a.n, nB: b.n };
  switch (poll.kind) {
    case "single":
    case "multiple": {
      const share = (t: ChoiceTally, key: string) => (t.n === 0 ? null : (t.options.find((o) => o.key === key)?.share ?? null));
      const options = poll.options.map(({ key }) => shift(key, share(a as ChoiceTally, key), share(b as ChoiceTally, key)));
      return { kind: poll.kind, ...base, options };
    }
    case "scale": {
      const [ta, tb] = [a as ScaleTally, b as ScaleTally];
      const share = (t: ScaleTally, score: number) => (t.n === 0 ? null : (t.points.find((p) => p.score === score)?.share ?? null));
      const points = Array.from({ length: poll.max - poll.min + 1 }, (_, i) => poll.min + i).map((score) =>
        shift(String(score), share(ta, score), share(tb, score)),
      );
      return { kind: "scale", ...base, points, meanA: ta.mean, meanB: tb.mean, meanDelta: delta(ta.mean, tb.mean) };
    }
    case "ranking": {
      const find = (t: RankingTally, key: string) => t.options.find((o) => o.key === key);
      const first = (t: RankingTally, key: string) => {
        const o = find(t, key);
        return t.n === 0 || !o ? null : o.firstChoices / t.n;
      };
      const options = poll.options.map(({ key }) => ({
        ...shift(key, first(a as RankingTally, key), first(b as RankingTally, key)),
        meanRankDelta: delta(find(a as RankingTally, key)?.meanRank ?? null, find(b as RankingTally, key)?.meanRank ?? null),
      }));
      return { kind: "ranking", ...base, options };
    }
    case "statements": {
      const agreement = (t: StatementsTally, key: string) => t.statements.find((s) => s.key === key)?.agreement ?? null;
      const statements = poll.statements.map(({ key }) =>
        shift(key, agreement(a as StatementsTally, key), agreement(b as StatementsTally, key)),
      );
      return { kind: "statements", ...base, statements };
    }
    case "open":
      return { kind: "open", ...base };
  }
}
