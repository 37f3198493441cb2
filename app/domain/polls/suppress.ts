/**
 * Small-cell suppression for breakdown tables (k-suppression), shared by live tallies,
 * summaries and exports.
 *
 * Under the Chatham House Rule a count of 1 or 2 in "industry × option A" can single a person
 * out, so every cell below k is hidden (DESIGN.md: k defaults to 5). Zeros are hidden too: a
 * visible 0 states something about every member of that sector.
 *
 * Hiding small cells is not enough when totals are published: if a row has exactly one hidden
 * cell, it equals the row total minus the visible cells. So we apply the classic complementary
 * (secondary) suppression heuristic used by statistics offices: in every row, column and in the
 * column of row totals, if exactly one entry is hidden, also hide the smallest visible one,
 * and repeat until nothing changes. This is the standard cell-suppression heuristic, not an
 * optimal one; it defeats subtraction along any single row or column, which is what a reader
 * of a projected chart or an exported table can do.
 *
 * Rows whose total is 0 (a sector nobody in the room belongs to) are hidden but never count as
 * protection: anyone who was in the room knows which sectors were empty, so a lone industry
 * vote "hidden among" four empty sectors would still be recoverable.
 */

/** A published count, or a suppressed one (`count: null`). */
export type Cell = { count: number; suppressed: false } | { count: null; suppressed: true };

/**
 * A two-way count table. `cells[r][c]` counts people in row r (e.g. a sector) choosing column c
 * (an option). `rowTotals[r]` is the number of people in row r; it equals the row sum for
 * single-answer polls and may be smaller for multiple-choice (rows are then over-protected,
 * which is safe). Column totals (sums over rows) and the grand total are assumed public.
 */
export interface CountTable<R extends string = string> {
  rows: R[];
  cols: string[];
  cells: number[][];
  rowTotals: number[];
}

/** The table as it may be published. `colTotals[c]` and `total` are always visible. */
export interface SuppressedTable<R extends string = string> {
  rows: R[];
  cols: string[];
  cells: Cell[][];
  rowTotals: Cell[];
  colTotals: number[];
  total: number;
  /** The k applied (0 = nothing hidden). */
  k: number;
  /** True when any cell or row total is hidden, so the UI can explain why. */
  anySuppressed: boolean;
}

/**
 * True when every cell and row total of `table` is hidden (fewer than k people in each row): then
 * there is nothing to show but one line saying so (live pages and exports).
 */
export const allSuppressed = (table: SuppressedTable): boolean =>
  table.cells.every((row) => row.every((c) => c.suppressed)) && table.rowTotals.every((c) => c.suppressed);

const shown = (count: number): Cell => ({ count, suppressed: false });
const hidden: Cell = { count: null, suppressed: true };

/**
 * A line of the table that sums to a published or otherwise known value. `counts[i]` is false
 * for entries of empty rows: hiding them protects nothing.
 */
type Line = { get: () => boolean[]; values: number[]; counts: boolean[]; hide: (i: number) => void };

/**
 * Suppresses cells and row totals below `k`, then applies complementary suppression.
 * @param table counts (non-negative integers); not mutated.
 * @param k minimum cell size, an integer ≥ 0. `k = 0` publishes everything (the `attributed`
 *   rule); note `k = 1` still hides zeros.
 * @throws RangeError when k is not a non-negative integer or the table's shape is inconsistent.
 */
export function suppressSmallCells<R extends string>(table: CountTable<R>, k: number): SuppressedTable<R> {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  const { rows, cols, cells, rowTotals } = table;
  if (cells.length !== rows.length || rowTotals.length !== rows.length || cells.some((r) => r.length !== cols.length)) {
    throw new RangeError("table shape does not match its rows and columns");
  }
  const cellHidden = cells.map((row) => row.map((v) => v < k));
  const totalHidden = rowTotals.map((v) => v < k);

  const occupied = rowTotals.map((v) => v > 0);
  const lines: Line[] = [];
  rows.forEach((_, r) => {
    // Row r: its cells plus its row total (cells sum to the total for single-answer polls).
    // An empty row is all zeros and needs no line of its own.
    if (!occupied[r]) return;
    lines.push({
      get: () => [...cellHidden[r], totalHidden[r]],
      values: [...cells[r], rowTotals[r]],
      counts: [...cells[r].map(() => true), true],
      hide: (i) => (i < cols.length ? (cellHidden[r][i] = true) : (totalHidden[r] = true)),
    });
  });
  cols.forEach((_, c) => {
    lines.push({
      get: () => rows.map((_, r) => cellHidden[r][c]),
      values: cells.map((row) => row[c]),
      counts: occupied,
      hide: (r) => (cellHidden[r][c] = true),
    });
  });
  // Row totals sum to the published grand total.
  lines.push({ get: () => [...totalHidden], values: [...rowTotals], counts: occupied, hide: (r) => (totalHidden[r] = true) });

  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const flags = line.get().map((h, i) => h && line.counts[i]);
      if (flags.filter(Boolean).length !== 1) continue;
      const next = smallestVisible(line.values, line.get(), line.counts);
      // A one-entry line (e.g. a one-row table) equals its public total; nothing can protect it.
      if (next === -1) continue;
      line.hide(next);
      changed = true;
    }
  }

  const out = cells.map((row, r) => row.map((v, c) => (cellHidden[r][c] ? hidden : shown(v))));
  return {
    rows: [...rows],
    cols: [...cols],
    cells: out,
    rowTotals: rowTotals.map((v, r) => (totalHidden[r] ? hidden : shown(v))),
    colTotals: cols.map((_, c) => cells.reduce((sum, row) => sum + row[c], 0)),
    total: rowTotals.reduce((a, b) => a + b, 0),
    k,
    anySuppressed: cellHidden.some((row) => row.some(Boolean)) || totalHidden.some(Boolean),
  };
}

/** Index of the smallest visible value that counts (ties: lowest index, for a deterministic result), or -1. */
function smallestVisible(values: number[], hiddenFlags: boolean[], counts: boolean[]): number {
  let best = -1;
  values.forEach((v, i) => {
    if (!hiddenFlags[i] && counts[i] && (best === -1 || v < values[best])) best = i;
  });
  return best;
}
