/**
 * Page `<title>`s in the reader's language. `meta` functions run on the server and in the browser
 * and cannot call hooks, so they read the language the root loader picked (cookie, then
 * Accept-Language) from `matches` and translate with a plain i18next instance per language
 * (made once, no React binding: it must not replace the instance the page renders with).
 */
import i18next, { type TFunction } from "i18next";
import { DEFAULT_LANGUAGE, isLanguage, resources, type Language } from "~/i18n/config";

const translators = new Map<Language, TFunction>();

/** A `t` bound to `lang` (cached; resources are bundled, so init is synchronous). */
export function fixedTranslator(lang: Language): TFunction {
  let t = translators.get(lang);
  if (!t) {
    const instance = i18next.createInstance();
    void instance.init({ lng: lang, fallbackLng: DEFAULT_LANGUAGE, resources, initAsync: false, interpolation: { escapeValue: false }, returnNull: false });
    t = instance.t;
    translators.set(lang, t);
  }
  return t;
}

/** What a Remix `meta` function receives that matters here. */
interface MetaInput {
  matches: ReadonlyArray<{ id: string; data?: unknown } | undefined>;
  error?: unknown;
}

/** The reader's language from the root loader data; English when there is none (e.g. no route matched). */
function metaLanguage(matches: MetaInput["matches"]): Language {
  const lang = (matches.find((m) => m?.id === "root")?.data as { lang?: unknown } | undefined)?.lang;
  return isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
}

/**
 * Which `common.<kind>Title` / `common.<kind>Body` pair words an error of HTTP `status`: 404, 403 and
 * 400 have their own, every other status (or none) the generic `error` one. The one mapping for the
 * root error boundary's heading and body, the title of a page whose route failed, and the title of a
 * page no route matched.
 */
export function errorKind(status: unknown): "notFound" | "forbidden" | "badRequest" | "error" {
  return status === 404 ? "notFound" : status === 403 ? "forbidden" : status === 400 ? "badRequest" : "error";
}

/** The title an error page gets: its heading (`common.notFoundTitle` …), like the root error boundary. */
function errorPage(error: unknown): string {
  return `common.${errorKind((error as { status?: unknown } | null)?.status)}Title`;
}

/**
 * `[{ title: "<page> · Roundtable" }]` in the reader's language (`common.pageTitle`), or just
 * "Roundtable" when `page` returns null. When the route's loader failed (`error`), the title is the
 * error page's heading instead, so a French 404 is not titled in English or after a missing record.
 * @param page builds the page part with `t` (a key of app/i18n, plus the loader's own names).
 */
export function pageTitle(args: MetaInput, page: (t: TFunction) => string | null): Array<{ title: string }> {
  const t = fixedTranslator(metaLanguage(args.matches));
  const part = args.error ? t(errorPage(args.error)) : page(t);
  return [{ title: part === null ? t("common.appName") : t("common.pageTitle", { page: part }) }];
}
