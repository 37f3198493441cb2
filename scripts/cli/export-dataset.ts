/**
 * `export-dataset --workshop <id>... | --all --out <file> [--csv <file>] [--visibility public,unlisted,private]`:
 * the research dataset (JSON, optional CSV) of the latest published version of each session.
 * Default visibility is every published version: the operator running this has the database anyway,
 * and decides what to share; `--visibility public` gives what the public archive shows.
 */
import { z } from "zod";
import type { SummaryBody } from "../../app/domain/summary/schema";
import type { Stores, Visibility } from "../../server/storage";
import { FORCE_OPTION, refuseOverwrite, writeOutput } from "./files";
import { CliError, EXIT, parseCommand, type CliIo } from "./io";
import { progressBar } from "./progress";
import { withStores } from "./storage";

const VISIBILITY = ["private", "unlisted", "public"] as const;

const Args = z
  .object({
    workshop: z.array(z.string().min(1).max(128)).optional(),
    all: z.boolean().optional(),
    out: z.string({ error: "required" }).min(1),
    csv: z.string().min(1).optional(),
    force: z.boolean().optional(),
    visibility: z
      .string()
      .transform((s) => s.split(",").map((v) => v.trim()))
      .pipe(z.array(z.enum(VISIBILITY, { error: `each one of ${VISIBILITY.join(", ")}` })).min(1))
      .optional(),
  })
  .refine((a) => (a.all ? !a.workshop : !!a.workshop?.length), { message: "give either --workshop <id> (repeatable) or --all", path: [] });

/** The newest published version of `sessionId` whose visibility is in `allowed`, or null. */
async function newestVisible(stores: Stores, sessionId: string, allowed: readonly Visibility[]) {
  const versions = await stores.summaries.listVersions(sessionId);
  return versions.find((v) => allowed.includes(v.visibility)) ?? null;
}

async function collect(stores: Stores, args: z.infer<typeof Args>, io: CliIo): Promise<SummaryBody[]> {
  const allowed = args.visibility ?? [...VISIBILITY];
  if (args.all) {
    const entries = await stores.summaries.listPublished({ visibility: allowed });
    return entries.map((e) => e.record.body);
  }
  const sessions = [];
  for (const id of args.workshop ?? []) {
    if (!(await stores.workshops.get(id))) throw new CliError(`no workshop with id ${id}`);
    sessions.push(...(await stores.sessions.listForWorkshop(id)));
  }
  const bar = progressBar(io, sessions.length, "sessions");
  const bodies: SummaryBody[] = [];
  for (const s of sessions) {
    const record = await newestVisible(stores, s.id, allowed);
    if (record) bodies.push(record.body);
    bar.tick();
  }
  bar.done();
  return bodies;
}

export async function exportDataset(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommand(
    argv,
    { workshop: { type: "string", multiple: true }, all: { type: "boolean" }, out: { type: "string" }, csv: { type: "string" }, visibility: { type: "string" }, ...FORCE_OPTION },
    Args,
  );
  refuseOverwrite([args.out, args.csv], args.force);
  const bodies = await withStores(io, (stores) => collect(stores, args, io));
  const { datasetOf } = await import("../../server/exports/dataset");
  const dataset = datasetOf(bodies, { publishedAt: io.now() });
  const bytes = writeOutput(args.out, `${JSON.stringify(dataset, null, 2)}\n`);
  io.out(`wrote ${args.out} (${dataset.workshops.length} workshops, ${bodies.length} sessions, ${bytes} bytes)\n`);
  if (args.csv) {
    const { datasetCsv } = await import("../../server/exports/dataset-csv");
    const csvBytes = writeOutput(args.csv, datasetCsv(dataset));
    io.out(`wrote ${args.csv} (${csvBytes} bytes)\n`);
  }
  if (bodies.length === 0) io.err("warning: no published summary matched; the dataset is empty\n");
  return EXIT.ok;
}
