/**
 * Export labels in the export's language: the same i18next resources as the app
 * (app/i18n/{en,fr}/summary.ts: `summary.export.*`, plus `summary.view.*` and `summary.sectors.*`
 * shared with the on-screen summary), so an export reads like the page it was downloaded from.
 * Values are plain text: each renderer escapes them for its format.
 */
import type { TFunction } from "i18next";
import { createI18n, DEFAULT_LANGUAGE, type Language } from "../../app/i18n/config";

/** `t` bound to the `summary` strings of one language (keys like "export.poll", "view.ruleFooter.attributed"). */
export type ExportT = (key: string, vars?: Record<string, unknown>) => string;

const cache = new Map<Language, ExportT>();

/** The labels of `lang` (English when omitted); one i18next instance per language, made on first use. */
export function exportT(lang: Language = DEFAULT_LANGUAGE): ExportT {
  let t = cache.get(lang);
  if (!t) {
    const fixed: TFunction = createI18n(lang).getFixedT(lang, null, "summary");
    t = (key, vars) => String(fixed(key, vars ?? {}));
    cache.set(lang, t);
  }
  return t;
}
