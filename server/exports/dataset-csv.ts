/**
 * CSV companion of the dataset: one row per workshop session × poll × run × item (option, scale
 * point, statement or word) × sector, plus one `all` row per item with its overall figures.
 * Suppressed figures are empty cells with `suppressed` = true, never 0 (a 0 would be a claim).
 * RFC 4180 quoting, CRLF line ends, UTF-8; see docs/dataset-codebook.md.
 */
import type { Dataset } from "./dataset";

/** Column order of the CSV (the header row). */
export const CSV_COLUMNS = [
  "workshop_title", "region", "workshop_starts_on", "workshop_ends_on", "time_zone", "rule", "min_cell_size",
  "session_title", "session_date", "panel_key", "poll_key", "poll_kind", "question", "run", "n",
  "item_key", "item_label", "sector", "count", "share", "agree", "disagree", "pass", "suppressed", "withheld_answers",
] as const;

type Value = string | number | boolean | null;

/**
 * Quotes a field when needed, and defuses spreadsheet formulas: a text cell starting with
 * = + - @ (or a tab/CR) gets a leading apostrophe, so a poll option like `=HYPERLINK(…)` is shown,
 * not executed, when the file is opened in Excel or LibreOffice (OWASP "CSV injection").
 */
export function csvField(value: Value): string {
  if (value === null) return "";
  if (typeof value !== "string") return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The dataset as CSV text (header + rows, CRLF, trailing CRLF). */
export function datasetCsv(dataset: Dataset): string {
  const lines: string[] = [CSV_COLUMNS.join(",")];
  for (const w of dataset.workshops) {
    for (const s of w.sessions) {
      for (const poll of s.polls) {
        for (const run of poll.runs) {
          for (const item of run.items) {
            const prefix: Value[] = [
              w.title, w.region, w.startsOn, w.endsOn, w.timeZone, w.rule, w.minCellSize,
              s.title, s.startedAt?.date ?? null, poll.panelKey, poll.key, poll.kind, poll.question, run.run, run.n,
              item.key, item.label,
            ];
            const all: Value[] = ["all", item.count, item.share, item.agree, item.disagree, item.pass, false, run.withheldAnswers];
            lines.push([...prefix, ...all].map(csvField).join(","));
            for (const sc of item.sectorCounts) {
              lines.push([...prefix, sc.sector, sc.count, null, sc.agree, sc.disagree, sc.pass, sc.suppressed, run.withheldAnswers].map(csvField).join(","));
            }
          }
        }
      }
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
