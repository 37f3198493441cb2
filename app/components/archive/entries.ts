/**
 * Turning published summary entries into archive rows: the latest public version per session,
 * filtered, newest session first. Pure; dates are formatted here (in the loader) rather than in
 * components, because Node's and browsers' ICU data differ and would break hydration.
 */
import type { SummaryBody } from "~/domain/summary/schema";
import { matchesArchive, outcomeDates, type ArchiveQuery } from "./search";

/** The part of a stored `PublishedEntry` the archive reads (times epoch ms). */
export interface ArchiveSource {
  record: { id: string; version: number; publishedAt: number | null; body: SummaryBody };
  workshop: { id: string; timeZone: string };
}

/** One outcome in the archive list. */
export interface ArchiveRow {
  summaryId: string;
  workshopTitle: string;
  region: string;
  rule: SummaryBody["workshop"]["rule"];
  sessionTitle: string;
  /** Formatted session date (or workshop dates) in the reader's language. */
  date: string;
  /** ISO date the row sorts by. */
  sortDate: string;
  version: number;
  published: string | null;
  panelCount: number;
  /** Up to {@link TAKEAWAYS_SHOWN} takeaways, from the first panels. */
  takeaways: string[];
  moreTakeaways: number;
}

/** Takeaways previewed per outcome: enough to judge relevance without turning the list into the report. */
export const TAKEAWAYS_SHOWN = 3;
/** Rows shown at most; the archive is searched, not paged, at this size. */
export const MAX_ROWS = 200;

const dateFmt = (lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" });

function formatRange(from: string, to: string, lang: string): string {
  const d = (s: string) => new Date(`${s}T00:00:00Z`);
  return from === to ? dateFmt(lang).format(d(from)) : dateFmt(lang).formatRange(d(from), d(to));
}

/**
 * Archive rows for `entries` (already the latest public version per session) that match `query`.
 * @returns rows newest session first, at most {@link MAX_ROWS}, and the distinct regions (sorted) for the filter.
 */
export function archiveRows(entries: readonly ArchiveSource[], query: ArchiveQuery, lang: string): { rows: ArchiveRow[]; regions: string[]; total: number } {
  const regions = [...new Set(entries.map((e) => e.record.body.workshop.region))].sort((a, b) => a.localeCompare(b, lang));
  const matched = entries.filter((e) => matchesArchive(e.record.body, query));
  const rows = matched.map((e): ArchiveRow => {
    const body = e.record.body;
    const { from, to } = outcomeDates(body);
    const all = body.panels.flatMap((p) => p.takeaways);
    return {
      summaryId: e.record.id,
      workshopTitle: body.workshop.title,
      region: body.workshop.region,
      rule: body.workshop.rule,
      sessionTitle: body.session.title,
      date: formatRange(from, to, lang),
      sortDate: from,
      version: e.record.version,
      published: e.record.publishedAt === null ? null : formatRange(localDate(e.record.publishedAt, body.workshop.timeZone), localDate(e.record.publishedAt, body.workshop.timeZone), lang),
      panelCount: body.panels.length,
      takeaways: all.slice(0, TAKEAWAYS_SHOWN),
      moreTakeaways: Math.max(0, all.length - TAKEAWAYS_SHOWN),
    };
  });
  rows.sort((a, b) => (a.sortDate < b.sortDate ? 1 : a.sortDate > b.sortDate ? -1 : a.workshopTitle.localeCompare(b.workshopTitle)));
  return { rows: rows.slice(0, MAX_ROWS), regions, total: rows.length };
}

/** Calendar date of an instant in a zone (`YYYY-MM-DD`); en-CA formats dates in ISO order. */
function localDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}
