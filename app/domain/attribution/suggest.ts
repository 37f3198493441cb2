/**
 * Neutral rewordings in the Chatham House style of the 2022 webinar report ("Panellists
 * remarked…", "One panellist stated…", "It was noted…"), and a cheap language guess
 * for findings whose pattern is language-neutral (names).
 *
 * French forms use inclusive writing with the middle dot, one form per role, and "certain·es" for
 * every plural of people ("Un·e participant·e a indiqué…", "Certain·es intervenant·es ont…"), so a
 * rewritten report reads the same throughout. The suggestion follows the sentence's language; the
 * UI language only decides when the sentence gives no clue.
 */
import type { FindingKind, Language } from "./types";

export type Wording = { en: string; fr: string };

const PARTICIPANT: Wording = { en: "a participant", fr: "un·e participant·e" };
const PARTICIPANTS: Wording = { en: "some participants", fr: "certain·es participant·es" };

/** Neutral forms keyed by the role noun's stem (folded, lower-case); roles not listed become "a participant". */
const BY_ROLE: [RegExp, Wording, Wording][] = [
  [/^delegations?$/, { en: "one delegation", fr: "une délégation" }, { en: "some delegations", fr: "certaines délégations" }],
  [/^delegue/, { en: "a delegate", fr: "un·e délégué·e" }, { en: "some delegates", fr: "certain·es délégué·es" }],
  [/^delegates?$/, { en: "a delegate", fr: "un·e délégué·e" }, { en: "some delegates", fr: "certain·es délégué·es" }],
  [/^speakers?$|^intervenant/, { en: "a speaker", fr: "un·e intervenant·e" }, { en: "some speakers", fr: "certain·es intervenant·es" }],
  [/^panell?ists?$|^panelistes?$/, { en: "a panellist", fr: "un·e panéliste" }, { en: "some panellists", fr: "certain·es panélistes" }],
  [/^(?:government|administration|ministry|authorities)$/, { en: "a government", fr: "un gouvernement" }, { en: "some governments", fr: "certains gouvernements" }],
  [/^experts?$|^expert/, { en: "an expert", fr: "un·e expert·e" }, { en: "some experts", fr: "certain·es expert·es" }],
];

/**
 * Wording for a speaker reference: keeps a neutral role ("the delegate of France" → "a delegate"),
 * otherwise "a participant"; a state as bare subject ("France argued") → "one delegation".
 */
export function roleSuggestion(role: string | null, category: "country" | "org", plural: boolean): Wording {
  if (role) {
    const isPlural = plural || /s$/.test(role);
    for (const [re, one, many] of BY_ROLE) if (re.test(role)) return isPlural ? many : one;
    return isPlural ? PARTICIPANTS : PARTICIPANT;
  }
  if (category === "country") return plural ? { en: "some delegations", fr: "certaines délégations" } : { en: "one delegation", fr: "une délégation" };
  return plural ? PARTICIPANTS : PARTICIPANT;
}

/** Default wording per kind when the detector did not choose one. */
export function defaultSuggestion(kind: FindingKind): Wording {
  if (kind === "affiliation") return { en: "an organisation", fr: "une organisation" };
  return PARTICIPANT;
}

const FR_WORDS = new Set(
  "le la les des du une est que qui dans pour sur au aux et ont été selon d' l' qu' n' s' c' sont leur leurs avec cette ces ce cet il elle ils elles ne pas mais ou où par son sa ses nous vous avait dont aussi très".split(" "),
);
const EN_WORDS = new Set("the of and is that to in was were for on with said has have are their from by an this it not but which would should be as its".split(" "));
/** Letters that occur in French words and not in English ones (names aside). */
const FR_LETTERS = /[éèêëàâîïôûùüçœ]/u;

/**
 * Guesses the language of a sentence by counting function words, and words with French-only
 * letters ("contesté"); ties go to `fallback`. Names of participants are usually the only
 * other words, so one French verb tips a short sentence ("Ahmed Khalil a contesté cette analyse.").
 */
export function guessLanguage(sentence: string, fallback: Language): Language {
  let fr = 0;
  let en = 0;
  for (const word of sentence.normalize("NFC").match(/[\p{L}]+'?/gu) ?? []) {
    const w = word.toLowerCase();
    if (FR_WORDS.has(w)) fr++;
    // Capitalised words are mostly names ("Lefèvre", "María"), which say nothing of the language.
    else if (FR_LETTERS.test(w) && !/^\p{Lu}/u.test(word)) fr++;
    if (EN_WORDS.has(w)) en++;
  }
  return fr === en ? fallback : fr > en ? "fr" : "en";
}

/** French words that elide before a vowel ("de une" → "d'une", "que un·e" → "qu'un·e"). */
const ELIDING = /(?<![\p{L}\p{N}])(de|que|jusque|lorsque|puisque|quoique)\s+$/iu;

/**
 * A French suggestion placed after "de"/"que" takes the elided form, and the replaced span grows
 * to cover that word: "Sophie Martin, de Thales Alenia Space" + "une organisation" →
 * "Sophie Martin, d'une organisation". `start` is a UTF-16 offset into `text`.
 */
export function elideBefore(text: string, start: number, wording: string): { start: number; wording: string } {
  if (!/^[aeiouyéèêàâîôû]/iu.test(wording)) return { start, wording };
  const from = Math.max(0, start - 16);
  const m = ELIDING.exec(text.slice(from, start));
  // The look-behind cannot see past the slice: "…monde" cut to "de" must not count.
  if (!m || (from + m.index > 0 && /[\p{L}\p{N}]/u.test(text[from + m.index - 1]))) return { start, wording };
  return { start: start - m[0].length, wording: `${m[1].slice(0, -1)}'${wording}` };
}

/** Upper-cases the first letter (for a replacement at the start of a sentence). */
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
