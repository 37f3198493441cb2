/**
 * Notes as they read at a moment, extracted from a notes Y.Doc as plain data (browser-safe).
 *
 * With a `Y.Snapshot` the doc is read as it was at that snapshot (the doc must be `gc: false`, as the
 * notes server keeps it, so deleted text is still there to show): later insertions are invisible and
 * later deletions not yet applied. Same layout as app/domain/notes/model.ts.
 *
 * Only text leaves: no Yjs structs, client ids, awareness or takeaway timestamps, so a replay cannot
 * tell who wrote what (Chatham House Rule) — the output is the same whoever typed it.
 */
import * as Y from "yjs";
import { panelNotesFragment, takeawaysMap } from "../notes/model";

/** A rich-text-like block: enough structure to render headings, paragraphs, lists and quotes. */
export interface NotesBlock {
  kind: "paragraph" | "heading" | "bullet" | "ordered" | "quote" | "code";
  /** Heading level 1–6 (headings only). */
  level?: number;
  text: string;
}

/** A panel's notes and takeaways at a moment. */
export interface PanelNotesView {
  panelId: string;
  blocks: NotesBlock[];
  /** Plain text of the whole section (blocks joined by "\n"). */
  text: string;
  /** Takeaway texts in rank order (ids and times left out on purpose). */
  takeaways: string[];
}

type Node = Y.XmlFragment | Y.XmlElement | Y.XmlText;

const children = (node: Y.XmlFragment | Y.XmlElement, snap?: Y.Snapshot): unknown[] =>
  snap ? Y.typeListToArraySnapshot(node, snap) : node.toArray();

const attribute = (el: Y.XmlElement, name: string, snap?: Y.Snapshot): unknown =>
  snap ? Y.typeMapGetSnapshot(el, name, snap) : el.getAttribute(name);

/** Plain text like `xmlToPlainText` (blocks separated by "\n", hard breaks as "\n"), at `snap` if given. */
export function plainTextAt(node: Node, snap?: Y.Snapshot): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta(snap) as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");
  }
  if (node instanceof Y.XmlElement && node.nodeName === "hardBreak") return "\n";
  const parts: string[] = [];
  let prevWasBlock = false;
  for (const child of children(node, snap)) {
    if (!(child instanceof Y.XmlElement || child instanceof Y.XmlText)) continue;
    const isBlock = child instanceof Y.XmlElement && child.nodeName !== "hardBreak";
    if (parts.length > 0 && (isBlock || prevWasBlock)) parts.push("\n");
    parts.push(plainTextAt(child, snap));
    prevWasBlock = isBlock;
  }
  return parts.join("");
}

const LIST_KINDS: Record<string, NotesBlock["kind"]> = { bulletList: "bullet", orderedList: "ordered" };

function blocksOf(node: Y.XmlFragment | Y.XmlElement, out: NotesBlock[], inherited: NotesBlock["kind"] | null, snap?: Y.Snapshot): void {
  for (const child of children(node, snap)) {
    if (child instanceof Y.XmlText) {
      const text = plainTextAt(child, snap);
      if (text) out.push({ kind: inherited ?? "paragraph", text });
      continue;
    }
    if (!(child instanceof Y.XmlElement)) continue;
    const name = child.nodeName;
    // A list item holds paragraphs (and maybe nested lists): flatten, keeping the list kind.
    if (name in LIST_KINDS) blocksOf(child, out, LIST_KINDS[name], snap);
    else if (name === "listItem") blocksOf(child, out, inherited ?? "bullet", snap);
    else if (name === "blockquote") blocksOf(child, out, "quote", snap);
    else if (name === "heading") {
      const level = Number(attribute(child, "level", snap) ?? 2);
      out.push({ kind: "heading", level: Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2, text: plainTextAt(child, snap) });
    } else if (name === "codeBlock") out.push({ kind: "code", text: plainTextAt(child, snap) });
    else out.push({ kind: inherited ?? "paragraph", text: plainTextAt(child, snap) });
  }
}

/** Takeaway texts sorted by rank then id (the order app/domain/notes/model.ts uses), at `snap` if given. */
function takeawaysAt(doc: Y.Doc, panelId: string, snap?: Y.Snapshot): string[] {
  const map = takeawaysMap(doc, panelId);
  const entries: Array<[string, unknown]> = snap ? Object.entries(Y.typeMapGetAllSnapshot(map, snap)) : [...map.entries()];
  const rows: Array<{ id: string; rank: string; text: string }> = [];
  for (const [id, entry] of entries) {
    if (!(entry instanceof Y.Map)) continue;
    const rank = snap ? Y.typeMapGetSnapshot(entry, "rank", snap) : entry.get("rank");
    const text = snap ? Y.typeMapGetSnapshot(entry, "text", snap) : entry.get("text");
    rows.push({ id, rank: typeof rank === "string" ? rank : "", text: text instanceof Y.XmlFragment ? plainTextAt(text, snap) : "" });
  }
  rows.sort((a, b) => (a.rank !== b.rank ? (a.rank < b.rank ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map((r) => r.text);
}

/** Notes of `panelId` in `doc` as blocks, plain text and takeaway texts — as of `snap` when given. */
export function panelNotesView(doc: Y.Doc, panelId: string, snap?: Y.Snapshot): PanelNotesView {
  const blocks: NotesBlock[] = [];
  blocksOf(panelNotesFragment(doc, panelId), blocks, null, snap);
  return { panelId, blocks, text: blocks.map((b) => b.text).join("\n"), takeaways: takeawaysAt(doc, panelId, snap) };
}
