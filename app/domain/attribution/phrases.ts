/**
 * Attribution phrases whose speaker is not a participant, country or known organisation:
 * titled people ("Dr Hollis", "M. Nakamura", "l'ambassadeur Okonkwo", "la ministre Diallo"), named subjects of speech verbs ("Nakamura argued"),
 * "according to / selon <someone>", "the ambassador said", "the representative of <Unknown Ltd>".
 * Neutral phrasing ("a participant said", "selon un intervenant") never matches: each rule needs
 * a capitalised proper name or a definite high-rank role.
 */
import type { FoldedText } from "./fold";
import { atSentenceStart, CAP, ci, LB, RB, type Candidate } from "./regex";
import {
  INSTITUTION_WORDS,
  NEUTRAL_SUBJECTS,
  ROLE_HIGH_RANK,
  ROLE_STRONG,
  ROLE_TITLES,
  TITLES,
  VERBS_EN,
  VERBS_FR_PP,
  VERBS_FR_PRES,
} from "./lexicon";
import { roleSuggestion } from "./suggest";

interface Span {
  start: number;
  end: number;
}

const PROPER = `${CAP}(?:\\s+(?:${CAP}|(?:de|van|von|da|di|del|bin|al)\\s+${CAP})){0,3}`;
const TITLED = new RegExp(`${LB}(?:(?:Le|le|La|la)\\s+)?${TITLES}\\s+${PROPER}`, "gu");
/** Article + lower-case role title + name: the whole reference is rewritten ("Le délégué Fernandes a demandé" → "Un·e délégué·e a demandé"). */
const ROLE_TITLED = new RegExp(`${LB}(?:(?<en>${ci("the")})\\s+|${ci("(?:le|la)")}\\s+|${ci("l'")})(?<role>${ci(ROLE_TITLES)})\\s+(?<name>${PROPER})`, "gud");
const QUOTE = new RegExp(
  `${LB}${ci(
    "(?:according to|in the words of|as quoted by|to quote|selon|d'apres|aux dires de|pour reprendre les (?:mots|termes) de|comme l'a (?:dit|souligne|rappele|note|indique|affirme|fait remarquer|resume|explique))",
  )}\\s+`,
  "gu",
);
const DEF_HIGH_RANK = new RegExp(`^(?:${ci("(?:the|le|la)")}\\s+|${ci("l'")})(?<role>${ci(ROLE_HIGH_RANK)})${RB}`, "u");
const PROPER_AT_START = new RegExp(`^${PROPER}`, "u");
const ADV_EN = `(?:${ci("(?:has|had|also|further|then|again|later|repeatedly|strongly|firmly|clearly)")}|\\p{Ll}+ly)`;
const ADV_FR = ci("(?:egalement|aussi|notamment|clairement|fortement|vivement|encore|deja)");
const SPEECH = `(?:(?:${ADV_EN}\\s+)*${ci(VERBS_EN)}|(?:${ci("(?:a|avait)")}\\s+(?:${ADV_FR}\\s+)*${ci(VERBS_FR_PP)}|${ci(VERBS_FR_PRES)}))${RB}`;
const HIGH_RANK_SPEAKS = new RegExp(
  `${LB}(?:${ci("(?:the|le|la)")}\\s+|${ci("l'")})(?<role>${ci(ROLE_HIGH_RANK)})\\s+${SPEECH}`,
  "gud",
);
// "One delegate from …" is rewritten whole: leaving "One" before the suggestion gave "One a delegate".
const ROLE_OF_UNKNOWN = new RegExp(
  `${LB}(?:${ci("(?:the|a|an|one|le|la|un|une)")}\\s+|${ci("l'")})?(?<role>${ci(ROLE_STRONG)})\\s+${ci("(?:of|from|for|de|du|d')")}\\s*(?:${ci("(?:the|la|le|l')")}\\s*)?(?<name>${PROPER})`,
  "gud",
);
const SUBJECT_SPEAKS = new RegExp(`(?<![\\p{L}\\p{N}'])(?<name>${PROPER})\\s+${SPEECH}`, "gud");

