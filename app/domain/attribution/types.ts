/**
 * Shapes of the non-attribution check: its input, its findings and the rapporteur's resolutions.
 * Zod schemas validate these at boundaries (routes, socket payloads); the check itself trusts its input.
 */
import { z } from "zod";

export const FindingKind = z.enum([
  "participant-name",
  "affiliation",
  "speaker-organisation",
  "speaker-country",
  "attribution-phrase",
  /** An e-mail address or phone number (identifies a person whatever the sentence says). */
  "contact-detail",
]);
export type FindingKind = z.infer<typeof FindingKind>;

/** `high`: names a speaker or ties a statement to a person, state or organisation. `medium`: likely but context-dependent (a bare affiliation, a surname alone, "the ambassador"). */
export const FindingSeverity = z.enum(["high", "medium"]);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

export const Language = z.enum(["en", "fr"]);
export type Language = z.infer<typeof Language>;

/**
 * One thing a rapporteur must resolve before publishing.
 * `start`/`end` are UTF-16 offsets into the block's text (`text.slice(start, end) === match`).
 */
export const Finding = z.object({
  /** Stable: hash of blockId + start + kind, so re-running the check on unchanged text yields the same ids. */
  id: z.string(),
  blockId: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The sentence around the match, for display. */
  excerpt: z.string(),
  match: z.string(),
  kind: FindingKind,
  /** Neutral wording to put in place of `match` ("a participant", "un·e participant·e"). */
  suggestion: z.string(),
  severity: FindingSeverity,
});
export type Finding = z.infer<typeof Finding>;

export const CheckInput = z.object({
  blocks: z.array(z.object({ id: z.string(), text: z.string() })),
  participants: z.array(
    z.object({ displayName: z.string().nullable(), affiliation: z.string().nullable().optional() }),
  ),
  /** Extra organisation names (e.g. companies in the room) on top of the built-in lexicon. */
  organisations: z.array(z.string()).optional(),
  /** Extra country names on top of the built-in lexicon. */
  countries: z.array(z.string()).optional(),
  /** Language of suggestions when a sentence's language cannot be told; both languages are always checked. */
  language: Language.optional(),
});
export type CheckInput = z.infer<typeof CheckInput>;

/** Minimum length of a dismissal reason: enough to rule out an empty or one-key answer. */
export const MIN_DISMISS_REASON = 3;

export const Resolution = z.object({
  findingId: z.string(),
  action: z.enum(["edited", "dismissed"]),
  reason: z.string().optional(),
});
export type Resolution = z.infer<typeof Resolution>;
