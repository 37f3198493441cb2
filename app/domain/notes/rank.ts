/**
 * Fractional indexing for conflict-free reordering of lists stored in a Y.Map.
 *
 * A rank is a non-empty string over {@link RANK_DIGITS} read as the fraction 0.d1d2d3… in base 62;
 * ranks compare with plain `<` (the digits are in ASCII order) and never end in the zero digit, so
 * there is always room between two distinct ranks. Algorithm after David Greenspan's
 * "Implementing Fractional Indexing" (observablehq.com/@dgreensp/implementing-fractional-indexing).
 */

/** Base-62 digits in ASCII order, so string comparison equals numeric comparison. */
export const RANK_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ZERO = RANK_DIGITS[0];

/** True for a well-formed rank (non-empty, only base-62 digits, no trailing zero digit). */
export function isRank(s: string): boolean {
  return /^[0-9A-Za-z]+$/.test(s) && !s.endsWith(ZERO);
}

/** Midpoint of two digit strings read as fractions; `b === null` means 1. Requires a < b. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    // Strip the common prefix (padding `a` with zeros) and recurse on the rest.
    let n = 0;
    while ((a[n] ?? ZERO) === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const digitA = a ? RANK_DIGITS.indexOf(a[0]) : 0;
  const digitB = b !== null ? RANK_DIGITS.indexOf(b[0]) : RANK_DIGITS.length;
  if (digitB - digitA > 1) return RANK_DIGITS[Math.round((digitA + digitB) / 2)];
  // Consecutive first digits.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return RANK_DIGITS[digitA] + midpoint(a.slice(1), null);
}

/**
 * A rank strictly between `a` and `b` (`null` = open end).
 *
 * Two random digits are appended when that keeps the result below `b`: two replicas that insert
 * at the same spot concurrently then almost never pick the same rank (1 in 62² per collision),
 * and a collision is still harmless because lists tie-break on id.
 *
 * @throws Error when `a >= b` or either bound is malformed.
 */
export function rankBetween(a: string | null, b: string | null, random: () => number = Math.random): string {
  if (a !== null && !isRank(a)) throw new Error(`malformed rank: ${a}`);
  if (b !== null && !isRank(b)) throw new Error(`malformed rank: ${b}`);
  if (a !== null && b !== null && a >= b) throw new Error(`rank ${a} is not below ${b}`);
  const mid = midpoint(a ?? "", b);
  const digit = (min: number) => RANK_DIGITS[min + Math.floor(random() * (RANK_DIGITS.length - min))];
  const jittered = mid + digit(0) + digit(1);
  return b === null || jittered < b ? jittered : mid;
}

/** `count` ascending, evenly spread ranks (used to rebalance a list after a rank collision). */
export function spreadRanks(count: number): string[] {
  const out: string[] = [];
  // Two digits give 3843 slots, plenty for a takeaway list; longer lists get longer ranks.
  const width = Math.max(2, Math.ceil(Math.log(count + 1) / Math.log(RANK_DIGITS.length)));
  const slots = RANK_DIGITS.length ** width;
  for (let i = 1; i <= count; i++) {
    let n = Math.floor((i * slots) / (count + 1));
    let s = "";
    for (let k = 0; k < width; k++) {
      s = RANK_DIGITS[n % RANK_DIGITS.length] + s;
      n = Math.floor(n / RANK_DIGITS.length);
    }
    out.push(s.replace(/0+$/, "") || RANK_DIGITS[1]);
  }
  return out;
}
