/**
 * Form helpers shared by organiser routes: read `FormData` into plain objects, turn zod issues into
 * per-field messages (translated), and make stable slugs for keys. Pure and browser-safe.
 */
import type { z } from "zod";
import { describeIssue } from "~/domain/issues";
import type { TemplateMessages } from "~/domain/template-errors";
import { pickLanguage } from "~/i18n/config";
import { fixedTranslator } from "~/utils/meta";

/** Field name → message, keyed by the issue path joined with dots (`polls.1.options`). */
export type FieldErrors = Record<string, string>;

/** Translates an error code (`organiser.errors.<code>`) with interpolation values. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

type Issue = z.core.$ZodIssue;

/** Joins a zod issue path into a form field name: `["polls", 1, "options"]` → `polls.1.options`. */
export const pathName = (path: readonly PropertyKey[]) => path.map(String).join(".");

/**
 * Field errors from zod issues: the first issue per field wins (zod reports the most basic first).
 * `rename` maps an issue path to the form field that should show it (e.g. a duplicate option key
 * `polls.0.options.2.key` → `polls.0.options`). Without `t`, zod's own English message is used.
 * @example fieldErrors(Schema.safeParse(x).error!.issues, t) // { email: "Enter an e-mail address" }
 */
export function fieldErrors(issues: readonly Issue[], t?: Translate, rename: (name: string) => string = (n) => n): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const name = rename(pathName(issue.path)) || "_form";
    if (name in out) continue;
    if (!t) {
      out[name] = issue.message;
      continue;
    }
    const { code, values } = describeIssue(issue);
    out[name] = t(`organiser.errors.${code}`, values);
  }
  return out;
}

/**
 * One ack issue (`AckIssue` of app/domain/events.ts: `{code, values}` from {@link describeIssue}) in the
 * reader's language, or null when it has no code or only zod's own wording (`custom`), which is English
 * and made for developers, so it is never shown to people.
 */
export function issueText(issue: { code?: string; values?: Record<string, unknown> }, t: Translate): string | null {
  if (!issue.code || issue.code === "custom") return null;
  return t(`organiser.errors.${issue.code}`, issue.values ?? {});
}

/**
 * Template-file problems worded in the request's language for the import form, through the same
 * {@link describeIssue} as every form (keys under `organiser.errors` and `organiser.templates.problem`).
 * The parser's own syntax detail (e.g. "Unexpected end of JSON input") is kept as is.
 */
export function templateMessages(t: Translate): TemplateMessages {
  return {
    empty: () => t("organiser.templates.problem.empty"),
    tooBig: (bytes, max) => t("organiser.templates.problem.tooBig", { kib: Math.ceil(bytes / 1024), max: max / 1024 }),
    syntax: (format, detail) => t(`organiser.templates.problem.${format}Syntax`, { detail }),
    issue: (issue) => {
      const { code, values } = describeIssue(issue);
      return t(`organiser.errors.${code}`, values);
    },
  };
}

/**
 * Reads single-valued fields as trimmed-free strings (files and missing fields become "").
 * Names listed in `arrays` are read with `getAll`.
 */
export function readForm<K extends string, A extends string = never>(
  form: FormData,
  names: readonly K[],
  arrays: readonly A[] = [],
): Record<K, string> & Record<A, string[]> {
  const out: Record<string, string | string[]> = {};
  for (const n of names) {
    const v = form.get(n);
    out[n] = typeof v === "string" ? v : "";
  }
  for (const n of arrays) out[n] = form.getAll(n).filter((v): v is string => typeof v === "string");
  return out as Record<K, string> & Record<A, string[]>;
}

/** Non-empty trimmed lines of a textarea (Windows or Unix line ends). */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** `""` → undefined (so zod reports "required"), otherwise `Number(s)` (NaN reported as "not a number"). */
export function numberOrUndefined(s: string | undefined): number | undefined {
  const trimmed = (s ?? "").trim();
  return trimmed === "" ? undefined : Number(trimmed);
}

/**
 * A slug for keys (`Slug` in app/domain/template.ts): lower-case ASCII letters, digits, single
 * dashes, at most `max` characters. Accents are folded (`Égalité` → `egalite`). May return "" for
 * text with no Latin letters or digits; callers supply a fallback.
 */
export function slugify(text: string, max = 48): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug.slice(0, max).replace(/-+$/, "");
}

/**
 * `base` if it is free, else `base-2`, `base-3`… (never in `taken`). The result is added to `taken`.
 * An empty base becomes `fallback`.
 */
export function uniqueSlug(base: string, taken: Set<string>, fallback = "item"): string {
  const root = base || fallback;
  let candidate = root;
  for (let n = 2; taken.has(candidate); n++) candidate = `${root}-${n}`;
  taken.add(candidate);
  return candidate;
}

/** A `t` for server-side messages in the request's language (cookie, then Accept-Language). */
export function requestTranslator(request: Request): Translate {
  // One cached instance per language (meta.ts), not a new i18next instance per message.
  const t = fixedTranslator(pickLanguage(request.headers.get("cookie"), request.headers.get("accept-language")));
  return (key, values) => t(key, values as Record<string, unknown>) as string;
}
