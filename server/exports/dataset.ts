/**
 * Research dataset: poll results of one or many sessions as schema-versioned JSON (described by
 * `dataset.schema.json` and docs/dataset-codebook.md), so the same template poll can be compared
 * across regional workshops by its stable `key`.
 *
 * Built only from summary bodies, so it inherits their guarantees: counts per sector are the
 * suppressed ones, nothing is per person. It also drops the attendee list that `attributed`
 * summaries carry: a dataset is for aggregate comparison and is shared more widely than a report.
 */
import type { SectorRow } from "../../app/domain/polls/types";
import { itemLabel, type LocalTimeValue, type SummaryBody, type SummaryPoll } from "../../app/domain/summary";
import type { SectorBreakdown, Tally } from "../../app/domain/polls";
import type { ExportMeta } from "./meta";

/** Version of the dataset JSON shape (independent of the summary body's version). */
export const DATASET_SCHEMA_VERSION = 1;

/** A sector's figures for one item; null = suppressed (or not applicable for the poll kind). */
export interface DatasetSectorCount {
  sector: SectorRow;
  count: number | null;
  agree: number | null;
  disagree: number | null;
  pass: number | null;
  suppressed: boolean;
}

/** One option / scale point / statement / word of a run. Fields that do not apply to the kind are null. */
export interface DatasetItem {
  key: string;
  label: string;
  count: number;
  share: number | null;
  agree: number | null;
  disagree: number | null;
  pass: number | null;
  agreement: number | null;
  consensus: string | null;
  meanRank: number | null;
  borda: number | null;
  sectorCounts: DatasetSectorCount[];
}

export interface DatasetRun {
  run: number;
  n: number;
  ignored: number;
  mean: number | null;
  median: number | null;
  sd: number | null;
  items: DatasetItem[];
  /** People per sector who answered this run (suppressed like the cells); empty for open polls. */
  sectorTotals: { sector: SectorRow; count: number | null; suppressed: boolean }[];
  /** Open answers, alphabetical; empty for other kinds. */
  texts: string[];
  /** Open answers the rapporteur withheld from the summary (not in `texts` nor the word counts); 0 otherwise. */
  withheldAnswers: number;
}

export interface DatasetPoll {
  key: string;
  panelKey: string;
  question: string;
  kind: SummaryPoll["kind"];
  options: { key: string; label: string }[] | null;
  statements: { key: string; text: string }[] | null;
  scale: { min: number; max: number; minLabel: string; maxLabel: string; midLabel: string | null } | null;
  runs: DatasetRun[];
  /** Results hidden from the room during the session and left out of the summary (`runs` is empty). */
  resultsWithheld: boolean;
}

export interface DatasetSession {
  title: string;
  startedAt: LocalTimeValue | null;
  endedAt: LocalTimeValue | null;
  durationMinutes: number | null;
  participants: { count: number; sectors: SummaryBody["participants"]["sectors"] };
  polls: DatasetPoll[];
}

export type DatasetWorkshop = Omit<SummaryBody["workshop"], never> & { sessions: DatasetSession[] };

export interface Dataset {
  schemaVersion: typeof DATASET_SCHEMA_VERSION;
  /** ISO 8601 UTC instant the dataset was generated/published. */
  generatedAt: string;
  workshops: DatasetWorkshop[];
}

const nulls = { share: null, agree: null, disagree: null, pass: null, agreement: null, consensus: null, meanRank: null, borda: null };

function items(poll: SummaryPoll, t: Tally): DatasetItem[] {
  const label = (key: string) => itemLabel(poll.definition, key);
  const plain = (b: SectorBreakdown, c: number): DatasetSectorCount[] =>
    b.rows.map((sector, r) => {
      const cell = b.cells[r][c];
      return { sector, count: cell.count, agree: null, disagree: null, pass: null, suppressed: cell.suppressed };
    });
  switch (t.kind) {
    case "single":
    case "multiple":
      return t.options.map((o, c) => ({ ...nulls, key: o.key, label: label(o.key), count: o.count, share: o.share, sectorCounts: plain(t.sectorBreakdown, c) }));
    case "scale":
      return t.points.map((p, c) => ({ ...nulls, key: String(p.score), label: label(String(p.score)), count: p.count, share: p.share, sectorCounts: plain(t.sectorBreakdown, c) }));
    case "ranking":
      return t.options.map((o) => ({
        ...nulls,
        key: o.key,
        label: label(o.key),
        count: o.firstChoices,
        share: t.n === 0 ? null : o.firstChoices / t.n,
        meanRank: o.meanRank,
        borda: o.borda,
        sectorCounts: plain(t.sectorBreakdown, t.sectorBreakdown.cols.indexOf(o.key)),
      }));
    case "open":
      return t.words.map((w) => ({ ...nulls, key: w.word, label: w.word, count: w.count, share: t.n === 0 ? null : w.count / t.n, sectorCounts: [] }));
    case "statements":
      return t.statements.map((s) => ({
        ...nulls,
        key: s.key,
        label: label(s.key),
        count: s.agree + s.disagree + s.pass,
        agree: s.agree,
        disagree: s.disagree,
        pass: s.pass,
        agreement: s.agreement,
        consensus: s.consensus.status,
        sectorCounts: s.sectorBreakdown.rows.map((sector, r) => {
          const [a, d, p] = s.sectorBreakdown.cells[r];
          const total = s.sectorBreakdown.rowTotals[r];
          return { sector, count: total.count, agree: a.count, disagree: d.count, pass: p.count, suppressed: a.suppressed || d.suppressed || p.suppressed || total.suppressed };
        }),
      }));
  }
}

