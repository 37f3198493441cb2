/**
 * Contact details in the text: e-mail addresses and phone numbers identify a person as surely as
 * a name does, whatever the sentence around them. Language-neutral; the suggestion is a bracketed
 * neutral marker ("[e-mail removed]" / "[courriel supprimé]").
 *
 * Phone numbers: international ("+44 20 7946 0958", "0044 …") or national with a leading 0
 * ("020 7946 0958", "01 23 45 67 89"), 9–15 digits, groups split by single spaces, dots, dashes
 * or brackets. Years, counts and ranges ("1967–2008", "1,500 objects") never start with + or 0.
 * The pattern is linear: a bounded run of digits and separators between two digits (at most 26
 * characters), then the digit count decides; nested quantifiers here backtracked exponentially on
 * "0" followed by some 30 digits and a letter (an open answer is up to 280 characters).
 */
import type { FoldedText } from "./fold";
import type { Candidate } from "./regex";

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;
const PHONE = /(?<![\p{L}\p{N}+])(?:\+|0)\d[\d ().-]{6,24}\d(?![\p{L}\p{N}])/gu;
const MIN_PHONE_DIGITS = 9;
const MAX_PHONE_DIGITS = 15;

const EMAIL_SUGGESTION = { en: "[e-mail removed]", fr: "[courriel supprimé]" };
const PHONE_SUGGESTION = { en: "[phone number removed]", fr: "[numéro de téléphone supprimé]" };

/** E-mail addresses and phone numbers in `f` (folded offsets), kind `contact-detail`, high severity. */
export function contactCandidates(f: FoldedText): Candidate[] {
  const out: Candidate[] = [];
  for (const m of f.text.matchAll(EMAIL)) {
    out.push({ start: m.index, end: m.index + m[0].length, kind: "contact-detail", severity: "high", lang: null, suggestion: EMAIL_SUGGESTION });
  }
  for (const m of f.text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, "").length;
    if (digits < MIN_PHONE_DIGITS || digits > MAX_PHONE_DIGITS) continue;
    out.push({ start: m.index, end: m.index + m[0].length, kind: "contact-detail", severity: "high", lang: null, suggestion: PHONE_SUGGESTION });
  }
  return out;
}
