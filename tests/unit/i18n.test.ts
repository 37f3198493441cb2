import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
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

  it("French spaces its punctuation one way: no-break space before ':', narrow no-break space before ; ? !", () => {
    // Imprimerie nationale: "espace insécable" before the colon, "espace fine insécable" before ; ? !
    // (Intl's French percentages use the narrow one too). Trial: "Écoulé:" had none at all.
    const values = keys(fr).map((k) => [k, k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], fr) as string] as const);
    const bad = values.filter(([, v]) => /\u202f:|[\u00a0 ][;?!]|\p{L}[;?!:](?=\s|$)/u.test(v)).map(([k, v]) => `${k}: ${v}`);
    expect(bad).toEqual([]);
    expect(createI18n("fr").t("session.console.elapsed")).toBe("Écoulé\u00a0:");
  });

  it("components do not glue punctuation after a translated string (it cannot be spaced per language)", () => {
    // In JSX (`{t("a")}:`), at the end of a template-string slot (`${x ? t("a") : t("b")}: …`) or
    // concatenated (`t("a") + ":"`): the punctuation belongs in the translation, with a {{placeholder}}.
    const gluedAfterT = /(?<![\w.$])t\([^)]*\)(?:\}|\s*\+\s*["'`])[:;?!]/;
    expect(gluedAfterT.test("aria-label={`${on ? t(\"a.b\") : t(\"a.c\")}: ${text}`}")).toBe(true);
    expect(gluedAfterT.test("<b>{t(\"a.b\")}:</b>")).toBe(true);
    expect(gluedAfterT.test("const x = t(\"a.b\"); e.preventDefault();")).toBe(false);
    const glued = readdirSync("app", { recursive: true, encoding: "utf8" })
      .filter((f) => /\.tsx?$/.test(f) && !f.startsWith("i18n"))
      .flatMap((f) => (gluedAfterT.test(readFileSync(path.join("app", f), "utf8")) ? [f] : []));
    expect(glued).toEqual([]);
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

  it("poll strings that show a count of things agree with it (QA B15: \"used in 1 answers\")", () => {
    // Every polls string that takes {{count}} is a plural key (i18next picks _one/_other by count).
    for (const [lang, res] of [["en", en], ["fr", fr]] as const) {
      const singular = keys(res.polls).filter((k) => !/_(one|other|many)$/.test(k));
      const counted = singular.filter((k) => String(k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], res.polls)).includes("{{count}}"));
      expect(counted.filter((k) => !["results.countShare", "results.shift.before", "results.shift.now"].includes(k)), lang).toEqual([]);
    }
    const enT = createI18n("en").t;
    const frT = createI18n("fr").t;
    expect(enT("polls.results.wordCount", { word: "norms", count: 1 })).toBe("norms, used in 1 answer");
    expect(enT("polls.results.wordCount", { word: "norms", count: 2 })).toBe("norms, used in 2 answers");
    expect(frT("polls.results.wordCount", { word: "normes", count: 1 })).toBe("normes, présent dans 1 réponse");
    expect(frT("polls.answer.chosen", { count: 1, max: 3 })).toBe("1 choisie sur 3");
    expect(frT("polls.answer.characters", { count: 1, max: 280 })).toBe("1 caractère sur 280");
  });

  it("page-title parts leave the app name to common.pageTitle (no \"· Roundtable · Roundtable\")", () => {
    for (const [lang, res] of [["en", en], ["fr", fr]] as const) {
      const value = (k: string) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], res) as string;
      const parts = keys(res).filter((k) => /(^|\.)metaTitle$/.test(k));
      expect(parts.length, lang).toBeGreaterThanOrEqual(5);
      for (const k of parts) expect(value(k), `${lang} ${k}`).not.toContain("Roundtable");
      expect(value("common.pageTitle"), lang).toBe("{{page}} · Roundtable");
    }
  });
});