const DETERMINERS = new Set("the a an this these that those its their our his her le la les un une ce cette ces son sa ses leur leurs".split(" "));
/** Words that can open a clause before a name ("As Hollis put it", "But Smith argued"). */
const CLAUSE_OPENERS = new Set("as when if since because although though after before while and but so then thus in at on for to by with comme selon pour apres mais et si quand lorsque".split(" "));

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/**
 * The part of a capitalised sequence that can be a person's name, or null: not after a
 * determiner ("The Committee"), not an institution ("Article IX"), not a neutral subject.
 */
function personName(text: string, start: number, name: string): Span | null {
  const tokens = name.split(/\s+/);
  const first = tokens[0].toLowerCase();
  if (DETERMINERS.has(first) || /^[ld]'/.test(first)) return null;
  let offset = 0;
  while (tokens.length && (NEUTRAL_SUBJECTS.has(tokens[0].toLowerCase()) || CLAUSE_OPENERS.has(tokens[0].toLowerCase()))) {
    offset = name.indexOf(tokens[1] ?? "", offset + tokens[0].length);
    tokens.shift();
  }
  if (!tokens.length || tokens.some((t) => INSTITUTION_WORDS.has(t.toLowerCase()))) return null;
  const s = start + offset;
  // A lone capitalised plural at the start of a sentence is a common noun ("Insurers argued").
  if (tokens.length === 1 && /s$/.test(tokens[0]) && atSentenceStart(text, s)) return null;
  return { start: s, end: start + name.length };
}

/** Generic attribution-phrase candidates; `taken` are entity/forum mentions, left to their own rules. */
export function phraseCandidates(f: FoldedText, taken: Span[]): Candidate[] {
  const text = f.text;
  const out: Candidate[] = [];
  const free = (s: Span) => !taken.some((t) => overlaps(s, t));
  const push = (s: Span, severity: Candidate["severity"], role: string | null = null) =>
    out.push({ ...s, kind: "attribution-phrase", severity, lang: null, suggestion: roleSuggestion(role, "org", false) });

  for (const m of text.matchAll(TITLED)) {
    const s = { start: m.index, end: m.index + m[0].length };
    if (free(s)) push(s, "high");
  }
  for (const m of text.matchAll(ROLE_TITLED)) {
    const [ns, ne] = m.indices!.groups!.name;
    // The name must be a person's: not "le président Conseil …", not a neutral word.
    const name = personName(text, ns, text.slice(ns, ne));
    if (!name || name.start !== ns || !free(name)) continue;
    const role = m.groups!.role.toLowerCase();
    // Longer than what the rules below find inside it ("Adeyemi", "l'ambassadrice"), so it wins the overlap.
    out.push({ start: m.index, end: name.end, kind: "attribution-phrase", severity: "high", lang: m.groups!.en ? "en" : "fr", suggestion: roleSuggestion(role, "org", false) });
  }
  for (const m of text.matchAll(QUOTE)) {
    const at = m.index + m[0].length;
    const rest = text.slice(at, at + 120);
    const role = DEF_HIGH_RANK.exec(rest);
    if (role) {
      push({ start: at, end: at + role[0].length }, "medium", role.groups!.role.toLowerCase());
      continue;
    }
    const proper = PROPER_AT_START.exec(rest);
    const s = proper && personName(text, at, proper[0]);
    if (s && free(s)) push(s, "high");
  }
  for (const m of text.matchAll(HIGH_RANK_SPEAKS)) {
    push({ start: m.index, end: m.indices!.groups!.role[1] }, "medium", m.groups!.role.toLowerCase());
  }
  for (const m of text.matchAll(ROLE_OF_UNKNOWN)) {
    const [ns, ne] = m.indices!.groups!.name;
    const tokens = text.slice(ns, ne).toLowerCase().split(/\s+/);
    // Unlike a bare subject ("The Committee noted"), "the representative of <Agency>" names a body.
    if (!tokens.every((t) => NEUTRAL_SUBJECTS.has(t)) && free({ start: ns, end: ne })) push({ start: m.index, end: ne }, "high", m.groups!.role.toLowerCase());
  }
  for (const m of text.matchAll(SUBJECT_SPEAKS)) {
    const [ns, ne] = m.indices!.groups!.name;
    const s = personName(text, ns, text.slice(ns, ne));
    if (s && free(s)) push(s, "high");
  }
  return out;
}
