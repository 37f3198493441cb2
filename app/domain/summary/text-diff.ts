/**
 * A small LCS text diff for the "diff between versions" view: lines for notes and takeaways,
 * words for titles and framing. Rapporteurs edit a few lines between versions, so the common
 * prefix and suffix are trimmed first and the quadratic table only covers the changed middle.
 */

/** One run of equal, inserted (only in B) or deleted (only in A) tokens, joined back into text. */
export interface DiffOp {
  op: "equal" | "insert" | "delete";
  text: string;
}

/** Above this many table cells (changed lines × changed lines) we stop aligning and report a replace. */
const MAX_CELLS = 4_000_000;

/**
 * Diffs two token lists; consecutive tokens with the same op are merged, joined by `sep`.
 * @returns ops in reading order; applying the equal+insert ops gives B, equal+delete gives A.
 */
export function diffTokens(a: readonly string[], b: readonly string[], sep: string): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp["op"][] = [];
  const tokens: string[] = [];
  const push = (op: DiffOp["op"], token: string) => {
    ops.push(op);
    tokens.push(token);
  };
  a.slice(0, start).forEach((t) => push("equal", t));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    midA.forEach((t) => push("delete", t));
    midB.forEach((t) => push("insert", t));
  } else {
    // lcs[i][j] = length of the LCS of midA[i..] and midB[j..].
    const lcs = Array.from({ length: midA.length + 1 }, () => new Uint32Array(midB.length + 1));
    for (let i = midA.length - 1; i >= 0; i--) {
      for (let j = midB.length - 1; j >= 0; j--) {
        lcs[i][j] = midA[i] === midB[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    // On a tie, deletions come before insertions, as in unified diffs ("- old" then "+ new").
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
        push("equal", midA[i++]);
        j++;
      } else if (i < midA.length && (j === midB.length || lcs[i + 1][j] >= lcs[i][j + 1])) push("delete", midA[i++]);
      else push("insert", midB[j++]);
    }
  }
  a.slice(endA).forEach((t) => push("equal", t));

  const merged: DiffOp[] = [];
  ops.forEach((op, k) => {
    const prev = merged.at(-1);
    if (prev && prev.op === op) prev.text += sep + tokens[k];
    else merged.push({ op, text: tokens[k] });
  });
  return merged;
}

/** Line diff ("" is one empty line; two empty texts give no ops). */
export const diffLines = (a: string, b: string): DiffOp[] => diffTokens(a === "" ? [] : a.split("\n"), b === "" ? [] : b.split("\n"), "\n");

/** Word diff on whitespace-separated words (whitespace itself is normalised to single spaces). */
export const diffWords = (a: string, b: string): DiffOp[] => diffTokens(a.split(/\s+/).filter(Boolean), b.split(/\s+/).filter(Boolean), " ");

/** True when a diff has any insert or delete. */
export const hasChanges = (ops: readonly DiffOp[]): boolean => ops.some((o) => o.op !== "equal");

/** One block (paragraph, list item, takeaway) of a block diff; a changed block carries its word diff. */
export type BlockOp = { op: "equal" | "insert" | "delete"; text: string } | { op: "change"; words: DiffOp[] };

/**
 * Diffs two lists of blocks (each block a single line of text): first block by block, then each
 * deleted block that is directly replaced by an inserted one becomes a `change` with a word diff.
 * Unchanged blocks stay `equal`, so an edited takeaway never drags its unchanged neighbour along.
 * @example diffBlocks(["a b", "c"], ["a x", "c"]) // → [{ op: "change", words: [a, -b, +x] }, { op: "equal", text: "c" }]
 */
export function diffBlocks(a: readonly string[], b: readonly string[]): BlockOp[] {
  const flat: { op: DiffOp["op"]; text: string }[] = [];
  for (const op of diffTokens(a, b, "\n")) for (const text of op.text.split("\n")) flat.push({ op: op.op, text });
  const out: BlockOp[] = [];
  for (let i = 0; i < flat.length; ) {
    if (flat[i].op !== "delete") {
      out.push(flat[i++] as BlockOp);
      continue;
    }
    const dels: string[] = [];
    while (i < flat.length && flat[i].op === "delete") dels.push(flat[i++].text);
    const ins: string[] = [];
    while (i < flat.length && flat[i].op === "insert") ins.push(flat[i++].text);
    const paired = Math.min(dels.length, ins.length);
    for (let k = 0; k < paired; k++) out.push({ op: "change", words: diffWords(dels[k], ins[k]) });
    for (const text of dels.slice(paired)) out.push({ op: "delete", text });
    for (const text of ins.slice(paired)) out.push({ op: "insert", text });
  }
  return out;
}
