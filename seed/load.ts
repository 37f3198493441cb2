/**
 * Loading template files from a directory and seeding them into storage.
 *
 * All-or-nothing: if any file is invalid, nothing is returned or seeded, and
 * the thrown `TemplateLoadError` lists every problem in every file, so one
 * boot shows the organiser everything to fix.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Template } from "../app/domain/template";
import { describeErrors, parseTemplate, sizeError, type TemplateError } from "../app/domain/template-errors";

/** `seed/templates`, next to this file (independent of the process's working directory). */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL("./templates/", import.meta.url));

const TEMPLATE_FILE = /\.(json|ya?ml)$/i;

/** Thrown when any template file in a directory is invalid. `message` is `describeErrors(errors)`. */
export class TemplateLoadError extends Error {
  constructor(readonly errors: TemplateError[]) {
    super(`invalid template files:\n${describeErrors(errors)}`);
    this.name = "TemplateLoadError";
  }
}

/** Show paths relative to the working directory when inside it (`seed/templates/x.json`), else absolute. */
function displayName(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/**
 * Read and validate every `*.json`, `*.yaml`, `*.yml` file in `dir` (not recursive),
 * in file-name order.
 *
 * @returns the parsed templates (defaults applied), one per file
 * @throws TemplateLoadError listing every syntax, schema and size problem in every file,
 *   and any template key used by more than one file
 * @throws the file-system error if `dir` cannot be read
 */
export async function loadTemplatesFromDir(dir: string = DEFAULT_TEMPLATES_DIR): Promise<Template[]> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && TEMPLATE_FILE.test(e.name))
    .map((e) => e.name)
    .sort();
  const templates: { file: string; template: Template }[] = [];
  const errors: TemplateError[] = [];
  for (const name of names) {
    const full = path.join(dir, name);
    const file = displayName(full);
    // Refuse on size before reading, so a stray huge file is never loaded into memory.
    const tooBig = sizeError(file, (await stat(full)).size);
    if (tooBig) {
      errors.push(tooBig);
      continue;
    }
    const result = parseTemplate(await readFile(full, "utf8"), { fileName: file });
    if (result.ok) templates.push({ file, template: result.template });
    else errors.push(...result.errors);
  }
  // Two files with one key would make seeding order-dependent (the last upsert wins).
  const firstFile = new Map<string, string>();
  for (const { file, template } of templates) {
    const other = firstFile.get(template.key);
    if (other) errors.push({ file, path: "key", message: `template key "${template.key}" is already used by ${other}` });
    else firstFile.set(template.key, file);
  }
  if (errors.length > 0) throw new TemplateLoadError(errors);
  return templates.map((t) => t.template);
}

/** The part of the template store seeding needs; it must de-duplicate by key and content. */
export interface TemplateSeedStore {
  upsert(t: { key: string; title: string; body: Template }): Promise<{ changed: boolean }>;
}

/**
 * Validate all templates in `dir`, then upsert each. Idempotent: re-running with
 * unchanged files reports `changed: 0` (the store compares content).
 *
 * @returns counts: `loaded` templates read, `changed` upserts that inserted or updated a row
 * @throws TemplateLoadError before any upsert if any file is invalid
 */
export async function seedTemplates(
  store: TemplateSeedStore,
  dir: string = DEFAULT_TEMPLATES_DIR,
): Promise<{ loaded: number; changed: number }> {
  const templates = await loadTemplatesFromDir(dir);
  let changed = 0;
  for (const template of templates) {
    const result = await store.upsert({ key: template.key, title: template.title, body: template });
    if (result.changed) changed += 1;
  }
  return { loaded: templates.length, changed };
}
