/**
 * `export-summary --session <id> [--version N] --format docx|pdf|md|html|json|csv [--lang en|fr] --out <file>`:
 * one published summary version (default: the latest) rendered by the app's own `renderExport`
 * (server/outcome/render.ts), so a file from the CLI is the file the app would serve to a reader of
 * that language (labels, numbers and dates in `--lang`, default English; user text as written).
 * `json` and `csv` are the research dataset of that one session (server/exports/dataset*.ts).
 */
import { z } from "zod";
import { SummaryBody } from "../../app/domain/summary/schema";
import { DEFAULT_LANGUAGE, LANGUAGES } from "../../app/i18n/config";
import { ExportFormat, renderExport } from "../../server/outcome/render";
import { FORCE_OPTION, refuseOverwrite, writeOutput } from "./files";
import { CliError, EXIT, parseCommand, type CliIo } from "./io";
import { withStores } from "./storage";

const FORMATS = ExportFormat.options;

const Args = z.object({
  session: z.string({ error: "required" }).min(1).max(128),
  version: z.coerce.number({ error: "must be a whole number ≥ 1" }).int("must be a whole number ≥ 1").min(1, "must be a whole number ≥ 1").optional(),
  format: z.enum(FORMATS, { error: `one of ${FORMATS.join(", ")}` }),
  lang: z.enum(LANGUAGES, { error: `one of ${LANGUAGES.join(", ")}` }).default(DEFAULT_LANGUAGE),
  out: z.string({ error: "required" }).min(1),
  force: z.boolean().optional(),
});

/** Runs the command; @returns the exit code. @throws CliError (bad arguments, no such session or version, stored body from an older schema). */
export async function exportSummary(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommand(argv, { session: { type: "string" }, version: { type: "string" }, format: { type: "string" }, lang: { type: "string" }, out: { type: "string" }, ...FORCE_OPTION }, Args);
  refuseOverwrite([args.out], args.force);
  const record = await withStores(io, async (stores) => {
    if (!(await stores.sessions.get(args.session))) throw new CliError(`no session with id ${args.session}`);
    const found = args.version ? await stores.summaries.getVersion(args.session, args.version) : await stores.summaries.latestPublished(args.session);
    if (!found) throw new CliError(args.version ? `session ${args.session} has no published version ${args.version}` : `session ${args.session} has no published summary yet`);
    return found;
  });
  // Stored bodies were validated when written; re-parsing catches a body from an older schema version.
  const body = SummaryBody.safeParse(record.body);
  if (!body.success) throw new CliError(`summary version ${record.version} does not match the current summary schema: ${z.prettifyError(body.error)}`);
  const rendered = await renderExport(body.data, { version: record.version, publishedAt: record.publishedAt ?? record.createdAt, language: args.lang }, args.format);
  const bytes = writeOutput(args.out, rendered.data);
  io.out(`wrote ${args.out} (${args.format}, ${args.lang}, version ${record.version}, ${bytes} bytes)\n`);
  return EXIT.ok;
}
