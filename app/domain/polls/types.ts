/**
 * Tally shapes: JSON-serialisable aggregates of a poll run's responses.
 *
 * Nothing here is per person: no ids, no names, no timestamps, no individual answers except
 * open texts, which are the answer itself and are listed in an order unrelated to who or when.
 */
import { Sector, type Rule } from "../workshop";
import type { ResponseValue } from "./response";
import type { SuppressedTable } from "./suppress";

/** A breakdown row: a declared sector, or `unspecified` for people who did not declare one. */
export type SectorRow = Sector | "unspecified";

/** Breakdown rows in display order: the sector enum order, then `unspecified`. */
export const SECTOR_ROWS: readonly SectorRow[] = [...Sector.options, "unspecified"];

/**
 * One stored response as the tally needs it: the value and the voter's sector, nothing else.
 * `count` (a whole number ≥ 1, default 1) makes it stand for that many identical responses, as a
 * grouped query returns them (server/outcome/gather.ts); the tally is the same as with the copies.
 */
export interface TallyResponse {
  value: ResponseValue;
  sector: Sector | null;
  count?: number;
}

/**
 * How to aggregate. `minCellSize` is the workshop's k (an integer ≥ 1, default 5 from
 * `DEFAULT_MIN_CELL`); under `attributed` it only decides which sectors count toward the
 * consensus marking, and no cell is hidden.
 */
export interface TallyOptions {
  minCellSize: number;
  rule: Rule;
}

/** Sector × column counts as they may be published under the workshop's rule. */
export type SectorBreakdown = SuppressedTable<SectorRow>;

interface TallyBase {
  /** Number of valid responses counted. */
  n: number;
  /** Stored responses that no longer fit the poll (e.g. an option removed since) and were skipped. */
  ignored: number;
}

/** `share` = count / n (0 when n = 0). For `multiple`, shares can sum to more than 1. */
export interface OptionCount {
  key: string;
  count: number;
  share: number;
}

export interface ChoiceTally extends TallyBase {
  kind: "single" | "multiple";
  /** In the poll's option order. */
  options: OptionCount[];
  /** Columns: option keys; row totals: respondents per sector. */
  sectorBreakdown: SectorBreakdown;
}

export interface ScalePoint {
  score: number;
  count: number;
  share: number;
}

export interface ScaleTally extends TallyBase {
  kind: "scale";
  /** Every point from min to max, including those nobody chose. */
  points: ScalePoint[];
  /** In scale points; null when n = 0. */
  mean: number | null;
  median: number | null;
  /** Population standard deviation (the room is the whole population, not a sample of one). */
  sd: number | null;
  /** Columns: scores as strings ("1".."7"). */
  sectorBreakdown: SectorBreakdown;
}

export interface RankedOption {
  key: string;
  /** Mean position, 1 = first; null when n = 0. */
  meanRank: number | null;
  /** Borda score: m-1 points for a first place, …, 0 for last (m = number of options). */
  borda: number;
  /** How many put this option first. */
  firstChoices: number;
}

export interface RankingTally extends TallyBase {
  kind: "ranking";
  /** Sorted by Borda score descending, then key ascending. */
  options: RankedOption[];
  /** Columns: option keys; counts are first choices. */
  sectorBreakdown: SectorBreakdown;
}

export interface WordCount {
  word: string;
  count: number;
}

export interface OpenTally extends TallyBase {
  kind: "open";
  /** All cleaned answers, sorted alphabetically so the order cannot reveal who answered when. */
  texts: string[];
  /** Word-cloud data, most frequent first; `count` = number of answers using the word. */
  words: WordCount[];
  /** Never broken down by sector: a short text plus an affiliation is an attribution. */
  sectorBreakdown: null;
}

/**
 * Cross-sector consensus marking of one statement (after Polis' group-informed consensus).
 * `insufficient`: fewer than two sectors have enough voters to compare.
 */
export type ConsensusStatus = "consensus" | "consensus-against" | "divisive" | "mixed" | "insufficient";

/** Agreement of one sector with at least k agree+disagree votes. */
export interface GroupAgreement {
  sector: SectorRow;
  /** agree / (agree + disagree); null when hidden because its counts are suppressed. */
  agreement: number | null;
  suppressed: boolean;
}

export interface ConsensusView {
  status: ConsensusStatus;
  /** The sectors the marking is based on, in SECTOR_ROWS order. */
  groups: GroupAgreement[];
  /** Polis' score: product over those sectors of (agree+1)/(agree+disagree+2); null if insufficient. */
  groupInformedConsensus: number | null;
}

export interface StatementResult {
  key: string;
  agree: number;
  disagree: number;
  pass: number;
  /** agree / (agree + disagree); null when nobody agreed or disagreed. */
  agreement: number | null;
  consensus: ConsensusView;
  /** Columns: agree, disagree, pass; row totals: people who voted on this statement. */
  sectorBreakdown: SectorBreakdown;
}

export interface StatementsTally extends TallyBase {
  kind: "statements";
  /** In the poll's statement order. */
  statements: StatementResult[];
}

/** Aggregate of one poll run, discriminated by `kind`. */
export type Tally = ChoiceTally | ScaleTally | RankingTally | OpenTally | StatementsTally;
