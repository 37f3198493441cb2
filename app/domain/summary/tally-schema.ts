/**
 * Zod mirrors of the poll tally shapes (`app/domain/polls/types.ts`, `shift.ts`), so a stored
 * summary can be validated when it is read back. The compile-time checks at the bottom fail the
 * build if these drift from the TypeScript types the tally code produces.
 */
import { z } from "zod";
import type { RunShift, Tally } from "../polls";
import { SECTOR_ROWS, type SectorRow } from "../polls/types";

export const SectorRowSchema = z.enum(SECTOR_ROWS as [SectorRow, ...SectorRow[]]);

const count = z.number().int().min(0);
const share = z.number().min(0).max(1);

export const CellSchema = z.union([
  z.object({ count, suppressed: z.literal(false) }),
  z.object({ count: z.null(), suppressed: z.literal(true) }),
]);

export const SectorBreakdownSchema = z.object({
  rows: z.array(SectorRowSchema),
  cols: z.array(z.string()),
  cells: z.array(z.array(CellSchema)),
  rowTotals: z.array(CellSchema),
  colTotals: z.array(count),
  total: count,
  k: count,
  anySuppressed: z.boolean(),
});

const base = { n: count, ignored: count };

const ChoiceTallySchema = z.object({
  kind: z.enum(["single", "multiple"]),
  ...base,
  options: z.array(z.object({ key: z.string(), count, share })),
  sectorBreakdown: SectorBreakdownSchema,
});

const ScaleTallySchema = z.object({
  kind: z.literal("scale"),
  ...base,
  points: z.array(z.object({ score: z.number().int(), count, share })),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  sd: z.number().nullable(),
  sectorBreakdown: SectorBreakdownSchema,
});

const RankingTallySchema = z.object({
  kind: z.literal("ranking"),
  ...base,
  options: z.array(z.object({ key: z.string(), meanRank: z.number().nullable(), borda: count, firstChoices: count })),
  sectorBreakdown: SectorBreakdownSchema,
});

const OpenTallySchema = z.object({
  kind: z.literal("open"),
  ...base,
  texts: z.array(z.string()),
  words: z.array(z.object({ word: z.string(), count })),
  sectorBreakdown: z.null(),
});

const ConsensusViewSchema = z.object({
  status: z.enum(["consensus", "consensus-against", "divisive", "mixed", "insufficient"]),
  groups: z.array(z.object({ sector: SectorRowSchema, agreement: share.nullable(), suppressed: z.boolean() })),
  groupInformedConsensus: z.number().nullable(),
});

const StatementsTallySchema = z.object({
  kind: z.literal("statements"),
  ...base,
  statements: z.array(
    z.object({
      key: z.string(),
      agree: count,
      disagree: count,
      pass: count,
      agreement: share.nullable(),
      consensus: ConsensusViewSchema,
      sectorBreakdown: SectorBreakdownSchema,
    }),
  ),
});

/** Any poll run's tally, discriminated by `kind`. */
export const TallySchema = z.union([ChoiceTallySchema, ScaleTallySchema, RankingTallySchema, OpenTallySchema, StatementsTallySchema]);

const ShareShiftSchema = z.object({
  key: z.string(),
  shareA: share.nullable(),
  shareB: share.nullable(),
  deltaPp: z.number().nullable(),
});

const shiftBase = { nA: count, nB: count };

/** Shift between two runs (deltas B − A; shares in [0, 1], deltas in percentage points). */
export const RunShiftSchema = z.union([
  z.object({ kind: z.enum(["single", "multiple"]), ...shiftBase, options: z.array(ShareShiftSchema) }),
  z.object({
    kind: z.literal("scale"),
    ...shiftBase,
    points: z.array(ShareShiftSchema),
    meanA: z.number().nullable(),
    meanB: z.number().nullable(),
    meanDelta: z.number().nullable(),
  }),
  z.object({ kind: z.literal("ranking"), ...shiftBase, options: z.array(ShareShiftSchema.extend({ meanRankDelta: z.number().nullable() })) }),
  z.object({ kind: z.literal("statements"), ...shiftBase, statements: z.array(ShareShiftSchema) }),
  z.object({ kind: z.literal("open"), ...shiftBase }),
]);

// Compile-time drift checks: each side must be assignable to the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const tallyMatches: Same<z.infer<typeof TallySchema>, Tally> = true;
const shiftMatches: Same<z.infer<typeof RunShiftSchema>, RunShift> = true;
void tallyMatches;
void shiftMatches;
