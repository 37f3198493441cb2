/**
 * The cross-workshop comparison of one template poll (by its stable key), built from published
 * summary bodies only — so every figure is one the summary already published, sector cells
 * included (suppressed cells stay `{count: null, suppressed: true}`; nothing here can undo that).
 * Pure and browser-safe; shares are formatted here for the loader (hydration-stable text).
 */
import type { SectorBreakdown, Tally } from "~/domain/polls";
import { itemLabel } from "~/domain/summary/format";
import type { SummaryBody, SummaryPoll } from "~/domain/summary/schema";

/** One visible published outcome. `staffOnly` marks a private/unlisted version shown to workshop staff. */
export interface CompareSource {
  summaryId: string;
  staffOnly: boolean;
  body: SummaryBody;
}

/** A column of the comparison: an option, a scale point, a statement or a word. */
export interface CompareItem {
  key: string;
  label: string;
}

/** One session's results for the poll (its last closed run). */
export interface CompareRow {
  summaryId: string;
  staffOnly: boolean;
  workshopTitle: string;
  region: string;
  sessionTitle: string;
  /** Session start date in the workshop's zone (`YYYY-MM-DD`), else the workshop's first day. */
  date: string;
  /** Responses in the last run; 0 when the poll was never run. */
  n: number;
  /** Aligned with `Comparison.items`: share in [0, 1], null when the item was not asked in this session or n = 0. */
  shares: (number | null)[];
  /** Same alignment, formatted ("42%"), "" for null. */
  shareText: string[];
  /** Scale polls: mean in scale points; otherwise null. */
  mean: number | null;
  meanText: string | null;
  /** Sector breakdown of the last run as published (already suppressed), or null (open/statements polls). */
  breakdown: SectorBreakdown | null;
}

export interface Comparison {
  pollKey: string;
  question: string;
  kind: SummaryPoll["kind"];
  items: CompareItem[];
  /** Oldest session first. */
  rows: CompareRow[];
  /** Scale polls only: the ends (from the first session's definition). */
  scale: { min: number; max: number; minLabel: string; maxLabel: string } | null;
  /** True when each row's shares sum to 1 (single choice, scale), so a 100% stacked bar is honest. */
  stacked: boolean;
  /** Sessions left out because they asked the key as a different kind (an adapted agenda). */
  excluded: number;
}

/** Words compared for open polls: the most used across sessions; more would be unreadable. */
export const MAX_WORDS = 10;

const findPoll = (body: SummaryBody, key: string): SummaryPoll | null => {
  for (const panel of body.panels) for (const poll of panel.polls) if (poll.key === key) return poll;
  return null;
};

/** Poll keys in the visible outcomes, with a question and how many sessions have results, by question. */
export function pollChoices(sources: readonly CompareSource[]): { key: string; question: string; sessions: number }[] {
  const byKey = new Map<string, { key: string; question: string; sessions: number }>();
  for (const s of sources) {
    for (const panel of s.body.panels) {
      for (const poll of panel.polls) {
        if (poll.runs.length === 0) continue;
        const entry = byKey.get(poll.key) ?? { key: poll.key, question: poll.question, sessions: 0 };
        entry.sessions += 1;
        byKey.set(poll.key, entry);
      }
    }
  }
  return [...byKey.values()].sort((a, b) => a.question.localeCompare(b.question) || (a.key < b.key ? -1 : 1));
}

/** Item keys and shares of one tally, in the tally's own terms. */
function tallyItems(poll: SummaryPoll, t: Tally): { key: string; label: string; share: number | null }[] {
  const label = (key: string) => itemLabel(poll.definition, key);
  switch (t.kind) {
    case "single":
    case "multiple":
      return t.options.map((o) => ({ key: o.key, label: label(o.key), share: t.n ? o.share : null }));
    case "scale":
      return t.points.map((p) => ({ key: String(p.score), label: String(p.score), share: t.n ? p.share : null }));
    case "ranking":
      return t.options.map((o) => ({ key: o.key, label: label(o.key), share: t.n ? o.firstChoices / t.n : null }));
    case "statements":
      return t.statements.map((s) => ({ key: s.key, label: label(s.key), share: s.agreement }));
    case "open":
      return t.words.map((w) => ({ key: w.word, label: w.word, share: t.n ? w.count / t.n : null }));
  }
}

