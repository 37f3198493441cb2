/**
 * The non-attribution check (DESIGN.md, "The Chatham House Rule is a product guarantee"):
 * before a summary is published, every place its text may reveal who said what is listed
 * for the rapporteur to edit or dismiss. Pure and browser-safe: no I/O, no framework imports.
 */
import { contactCandidates } from "./contacts";
import { fold, toOriginal, type FoldedText } from "./fold";
import { buildEntityLexicon, entityCandidates } from "./entities";
import { compileNames, participantNameCandidates } from "./names";
import { phraseCandidates } from "./phrases";
import { atSentenceStart, type Candidate } from "./regex";
import { capitalise, defaultSuggestion, elideBefore, guessLanguage } from "./suggest";
import type { CheckInput, Finding, FindingKind, Language } from "./types";

/**
 * When spans overlap, the most specific kind wins (a name beats an affiliation or a country), except
 * that an attribution phrase containing a longer span than a name keeps its whole span (see `resolveOverlaps`).
 */
const RANK: Record<FindingKind, number> = {
  "participant-name": 0,
  "contact-detail": 0,
  affiliation: 1,
  "speaker-country": 2,
  "speaker-organisation": 2,
  "attribution-phrase": 3,
};

/**
 * Lists the non-attribution findings in a summary's text blocks, in block order then text order.
 * Both English and French patterns run on every block (summaries mix languages);
 * `input.language` (default "en") only picks the suggestion language when a sentence's language
 * cannot be told. Findings never overlap. Never throws on well-typed input.
 *
 * @example
 * nonAttributionFindings({ blocks: [{ id: "p1", text: "The delegate of France said no." }], participants: [] })
 * // → [{ kind: "speaker-country", match: "The delegate of France", suggestion: "A delegate", start: 0, end: 22, … }]
 */
export function nonAttributionFindings(input: CheckInput): Finding[] {
  const fallback: Language = input.language ?? "en";
  const lex = buildEntityLexicon({
    affiliations: input.participants.map((p) => p.affiliation ?? "").filter((a) => a.trim() !== ""),
    organisations: input.organisations,
    countries: input.countries,
  });
  const names = compileNames(input.participants.map((p) => p.displayName));
  const findings: Finding[] = [];
  for (const block of input.blocks) {
    const f = fold(block.text);
    const { candidates: entities, mentions } = entityCandidates(f, lex);
    const candidates = [...contactCandidates(f), ...participantNameCandidates(f, names), ...entities, ...phraseCandidates(f, mentions)];
    for (const c of resolveOverlaps(candidates)) findings.push(toFinding(block.id, f, c, fallback));
  }
  return findings;
}

/**
 * Keeps the best candidate of each overlapping group (rank, then longer span). A participant name
 * inside a longer attribution phrase ("Le délégué Jo") gives way to the phrase, at the higher of the
 * two severities: keeping the name would leave the rest of the phrase unflagged.
 */
export function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const inside = (n: Candidate, p: Candidate) => p.start <= n.start && n.end <= p.end && p.end - p.start > n.end - n.start;
  const names = candidates.filter((c) => c.kind === "participant-name");
  const merged = candidates.flatMap((c): Candidate[] => {
    if (c.kind === "participant-name") return candidates.some((p) => p.kind === "attribution-phrase" && inside(c, p)) ? [] : [c];
    if (c.kind === "attribution-phrase" && names.some((n) => inside(n, c))) return [{ ...c, severity: "high" }];
    return [c];
  });
  const sorted = merged.sort(
    (a, b) => RANK[a.kind] - RANK[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const c of sorted) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}

function toFinding(blockId: string, f: FoldedText, c: Candidate, fallback: Language): Finding {
  let { start, end } = toOriginal(f, c.start, c.end);
  const text = f.original;
  // A possessive stays in the text: "Okafor's point" → "a participant's point".
  if (/['’]s$/.test(text.slice(start, end)) && end - start > 2 && c.kind !== "speaker-country") end -= 2;
  const excerpt = sentenceAround(text, start, end);
  const lang = c.lang ?? guessLanguage(excerpt, fallback);
  // The id keeps the detected start, so eliding "de" below does not unsettle saved dismissals.
  const id = findingId(blockId, start, c.kind);
  let wording = (c.suggestion ?? defaultSuggestion(c.kind))[lang];
  if (lang === "fr") ({ start, wording } = elideBefore(text, start, wording));
  return {
    id,
    blockId,
    start,
    end,
    excerpt,
    match: text.slice(start, end),
    kind: c.kind,
    suggestion: atSentenceStart(text, start) ? capitalise(wording) : wording,
    severity: c.severity,
  };
}

/** Abbreviations whose full stop does not end a sentence ("Dr. Hollis", "M. Nakamura"). */
const ABBREVIATION = /(?:^|[\s(])(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|M|Mme|Mlle|Pr|e\.g|i\.e|etc|cf|vs|No|art)\.$/;

/** The sentence containing [start, end), trimmed; sentence ends are . ! ? … and line breaks. */
export function sentenceAround(text: string, start: number, end: number): string {
  let s = start;
  while (s > 0) {
    const ch = text[s - 1];
    if (ch === "\n") break;
    if (/[.!?…]/.test(ch) && /\s/.test(text[s] ?? " ") && !ABBREVIATION.test(text.slice(Math.max(0, s - 6), s))) break;
    s--;
  }
  let e = Math.max(end, s);
  while (e < text.length) {
    const ch = text[e];
    if (ch === "\n") break;
    e++;
    if (/[.!?…]/.test(ch) && /\s|$/.test(text[e] ?? "") && !ABBREVIATION.test(text.slice(Math.max(0, e - 6), e))) break;
  }
  return text.slice(s, e).trim();
}

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const U64 = (1n << 64n) - 1n;

/**
 * FNV-1a 64-bit (over code points) of blockId + start + kind, as `naf_` + 16 hex digits: stable
 * across runs and platforms, browser-safe, not a secret. 64 bits because dismissals are keyed by
 * id: with thousands of answer findings, 32-bit ids collided (a dismissal then cleared another finding).
 */
export function findingId(blockId: string, start: number, kind: FindingKind): string {
  let h = FNV64_OFFSET;
  for (const ch of `${blockId}\u0000${start}\u0000${kind}`) h = ((h ^ BigInt(ch.codePointAt(0)!)) * FNV64_PRIME) & U64;
  return `naf_${h.toString(16).padStart(16, "0")}`;
}
