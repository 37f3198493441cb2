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

const LIST_KINDS: Record<string, NotesBlock["kind"]> = { bulletList: "bullet", orderedList: "ordered" };
/** Kinds of non-elements ("#" cannot start an XML node name, so no element can pass for them). */
export const TEXT = "#text";
export const FRAGMENT = "#fragment";

/**
 * A notes tree as it read at one moment, whatever stores it: a Y doc (optionally seen through a
 * {@link Visibility}) or a frozen timeline (server/replay/notes-frozen.ts). The block and takeaway
 * rules below are written once against it, so every form gives the same view.
 */
export interface NotesTreeReader<N> {
  /** Visible child elements and texts of a fragment or element, in order. */
  children(node: N): N[];
  /** `TEXT` ("#text") for a text node, else the element's node name (`FRAGMENT`, "#fragment", for a root). */
  kind(node: N): string;
  /** An element attribute as it was (undefined when unset). */
  attr(node: N, key: string): unknown;
  /** The visible text of a text node. */
  text(node: N): string;
  /** The panel's takeaways as they were: id, rank (a string, else ignored) and the text root, if any. */
  takeaways(): Array<{ id: string; rank: unknown; text: N | null }>;
}

/** Plain text like `xmlToPlainText` (blocks separated by "\n", hard breaks as "\n"). */
export function treePlainText<N>(r: NotesTreeReader<N>, node: N): string {
  const kind = r.kind(node);
  if (kind === TEXT) return r.text(node);
  if (kind === "hardBreak") return "\n";
  const parts: string[] = [];
  let prevWasBlock = false;
  for (const child of r.children(node)) {
    const isBlock = r.kind(child) !== TEXT && r.kind(child) !== "hardBreak";
    if (parts.length > 0 && (isBlock || prevWasBlock)) parts.push("\n");
    parts.push(treePlainText(r, child));
    prevWasBlock = isBlock;
  }
  return parts.join("");
}

function treeBlocks<N>(r: NotesTreeReader<N>, node: N, out: NotesBlock[], inherited: NotesBlock["kind"] | null): void {
  for (const child of r.children(node)) {
    const name = r.kind(child);
    if (name === TEXT) {
      const text = r.text(child);
      if (text) out.push({ kind: inherited ?? "paragraph", text });
      continue;
    }
    // A list item holds paragraphs (and maybe nested lists): flatten, keeping the list kind.
    if (name in LIST_KINDS) treeBlocks(r, child, out, LIST_KINDS[name]);
    else if (name === "listItem") treeBlocks(r, child, out, inherited ?? "bullet");
    else if (name === "blockquote") treeBlocks(r, child, out, "quote");
    else if (name === "heading") {
      const level = Number(r.attr(child, "level") ?? 2);
      out.push({ kind: "heading", level: Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2, text: treePlainText(r, child) });
    } else if (name === "codeBlock") out.push({ kind: "code", text: treePlainText(r, child) });
    else out.push({ kind: inherited ?? "paragraph", text: treePlainText(r, child) });
  }
}

/** The panel view from a reader rooted at the panel's notes fragment `root`. Takeaways sorted by rank then id (app/domain/notes/model.ts order). */
export function treePanelView<N>(r: NotesTreeReader<N>, panelId: string, root: N): PanelNotesView {
  const blocks: NotesBlock[] = [];
  treeBlocks(r, root, blocks, null);
  const rows = r.takeaways().map((x) => ({ id: x.id, rank: typeof x.rank === "string" ? x.rank : "", text: x.text === null ? "" : treePlainText(r, x.text) }));
  rows.sort((a, b) => (a.rank !== b.rank ? (a.rank < b.rank ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { panelId, blocks, text: blocks.map((b) => b.text).join("\n"), takeaways: rows.map((x) => x.text) };
}

/** Plain text like `xmlToPlainText` (blocks separated by "\n", hard breaks as "\n"), as of `vis` if given. */
export function plainTextAt(node: Node, vis?: Visibility): string {
  return treePlainText(yReader(null, "", vis), node);
}

/** Reads a Y doc's panel, as of `vis` when given. */
function yReader(doc: Y.Doc | null, panelId: string, vis?: Visibility): NotesTreeReader<Node> {
  return {
    children: (node) => (node instanceof Y.XmlText ? [] : children(node, vis).filter((c): c is Node => c instanceof Y.XmlElement || c instanceof Y.XmlText)),
    kind: (node) => (node instanceof Y.XmlText ? TEXT : node instanceof Y.XmlElement ? node.nodeName : FRAGMENT),
    attr: (node, key) => mapGet(node as Y.XmlElement, key, vis),
    text: (node) => textOf(node as Y.XmlText, vis),
    takeaways() {
      if (!doc) return [];
      const map = takeawaysMap(doc, panelId);
      const out: Array<{ id: string; rank: unknown; text: Node | null }> = [];
      for (const id of map._map.keys()) {
        const entry = mapGet(map, id, vis);
        if (!(entry instanceof Y.Map)) continue;
        const text = mapGet(entry, "text", vis);
        out.push({ id, rank: mapGet(entry, "rank", vis), text: text instanceof Y.XmlFragment ? text : null });
      }
      return out;
    },
  };
}

/** Notes of `panelId` in `doc` as blocks, plain text and takeaway texts — as of `vis` when given. Reads only; never mutates the doc. */
export function panelNotesView(doc: Y.Doc, panelId: string, vis?: Visibility): PanelNotesView {
  return treePanelView(yReader(doc, panelId, vis), panelId, panelNotesFragment(doc, panelId));
}
