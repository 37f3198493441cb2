/**
 * The text blocks of a summary body that the non-attribution check reads, with stable ids, and
 * how to apply a finding's suggestion back into the body. Pure and browser-safe: the draft editor
 * applies suggestions with it, the server uses the same ids when it re-checks at publish time.
 *
 * Block ids: `<panelKey>/notes/<i.j.k>` for a paragraph or heading of the notes (its path of child
 * indices through lists and quotes), `<panelKey>/takeaway/<i>` for the i-th takeaway. Open answers
 * (`<panelKey>/answer/<pollKey>/<run>/<i>`, domain/summary/edits.ts) are checked too but are not
 * editable blocks: `applyReplacement` refuses them.
 */
import { inlineText, type Block, type Inline, type RichDoc } from "../../domain/summary/richtext";
import type { SummaryBody } from "../../domain/summary/schema";

/** A text block as the check takes it. */
export interface CheckBlock {
  id: string;
  text: string;
}

type Visit = (block: Extract<Block, { type: "paragraph" | "heading" }>, path: number[]) => void;

function walk(blocks: readonly Block[], path: number[], visit: Visit): void {
  blocks.forEach((block, i) => {
    const here = [...path, i];
    if (block.type === "paragraph" || block.type === "heading") visit(block, here);
    else if (block.type === "blockquote") walk(block.content, here, visit);
    else block.content.forEach((item, j) => walk(item.content, [...here, j], visit));
  });
}

/** Every non-empty notes paragraph/heading and every takeaway of `body`, in reading order. */
export function checkBlocks(body: SummaryBody): CheckBlock[] {
  const out: CheckBlock[] = [];
  for (const panel of body.panels) {
    walk(panel.notes.content, [], (block, path) => {
      const text = inlineText(block.content);
      if (text.trim() !== "") out.push({ id: `${panel.key}/notes/${path.join(".")}`, text });
    });
    panel.takeaways.forEach((text, i) => {
      if (text.trim() !== "") out.push({ id: `${panel.key}/takeaway/${i}`, text });
    });
  }
  return out;
}

/** Which panel and field a block id points at (null for a malformed id). */
export function parseBlockId(id: string): { panelKey: string; field: "notes" | "takeaway"; path: number[] } | null {
  const m = /^(.+)\/(notes|takeaway)\/(\d+(?:\.\d+)*)$/.exec(id);
  if (!m) return null;
  return { panelKey: m[1], field: m[2] as "notes" | "takeaway", path: m[3].split(".").map(Number) };
}

/** The panel key of any block id, notes, takeaway or open answer (`<panelKey>/answer/…`); "" when malformed. */
export function panelKeyOf(id: string): string {
  const answer = id.indexOf("/answer/");
  if (answer > 0) return id.slice(0, answer);
  return parseBlockId(id)?.panelKey ?? "";
}

/** True for the block id of an open answer: it cannot be edited, only withheld (see domain/summary/edits.ts). */
export const isAnswerBlock = (id: string): boolean => id.includes("/answer/") && parseBlockId(id) === null;

/**
 * Replaces the characters `start..end` of inline content (as counted by `inlineText`: a hard break
 * is one "\n") with `replacement`, which takes the marks of the run where the range starts.
 */
export function replaceInInlines(content: readonly Inline[], start: number, end: number, replacement: string): Inline[] {
  const out: Inline[] = [];
  let pos = 0;
  let inserted = false;
  const insert = (marks: Extract<Inline, { type: "text" }>["marks"]) => {
    if (inserted) return;
    inserted = true;
    if (replacement) out.push(marks ? { type: "text", text: replacement, marks } : { type: "text", text: replacement });
  };
  for (const node of content) {
    const len = node.type === "text" ? node.text.length : 1;
    const [from, to] = [pos, pos + len];
    pos = to;
    if (to <= start || from >= end) {
      if (from >= end) insert(undefined);
      out.push(node);
      continue;
    }
    // The node overlaps the replaced range: keep its parts outside the range.
    if (node.type === "text") {
      const before = node.text.slice(0, Math.max(0, start - from));
      const after = node.text.slice(Math.min(len, end - from));
      const marks = node.marks;
      if (before) out.push({ ...node, text: before });
      insert(marks);
      if (after) out.push({ ...node, text: after });
    } else insert(undefined);
  }
  insert(undefined);
  return out;
}

function editNotes(doc: RichDoc, path: number[], edit: (content: readonly Inline[]) => Inline[]): RichDoc {
  const rec = (blocks: readonly Block[], rest: number[]): Block[] =>
    blocks.map((block, i) => {
      if (i !== rest[0]) return block;
      if (block.type === "paragraph" || block.type === "heading") return rest.length === 1 ? { ...block, content: edit(block.content ?? []) } : block;
      if (block.type === "blockquote") return { ...block, content: rec(block.content, rest.slice(1)) };
      return { ...block, content: block.content.map((item, j) => (j === rest[1] ? { ...item, content: rec(item.content, rest.slice(2)) } : item)) };
    });
  return { ...doc, content: rec(doc.content, path) };
}

/** A finding's position and wording, as the check returns it. */
export interface Replacement {
  blockId: string;
  start: number;
  end: number;
  match: string;
  suggestion: string;
}

/** The text of a block, or null when the id does not point at one. */
export function blockText(body: SummaryBody, blockId: string): string | null {
  return checkBlocks(body).find((b) => b.id === blockId)?.text ?? null;
}

/**
 * `body` with the finding's match replaced by its suggestion.
 * @throws Error when the block no longer holds `match` at `start` (edited since the check: re-check instead).
 */
export function applyReplacement(body: SummaryBody, r: Replacement): SummaryBody {
  const ref = parseBlockId(r.blockId);
  const text = blockText(body, r.blockId);
  if (!ref || text === null || text.slice(r.start, r.end) !== r.match) throw new Error("the text changed since the check");
  return {
    ...body,
    panels: body.panels.map((panel) => {
      if (panel.key !== ref.panelKey) return panel;
      if (ref.field === "takeaway") {
        return { ...panel, takeaways: panel.takeaways.map((t, i) => (i === ref.path[0] ? t.slice(0, r.start) + r.suggestion + t.slice(r.end) : t)) };
      }
      return { ...panel, notes: editNotes(panel.notes, ref.path, (c) => replaceInInlines(c, r.start, r.end, r.suggestion)) };
    }),
  };
}
