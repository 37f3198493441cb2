/**
 * The word cloud shows each counted (lower-cased) word as the room typed it: "ASAT", not "asat"
 * (a tester read the lower-cased acronym on the projector as a typo). wordForms picks the form most
 * answers used, preferring the lower-case one on a tie; the cloud renders it, in the visible word
 * and in the screen-reader sentence.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { sameTextRuns, WordCloud } from "../../app/components/polls/results/WordCloud";
import { contentWords, wordForms, wordFrequencies } from "../../app/domain/polls/words";
import { createI18n } from "../../app/i18n/config";
import type { OpenTally } from "../../app/domain/polls/types";

describe("wordForms", () => {
  it("keeps an acronym's capitals and the common casing of a word", () => {
    const texts = ["definitions and ASAT tests", "due regard and ASAT tests", "Debris", "debris and notification", "space debris"];
    const forms = wordForms(texts, ["asat", "debris", "tests", "notification"]);
    expect(forms.get("asat")).toBe("ASAT");
    expect(forms.get("debris")).toBe("debris"); // 2 × "debris" beat 1 × "Debris"
    expect(forms.get("tests")).toBe("tests");
    expect(forms.has("regard")).toBe(false); // not asked for
  });

  it("prefers the lower-case form on a tie, and counts repeated answers by how often they were given", () => {
    expect(wordForms(["Transparency first", "more transparency"], ["transparency"]).get("transparency")).toBe("transparency");
    expect(wordForms(["OEWG", "OEWG", "oewg"], ["oewg"]).get("oewg")).toBe("OEWG");
  });

  it("removes French elisions whatever their case, as the counted words do", () => {
    expect(wordForms(["L'Espace d'abord"], ["espace"]).get("espace")).toBe("Espace");
    expect(contentWords("L'Espace d'abord")).toEqual(["espace", "abord"]);
  });
});

describe("word cloud", () => {
  it("shows the typed form of each counted word", () => {
    const texts = ["ASAT tests", "ASAT tests", "debris"];
    const tally = { kind: "open", n: 3, ignored: 0, texts, words: wordFrequencies(texts), sectorBreakdown: null } as OpenTally;
    expect(tally.words[0]).toEqual({ word: "asat", count: 2 });
    const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n("en") }, createElement(WordCloud, { tally, mine: null })));
    expect(html).toContain('<span aria-hidden="true">ASAT</span>');
    expect(html).toContain("ASAT, used in 2 answers");
    expect(html).not.toContain(">asat<");
  });

  it("lists each distinct answer once with how many gave it", () => {
    expect(sameTextRuns(["a", "a", "b", "c", "c", "c"])).toEqual([{ text: "a", count: 2 }, { text: "b", count: 1 }, { text: "c", count: 3 }]);
    expect(sameTextRuns([])).toEqual([]);
    const texts = ["ASAT tests", "ASAT tests", "debris"];
    const tally = { kind: "open", n: 3, ignored: 0, texts, words: wordFrequencies(texts), sectorBreakdown: null } as OpenTally;
    const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n("en") }, createElement(WordCloud, { tally, mine: "ASAT tests" })));
    const items = [...html.matchAll(/<li( class="mine")?>(.*?)<\/li>/g)].map((m) => m[2].replace(/<[^>]+>/g, ""));
    expect(items.slice(-2)).toEqual(["ASAT tests ×2(2 answers) ✓ Your answer", "debris"]);
  });

  it("with a limit (the projector) lists the most given answers first, then how many others there are", () => {
    const texts = ["a", "b", "b", "b", "c", "c", "d"];
    const tally = { kind: "open", n: 7, ignored: 0, texts, words: wordFrequencies(texts), sectorBreakdown: null } as OpenTally;
    const render = (limit?: number) => renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n("en") }, createElement(WordCloud, { tally, mine: null, limit })));
    const listed = (html: string) => [...html.split('class="open-texts"')[1].matchAll(/<li[^>]*>([^<]*)/g)].map((m) => m[1]);
    expect(listed(render(2))).toEqual(["b", "c"]);
    expect(render(2)).toContain("…and 2 other answers");
    // Everything fits: all, alphabetical, no "others" line.
    expect(listed(render(4))).toEqual(["a", "b", "c", "d"]);
    expect(render(4)).not.toContain("other answer");
    expect(listed(render())).toEqual(["a", "b", "c", "d"]);
  });
});
