/**
 * i18next set-up shared by server render and browser. Every UI string goes through `t()`.
 * Languages: English and French ship; direction comes from i18next so RTL languages lay out correctly.
 */
import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en";
import fr from "./fr";

export const LANGUAGES = ["en", "fr"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";
/** Each language's own name, for the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", fr: "Français" };
export const LANGUAGE_COOKIE = "rt_lang";

export const resources = { en: { translation: en }, fr: { translation: fr } } as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Creates an initialised i18next instance for `lang` (synchronous: resources are bundled). */
export function createI18n(lang: Language): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: lang,
    fallbackLng: DEFAULT_LANGUAGE,
    resources,
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
  });
  return instance;
}

/**
 * Picks the language: the `rt_lang` cookie, then the best `Accept-Language` match, then English.
 * `cookieHeader` and `acceptLanguage` are raw header values.
 */
export function pickLanguage(cookieHeader: string | null, acceptLanguage: string | null): Language {
  const fromCookie = cookieHeader?.match(/(?:^|;\s*)rt_lang=([a-z]{2})/)?.[1];
  if (isLanguage(fromCookie)) return fromCookie;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? 1);
      return { lang: tag.toLowerCase().split("-")[0], q: Number.isFinite(q) ? q : 0 };
    })
    .sort((a, b) => b.q - a.q);
  return (ranked.find((r) => isLanguage(r.lang))?.lang as Language | undefined) ?? DEFAULT_LANGUAGE;
}

/** Text direction for a language (`rtl` for Arabic, Hebrew, Persian, Urdu …). */
export function directionOf(lang: string): "ltr" | "rtl" {
  return ["ar", "he", "fa", "ur"].includes(lang.split("-")[0]) ? "rtl" : "ltr";
}
