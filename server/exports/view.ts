/**
 * Poll results as render-ready plain data (tables, bars, lines) shared by the Markdown, HTML and
 * DOCX exports, so all three show the same numbers in the same order. Texts are unescaped.
 * Numbers are written in the export's language (`tr.fmt`: "4,500" / "43%" in English, "4 500" /
 * "43 %" in French).
 */
import { itemLabel, type SummaryPoll } from "../../app/domain/summary";
import { allSuppressed, type SectorBreakdown, type Tally } from "../../app/domain/polls";
import { sectorLabel, SUPPRESSED_MARK } from "./meta";
import { exportT, type ExportT } from "./strings";

export interface TableView {
  columns: string[];
  rows: string[][];
}

/** One chart bar: `share` in [0, 1] sets its length; `value` is the text printed beside it. */
export interface BarView {
  label: string;
  share: number;
  value: string;
}

export interface RunView {
  run: number;
  n: number;
  table: TableView;
  /** What the bars measure, e.g. "Share of respondents". */
  chartTitle: string;
  bars: BarView[];
  /** Extra one-line facts (mean, median…). */
  lines: string[];
}

export interface PollView {
  key: string;
  question: string;
  kind: SummaryPoll["kind"];
  runs: RunView[];
  /** Change between the last two runs, one line per item; empty when asked once. */
  shift: { heading: string; lines: string[] };
  /** Sector × item table of the last run (choice, scale, ranking); null otherwise or when nobody answered. */
  breakdown: TableView | null;
  breakdownSuppressed: boolean;
  /** Every cell of the breakdown is hidden (a small room): one line says so instead of a table of dashes. */
  breakdownWithheld: boolean;
  /** Open answers of the last run, alphabetical (as tallied); identical answers once, with "(× n)". */
  texts: string[];
  /** A line about what the rapporteur left out ("Results not included…", "3 answers withheld", summed over runs); null when nothing. */
  note: string | null;
}

/** How many words of an open poll are charted: a 10-bar chart still fits a portrait page. */
const WORD_BARS = 10;

function runView(poll: SummaryPoll, run: number, t: Tally, tr: ExportT): RunView {
  const { count, percent, decimal } = tr.fmt;
  const countShare = (n: number, share: number) => [count(n), percent(share)];
  const label = (key: string) => itemLabel(poll.definition, key);
  const base = { run, n: t.n, lines: [] as string[] };
  switch (t.kind) {
    case "single":
    case "multiple":
      return {
        ...base,
        table: { columns: [tr("export.col.option"), tr("export.col.count"), tr("export.col.share")], rows: t.options.map((o) => [label(o.key), ...countShare(o.count, o.share)]) },
        chartTitle: tr(`export.chart.${t.kind}`),
        bars: t.options.map((o) => ({ label: label(o.key), share: o.share, value: `${count(o.count)} (${percent(o.share)})` })),
      };
    case "scale":
      return {
        ...base,
        table: { columns: [tr("export.col.score"), tr("export.col.count"), tr("export.col.share")], rows: t.points.map((p) => [label(String(p.score)), ...countShare(p.count, p.share)]) },
        chartTitle: tr("export.chart.scale"),
        bars: t.points.map((p) => ({ label: label(String(p.score)), share: p.share, value: `${count(p.count)} (${percent(p.share)})` })),
        lines: [tr("export.scaleStats", { mean: decimal(t.mean), median: decimal(t.median), sd: decimal(t.sd) })],
      };
    case "ranking":
      return {
        ...base,
        table: {
          columns: [tr("export.col.option"), tr("export.col.meanRank"), tr("export.col.borda"), tr("export.col.firstChoices")],
          rows: t.options.map((o) => [label(o.key), decimal(o.meanRank), count(o.borda), count(o.firstChoices)]),
        },
        chartTitle: tr("export.chart.ranking"),
        bars: t.options.map((o) => {
          const share = t.n === 0 ? 0 : o.firstChoices / t.n;
          return { label: label(o.key), share, value: `${count(o.firstChoices)} (${percent(share)})` };
        }),
        lines: [tr("export.bordaNote")],
      };
    case "open":
      return {
        ...base,
        table: { columns: [tr("export.col.word"), tr("export.col.answersUsing")], rows: t.words.map((w) => [w.word, count(w.count)]) },
        chartTitle: tr("export.chart.open"),
        bars: t.words.slice(0, WORD_BARS).map((w) => ({ label: w.word, share: t.n === 0 ? 0 : w.count / t.n, value: count(w.count) })),
      };
    case "statements":
      return {
        ...base,
        table: {
          columns: ["statement", "agree", "disagree", "pass", "agreement", "acrossSectors"].map((c) => tr(`export.col.${c}`)),
          rows: t.statements.map((s) => [label(s.key), count(s.agree), count(s.disagree), count(s.pass), percent(s.agreement), tr.consensus(s.consensus.status)]),
        },
        chartTitle: tr("export.chart.statements"),
        bars: t.statements.map((s) => ({ label: label(s.key), share: s.agreement ?? 0, value: percent(s.agreement) })),
      };
  }
}

