/**
 * Decides whether a chain of entity mentions ("France", "France and Germany", "chinoise") is
 * tied to a speaker, and returns the span of the whole speaker reference to rewrite.
 * Patterns run on folded text (no accents, straight apostrophes).
 */
import { ci, LB, previousWord, RB } from "./regex";
import { ROLE_EN, ROLE_FR, VERBS_EN, VERBS_FR_PP, VERBS_FR_PRES } from "./lexicon";
import type { Language } from "./types";

/** The minimal view of an entity mention this module needs. */
export interface ChainItem {
  start: number;
  end: number;
  isName: boolean;
  isAdj: boolean;
}

/** A speaker reference: span in folded offsets, the language of the pattern, the role noun if any. */
export interface SpeakerContext {
  start: number;
  end: number;
  lang: Language;
  role: string | null;
  /** True when the reference is grammatically plural ("Les États-Unis ont affirmé"). */
  plural?: boolean;
}

const WINDOW = 120;
const EN_MODIFIERS = ci("(?:permanent|deputy|former|senior|chief|national|acting)");
const ROLE_OF_EN = new RegExp(
  `${LB}(?:${ci("(?:the|a|an|one|this|that)")}\\s+)?(?:${EN_MODIFIERS}\\s+)*(?<role>${ci(ROLE_EN)})\\s+${ci("(?:of|from|for|representing)")}\\s+(?:${ci("the")}\\s+)?$`,
  "u",
);
const FR_DET = `(?:${ci("(?:le|la|les|un|une|des)")}\\s+|${ci("l'")})`;
const FR_DE = `(?:${ci("de")}\\s+(?:${ci("la")}\\s+|${ci("l'")}|${ci("le")}\\s+|${ci("les")}\\s+)?|${ci("du")}\\s+|${ci("des")}\\s+|${ci("d'")})`;
const ROLE_DE_FR = new RegExp(`${LB}${FR_DET}?(?<role>${ci(ROLE_FR)})\\s+${FR_DE}$`, "u");
const ROLE_BEFORE_ADJ_FR = new RegExp(`${LB}${FR_DET}?(?<role>${ci(ROLE_FR)})\\s+$`, "u");
const ROLE_AFTER_EN = new RegExp(`^(?:'s)?\\s+(?:${EN_MODIFIERS}\\s+)?(?<role>${ci(ROLE_EN)})${RB}`, "u");
const DET_EN_BEFORE = new RegExp(`${LB}${ci("(?:the|a|an|one)")}\\s+$`, "u");
const QUOTE_EN = ci("(?:according to|in the words of|on behalf of|speaking for)");
const QUOTE_FR = ci("(?:selon|d'apres|au nom de|au nom du|au nom des|au nom d'|de l'avis de|de l'avis du|aux dires de)");
const QUOTE_BEFORE = new RegExp(
  `${LB}(?:(?<en>${QUOTE_EN})|(?<fr>${QUOTE_FR}))\\s*(?<art>(?:${ci("(?:the|la|le|les)")})\\s+|${ci("l'")})?$`,
  "u",
);
/** A government noun after the entity belongs to the reference: "speaking for the US government" → "a government". */
const GOV_AFTER_EN = new RegExp(`^\\s+(?<role>${ci("(?:government|administration|ministry|authorities)")})${RB}`, "u");
const ADV_EN = `(?:${ci("(?:has|have|had|also|further|then|again|later|itself|too|repeatedly|strongly|firmly|clearly)")}|\\p{Ll}+ly)`;
// An aside between subject and verb does not break the link: "Mexico, for its part, warned".
const ASIDE_EN = `(?:\\s*,\\s*${ci("(?:for its part|for their part|in turn|in its statement|in reply|too|however|meanwhile)")}\\s*,)?`;
const SUBJECT_VERB_EN = new RegExp(`^${ASIDE_EN}\\s+(?:${ADV_EN}\\s+)*${ci(VERBS_EN)}${RB}`, "u");
const ADV_FR = ci("(?:egalement|aussi|notamment|clairement|fortement|vivement|encore|deja|pour sa part|pour leur part)");
const SUBJECT_VERB_FR = new RegExp(
  `^\\s+(?:${ci("(?:a|ont|avait|avaient)")}\\s+(?:${ADV_FR}\\s+)*${ci(VERBS_FR_PP)}|${ci(VERBS_FR_PRES)})${RB}`,
  "u",
);
const ART_EN_BEFORE = new RegExp(`${LB}${ci("the")}\\s+$`, "u");
const ART_FR_BEFORE = new RegExp(`${LB}(?:${ci("(?:la|le|les)")}\\s+|${ci("l'")})$`, "u");

