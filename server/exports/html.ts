/**
 * Standalone, print-ready HTML export (also the source of the PDF). One file: inline CSS, inline
 * SVG charts, no scripts, no external requests. All user text is HTML-escaped, and a strict
 * Content-Security-Policy forbids scripts anyway, so the file stays inert even if an escaping bug
 * slipped through.
 */
import { escapeHtml as h, richToHtml, type SummaryBody } from "../../app/domain/summary";
import { DEFAULT_LANGUAGE } from "../../app/i18n/config";
import { factsOf, metaT, ruleFooter, suppressedLegend, versionLine, type ExportMeta } from "./meta";
import type { ExportT } from "./strings";
import { barChartSvg } from "./svg";
import { pollView, runLabel, type PollView, type TableView } from "./view";

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * A4 with 18 mm side margins. The rule closes the document here; the PDF export also prints it in
 * the bottom margin of every page (Chromium's footer template), which a fixed-position footer
 * cannot do without covering the last lines of each page.
 */
const CSS = `
@page { size: A4; margin: 18mm 18mm 24mm 18mm; }
body { font: 11pt/1.45 "Liberation Serif", Georgia, serif; color: #111; max-width: 46em; margin: 2em auto; padding: 0 1em 4em; }
h1 { font-size: 20pt; margin: 0 0 .2em; } h2 { font-size: 15pt; margin-top: 1.6em; border-bottom: 1px solid #ccc; page-break-after: avoid; }
h3 { font-size: 12.5pt; margin-top: 1.2em; page-break-after: avoid; } h4, h5, h6 { font-size: 11pt; }
.version { color: #555; font-style: italic; } dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; }
dl.facts dt { font-weight: bold; } dl.facts dd { margin: 0; }
table { border-collapse: collapse; margin: .5em 0 1em; font-size: 10pt; page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: .2em .5em; text-align: right; vertical-align: top; } th:first-child, td:first-child { text-align: left; }
th { background: #f0f2f5; } blockquote { border-left: 3px solid #ccc; margin-left: 0; padding-left: 1em; color: #333; }
figure { margin: .5em 0 1em; page-break-inside: avoid; } figcaption { font-size: 9.5pt; color: #444; }
.legend, .lines { font-size: 9.5pt; color: #444; } .poll { page-break-inside: auto; }
footer.rule { font-size: 9pt; color: #444; border-top: 1px solid #ccc; padding: .6em 0; margin-top: 3em; }
`;

function table(t: TableView): string {
  const head = `<tr>${t.columns.map((c) => `<th scope="col">${h(c)}</th>`).join("")}</tr>`;
  const body = t.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${h(c)}</th>` : `<td>${h(c)}</td>`)).join("")}</tr>`);
  return `<table><thead>${head}</thead><tbody>${body.join("")}</tbody></table>`;
}

function pollHtml(poll: PollView, k: number, t: ExportT): string {
  const parts = [`<section class="poll"><h3>${h(t("export.poll", { question: poll.question }))}</h3>`];
  if (poll.runs.length === 0) parts.push(`<p><em>${h(poll.note ?? t("export.notRun"))}</em></p>`);
  for (const run of poll.runs) {
    parts.push(`<h4>${h(runLabel(poll, run, t))}</h4>`);
    if (run.bars.length > 0) {
      parts.push(`<figure>${barChartSvg(`${poll.question} — ${run.chartTitle}`, run.bars)}<figcaption>${h(run.chartTitle)}</figcaption></figure>`);
    }
    parts.push(table(run.table), ...run.lines.map((l) => `<p class="lines">${h(l)}</p>`));
  }
  if (poll.shift.lines.length > 0) {
    parts.push(`<h4>${h(poll.shift.heading)}</h4><ul>${poll.shift.lines.map((l) => `<li>${h(l)}</li>`).join("")}</ul>`);
  }
  if (poll.texts.length > 0) parts.push(`<h4>${h(t("export.answers"))}</h4><ul>${poll.texts.map((t) => `<li>${h(t)}</li>`).join("")}</ul>`);
  if (poll.note && poll.runs.length > 0) parts.push(`<p><em>${h(poll.note)}</em></p>`);
  if (poll.breakdown) {
    parts.push(`<h4>${h(t("export.bySector"))}</h4>${table(poll.breakdown)}`);
    if (poll.breakdownSuppressed) parts.push(`<p class="legend">${h(suppressedLegend(k, t))}</p>`);
  } else if (poll.breakdownWithheld) parts.push(`<h4>${h(t("export.bySector"))}</h4><p class="legend">${h(t("export.bySectorWithheld", { k }))}</p>`);
  parts.push("</section>");
  return parts.join("\n");
}

/**
 * Renders a summary version as a complete HTML5 document (UTF-8 string).
 * @example res.type("html").send(toHtml(body, { version: 1, publishedAt }))
 */
export function toHtml(body: SummaryBody, meta: ExportMeta): string {
  const t = metaT(meta);
  const facts = factsOf(body, t)
    .map(([label, value]) => `<dt>${h(label)}</dt><dd>${h(value)}</dd>`)
    .join("");
  const panels = body.panels.map((panel, p) => {
    const parts = [`<section class="panel"><h2>${p + 1}. ${h(panel.title)}</h2>`, `<p>${h(panel.framing)}</p>`];
    if (panel.prompts.length > 0) parts.push(`<h3>${h(t("export.prompts"))}</h3><ul>${panel.prompts.map((q) => `<li>${h(q)}</li>`).join("")}</ul>`);
    // Notes' own headings start at level 2; shifted by 2 they sit under the "Notes" <h3>.
    if (panel.notes.content.length > 0) parts.push(`<h3>${h(t("view.notes"))}</h3>${richToHtml(panel.notes, 2)}`);
    if (panel.takeaways.length > 0) parts.push(`<h3>${h(t("view.takeaways"))}</h3><ul class="takeaways">${panel.takeaways.map((t) => `<li>${h(t)}</li>`).join("")}</ul>`);
    parts.push(...panel.polls.map((poll) => pollHtml(pollView(poll, t), body.workshop.minCellSize, t)), "</section>");
    return parts.join("\n");
  });
  return `<!doctype html>
<html lang="${meta.language ?? DEFAULT_LANGUAGE}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(body.workshop.title)} — ${h(body.session.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${h(body.workshop.title)}</h1><p class="version">${h(versionLine(body, meta))}</p><dl class="facts">${facts}</dl></header>
<main>
${panels.join("\n")}
</main>
<footer class="rule">${h(ruleFooter(body.workshop.rule, t))}</footer>
</body>
</html>
`;
}