/** Item keys in definition order (options, points, statements); open polls have none. */
function definitionKeys(poll: SummaryPoll): string[] {
  const d = poll.definition;
  if (d.kind === "scale") return Array.from({ length: d.max - d.min + 1 }, (_, i) => String(d.min + i));
  if (d.kind === "statements") return d.statements.map((s) => s.key);
  if (d.kind === "open") return [];
  return d.options.map((o) => o.key);
}

/**
 * Builds the comparison of `pollKey` across `sources`.
 * @param lang BCP 47 language for formatting shares and means.
 * @returns null when no source has the poll.
 */
export function buildComparison(sources: readonly CompareSource[], pollKey: string, lang: string): Comparison | null {
  const found = sources.map((s) => ({ s, poll: findPoll(s.body, pollKey) })).filter((x): x is { s: CompareSource; poll: SummaryPoll } => x.poll !== null);
  if (found.length === 0) return null;
  found.sort((a, b) => dateOf(a.s.body).localeCompare(dateOf(b.s.body)) || a.s.body.workshop.title.localeCompare(b.s.body.workshop.title));
  // The most recent definition names the question and kind; an adapted agenda might differ in kind.
  const reference = found[found.length - 1].poll;
  const same = found.filter((f) => f.poll.kind === reference.kind);
  const pct = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
  const dec = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, minimumFractionDigits: 2 });

  const perRow = same.map(({ s, poll }) => {
    const last = poll.runs.at(-1)?.tally ?? null;
    return { s, poll, last, items: last ? tallyItems(poll, last) : [] };
  });
  const items = unionItems(perRow.map((r) => ({ poll: r.poll, items: r.items })), reference.kind);
  const rows: CompareRow[] = perRow.map(({ s, last, items: own }) => {
    const byKey = new Map(own.map((i) => [i.key, i.share]));
    const shares = items.map((i) => (byKey.has(i.key) ? (byKey.get(i.key) ?? null) : null));
    const mean = last?.kind === "scale" ? last.mean : null;
    return {
      summaryId: s.summaryId,
      staffOnly: s.staffOnly,
      workshopTitle: s.body.workshop.title,
      region: s.body.workshop.region,
      sessionTitle: s.body.session.title,
      date: dateOf(s.body),
      n: last?.n ?? 0,
      shares,
      shareText: shares.map((v) => (v === null ? "" : pct.format(v))),
      mean,
      meanText: mean === null ? null : dec.format(mean),
      breakdown: last && last.kind !== "open" && last.kind !== "statements" ? last.sectorBreakdown : null,
    };
  });
  const d = reference.definition;
  return {
    pollKey,
    question: reference.question,
    kind: reference.kind,
    items,
    rows,
    scale: d.kind === "scale" ? { min: d.min, max: d.max, minLabel: d.minLabel, maxLabel: d.maxLabel } : null,
    stacked: reference.kind === "single" || reference.kind === "scale",
    excluded: found.length - same.length,
  };
}

const dateOf = (b: SummaryBody) => b.session.startedAt?.date ?? b.workshop.startsOn;

/** Columns: the newest definition's items first, then items only older sessions had; open polls: the top words overall. */
function unionItems(per: { poll: SummaryPoll; items: { key: string; label: string; share: number | null }[] }[], kind: SummaryPoll["kind"]): CompareItem[] {
  if (kind === "open") {
    const totals = new Map<string, number>();
    for (const r of per) for (const i of r.items) totals.set(i.key, (totals.get(i.key) ?? 0) + (i.share ?? 0));
    return [...totals.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_WORDS)
      .map(([key]) => ({ key, label: key }));
  }
  const out = new Map<string, string>();
  for (const r of [...per].reverse()) {
    for (const key of definitionKeys(r.poll)) if (!out.has(key)) out.set(key, kind === "scale" ? key : itemLabel(r.poll.definition, key));
  }
  return [...out.entries()].map(([key, label]) => ({ key, label }));
}
