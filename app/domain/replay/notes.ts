/**
 * Notes as they read at a moment, extracted from a notes Y.Doc as plain data (browser-safe).
 *
 * With a {@link Visibility} the doc is read as it was at an earlier moment (the doc must be `gc: false`,
 * as the notes server keeps it, so deleted text is still there to show): structs inserted later are
 * skipped and deletions made later are ignored. This walks Yjs items directly instead of using
 * `Y.Snapshot` reads, which split and re-merge every item the snapshot cuts across the WHOLE doc on
 * each call (measured ~60–300 ms per seek on a 3-hour doc; this walk reads only the panel).
 * Same layout as app/domain/notes/model.ts.
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

/**
 * Which structs of a `gc: false` doc existed, undeleted, at some moment. Clocks are Yjs struct clocks
 * (one per UTF-16 unit of text). Implemented by server/replay/notes-index.ts.
 */
export interface Visibility {
  /** The struct at (client, clock) had been inserted (deleted or not). */
  inserted(client: number, clock: number): boolean;
  /** The struct at (client, clock) had been inserted and not yet deleted. */
  visible(client: number, clock: number): boolean;
  /** The visible parts of the run [clock, clock + len) as offsets [from, to) into it, ascending. */
  visibleParts(client: number, clock: number, len: number): Array<[number, number]>;
}

type Node = Y.XmlFragment | Y.XmlElement | Y.XmlText;

const itemVisible = (item: Y.Item, vis?: Visibility) => (vis ? vis.visible(item.id.client, item.id.clock) : !item.deleted);

/** Child types of a fragment/element (ContentType items) visible at the moment. */
function children(node: Y.XmlFragment | Y.XmlElement, vis?: Visibility): unknown[] {
  if (!vis) return node.toArray();
  const out: unknown[] = [];
  for (let n = node._start; n !== null; n = n.right) {
    if (n.countable && n.content instanceof Y.ContentType && itemVisible(n, vis)) out.push(n.content.type);
  }
  return out;
}

/** A map entry as it was: the latest write inserted by then, if not deleted by then (as Yjs' typeMapGetSnapshot). */
function mapGet(type: Y.AbstractType<any>, key: string, vis?: Visibility): unknown {
  if (!vis) return type instanceof Y.XmlElement ? type.getAttribute(key) : (type as Y.Map<unknown>).get(key);
  let v = type._map.get(key) ?? null;
  while (v !== null && !vis.inserted(v.id.client, v.id.clock)) v = v.left;
  return v !== null && vis.visible(v.id.client, v.id.clock) ? v.content.getContent()[v.length - 1] : undefined;
}

function textOf(text: Y.XmlText, vis?: Visibility): string {
  if (!vis) return (text.toDelta() as Array<{ insert?: unknown }>).map((op) => (typeof op.insert === "string" ? op.insert : "")).join("");
  let out = "";
  for (let n = text._start; n !== null; n = n.right) {
    if (!(n.content instanceof Y.ContentString)) continue;
    const str = n.content.str;
    for (const [from, to] of vis.visibleParts(n.id.client, n.id.clock, n.length)) out += str.slice(from, to);
  }
  return out;
}

/** Plain text like `xmlToPlainText` (blocks separated by "\n", hard breaks as "\n"), as of `vis` if given. */
export function plainTextAt(node: Node, vis?: Visibility): string {
  if (node instanceof Y.XmlText) return textOf(node, vis);
  if (node instanceof Y.XmlElement && node.nodeName === "hardBreak") return "\n";
  const parts: string[] = [];
  let prevWasBlock = false;
  for (const child of children(node, vis)) {
    if (!(child instanceof Y.XmlElement || child instanceof Y.XmlText)) continue;
    const isBlock = child instanceof Y.XmlElement && child.nodeName !== "hardBreak";
    if (parts.length > 0 && (isBlock || prevWasBlock)) parts.push("\n");
    parts.push(plainTextAt(child, vis));
    prevWasBlock = isBlock;
  }
  return parts.join("");
}

const LIST_KINDS: Record<string, NotesBlock["kind"]> = { bulletList: "bullet", orderedList: "ordered" };

function blocksOf(node: Y.XmlFragment | Y.XmlElement, out: NotesBlock[], inherited: NotesBlock["kind"] | null, vis?: Visibility): void {
  for (const child of children(node, vis)) {
    if (child instanceof Y.XmlText) {
      const text = plainTextAt(child, vis);
      if (text) out.push({ kind: inherited ?? "paragraph", text });
      continue;
    }
    if (!(child instanceof Y.XmlElement)) continue;
    const name = child.nodeName;
    // A list item holds paragraphs (and maybe nested lists): flatten, keeping the list kind.
    if (name in LIST_KINDS) blocksOf(child, out, LIST_KINDS[name], vis);
    else if (name === "listItem") blocksOf(child, out, inherited ?? "bullet", vis);
    else if (name === "blockquote") blocksOf(child, out, "quote", vis);
    else if (name === "heading") {
      const level = Number(mapGet(child, "level", vis) ?? 2);
      out.push({ kind: "heading", level: Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2, text: plainTextAt(child, vis) });
    } else if (name === "codeBlock") out.push({ kind: "code", text: plainTextAt(child, vis) });
    else out.push({ kind: inherited ?? "paragraph", text: plainTextAt(child, vis) });
  }
}

/** Takeaway texts sorted by rank then id (the order app/domain/notes/model.ts uses), as of `vis` if given. */
function takeawaysAt(doc: Y.Doc, panelId: string, vis?: Visibility): string[] {
  const map = takeawaysMap(doc, panelId);
  const rows: Array<{ id: string; rank: string; text: string }> = [];
  for (const id of map._map.keys()) {
    const entry = mapGet(map, id, vis);
    if (!(entry instanceof Y.Map)) continue;
    const rank = mapGet(entry, "rank", vis);
    const text = mapGet(entry, "text", vis);
    rows.push({ id, rank: typeof rank === "string" ? rank : "", text: text instanceof Y.XmlFragment ? plainTextAt(text, vis) : "" });
  }
  rows.sort((a, b) => (a.rank !== b.rank ? (a.rank < b.rank ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map((r) => r.text);
}

/** Notes of `panelId` in `doc` as blocks, plain text and takeaway texts — as of `vis` when given. Reads only; never mutates the doc. */
export function panelNotesView(doc: Y.Doc, panelId: string, vis?: Visibility): PanelNotesView {
  const blocks: NotesBlock[] = [];
  blocksOf(panelNotesFragment(doc, panelId), blocks, null, vis);
  return { panelId, blocks, text: blocks.map((b) => b.text).join("\n"), takeaways: takeawaysAt(doc, panelId, vis) };
}
