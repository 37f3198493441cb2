/**
 * Builds sector × column breakdown tables and applies the workshop's rule to them.
 */
import type { Sector } from "../workshop";
import { suppressSmallCells } from "./suppress";
import { SECTOR_ROWS, type SectorBreakdown, type SectorRow, type TallyOptions } from "./types";

/** Row index of a sector in SECTOR_ROWS (`null` → `unspecified`). */
export function sectorRowIndex(sector: Sector | null): number {
  return SECTOR_ROWS.indexOf(sector ?? "unspecified");
}

/**
 * Counts per sector: `entries` gives, per respondent, their sector and the column indexes they
 * count in (one for single/scale/ranking first choice, several for multiple, none to count
 * only in the row total), and optionally `weight`, how many respondents the entry stands for
 * (default 1). Under `chatham-house`, cells below `minCellSize` are suppressed with
 * complementary suppression; under `attributed`, every count is shown.
 */
export function sectorBreakdown(
  cols: string[],
  entries: Iterable<{ sector: Sector | null; columns: number[]; weight?: number }>,
  opts: TallyOptions,
): SectorBreakdown {
  const cells = SECTOR_ROWS.map(() => cols.map(() => 0));
  const rowTotals = SECTOR_ROWS.map(() => 0);
  for (const { sector, columns, weight = 1 } of entries) {
    const r = sectorRowIndex(sector);
    rowTotals[r] += weight;
    for (const c of columns) cells[r][c] += weight;
  }
  const k = opts.rule === "chatham-house" ? opts.minCellSize : 0;
  return suppressSmallCells<SectorRow>({ rows: [...SECTOR_ROWS], cols, cells, rowTotals }, k);
}

/** @throws RangeError when minCellSize is not an integer ≥ 1 (a k of 0 would hide nothing silently). */
export function checkTallyOptions(opts: TallyOptions): void {
  if (!Number.isInteger(opts.minCellSize) || opts.minCellSize < 1) {
    throw new RangeError(`minCellSize must be a positive integer, got ${opts.minCellSize}`);
  }
}
