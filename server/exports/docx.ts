/**
 * Word (DOCX) export with the `docx` library: a title block with the workshop facts, one
 * Heading 1 per panel, notes as paragraphs and lists, takeaways as bullets, poll results as
 * tables with a bar-chart PNG each, and the rule in the footer of every page.
 *
 * Charts are drawn by our own PNG encoder (./png.ts) rather than rasterised in Chromium: the DOCX
 * then needs no browser, is fast, and the same body always gives the same image bytes.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { SummaryBody } from "../../app/domain/summary";
import { barChartPng, CHART_WIDTH, chartHeight } from "./chart-png";
import { packDocx } from "./docx-pack";
import { orderedNumbering, richToDocx, xmlSafe } from "./docx-rich";
import { factsOf, metaT, ruleFooter, suppressedLegend, versionLine, type ExportMeta } from "./meta";
import type { ExportT } from "./strings";
import { pollView, runLabel, type PollView, type RunView, type TableView } from "./view";

/** Shown width of charts in px (docx converts at 96 dpi): 560 px ≈ 14.8 cm, inside A4's 15.9 cm text width. */
const CHART_SHOWN_WIDTH = 560;

/**
 * A run of plain text. Only formatting that is on is written: `bold: false` would add
 * `<w:b w:val="false"/><w:bCs w:val="false"/>` to every table cell (and override a heading style),
 * for nothing but a bigger document.xml to build and zip.
 */
const text = (s: string, { bold, italics, size }: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text: xmlSafe(s), ...(bold ? { bold } : {}), ...(italics ? { italics } : {}), ...(size ? { size } : {}) });
const para = (s: string, opts: { bold?: boolean; italics?: boolean } = {}) => new Paragraph({ children: [text(s, opts)] });
const heading = (s: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false) =>
  new Paragraph({ heading: level, pageBreakBefore, children: [text(s)] });

function table(t: TableView): Table {
  const cell = (s: string, header: boolean, right: boolean) =>
    new TableCell({ children: [new Paragraph({ alignment: right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [text(s, { bold: header })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: t.columns.map((c, i) => cell(c, true, i > 0)) }),
      ...t.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i === 0, i > 0)) })),
    ],
  });
}

/** Table rows numbered so they match the chart's bar numbers. */
const numbered = (t: TableView): TableView => ({ columns: ["#", ...t.columns], rows: t.rows.map((r, i) => [String(i + 1), ...r]) });

function runBlocks(poll: PollView, run: RunView, t: ExportT): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading(runLabel(poll, run, t), HeadingLevel.HEADING_3)];
  const charted = run.bars.length > 0 && run.bars.length === run.table.rows.length;
  out.push(table(charted ? numbered(run.table) : run.table));
  if (run.bars.length > 0) {
    const height = Math.round((chartHeight(run.bars.length) * CHART_SHOWN_WIDTH) / CHART_WIDTH);
    out.push(
      new Paragraph({
        children: [
          new ImageRun({
            type: "png",
            data: barChartPng(run.bars, t.fmt.percent),
            transformation: { width: CHART_SHOWN_WIDTH, height },
            altText: { name: `chart-${poll.key}-${run.run}`, title: xmlSafe(run.chartTitle), description: xmlSafe(run.bars.map((b) => `${b.label}: ${b.value}`).join("; ")) },
          }),
        ],
      }),
      para(t(charted ? "export.chartNumbered" : "export.chartWords", { title: run.chartTitle }), { italics: true }),
    );
  }
  out.push(...run.lines.map((l) => para(l)));
  return out;
}

function pollBlocks(poll: PollView, k: number, t: ExportT): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading(t("export.poll", { question: poll.question }), HeadingLevel.HEADING_2)];
  if (poll.runs.length === 0) out.push(para(poll.note ?? t("export.notRun"), { italics: true }));
  for (const run of poll.runs) out.push(...runBlocks(poll, run, t));
  if (poll.shift.lines.length > 0) {
    out.push(heading(poll.shift.heading, HeadingLevel.HEADING_3), ...poll.shift.lines.map((l) => new Paragraph({ bullet: { level: 0 }, children: [text(l)] })));
  }
  if (poll.texts.length > 0) {
    out.push(heading(t("export.answers"), HeadingLevel.HEADING_3), ...poll.texts.map((t) => new Paragraph({ bullet: { level: 0 }, children: [text(t)] })));
  }
  if (poll.note && poll.runs.length > 0) out.push(para(poll.note, { italics: true }));
  if (poll.breakdown) {
    out.push(heading(t("export.bySector"), HeadingLevel.HEADING_3), table(poll.breakdown));
    if (poll.breakdownSuppressed) out.push(para(suppressedLegend(k, t), { italics: true }));
  } else if (poll.breakdownWithheld) out.push(heading(t("export.bySector"), HeadingLevel.HEADING_3), para(t("export.bySectorWithheld", { k }), { italics: true }));
  return out;
}

/**
 * Renders a summary version as DOCX bytes (a zip with `word/document.xml`, media and footer parts).
 * @example writeFileSync("summary.docx", await toDocx(body, { version: 1, publishedAt }))
 */
export async function toDocx(body: SummaryBody, meta: ExportMeta): Promise<Buffer> {
  return packDocx(docxDocument(body, meta));
}

/** The `docx` Document of a summary version, before packing (exported for the packer's equivalence test). */
export function docxDocument(body: SummaryBody, meta: ExportMeta): Document {
  const t = metaT(meta);
  const instance = { next: 1 };
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [text(body.workshop.title)] }),
    para(versionLine(body, meta), { italics: true }),
    ...factsOf(body, t).map(([label, value]) => new Paragraph({ children: [text(`${t("export.labelColon", { label })} `, { bold: true }), text(value)] })),
  ];
  body.panels.forEach((panel, p) => {
    children.push(heading(`${p + 1}. ${panel.title}`, HeadingLevel.HEADING_1, true), para(panel.framing));
    if (panel.prompts.length > 0) {
      children.push(heading(t("export.prompts"), HeadingLevel.HEADING_2), ...panel.prompts.map((q) => new Paragraph({ bullet: { level: 0 }, children: [text(q)] })));
    }
    if (panel.notes.content.length > 0) children.push(heading(t("view.notes"), HeadingLevel.HEADING_2), ...richToDocx(panel.notes, 3, instance));
    if (panel.takeaways.length > 0) {
      children.push(heading(t("view.takeaways"), HeadingLevel.HEADING_2), ...panel.takeaways.map((t) => new Paragraph({ bullet: { level: 0 }, children: [text(t)] })));
    }
    for (const poll of panel.polls) children.push(...pollBlocks(pollView(poll, t), body.workshop.minCellSize, t));
  });
  return new Document({
    creator: "Roundtable",
    title: xmlSafe(`${body.workshop.title} — ${body.session.title}`),
    numbering: { config: [orderedNumbering] },
    sections: [
      {
        // A4 in twips (210 × 297 mm); the workshops' readers are mostly outside North America.
        properties: { page: { size: { width: 11906, height: 16838 } } },
        footers: { default: new Footer({ children: [new Paragraph({ children: [text(ruleFooter(body.workshop.rule, t), { size: 16 })] })] }) },
        children,
      },
    ],
  });
}
