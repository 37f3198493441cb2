/**
 * Countries, organisations and participants' affiliations, and whether a mention is tied to a
 * speaker ("the delegate of France", "France argued", "la délégation chinoise") or is a topic
 * ("France's 2022 moratorium", "the UN General Assembly adopted").
 */
import type { FoldedText } from "./fold";
import { foldString } from "./fold";
import { alternation, ci, isAcronym, LB, RB, type Candidate } from "./regex";
import { COUNTRIES, FORUMS, ORGANISATIONS, UMBRELLA_BODIES } from "./lexicon";
import { speakerContext } from "./speaker-context";
import { roleSuggestion } from "./suggest";

export type Category = "forum" | "affiliation" | "org" | "country";
/** Higher wins when one text is in several lists: what a participant gave beats the lexicon. */
const PRIORITY: Record<Category, number> = { affiliation: 3, forum: 2, org: 1, country: 0 };

export interface Mention {
  start: number;
  end: number;
  category: Category;
  /** A noun form ("France", "ESA") that can be a subject or follow "of". */
  isName: boolean;
  /** An adjectival form ("French", "chinoise") that can precede or follow a role noun. */
  isAdj: boolean;
}

interface EntryInfo {
  category: Category;
  isName: boolean;
  isAdj: boolean;
}

/** Compiled entity matchers for one check run. */
export interface EntityLexicon {
  matchers: RegExp[];
  lookup: Map<string, EntryInfo>;
}

const key = (s: string) => foldString(s).toLowerCase().replace(/[\s-]+/g, " ").trim();

/** Builds the matchers from the built-in lexicon plus the caller's extra names and participants' affiliations. */
export function buildEntityLexicon(opts: {
  affiliations: string[];
  organisations?: string[];
  countries?: string[];
}): EntityLexicon {
  const lookup = new Map<string, EntryInfo>();
  const add = (phrase: string, info: EntryInfo) => {
    const k = key(phrase);
    if (!k) return;
    const prev = lookup.get(k);
    if (!prev || PRIORITY[info.category] > PRIORITY[prev.category]) lookup.set(k, { ...info });
    else if (prev.category === info.category) {
      prev.isName ||= info.isName;
      prev.isAdj ||= info.isAdj;
    }
  };
  for (const entry of COUNTRIES) {
    entry.names.forEach((n) => add(n, { category: "country", isName: true, isAdj: false }));
    entry.adjectives.forEach((a) => add(a, { category: "country", isName: false, isAdj: true }));
  }
  (opts.countries ?? []).forEach((n) => add(n, { category: "country", isName: true, isAdj: false }));
  [...ORGANISATIONS.flat(), ...(opts.organisations ?? [])].forEach((n) =>
    add(n, { category: "org", isName: true, isAdj: false }),
  );
  FORUMS.forEach((n) => add(n, { category: "forum", isName: true, isAdj: false }));
  const countryKeys = new Set([...COUNTRIES.flatMap((e) => e.names), ...(opts.countries ?? [])].map(key));
  const umbrella = new Set(UMBRELLA_BODIES.map(key));
  for (const a of opts.affiliations) {
    const k = key(a);
    // A bare country or umbrella body as affiliation would flag every topical mention; those are
    // left to the speaker-context rules (see lexicon UMBRELLA_BODIES).
    if (countryKeys.has(k) || umbrella.has(k) || (k.length < 3 && !isAcronym(a))) continue;
    add(a, { category: "affiliation", isName: true, isAdj: false });
  }
  const allPhrases = [
    ...COUNTRIES.flatMap((e) => [...e.names, ...e.adjectives]),
    ...(opts.countries ?? []),
    ...ORGANISATIONS.flat(),
    ...(opts.organisations ?? []),
    ...FORUMS,
    ...opts.affiliations,
  ].filter((p) => lookup.has(key(p)));
  // Acronyms are matched case-sensitively: "UN" must not match the French article "un".
  const acronyms = allPhrases.filter(isAcronym);
  const words = allPhrases.filter((p) => !isAcronym(p));
  const matchers = [
    acronyms.length ? new RegExp(`${LB}(?:${alternation(acronyms, false)})${RB}`, "gu") : null,
    words.length ? new RegExp(`${LB}(?:${alternation(words, true)})${RB}`, "gu") : null,
  ].filter((r): r is RegExp => r !== null);
  return { matchers, lookup };
}

/** All non-overlapping entity mentions in the folded text, longest first at a position. */
export function findMentions(f: FoldedText, lex: EntityLexicon): Mention[] {
  const raw: Mention[] = [];
  for (const re of lex.matchers) {
    for (const m of f.text.matchAll(re)) {
      const info = lex.lookup.get(key(m[0]));
      if (info) raw.push({ start: m.index, end: m.index + m[0].length, ...info });
    }
  }
  raw.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: Mention[] = [];
  for (const m of raw) {
    const last = out[out.length - 1];
    if (last && m.start < last.end) continue;
    out.push(m);
  }
  return out;
}

/**
 * Mentions joined by "and", "et" or commas, the preposition repeated or not ("France and Germany",
 * "la Chine et la Russie", "du Brésil et de l'Inde", "of Japan and of Korea").
 */
function chains(text: string, mentions: Mention[]): Mention[][] {
  const out: Mention[][] = [];
  const JOIN = /^(?:\s*,\s*|\s*,?\s+(?:and|et|or|ou)\s+)(?:(?:of|de|du|des)\s+|d')?(?:(?:the|la|le|les)\s+|l')?$/iu;
  for (const m of mentions) {
    const cur = out[out.length - 1];
    const prev = cur?.[cur.length - 1];
    if (prev && m.category !== "forum" && prev.category !== "forum" && JOIN.test(text.slice(prev.end, m.start))) {
      cur.push(m);
    } else out.push([m]);
  }
  return out;
}

const ARTICLE_BEFORE = new RegExp(`${LB}(?:${ci("(?:the|le|la|les)")}\\s+|${ci("l'")})$`, "u");

/** Speaker-tied country / organisation / affiliation mentions, plus bare affiliations (medium). */
export function entityCandidates(f: FoldedText, lex: EntityLexicon): { candidates: Candidate[]; mentions: Mention[] } {
  const mentions = findMentions(f, lex);
  const candidates: Candidate[] = [];
  for (const chain of chains(f.text, mentions)) {
    if (chain.some((m) => m.category === "forum")) continue;
    const ctx = speakerContext(f.text, chain);
    if (ctx) {
      const cats = chain.map((m) => m.category);
      const kind = cats.includes("affiliation")
        ? "affiliation"
        : cats.includes("org")
          ? "speaker-organisation"
          : "speaker-country";
      candidates.push({
        start: ctx.start,
        end: ctx.end,
        kind,
        severity: "high",
        lang: ctx.lang,
        suggestion: roleSuggestion(ctx.role, kind === "speaker-country" ? "country" : "org", chain.length > 1 || ctx.plural === true),
      });
      continue;
    }
    for (const m of chain) {
      if (m.category !== "affiliation") continue;
      // The article goes with the name: "the Secure World Foundation's" → "an organisation's".
      const art = ARTICLE_BEFORE.exec(f.text.slice(Math.max(0, m.start - 10), m.start));
      candidates.push({ start: m.start - (art?.[0].length ?? 0), end: m.end, kind: "affiliation", severity: "medium", lang: null, suggestion: { en: "an organisation", fr: "une organisation" } });
    }
  }
  return { candidates, mentions };
}
