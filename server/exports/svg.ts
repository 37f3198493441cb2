/**
 * Horizontal bar charts as inline SVG for the HTML (and so PDF) export. Labels are escaped like
 * any user text; the SVG has no scripts, links or external references.
 */
import { escapeHtml } from "../../app/domain/summary";
import type { BarView } from "./view";

/** Geometry in CSS px: one 36 px row per bar (label line above a 14 px bar) fits 12 options in ~430 px. */
const WIDTH = 640;
const ROW = 36;
const BAR_H = 14;
const VALUE_W = 90;
/** Labels longer than this are shortened in the chart only; the table beside it has the full text. */
const LABEL_CHARS = 95;

const shorten = (s: string) => (Array.from(s).length > LABEL_CHARS ? `${Array.from(s).slice(0, LABEL_CHARS - 1).join("")}…` : s);

/**
 * An accessible bar chart: `role="img"` with a `<title>`; bar length = share × (width − value column).
 * @param bars shares in [0, 1] (clamped).
 */
export function barChartSvg(title: string, bars: readonly BarView[]): string {
  const height = Math.max(1, bars.length) * ROW + 4;
  const track = WIDTH - VALUE_W;
  const rows = bars.map((bar, i) => {
    const y = i * ROW;
    const w = Math.round(Math.min(1, Math.max(0, bar.share)) * track * 10) / 10;
    return [
      `<text x="0" y="${y + 13}" class="l">${escapeHtml(shorten(bar.label))}</text>`,
      `<rect x="0" y="${y + 18}" width="${track}" height="${BAR_H}" class="t"/>`,
      `<rect x="0" y="${y + 18}" width="${w}" height="${BAR_H}" class="b"/>`,
      `<text x="${track + 8}" y="${y + 30}" class="v">${escapeHtml(bar.value)}</text>`,
    ].join("");
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${WIDTH} ${height}" width="100%" style="max-width:${WIDTH}px">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>.l{font:12px sans-serif;fill:#222}.v{font:12px sans-serif;fill:#222}.t{fill:#eceff3}.b{fill:#2f5d8a}</style>`,
    ...rows,
    `</svg>`,
  ].join("");
}