function sectorTotals(t: Tally): DatasetRun["sectorTotals"] {
  // Statements have one breakdown per statement; respondents per sector are not one number there.
  const b = t.kind === "open" || t.kind === "statements" ? null : t.sectorBreakdown;
  return b ? b.rows.map((sector, r) => ({ sector, count: b.rowTotals[r].count, suppressed: b.rowTotals[r].suppressed })) : [];
}

function datasetPoll(panelKey: string, poll: SummaryPoll): DatasetPoll {
  const d = poll.definition;
  return {
    key: poll.key,
    panelKey,
    question: poll.question,
    kind: poll.kind,
    options: "options" in d ? d.options.map((o) => ({ key: o.key, label: o.label })) : null,
    statements: d.kind === "statements" ? d.statements.map((s) => ({ key: s.key, text: s.text })) : null,
    scale: d.kind === "scale" ? { min: d.min, max: d.max, minLabel: d.minLabel, maxLabel: d.maxLabel, midLabel: d.midLabel ?? null } : null,
    resultsWithheld: poll.resultsWithheld === true,
    runs: poll.runs.map(({ run, tally: t, withheldAnswers }) => ({
      run,
      n: t.n,
      ignored: t.ignored,
      mean: t.kind === "scale" ? t.mean : null,
      median: t.kind === "scale" ? t.median : null,
      sd: t.kind === "scale" ? t.sd : null,
      items: items(poll, t),
      sectorTotals: sectorTotals(t),
      texts: t.kind === "open" ? [...t.texts] : [],
      withheldAnswers: withheldAnswers ?? 0,
    })),
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sessionSortKey = (b: SummaryBody) => `${b.session.startedAt?.date ?? "9999"} ${b.session.startedAt?.time ?? ""} ${b.session.title}`;

/**
 * Dataset of many sessions. Sessions of the same workshop (same title, region, dates, zone, rule
 * and k) are grouped under one workshop; workshops are ordered by start date then title, sessions
 * by start then title, so the output does not depend on the order of `bodies`.
 * @param meta `publishedAt` (epoch ms) becomes `generatedAt`.
 */
export function datasetOf(bodies: readonly SummaryBody[], meta: Pick<ExportMeta, "publishedAt">): Dataset {
  const groups = new Map<string, { workshop: SummaryBody["workshop"]; bodies: SummaryBody[] }>();
  for (const body of bodies) {
    const id = JSON.stringify(body.workshop);
    const group = groups.get(id) ?? { workshop: body.workshop, bodies: [] };
    group.bodies.push(body);
    groups.set(id, group);
  }
  const workshops = [...groups.values()]
    .sort((a, b) => cmp(a.workshop.startsOn, b.workshop.startsOn) || cmp(a.workshop.title, b.workshop.title) || cmp(JSON.stringify(a.workshop), JSON.stringify(b.workshop)))
    .map(({ workshop, bodies: own }) => ({
      ...workshop,
      sessions: [...own]
        .sort((a, b) => cmp(sessionSortKey(a), sessionSortKey(b)))
        .map((body) => ({
          title: body.session.title,
          startedAt: body.session.startedAt,
          endedAt: body.session.endedAt,
          durationMinutes: body.session.durationMinutes,
          participants: { count: body.participants.count, sectors: body.participants.sectors },
          polls: body.panels.flatMap((panel) => panel.polls.map((poll) => datasetPoll(panel.key, poll))),
        })),
    }));
  return { schemaVersion: DATASET_SCHEMA_VERSION, generatedAt: new Date(meta.publishedAt).toISOString(), workshops };
}

/** Dataset of one summary version, as a JSON string (2-space indented, trailing newline). */
export function toDatasetJson(body: SummaryBody, meta: ExportMeta): string {
  return `${JSON.stringify(datasetOf([body], meta), null, 2)}\n`;
}
