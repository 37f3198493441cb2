/**
 * Regex helpers shared by the detectors. All detector regexes run with the `u` flag and
 * WITHOUT `i`: under `/iu`, `\p{Lu}` also matches lower-case letters, which would break the
 * capitalisation tests that tell "the Outer Space Treaty" from "Dr Hollis". Case-insensitive
 * parts are written through `ci()` instead.
 */
import { foldString } from "./fold";
import type { FindingKind, FindingSeverity, Language } from "./types";

/** A detector hit, in folded-text offsets, before overlap resolution. */
export interface Candidate {
  start: number;
  end: number;
  kind: FindingKind;
  severity: FindingSeverity;
  /** Language of the pattern that fired; null when the hit is language-neutral (a name). */
  lang: Language | null;
  /** Neutral replacement chosen by the detector; null means "use the default for kind/lang". */
  suggestion: { en: string; fr: string } | null;
}

/** Not preceded / followed by a letter or digit: a whole-word boundary that understands accents. */
export const LB = "(?<![\\p{L}\\p{N}])";
export const RB = "(?![\\p{L}\\p{N}])";

/** A capitalised word (proper noun candidate); apostrophes and hyphens stay inside ("O'Neill", "Jean-Luc"). */
export const CAP = "\\p{Lu}[\\p{L}'-]*";

/**
 * Makes a regex source case-insensitive letter by letter (`ab` → `[aA][bB]`).
 * Escapes (`\s`, `\p{L}`) are copied as they are. Sources must not contain `[...]` classes with letters.
 */
export function ci(src: string): string {
  let out = "";
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === "\\") {
      if (src[i + 1] === "p" || src[i + 1] === "P") {
        const close = src.indexOf("}", i);
        out += src.slice(i, close + 1);
        i = close;
      } else {
        out += src.slice(i, i + 2);
        i++;
      }
      continue;
    }
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    out += lo !== up && lo.length === 1 && up.length === 1 ? `[${lo}${up}]` : ch;
  }
  return out;
}

const SPECIAL = /[.*+?^${}()|[\]\\/]/g;

/** Regex source for a literal phrase: folded, escaped, any run of spaces or a hyphen matches either. */
export function phraseSource(phrase: string): string {
  return foldString(phrase.trim())
    .replace(SPECIAL, "\\$&")
    .replace(/\s+/g, "\\s+")
    .replace(/-/g, "[-\\s]");
}

/** True when an entry is written as an acronym (UN, ESA, US) and must be matched case-sensitively. */
export function isAcronym(phrase: string): boolean {
  return /^[\p{Lu}\p{N}&.-]{2,8}$/u.test(phrase.trim());
}

/** Compiled alternation of phrases, longest first (so "UN General Assembly" beats "UN"). */
export function alternation(phrases: string[], caseInsensitive: boolean): string {
  const uniq = [...new Set(phrases.map((p) => phraseSource(p)))].sort((a, b) => b.length - a.length);
  return uniq.map((s) => (caseInsensitive ? ci(s) : s)).join("|");
}

/** The word before `index` in `text`, lower-cased, or "" when punctuation or the start comes first. */
export function previousWord(text: string, index: number): string {
  const before = text.slice(Math.max(0, index - 40), index);
  if (/[.!?;:,()«»"]\s*$/u.test(before)) return "";
  const m = /([\p{L}']+)\s*$/u.exec(before);
  return m ? m[1].toLowerCase() : "";
}

/** True when `index` starts a sentence (only spaces, quotes or brackets since the last . ! ? : ; or the start). */
export function atSentenceStart(text: string, index: number): boolean {
  const before = text.slice(0, index).replace(/[\s"'«(\u00A0\u202F]+$/u, "");
  return before === "" || /[.!?;:\n…]$/u.test(before);
}