function breakdownTable(poll: SummaryPoll, b: SectorBreakdown, tr: ExportT): TableView {
  const rows = b.rows.flatMap((row, r) => {
    const total = b.rowTotals[r];
    // Rows nobody was in are left out unless hidden (a hidden total must not reveal it was empty).
    if (!total.suppressed && total.count === 0) return [];
    const cell = (c: (typeof b.cells)[number][number]) => (c.suppressed ? SUPPRESSED_MARK : tr.fmt.count(c.count ?? 0));
    return [[sectorLabel(row, tr), ...b.cells[r].map(cell), cell(total)]];
  });
  const colLabel = (col: string) => itemLabel(poll.definition, col);
  return { columns: [tr("export.col.sector"), ...b.cols.map(colLabel), tr("export.col.people")], rows };
}

/**
 * Identical answers once each, "text (× n)" when given n > 1 times. The tally sorts texts, so equal
 * ones are adjacent. A big room answers the same few words hundreds of times: listing each copy made
 * the reports long to read and slow to build (bench/outcome.ts: 13,000 bullets → ~1,900).
 */
export function collapseRepeats(sorted: readonly string[], count: (n: number) => string = String): string[] {
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    out.push(j - i > 1 ? `${sorted[i]} (× ${count(j - i)})` : sorted[i]);
    i = j;
  }
  return out;
}

/** "Run 2, 40 responses" when a poll was asked more than once, else "40 responses" (in the language of `t`). */
export const runLabel = (poll: PollView, run: RunView, t: ExportT): string =>
  poll.runs.length > 1 ? t("export.runResponses", { run: run.run, count: run.n }) : t("export.responses", { count: run.n });

/** Render-ready view of one summarised poll, labelled in the language of `tr` (English by default). */
export function pollView(poll: SummaryPoll, tr: ExportT = exportT()): PollView {
  const runs = poll.runs.map((r) => runView(poll, r.run, r.tally, tr));
  const last = poll.runs.at(-1)?.tally;
  const label = (key: string) => itemLabel(poll.definition, key);
  const lines: string[] = [];
  const { percent, decimal, signedPp, count } = tr.fmt;
  const s = poll.shift;
  if (s && s.kind !== "open") {
    const items = s.kind === "scale" ? s.points : s.kind === "statements" ? s.statements : s.options;
    for (const i of items) lines.push(`${label(i.key)}: ${percent(i.shareA)} → ${percent(i.shareB)} (${signedPp(i.deltaPp)})`);
    if (s.kind === "scale") lines.push(tr("export.shiftMean", { a: decimal(s.meanA), b: decimal(s.meanB) }));
  }
  const previous = poll.runs.at(-2);
  // Every run's withheld answers, not the last run's only: an earlier run of a re-asked poll loses them too.
  const withheldAnswers = poll.runs.reduce((sum, r) => sum + (r.withheldAnswers ?? 0), 0);
  const heading = s && previous ? tr("export.shiftHeading", { a: previous.run, nA: count(s.nA), b: poll.runs.at(-1)!.run, nB: count(s.nB) }) : "";
  const breakdown = last && last.kind !== "open" && last.kind !== "statements" && last.n > 0 ? last.sectorBreakdown : null;
  const withheld = !!breakdown && allSuppressed(breakdown);
  return {
    key: poll.key,
    question: poll.question,
    kind: poll.kind,
    runs,
    shift: { heading, lines },
    breakdown: breakdown && !withheld ? breakdownTable(poll, breakdown, tr) : null,
    breakdownSuppressed: breakdown?.anySuppressed ?? false,
    breakdownWithheld: withheld,
    texts: last?.kind === "open" ? collapseRepeats(last.texts, count) : [],
    note: poll.resultsWithheld
      ? tr("view.resultsWithheld")
      : withheldAnswers > 0
        ? tr("view.answersWithheld", { count: withheldAnswers })
        : null,
  };
}
