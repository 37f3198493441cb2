/**
 * Renders a published summary version in a download format: bytes, Content-Type and file name.
 * The one dispatch from format to exporter: the app's downloads and the CLI (scripts/cli) both use it.
 */
import type { SummaryBody } from "../../app/domain/summary";
import { datasetCsv } from "../exports/dataset-csv";
import { datasetOf, toDatasetJson } from "../exports/dataset";
import { toDocx } from "../exports/docx";
import { toHtml } from "../exports/html";
import { toMarkdown } from "../exports/markdown";
import type { ExportMeta } from "../exports/meta";
import { z } from "zod";

/** Download formats; `json` and `csv` are the research dataset of the version (poll results only). */
export const ExportFormat = z.enum(["docx", "pdf", "md", "html", "json", "csv"]);
export type ExportFormat = z.infer<typeof ExportFormat>;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  md: "text/markdown; charset=utf-8",
  html: "text/html; charset=utf-8",
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
};

/** A rendered file. */
export interface RenderedExport {
  data: string | Buffer;
  contentType: string;
  /** ASCII-only file name, e.g. `nairobi-follow-up-day-1-v2.docx`. */
  filename: string;
}

/** Lower-case ASCII slug of a title for file names (non-ASCII letters are dropped after NFKD folding). */
const slug = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/[^\x00-\x7f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "summary";

/**
 * PDFs are printed by a headless Chromium (hundreds of MB each): at most this many at once, the rest
 * wait their turn rather than exhausting the machine's memory.
 */
const MAX_PARALLEL_PDF = 2;
let pdfRunning = 0;
const pdfQueue: (() => void)[] = [];
async function withPdfSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (pdfRunning >= MAX_PARALLEL_PDF) await new Promise<void>((resolve) => pdfQueue.push(resolve));
  pdfRunning++;
  try {
    return await fn();
  } finally {
    pdfRunning--;
    pdfQueue.shift()?.();
  }
}

/**
 * Renders `body` as `format`.
 * @param meta the version number and its publication time (epoch ms).
 * @throws when the PDF renderer (Chromium) fails.
 */
export async function renderExport(body: SummaryBody, meta: ExportMeta, format: ExportFormat): Promise<RenderedExport> {
  const base = `${slug(`${body.workshop.title} ${body.session.title}`)}-v${meta.version}`;
  const filename = format === "json" || format === "csv" ? `${base}-dataset.${format}` : `${base}.${format}`;
  const data = await (async (): Promise<string | Buffer> => {
    switch (format) {
      case "docx":
        return toDocx(body, meta);
      case "pdf":
        // Loaded on first use: it pulls in Playwright, which the other formats (and the CLI's) do not need.
        return withPdfSlot(async () => (await import("../exports/pdf")).toPdf(body, meta));
      case "md":
        return toMarkdown(body, meta);
      case "html":
        return toHtml(body, meta);
      case "json":
        return toDatasetJson(body, meta);
      case "csv":
        return datasetCsv(datasetOf([body], meta));
    }
  })();
  return { data, contentType: CONTENT_TYPES[format], filename };
}
