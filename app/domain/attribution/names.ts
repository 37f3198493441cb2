/**
 * Participant display names: whole-word, case- and accent-insensitive, anywhere in the text.
 * Rules from the brief: names under 3 characters are searched only as written (a capitalised whole
 * word, exact case: "Al" flags "Al argued" and "Karim et Al ont proposé" but not "al", "AL" or "et Al.";
 * short names that are also English or French function words ("Le", "In", "On", "Et") are not searched, as
 * they would match every sentence starting with them); the surname alone is also searched when the
 * display name has at least 2 parts and the surname at least 4 characters.
 */
import type { FoldedText } from "./fold";
import { foldString } from "./fold";
import { CAP, ci, LB, phraseSource, RB, type Candidate } from "./regex";
import { ROLE_TITLES, TITLES } from "./lexicon";

/** Minimum length of a display name searched case-insensitively, and of a surname searched alone (brief). */
export const MIN_NAME_CHARS = 3;
/** Shorter display names (of this length or more) are searched only exactly as written, capitalised. */
export const MIN_EXACT_NAME_CHARS = 2;
export const MIN_SURNAME_CHARS = 4;

/** Display names that are placeholders, not names ("Guest", "Participant 3"): never searched. */
const PLACEHOLDER = /^(?:guest|anonymous|anonyme|invite|participant|participante|observer|observateur|user|utilisateur|attendee)\b/i;
const LEADING_TITLE = new RegExp(`^(?:${TITLES}\\s+)+`, "u");

interface NameVariant {
  source: string;
  /** Surnames alone must be capitalised in the text: "Young" the surname, not "young professionals". */
  mustBeCapitalised: boolean;
  /** Matched case-sensitively, as written (short names), and never as "et Al." (a citation). */
  exact?: boolean;
  /** First word of the variant, folded and lower-cased: a block without this word cannot match (prefilter). */
  key: string;
}

/** Words of a folded text, lower-cased, split at anything but letters and digits (as LB/RB see words). */
const words = (folded: string): string[] => folded.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const firstWord = (s: string): string => words(foldString(s))[0] ?? "";

/** "et Al." is a citation, not a person called Al; "Karim et Al ont proposé" is. */
const ET_AL = /(?:^|\s)et\s+$/;

/**
 * Two-letter English and French function words, abbreviations and titles (folded, lower case): a
 * display name equal to one ("Le", "In", "Dr") is not searched, or it would flag every sentence
 * starting with it and hide the finding around it ("Le délégué Fernandes").
 */
const SHORT_STOP_WORDS = new Set(
  (
    "am an as at be by do go he if in is it me my no of oh ok on or so to up us we " +
    "ah au ca ce ci de du eh en es et ha il je la le ma mi ne ni ou sa se si ta te tu un va vu " +
    "dr mr ms mx pr st"
  ).split(" "),
);

/** Name variants to search for one display name (full name, then surname). */
export function nameVariants(displayName: string | null): NameVariant[] {
  if (!displayName) return [];
  const name = displayName.trim().replace(LEADING_TITLE, "").trim();
  const folded = foldString(name);
  if (PLACEHOLDER.test(folded)) return [];
  if (folded.length < MIN_NAME_CHARS) {
    // Exact, case-sensitive and capitalised: "Al", "Jo"; never "AL" (an acronym) or "al".
    const exact = folded.length >= MIN_EXACT_NAME_CHARS && /^\p{Lu}\p{Ll}+$/u.test(folded) && !SHORT_STOP_WORDS.has(folded.toLowerCase());
    return exact ? [{ source: phraseSource(name), mustBeCapitalised: true, exact: true, key: firstWord(name) }] : [];
  }
  const out: NameVariant[] = [{ source: ci(phraseSource(name)), mustBeCapitalised: false, key: firstWord(name) }];
  const parts = name.split(/\s+/);
  const surname = parts[parts.length - 1];
  if (parts.length >= 2 && foldString(surname).length >= MIN_SURNAME_CHARS) {
    out.push({ source: ci(phraseSource(surname)), mustBeCapitalised: true, key: firstWord(surname) });
  }
  return out;
}

interface CompiledVariant extends NameVariant {
  re: RegExp;
}

/** Name variants compiled once per check, indexed by their first word (see `NameVariant.key`). */
export type NameMatcher = ReadonlyMap<string, readonly CompiledVariant[]>;

/**
 * Compiles the name patterns of `displayNames` once, so a check over many blocks (every open answer
 * of a 5,000-person room) does not rebuild thousands of regexes per block, and a block is only run
 * against the names whose first word it contains.
 */
export function compileNames(displayNames: readonly (string | null)[]): NameMatcher {
  const titled = `(?:(?:${ci("le")}|${ci("la")})\\s+)?${TITLES}\\s+|(?:${ci("(?:the|le|la)")}\\s+|${ci("l'")})${ci(ROLE_TITLES)}\\s+`;
  const byKey = new Map<string, CompiledVariant[]>();
  for (const dn of displayNames) {
    for (const v of nameVariants(dn)) {
      if (!v.key) continue;
      const re = new RegExp(`${LB}(?:${titled})?(?<name>${v.source})${RB}`, "gud");
      const list = byKey.get(v.key) ?? [];
      list.push({ ...v, re });
      byKey.set(v.key, list);
    }
  }
  return byKey;
}

/**
 * Finds participant names; an optional title before the name ("Mr Park", "le Dr Okafor", "M. Lefèvre",
 * "la ministre Okafor", "l'ambassadeur Park") is part of the match so that the suggestion replaces it too.
 */
export function participantNameCandidates(f: FoldedText, matcher: NameMatcher): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<CompiledVariant>();
  for (const word of new Set(words(f.text))) {
    for (const v of matcher.get(word) ?? []) {
      if (seen.has(v)) continue;
      seen.add(v);
      for (const m of f.text.matchAll(v.re)) {
        const [nameStart] = m.indices!.groups!.name;
        if (v.mustBeCapitalised && !new RegExp(`^${CAP}`, "u").test(f.text.slice(nameStart))) continue;
        if (v.exact && f.text[m.index + m[0].length] === "." && ET_AL.test(f.text.slice(Math.max(0, m.index - 8), m.index))) continue;
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          kind: "participant-name",
          severity: "high",
          lang: null,
          suggestion: null,
        });
      }
    }
  }
  return out;
}
