/**
 * Parsing template files (JSON or YAML) into a validated `Template`, with
 * errors an organiser can act on: the file, a JSON-path-like location, the
 * problem and, where known, the line and column.
 *
 * Pure and browser-safe (no Node APIs): the seed loader, the organiser's
 * upload form and the browser preview all use it.
 */
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { Template } from "./template";

/**
 * Largest template text accepted, in bytes (UTF-8): 512 KiB.
 * The seeded six-panel template is ~18 KB, so this leaves ~28x headroom for
 * real agendas while bounding the work a single upload can cause (parsing and
 * validation run on the request thread).
 */
export const MAX_TEMPLATE_BYTES = 512 * 1024;

/** One problem found in a template file. `line`/`column` are 1-based. */
export interface TemplateError {
  file: string;
  /** JSON-path-like location, e.g. `panels[2].polls[0].options`; `(root)` for the whole document. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export type TemplateFormat = "json" | "yaml";

export type ParseTemplateResult = { ok: true; template: Template } | { ok: false; errors: TemplateError[] };

/**
 * The wording of each kind of problem. The default is plain English (seed loader, CLI); the upload
 * form passes translated messages (`templateMessages` in app/utils/forms.ts). `detail` is the
 * parser's own (English) description of a syntax error.
 */
export interface TemplateMessages {
  empty(): string;
  /** `bytes` the file's size, `max` the limit ({@link MAX_TEMPLATE_BYTES}), both in bytes. */
  tooBig(bytes: number, max: number): string;
  syntax(format: TemplateFormat, detail: string): string;
  issue(issue: z.core.$ZodIssue): string;
}

export const ENGLISH_MESSAGES: TemplateMessages = {
  empty: () => "file is empty",
  tooBig: (bytes, max) => `file is ${bytes} bytes; a template may be at most ${max} bytes (${max / 1024} KiB)`,
  syntax: (format, detail) => `${format === "json" ? "JSON" : "YAML"} syntax error: ${detail}`,
  issue: (issue) => issue.message,
};

const ROOT = "(root)";
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Render a zod path as `panels[2].polls[0].options`; `(root)` when empty. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (typeof seg === "string" && IDENTIFIER.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out || ROOT;
}

/**
 * Turn zod issues into `{path, message}` pairs, in zod's order.
 * @example formatIssues(Template.safeParse(x).error!.issues)
 *   // [{ path: "panels[0].polls[1].options", message: "Too small: expected array to have >=2 items" }]
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): { path: string; message: string }[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** One line per error: `file[:line:column]: path: message`. */
export function describeErrors(errors: readonly TemplateError[]): string {
  return errors
    .map((e) => {
      const where = e.line === undefined ? e.file : `${e.file}:${e.line}${e.column === undefined ? "" : `:${e.column}`}`;
      return `${where}: ${e.path}: ${e.message}`;
    })
    .join("\n");
}

/** Guess the format from the file extension; otherwise sniff the first character (JSON starts with `{`). */
export function guessFormat(fileName: string, text: string): TemplateFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return "yaml";
  return text.trimStart().startsWith("{") ? "json" : "yaml";
}

/**
 * The error for a file over `MAX_TEMPLATE_BYTES`, or null. Exported so a
 * file-system loader can refuse on the file size before reading it.
 */
export function sizeError(file: string, bytes: number, messages: TemplateMessages = ENGLISH_MESSAGES): TemplateError | null {
  if (bytes <= MAX_TEMPLATE_BYTES) return null;
  return { file, path: ROOT, message: messages.tooBig(bytes, MAX_TEMPLATE_BYTES) };
}

/**
 * Parse and validate template text. Never throws for bad input.
 *
 * @param text the file contents
 * @param opts.fileName used in every error and to guess the format (`.json`, `.yaml`, `.yml`)
 * @param opts.format overrides the guess
 * @param opts.messages wording of the problems (default {@link ENGLISH_MESSAGES})
 * @returns `{ok: true, template}` (defaults applied) or `{ok: false, errors}`: an empty file
 *   (nothing but white space), a syntax error (path `(root)`, with line/column), an oversize
 *   file, or one error per schema issue (with line/column of the offending value when it can be located).
 */
export function parseTemplate(text: string, opts: { fileName: string; format?: TemplateFormat; messages?: TemplateMessages }): ParseTemplateResult {
  const file = opts.fileName;
  const messages = opts.messages ?? ENGLISH_MESSAGES;
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so only encode (to count bytes) when the limit could be hit.
  const tooBig = text.length * 3 > MAX_TEMPLATE_BYTES ? sizeError(file, new TextEncoder().encode(text).length, messages) : null;
  if (tooBig) return { ok: false, errors: [tooBig] };
  // Without this, an empty file reads as "Unexpected end of JSON input" or "expected object, received null".
  if (text.trim() === "") return { ok: false, errors: [{ file, path: ROOT, message: messages.empty() }] };

  const format = opts.format ?? guessFormat(file, text);
  const parsed = format === "json" ? parseJson(text, file, messages) : parseYaml(text, file, messages);
  if (!parsed.ok) return parsed;

  const result = Template.safeParse(parsed.value);
  if (result.success) return { ok: true, template: result.data };
  const locate = locator(text);
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      file,
      path: formatPath(issue.path),
      message: messages.issue(issue),
      ...locate(issue.path),
    })),
  };
}

type Parsed = { ok: true; value: unknown } | { ok: false; errors: TemplateError[] };

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function parseJson(text: string, file: string, messages: TemplateMessages): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    // V8 reports "... in JSON at position N"; "Unexpected end of JSON input" has no position (it is the end).
    const pos = /at position (\d+)/.exec(raw);
    const offset = pos ? Number(pos[1]) : text.length;
    const message = raw.replace(/\s*in JSON at position \d+.*$/, "").replace(/\s*\(line \d+ column \d+\)$/, "");
    return { ok: false, errors: [{ file, path: ROOT, message: messages.syntax("json", message), ...lineColumn(text, offset) }] };
  }
}

function parseYaml(text: string, file: string, messages: TemplateMessages): Parsed {
  const lineCounter = new LineCounter();
  // uniqueKeys (default true) makes a repeated key an error rather than a silent overwrite.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return { file, path: ROOT, message: messages.syntax("yaml", e.message), line, column: col };
      }),
    };
  }
  try {
    // maxAliasCount bounds "billion laughs" alias expansion.
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (err) {
    return { ok: false, errors: [{ file, path: ROOT, message: messages.syntax("yaml", (err as Error).message) }] };
  }
}

/**
 * Find the line/column of the value at a zod path. JSON is valid YAML 1.2, so
 * the YAML parser's source ranges serve both formats. Walks up to the nearest
 * existing ancestor (e.g. a missing key is reported at its parent object).
 */
function locator(text: string): (path: readonly PropertyKey[]) => { line?: number; column?: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  if (doc.errors.length > 0) return () => ({});
  return (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && node.range) {
        const { line, col } = lineCounter.linePos(node.range[0]);
        return { line, column: col };
      }
    }
    return {};
  };
}
