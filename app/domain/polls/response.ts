/**
 * Responses (votes): the shape of a valid answer for each poll kind.
 *
 * A response is built from the poll definition, so a value is valid only for the poll it was
 * given for (known option keys, the poll's scale range, its maximum text length…). Every object
 * is strict: stored responses must not carry fields we did not ask for (a client could otherwise
 * smuggle a name or note into the vote table, which the Chatham House guarantee forbids).
 */
import { z } from "zod";
import type { PollDefinition, PollKind } from "../template";

/** A statements vote: Polis' three answers. `pass` = seen, but no opinion. */
export const StatementVote = z.enum(["agree", "disagree", "pass"]);
export type StatementVote = z.infer<typeof StatementVote>;

/** Value shape per poll kind. Keys are option/statement keys from the poll definition. */
export interface ResponseValueByKind {
  single: { choice: string };
  multiple: { choices: string[] };
  scale: { score: number };
  ranking: { order: string[] };
  open: { text: string };
  statements: { votes: Record<string, StatementVote> };
}

/** Any valid response value (the union over all poll kinds). */
export type ResponseValue = ResponseValueByKind[PollKind];

/** A zod issue reduced to what a client needs: JSON-safe path and message. */
export interface ResponseIssue {
  path: (string | number)[];
  message: string;
}

/** Result of `parseResponse`: a value ready to store, or a one-line error plus the issues. */
export type ParseResponseResult<K extends PollKind = PollKind> =
  | { ok: true; value: ResponseValueByKind[K] }
  | { ok: false; error: string; issues: ResponseIssue[] };

/**
 * C0/C1 control characters, DEL, and Unicode bidirectional overrides/isolates.
 * Why strip them: open answers are shown on a projector, in exports (DOCX/XML rejects most C0
 * characters outright, so one NUL would corrupt a whole summary file) and in logs (a CR/LF
 * could forge log lines); bidi controls can make a text display differently from what it is
 * ("Trojan Source", CVE-2021-42574). Line breaks and tabs become spaces: answers are one line.
 */
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Cleans an open answer: line breaks → space, controls removed, whitespace runs collapsed, trimmed, NFC. */
export function cleanOpenText(raw: string): string {
  return raw.normalize("NFC").replace(LINE_BREAKS, " ").replace(CONTROL, "").replace(/\s{2,}/g, " ").trim();
}

/** Length in Unicode code points, so an emoji or accented letter counts as one character. */
export const codePointLength = (s: string): number => Array.from(s).length;

const uniqueItems = (items: string[]) => new Set(items).size === items.length;

const keyEnum = (keys: string[]) => z.enum(keys as [string, ...string[]]);

/**
 * Builds the zod schema of a valid answer to `poll`.
 *
 * - single: `{choice}` — one known option key.
 * - multiple: `{choices}` — 1..`maxChoices` distinct known option keys.
 * - scale: `{score}` — an integer in `[min, max]`.
 * - ranking: `{order}` — a permutation of all option keys (first = most preferred).
 * - open: `{text}` — cleaned by `cleanOpenText`, then 1..`maxLength` code points.
 * - statements: `{votes}` — at least one known statement key mapped to agree/disagree/pass.
 *
 * @example responseValueSchema(poll).parse({ choice: "binding" })
 */
export function responseValueSchema<P extends PollDefinition>(poll: P): z.ZodType<ResponseValueByKind[P["kind"]]> {
  let schema = schemas.get(poll);
  if (!schema) schemas.set(poll, (schema = buildSchema(poll)));
  return schema as unknown as z.ZodType<ResponseValueByKind[P["kind"]]>;
}

/**
 * Built schemas per poll object. Building one (and zod's first-parse compilation) costs far more than
 * a parse, and a burst validates thousands of answers to one poll. Keyed by object identity, so an
 * edited poll (a new object) gets a new schema and a dropped one is collected with its schema.
 */
const schemas = new WeakMap<PollDefinition, z.ZodType<ResponseValue>>();

function buildSchema(poll: PollDefinition): z.ZodType<ResponseValue> {
  switch (poll.kind) {
    case "single":
      return z.strictObject({ choice: keyEnum(poll.options.map((o) => o.key)) });
    case "multiple":
      return z.strictObject({
        choices: z
          .array(keyEnum(poll.options.map((o) => o.key)))
          .min(1, "choose at least one option")
          .max(poll.maxChoices, `choose at most ${poll.maxChoices} options`)
          .refine(uniqueItems, "an option is chosen twice"),
      });
    case "scale":
      return z.strictObject({
        score: z.number().int("the score must be a whole number").min(poll.min).max(poll.max),
      });
    case "ranking": {
      const keys = poll.options.map((o) => o.key);
      return z.strictObject({
        order: z
          .array(keyEnum(keys))
          .length(keys.length, `rank all ${keys.length} options`)
          .refine(uniqueItems, "an option is ranked twice"),
      });
    }
    case "open": {
      const max = poll.maxLength;
      return z.strictObject({
        text: z
          .string()
          // Cheap bound before cleaning so a megabyte payload is refused without scanning it.
          .max(max * 8, `at most ${max} characters`)
          .transform(cleanOpenText)
          .pipe(
            z
              .string()
              .min(1, "the answer is empty")
              .refine((s) => codePointLength(s) <= max, `at most ${max} characters`),
          ),
      });
    }
    case "statements": {
      const known = new Set(poll.statements.map((s) => s.key));
      return z.strictObject({
        votes: z.record(z.string(), StatementVote).superRefine((votes, ctx) => {
          const keys = Object.keys(votes);
          if (keys.length === 0) ctx.addIssue({ code: "custom", message: "vote on at least one statement" });
          for (const key of keys) {
            if (!known.has(key)) ctx.addIssue({ code: "custom", path: [key], message: `unknown statement "${key}"` });
          }
        }),
      });
    }
  }
}

/**
 * Validates `raw` against `poll`. Never throws on bad input.
 * @returns `{ok:true, value}` (cleaned value to store) or `{ok:false, error, issues}` for an ack.
 */
export function parseResponse<P extends PollDefinition>(poll: P, raw: unknown): ParseResponseResult<P["kind"]> {
  const result = responseValueSchema(poll).safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const issues: ResponseIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === "number" ? p : String(p))),
    message: issue.message,
  }));
  return { ok: false, error: `invalid answer: ${issues[0]?.message ?? "unknown error"}`, issues };
}
