/**
 * Neutral rewordings in the Chatham House style of the 2022 webinar report ("Panellists
 * remarked…", "One panellist stated…", "It was noted…"), and a cheap language guess
 * for findings whose pattern is language-neutral (names).
 */
import type { FindingKind, Language } from "./types";

export type Wording = { en: string; fr: string };

const PARTICIPANT: Wording = { en: "a participant", fr: "un·e participant·e" };
const PARTICIPANTS: Wording = { en: "some participants", fr: "plusieurs participant·es" };

/** Neutral forms keyed by the role noun's stem (folded, lower-case); roles not listed become "a participant". */
const BY_ROLE: [RegExp, Wording, Wording][] = [
  [/^delegations?$/, { en: "one delegation", fr: "une délégation" }, { en: "some delegations", fr: "certaines délégations" }],
  [/^delegue/, { en: "a delegate", fr: "un·e délégué·e" }, { en: "some delegates", fr: "certain·es délégué·es" }],
  [/^delegates?$/, { en: "a delegate", fr: "un·e délégué·e" }, { en: "some delegates", fr: "certain·es délégué·es" }],
  [/^speakers?$|^intervenant/, { en: "a speaker", fr: "un·e intervenant·e" }, { en: "some speakers", fr: "plusieurs intervenant·es" }],
  [/^panell?ists?$|^panelistes?$/, { en: "a panellist", fr: "un·e panéliste" }, { en: "some panellists", fr: "plusieurs panélistes" }],
  [/^(?:government|administration|ministry|authorities)$/, { en: "a government", fr: "un gouvernement" }, { en: "some governments", fr: "certains gouvernements" }],
  [/^experts?$|^expert/, { en: "an expert", fr: "un·e expert·e" }, { en: "some experts", fr: "plusieurs expert·es" }],
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

const FR_WORDS = new Set("le la les des du une est que qui dans pour sur au aux et ont été selon d' l' qu' sont leur avec".split(" "));
const EN_WORDS = new Set("the of and is that to in was were for on with said has have are their from by".split(" "));

/** Guesses the language of a sentence by counting function words; ties go to `fallback`. */
export function guessLanguage(sentence: string, fallback: Language): Language {
  let fr = 0;
  let en = 0;
  for (const w of sentence.toLowerCase().match(/[\p{L}]+'?/gu) ?? []) {
    if (FR_WORDS.has(w)) fr++;
    if (EN_WORDS.has(w)) en++;
  }
  return fr === en ? fallback : fr > en ? "fr" : "en";
}

/** Upper-cases the first letter (for a replacement at the start of a sentence). */
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
