/**
 * `export-summary --session <id> [--version N] --format docx|pdf|md|html|json|csv --out <file>`:
 * one published summary version (default: the latest) rendered by the same exporters as the app.
 * `json` and `csv` are the research dataset of that one session (server/exports/dataset*.ts).
 */
import { z } from "zod";
import { SummaryBody } from "../../app/domain/summary/schema";
import type { ExportMeta } from "../../server/exports/meta";
import { writeOutput } from "./files";
import { CliError, EXIT, parseCommand, type CliIo } from "./io";
import { withStores } from "./storage";

export const FORMATS = ["docx", "pdf", "md", "html", "json", "csv"] as const;
export type ExportFormat = (typeof FORMATS)[number];

const Args = z.object({
  session: z.string({ error: "required" }).min(1).max(128),
  version: z.coerce.number({ error: "must be a whole number ≥ 1" }).int("must be a whole number ≥ 1").min(1, "must be a whole number ≥ 1").optional(),
  format: z.enum(FORMATS, { error: `one of ${FORMATS.join(", ")}` }),
  out: z.string({ error: "required" }).min(1),
});

/**
 * Renders `body` in `format`. Exporters are imported on demand: PDF loads Playwright, and the
 * other commands should not pay for it.
 */
export async function render(body: SummaryBody, meta: ExportMeta, format: ExportFormat): Promise<string | Buffer> {
  switch (format) {
    case "docx":
      return (await import("../../server/exports/docx")).toDocx(body, meta);
    case "pdf":
      return (await import("../../server/exports/pdf")).toPdf(body, meta);
    case "md":
      return (await import("../../server/exports/markdown")).toMarkdown(body, meta);
    case "html":
      return (await import("../../server/exports/html")).toHtml(body, meta);
    case "json":
      return (await import("../../server/exports/dataset")).toDatasetJson(body, meta);
    case "csv": {
      const { datasetOf } = await import("../../server/exports/dataset");
      const { datasetCsv } = await import("../../server/exports/dataset-csv");
      return datasetCsv(datasetOf([body], meta));
    }
  }
}

export async function exportSummary(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommand(argv, { session: { type: "string" }, version: { type: "string" }, format: { type: "string" }, out: { type: "string" } }, Args);
  const record = await withStores(io, async (stores) => {
    if (!(await stores.sessions.get(args.session))) throw new CliError(`no session with id ${args.session}`);
    const found = args.version ? await stores.summaries.getVersion(args.session, args.version) : await stores.summaries.latestPublished(args.session);
    if (!found) throw new CliError(args.version ? `session ${args.session} has no published version ${args.version}` : `session ${args.session} has no published summary yet`);
    return found;
  });
  // Stored bodies were validated when written; re-parsing catches a body from an older schema version.
  const body = SummaryBody.safeParse(record.body);
  if (!body.success) throw new CliError(`summary version ${record.version} does not match the current summary schema: ${z.prettifyError(body.error)}`);
  const bytes = writeOutput(args.out, await render(body.data, { version: record.version, publishedAt: record.publishedAt ?? record.createdAt }, args.format));
  io.out(`wrote ${args.out} (${args.format}, version ${record.version}, ${bytes} bytes)\n`);
  return EXIT.ok;
}
