/**
 * Accent folding with an offset map, so detectors can match "Lefevre" against "Lefèvre"
 * and still report spans in the original text (UTF-16 offsets, as `String.prototype.slice`).
 */

/** Folded view of a text: `text` has no combining marks and straight apostrophes; case is kept. */
export interface FoldedText {
  /** The original text. */
  original: string;
  /** The folded text the detectors run their regexes on. */
  text: string;
  /** For each folded char, the UTF-16 offset in `original` where its source char starts. */
  starts: number[];
  /** For each folded char, the UTF-16 offset in `original` just after its source char. */
  ends: number[];
}

const MARKS = /\p{M}/gu;
// Typographic apostrophes and primes are folded to "'" so "l’ambassadeur" matches "l'ambassadeur".
const APOSTROPHES = /[\u2019\u2018\u02BC\u2032`]/g;

/** Folds one string without keeping offsets (for building patterns from lexicon entries). */
export function foldString(s: string): string {
  return s.normalize("NFD").replace(MARKS, "").replace(APOSTROPHES, "'");
}

/** Folds `original` code point by code point, recording where each folded char came from. */
export function fold(original: string): FoldedText {
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const cp of original) {
    const f = foldString(cp);
    for (let k = 0; k < f.length; k++) {
      starts.push(i);
      ends.push(i + cp.length);
    }
    text += f;
    i += cp.length;
  }
  return { original, text, starts, ends };
}

/**
 * Maps a folded span [from, to) back to the original text. Trailing combining marks of the
 * last char (decomposed input such as "e\u0301") are pulled into the span.
 */
export function toOriginal(f: FoldedText, from: number, to: number): { start: number; end: number } {
  const start = f.starts[from] ?? f.original.length;
  let end = to > from ? f.ends[to - 1] : start;
  while (end < f.original.length && /\p{M}/u.test(f.original[end])) end++;
  return { start, end };
}
