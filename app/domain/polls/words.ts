/**
 * Word frequencies for the open-answer word cloud.
 *
 * Why stop-word lists: in any sentence the most frequent words are function words ("the", "of",
 * "de", "la"); left in, they fill the cloud and hide the content words people actually chose.
 * English and French because the first users run regional follow-up workshops in both
 * languages (the seed template is English; francophone regions answer in French). The lists
 * are short, hand-picked function words (articles, pronouns, prepositions, conjunctions,
 * auxiliaries) in the spirit of the Snowball stop lists, not domain words: "space", "norms" or
 * "treaty" must stay.
 */
import type { WordCount } from "./types";

/** Words in a cloud: beyond ~60 words a projected cloud becomes unreadable (spec'd cap). */
export const WORD_CLOUD_LIMIT = 60;

const EN = `a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do does doesn't doing
don't down during each etc few for from further had hadn't has hasn't have haven't having he her here hers
herself him himself his how i i'm if in into is isn't it it's its itself just let's me more most much must
my myself no nor not now of off on once only or other ought our ours ourselves out over own same shall
she should shouldn't so some such than that that's the their theirs them themselves then there there's
these they they're this those through to too under until up upon us very via was wasn't we we're were
weren't what when where which while who whom why will with within without won't would wouldn't yes yet
you you're your yours yourself yourselves`;

// Elided forms (l', d', qu'…) are split off by the tokenizer, so only whole words are listed.
const FR = `à au aux avec ce ceci cela celle celles celui ces cet cette ceux chez comme dans de des du
donc elle elles en entre est et été être eu eux il ils je la le les leur leurs lui mais me même mes moi
mon ne ni nos notre nous on ont ou où par pas pour qu que quel quelle quelles quels qui sa sans se ses
si son sont sous sur ta te tes toi ton tous tout toute toutes très tu un une vos votre vous y ça était
sera fait avoir faire plus peu aussi ainsi alors car dont lors selon vers`;

/** Lower-case English and French stop words. */
export const STOP_WORDS: ReadonlySet<string> = new Set(`${EN} ${FR}`.split(/\s+/).filter(Boolean));

/** Letters/digits, allowing inner apostrophes and hyphens ("don't", "non-binding"). */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
/** French elisions before a vowel: l'espace → espace, qu'il → il. */
const ELISION_ANY_CASE = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'(?=\p{L})/iu;

/** Splits a text into lower-cased content words: stop words, single characters and bare numbers dropped. */
export function contentWords(text: string): string[] {
  return contentWordForms(text).map((w) => w.key);
}

/** Content words of `text` as typed (`form`, elision removed) with their lower-cased `key`. */
function contentWordForms(text: string): { key: string; form: string }[] {
  const out: { key: string; form: string }[] = [];
  for (const match of text.replace(/’/g, "'").matchAll(WORD)) {
    const form = match[0].replace(ELISION_ANY_CASE, "");
    const key = form.toLowerCase();
    if (Array.from(key).length < 2 || /^\p{N}+$/u.test(key) || STOP_WORDS.has(key)) continue;
    out.push({ key, form });
  }
  return out;
}

/**
 * How to show each counted word: the cloud counts "ASAT" and "asat" as one word (lower-cased
 * keys), but showing "asat" to a room that typed "ASAT" reads as a typo. For each key in `words`,
 * the form most answers in `texts` used; on a tie the lower-case form if anyone typed it (a
 * sentence-initial "Debris" does not win over "debris"), else the first in code-point order.
 * Keys not found in `texts` are absent from the map.
 */
export function wordForms(texts: Iterable<string>, words: Iterable<string>): Map<string, string> {
  const wanted = new Set(words);
  const counts = new Map<string, Map<string, number>>();
  for (const [text, times] of answerCounts(texts)) {
    const seen = new Set<string>();
    for (const { key, form } of contentWordForms(text)) {
      if (!wanted.has(key) || seen.has(form)) continue;
      seen.add(form);
      const forms = counts.get(key) ?? new Map<string, number>();
      forms.set(form, (forms.get(form) ?? 0) + times);
      counts.set(key, forms);
    }
  }
  const out = new Map<string, string>();
  for (const [key, forms] of counts) {
    const best = [...forms].sort((a, b) => b[1] - a[1] || Number(b[0] === key) - Number(a[0] === key) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0];
    out.set(key, best[0]);
  }
  return out;
}

/**
 * Each distinct answer of `texts` with how many gave it, in first-seen order (for the tally's
 * sorted list, equal answers being adjacent, that is the list's order).
 */
export function answerCounts(texts: Iterable<string>): Map<string, number> {
  const out = new Map<string, number>();
  for (const text of texts) out.set(text, (out.get(text) ?? 0) + 1);
  return out;
}

/**
 * Top words over `texts`, counting each word once per answer so one person repeating a word
 * cannot dominate the room's cloud. Sorted by count descending, then word (code-point order).
 * @param texts the answers, or already their `answerCounts` (distinct answer → how many gave it).
 * @param limit maximum number of words returned (default 60).
 */
export function wordFrequencies(texts: Iterable<string> | ReadonlyMap<string, number>, limit = WORD_CLOUD_LIMIT): WordCount[] {
  // Each distinct text is split once (a large room repeats the same few answers many times).
  const counts = new Map<string, number>();
  for (const [text, times] of texts instanceof Map ? (texts as ReadonlyMap<string, number>) : answerCounts(texts as Iterable<string>)) {
    for (const word of new Set(contentWords(text))) counts.set(word, (counts.get(word) ?? 0) + times);
  }
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    .slice(0, limit);
}
