/**
 * `template-import <file.json|yaml> [--replace]` validates a template file (every problem printed as
 * `file:line:col: path: message`, exit 1) and stores it by key. Like the UI's import (409 there), it
 * never overwrites a stored template with other content unless `--replace` is given: without it such
 * a file is refused with exit 2 and nothing changes. `template-export --key <key> --out <file>`
 * writes a stored template as JSON, or YAML when the file name ends in .yaml/.yml.
 */
import { readFileSync, statSync } from "node:fs";
import { stringify } from "yaml";
import { z } from "zod";
import { describeErrors, parseTemplate, sizeError } from "../../app/domain/template-errors";
import { Slug } from "../../app/domain/template";
import { FORCE_OPTION, refuseOverwrite, writeOutput } from "./files";
import { CliError, EXIT, parseCommand, type CliIo } from "./io";
import { withStores } from "./storage";

const ImportArgs = z.object({
  positionals: z.array(z.string().min(1)).length(1, "give exactly one template file"),
  replace: z.boolean().default(false),
});
const ExportArgs = z.object({ key: Slug, out: z.string({ error: "required" }).min(1), force: z.boolean().optional() });

export async function templateImport(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommand(argv, { replace: { type: "boolean" } }, ImportArgs, true);
  const [file] = args.positionals;
  let text: string;
  try {
    const tooBig = sizeError(file, statSync(file).size);
    if (tooBig) {
      io.err(`${describeErrors([tooBig])}\n`);
      return EXIT.failed;
    }
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const result = parseTemplate(text, { fileName: file });
  if (!result.ok) {
    io.err(`${describeErrors(result.errors)}\n`);
    io.err(`${result.errors.length} problem${result.errors.length === 1 ? "" : "s"} in ${file}; nothing imported\n`);
    return EXIT.failed;
  }
  const input = { key: result.template.key, title: result.template.title, body: result.template };
  if (args.replace) {
    const { template, changed } = await withStores(io, (stores) => stores.templates.upsert(input));
    io.out(`${changed ? "imported" : "unchanged"}: ${template.key} (${template.title})\n`);
    return EXIT.ok;
  }
  const { template, outcome } = await withStores(io, (stores) => stores.templates.insertNew(input));
  if (outcome === "taken") {
    io.err(
      `roundtable template-import: a different template with key "${input.key}" is already stored ("${template.title}"); nothing imported.\n` +
        `Run again with --replace to overwrite it (workshops made from it keep their own copy of the agenda), ` +
        `or change "key" in ${file} (for example to "${input.key}-2").\n`,
    );
    return EXIT.usage;
  }
  io.out(`${outcome === "created" ? "imported" : "unchanged"}: ${template.key} (${template.title})\n`);
  return EXIT.ok;
}

export async function templateExport(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommand(argv, { key: { type: "string" }, out: { type: "string" }, ...FORCE_OPTION }, ExportArgs);
  refuseOverwrite([args.out], args.force);
  const record = await withStores(io, (stores) => stores.templates.getByKey(args.key));
  if (!record) throw new CliError(`no template with key ${args.key}`);
  const yaml = /\.ya?ml$/i.test(args.out);
  const bytes = writeOutput(args.out, yaml ? stringify(record.body) : `${JSON.stringify(record.body, null, 2)}\n`);
  io.out(`wrote ${args.out} (${yaml ? "yaml" : "json"}, ${bytes} bytes)\n`);
  return EXIT.ok;
}
