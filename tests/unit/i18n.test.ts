import { describe, expect, it } from "vitest";
import en from "../../app/i18n/en";
import fr from "../../app/i18n/fr";
import { createI18n, directionOf, pickLanguage } from "../../app/i18n/config";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "object" && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("i18n", () => {
  it("French has exactly the English keys, none empty", () => {
    expect(keys(fr).sort()).toEqual(keys(en).sort());
    for (const k of keys(fr)) {
      const value = k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], fr);
      expect(typeof value === "string" && value.trim().length > 0, k).toBe(true);
    }
  });

  it("French keeps its spaced punctuation on the same line (no-break space before : ; ? ! » and after «)", () => {
    // A plain space there lets a line break strand "»" or "?" on its own line (seen on the join page).
    const bad = keys(fr)
      .map((k) => [k, k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], fr) as string] as const)
      .filter(([, v]) => / [:;?!»]|« /.test(v))
      .map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it("picks the cookie, then Accept-Language by q, then English", () => {
    expect(pickLanguage("a=1; rt_lang=fr", "en")).toBe("fr");
    expect(pickLanguage(null, "de-DE,fr;q=0.8,en;q=0.5")).toBe("fr");
    expect(pickLanguage(null, "en;q=0.4,fr-CA;q=0.9")).toBe("fr");
    expect(pickLanguage("rt_lang=xx", "de")).toBe("en");
    expect(pickLanguage(null, null)).toBe("en");
  });

  it("translates and pluralises, and knows RTL scripts", () => {
    expect(createI18n("fr").t("common.signIn")).toBe("Se connecter");
    expect(createI18n("en").t("common.minutes", { count: 2 })).toBe("2 minutes");
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("fr")).toBe("ltr");
  });
});
