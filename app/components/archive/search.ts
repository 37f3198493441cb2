/**
 * Archive search: the query string schema and the pure filter over published entries.
 * Browser-safe (no server imports) so the form and the loader share one definition.
 */
import { z } from "zod";
import type { SummaryBody } from "~/domain/summary/schema";
import { IsoDate } from "~/domain/workshop";

/** Longest topic query accepted, in characters: a search box, not a document. */
export const MAX_TOPIC_CHARS = 200;
/** Longest region accepted: regions are short names ("East Africa"), 100 leaves room for any real one. */
export const MAX_REGION_CHARS = 100;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), schema.optional());

/** `?region=&from=YYYY-MM-DD&to=YYYY-MM-DD&q=` — every field optional; `to` must not precede `from`. */
export const ArchiveQuery = z
  .object({
    region: optional(z.string().max(MAX_REGION_CHARS)),
    from: optional(IsoDate),
    to: optional(IsoDate),
    q: optional(z.string().max(MAX_TOPIC_CHARS)),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ["to"], message: "range" });
export type ArchiveQuery = z.infer<typeof ArchiveQuery>;

/** Field → error code (`date`, `range`, `tooLong`), for `archive.archive.errors.<code>`. */
export type ArchiveQueryErrors = Partial<Record<keyof ArchiveQuery, "date" | "range" | "tooLong">>;

/**
 * Parses the archive's search params. Repeated params use the first value.
 * @returns the query, or per-field error codes (the route answers those with 400).
 */
export function parseArchiveQuery(params: URLSearchParams): { ok: true; query: ArchiveQuery } | { ok: false; errors: ArchiveQueryErrors; raw: Record<string, string> } {
  const raw = Object.fromEntries(["region", "from", "to", "q"].map((k) => [k, params.get(k) ?? ""]));
  const parsed = ArchiveQuery.safeParse(raw);
  if (parsed.success) return { ok: true, query: parsed.data };
  const errors: ArchiveQueryErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof ArchiveQuery;
    errors[field] ??= issue.message === "range" ? "range" : issue.code === "too_big" ? "tooLong" : "date";
  }
  return { ok: false, errors, raw };
}

/** Lower-cased, accents removed: "Réunion" matches "reunion". */
export const fold = (s: string): string => s.normalize("NFD").replace(/\p{M}+/gu, "").toLocaleLowerCase("und");

/** The text a topic search looks in: workshop and session titles, panel titles and key takeaways. */
export function topicText(body: SummaryBody): string {
  return fold([body.workshop.title, body.session.title, ...body.panels.flatMap((p) => [p.title, ...p.takeaways])].join("\n"));
}

/** True when every word of `q` occurs in the body's topic text (AND of words, substring match). */
export function matchesTopic(body: SummaryBody, q: string | undefined): boolean {
  const words = fold(q ?? "").split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = topicText(body);
  return words.every((w) => text.includes(w));
}

/**
 * The date an outcome is filed under: the session's start date in the workshop's zone, or, for a
 * session without a recorded start, the workshop's dates.
 */
export function outcomeDates(body: SummaryBody): { from: string; to: string } {
  const d = body.session.startedAt?.date;
  return d ? { from: d, to: d } : { from: body.workshop.startsOn, to: body.workshop.endsOn };
}

/** Whether a summary body passes the archive filters (region exact, case-insensitive; dates overlap; topic words). */
export function matchesArchive(body: SummaryBody, query: ArchiveQuery): boolean {
  if (query.region && fold(body.workshop.region) !== fold(query.region)) return false;
  const { from, to } = outcomeDates(body);
  if (query.from && to < query.from) return false;
  if (query.to && from > query.to) return false;
  return matchesTopic(body, query.q);
}