/**
 * Words after which a capitalised country is an object, not a speaker ("a paper on China noted").
 * "as" is absent on purpose: "as France noted" is an attribution.
 */
const PREPOSITIONS = new Set(
  ("of in on about by to for with from against than into over under between like at toward towards without " +
    "regarding concerning including de du des d' a au aux en sur par pour avec contre vers dans entre sans chez").split(" "),
);

/** Returns the speaker reference around a chain of mentions, or null when the chain is a topic. */
export function speakerContext(text: string, chain: ChainItem[]): SpeakerContext | null {
  const first = chain[0];
  const last = chain[chain.length - 1];
  const from = Math.max(0, first.start - WINDOW);
  const before = text.slice(from, first.start);
  const after = text.slice(last.end, last.end + WINDOW);
  const allNames = chain.every((m) => m.isName);
  const allAdj = chain.every((m) => m.isAdj);
  const role = (m: RegExpExecArray) => m.groups?.role?.toLowerCase() ?? null;

  let m: RegExpExecArray | null;
  if (allNames && (m = ROLE_OF_EN.exec(before))) return { start: from + m.index, end: last.end, lang: "en", role: role(m) };
  if (allNames && (m = ROLE_DE_FR.exec(before))) return { start: from + m.index, end: last.end, lang: "fr", role: role(m) };
  if (allAdj && (m = ROLE_BEFORE_ADJ_FR.exec(before))) return { start: from + m.index, end: last.end, lang: "fr", role: role(m) };
  if ((m = ROLE_AFTER_EN.exec(after))) {
    const det = DET_EN_BEFORE.exec(before);
    return { start: det ? from + det.index : first.start, end: last.end + m[0].length, lang: "en", role: role(m) };
  }
  if ((allNames || allAdj) && (m = QUOTE_BEFORE.exec(before))) {
    const gov = m.groups?.en ? GOV_AFTER_EN.exec(after) : null;
    // An adjective counts only with its noun ("on behalf of the Japanese administration").
    if (allNames || gov) {
      const artLen = m.groups?.art?.length ?? 0;
      const end = last.end + (gov?.[0].length ?? 0);
      return { start: first.start - artLen, end, lang: m.groups?.en ? "en" : "fr", role: gov ? role(gov) : null };
    }
  }
  if (allNames || allAdj) {
    const artEn = ART_EN_BEFORE.exec(before);
    const startEn = artEn ? from + artEn.index : first.start;
    // An adjective alone is a subject only as "the French argued".
    if ((allNames || artEn) && SUBJECT_VERB_EN.test(after) && !PREPOSITIONS.has(previousWord(text, startEn))) {
      return { start: startEn, end: last.end, lang: "en", role: null };
    }
    const artFr = ART_FR_BEFORE.exec(before);
    const startFr = artFr ? from + artFr.index : first.start;
    if (allNames && SUBJECT_VERB_FR.test(after) && !PREPOSITIONS.has(previousWord(text, startFr))) {
      return { start: startFr, end: last.end, lang: "fr", role: null, plural: /^les/i.test(artFr?.[0] ?? "") };
    }
  }
  return null;
}
