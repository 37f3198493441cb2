/**
 * Summary shapes: what `buildSummary` takes (`SummaryInput`) and what it returns (`SummaryBody`,
 * the immutable content of one published summary version, stored as JSON and fed to exports).
 *
 * The input is deliberately narrow: participants arrive as `{role, sector}` with no id, so the
 * builder cannot link anything to a person; responses arrive as `{value, sector}` only.
 */
import { z } from "zod";
import type { TallyResponse } from "../polls";
import type { ParticipantRole } from "../session";
import { PollDefinition } from "../template";
import { IsoDate, Rule, TimeZone, type Sector } from "../workshop";
import { RichDocSchema, type RichDoc } from "./richtext";
import { RunShiftSchema, SectorRowSchema, TallySchema } from "./tally-schema";

/** Version of the `SummaryBody` JSON shape. Bump it, and migrate stored bodies, on any breaking change. */
export const SUMMARY_SCHEMA_VERSION = 1;

/** One closed run of a poll: `run` is its 1-based number; responses carry only value and sector. */
export interface SummaryRunInput {
  run: number;
  responses: readonly TallyResponse[];
}

export interface SummaryPollInput {
  /** The poll as it stood when the session ended (extra stored fields such as `id` are ignored). */
  definition: PollDefinition;
  /** Closed runs only, any order. */
  runs: readonly SummaryRunInput[];
}

export interface SummaryPanelInput {
  key: string;
  title: string;
  framing: string;
  prompts: readonly string[];
  notes: RichDoc;
  /** Plain-text takeaways in the rapporteurs' order. */
  takeaways: readonly string[];
  polls: readonly SummaryPollInput[];
}

/**
 * A participant as the builder sees it. `name` is read only under the `attributed` rule (for the
 * attendee list); under `chatham-house` it is ignored, so a caller's mistake cannot leak it.
 */
export interface SummaryParticipantInput {
  role: ParticipantRole;
  sector: Sector | null;
  name?: string | null;
}

/** Everything `buildSummary` needs. Instants are epoch ms (UTC). */
export interface SummaryInput {
  workshop: {
    title: string;
    region: string;
    /** IANA zone; every date and time in the body is shown in it. */
    timeZone: string;
    startsOn: string;
    endsOn: string;
    rule: z.infer<typeof Rule>;
    /** k (≥ 1): sector cells smaller than this are suppressed under chatham-house. */
    minCellSize: number;
  };
  session: { title: string; startedAt: number | null; endedAt: number | null };
  participants: readonly SummaryParticipantInput[];
  /** In session order. */
  panels: readonly SummaryPanelInput[];
}

export const LocalTimeSchema = z.object({
  date: IsoDate,
  time: z.string().regex(/^\d{2}:\d{2}$/),
  offset: z.string().regex(/^[+-]\d{2}:\d{2}$/),
});

/** A sector's head count in the room; `count: null` when suppressed. */
export const SectorMixEntry = z.object({ sector: SectorRowSchema, count: z.number().int().min(0).nullable(), suppressed: z.boolean() });

export const SummaryRun = z.object({
  run: z.number().int().min(1),
  tally: TallySchema,
  /** Open answers the rapporteur withheld from this run (absent = none); `tally.texts`/`words` already leave them out. */
  withheldAnswers: z.number().int().min(1).optional(),
});

export const SummaryPoll = z.object({
  key: z.string(),
  question: z.string(),
  kind: z.enum(["single", "multiple", "scale", "ranking", "open", "statements"]),
  /** Options/statements/scale with labels, as asked (exports and datasets need the labels). */
  definition: PollDefinition,
  /** Responses in the last run (0 when the poll was never run). */
  n: z.number().int().min(0),
  /** Closed runs by ascending run number; each tally's sector breakdown is already suppressed. */
  runs: z.array(SummaryRun),
  /** Last run compared with the one before it; null when asked fewer than twice. */
  shift: RunShiftSchema.nullable(),
  /** Results left out of the published summary (hidden during the session, not included by the rapporteur): no runs, n 0. */
  resultsWithheld: z.boolean().optional(),
  /** Results hidden during the session that the rapporteur included (set by `applyEdits`, which then keeps them on a second pass). */
  resultsIncluded: z.boolean().optional(),
});

export const SummaryPanel = z.object({
  key: z.string(),
  title: z.string(),
  framing: z.string(),
  prompts: z.array(z.string()),
  notes: RichDocSchema,
  takeaways: z.array(z.string()),
  polls: z.array(SummaryPoll),
});

/**
 * The rapporteur's decisions on poll results, stored with the draft and applied at publication
 * (`applyEdits` in ./edits.ts). Ids: answers `<panelKey>/answer/<pollKey>/<run>/<i>`, polls `<panelKey>/<pollKey>`.
 */
export const SummaryEdits = z.object({
  /** Open answers withheld from the summary (each resolves the findings on that answer). */
  withheldAnswers: z.array(z.string().max(600)).max(100_000),
  /** Polls whose results were hidden during the session that the rapporteur includes anyway. */
  includedHiddenPolls: z.array(z.string().max(600)).max(1_000),
});
export type SummaryEdits = z.infer<typeof SummaryEdits>;

/** The content of one summary version. Contains no names (except attendees under `attributed`), ids or per-person data. */
export const SummaryBody = z.object({
  schemaVersion: z.literal(SUMMARY_SCHEMA_VERSION),
  workshop: z.object({
    title: z.string(),
    region: z.string(),
    timeZone: TimeZone,
    startsOn: IsoDate,
    endsOn: IsoDate,
    rule: Rule,
    /** k applied to sector cells; 0 under `attributed` (nothing hidden). */
    minCellSize: z.number().int().min(0),
  }),
  session: z.object({
    title: z.string(),
    startedAt: LocalTimeSchema.nullable(),
    endedAt: LocalTimeSchema.nullable(),
    /** Whole minutes between start and end; null if either is missing. */
    durationMinutes: z.number().int().min(0).nullable(),
  }),
  participants: z.object({
    /** People with the `participant` role (staff and observers excluded). */
    count: z.number().int().min(0),
    /** In SECTOR_ROWS order; suppressed under chatham-house like any breakdown. */
    sectors: z.array(SectorMixEntry),
    /** Sorted names under `attributed` (when given); always null under chatham-house. */
    attendees: z.array(z.string()).nullable(),
  }),
  panels: z.array(SummaryPanel),
  /** Draft only: the rapporteur's edits to poll results; absent from published versions (applied). */
  edits: SummaryEdits.optional(),
});
export type SummaryBody = z.infer<typeof SummaryBody>;
export type SummaryPoll = z.infer<typeof SummaryPoll>;
export type SummaryPanel = z.infer<typeof SummaryPanel>;
export type LocalTimeValue = z.infer<typeof LocalTimeSchema>;
