/**
 * Bar chart PNG for the DOCX export. There is no font renderer here, so the chart carries only
 * what a 3×5 pixel font can draw: each bar's row number (matching the table beside it) and its
 * share in percent. The labels themselves are in the table, in the same order.
 */
import { Raster } from "./png";
import type { BarView } from "./view";

/** 3×5 glyphs, one string of 15 bits (rows top to bottom, "1" = ink) per character. */
const GLYPHS: Record<string, string> = {
  "0": "111101101101111", "1": "010110010010111", "2": "111001111100111", "3": "111001111001111",
  "4": "101101111001001", "5": "111100111001111", "6": "111100111101111", "7": "111001010010010",
  "8": "111101111101111", "9": "111101111001111", "%": "101001010100101", ".": "000000000000010",
};

/** Pixel geometry: glyphs scaled ×3 (9×15 px) stay legible at the 15 cm width Word shows them at. */
const SCALE = 3;
const ROW = 30;
const BAR_H = 18;
const LEFT = 40;
const RIGHT = 70;
export const CHART_WIDTH = 600;
const BAR = 0x2f5d8a;
const TRACK = 0xeceff3;
const INK = 0x222222;

function drawText(r: Raster, text: string, x: number, y: number): void {
  let cx = x;
  for (const ch of text) {
    const glyph = GLYPHS[ch];
    if (glyph) {
      for (let i = 0; i < 15; i++) if (glyph[i] === "1") r.fillRect(cx + (i % 3) * SCALE, y + Math.floor(i / 3) * SCALE, SCALE, SCALE, INK);
    }
    cx += 4 * SCALE;
  }
}

/** Height in px of the chart for `n` bars. */
export const chartHeight = (n: number): number => Math.max(1, n) * ROW + 6;

/**
 * Draws the bars (shares clamped to [0, 1]) as a PNG.
 * @param percent writes a share as the export's language does ("43%", French "43 %"); characters
 *   the pixel font lacks (the French no-break space U+00A0 before "%") are drawn as a gap.
 * @returns PNG bytes of CHART_WIDTH × chartHeight(bars.length) px.
 */
export function barChartPng(bars: readonly BarView[], percent: (share: number) => string = (s) => `${Math.round(s * 100)}%`): Buffer {
  const r = new Raster(CHART_WIDTH, chartHeight(bars.length));
  const track = CHART_WIDTH - LEFT - RIGHT;
  bars.forEach((bar, i) => {
    const y = 3 + i * ROW;
    const share = Math.min(1, Math.max(0, bar.share));
    drawText(r, String(i + 1), 4, y + (BAR_H - 5 * SCALE) / 2);
    r.fillRect(LEFT, y, track, BAR_H, TRACK);
    r.fillRect(LEFT, y, share * track, BAR_H, BAR);
    drawText(r, percent(share), LEFT + track + 8, y + (BAR_H - 5 * SCALE) / 2);
  });
  return r.toPng();
}
