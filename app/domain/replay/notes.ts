/**
 * Notes as they read at a moment, extracted from a notes Y.Doc as plain data (browser-safe).
 *
 * Only text leaves: no Yjs structs, client ids, awareness or takeaway timestamps, so a replay cannot
 * tell who wrote what (Chatham House Rule) — the output is the same whoever typed it.
 */
import * as Y from "yjs";
import { listTakeaways, panelNotesFragment, xmlToPlainText } from "../notes/model";

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

const LIST_KINDS: Record<string, NotesBlock["kind"]> = { bulletList: "bullet", orderedList: "ordered" };

function blocksOf(node: Y.XmlFragment | Y.XmlElement, out: NotesBlock[], inherited: NotesBlock["kind"] | null): void {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) {
      const text = xmlToPlainText(child);
      if (text) out.push({ kind: inherited ?? "paragraph", text });
      continue;
    }
    if (!(child instanceof Y.XmlElement)) continue;
    const name = child.nodeName;
    if (name in LIST_KINDS) blocksOf(child, out, LIST_KINDS[name]);
    else if (name === "listItem") {
      // A list item holds paragraphs (and maybe nested lists): flatten, keeping the list kind.
      blocksOf(child, out, inherited ?? "bullet");
    } else if (name === "blockquote") blocksOf(child, out, "quote");
    else if (name === "heading") {
      const level = Number(child.getAttribute("level") ?? 2);
      out.push({ kind: "heading", level: Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2, text: xmlToPlainText(child) });
    } else if (name === "codeBlock") out.push({ kind: "code", text: xmlToPlainText(child) });
    else out.push({ kind: inherited ?? "paragraph", text: xmlToPlainText(child) });
  }
}

/** Notes of `panelId` in `doc` as blocks, plain text and takeaway texts. */
export function panelNotesView(doc: Y.Doc, panelId: string): PanelNotesView {
  const blocks: NotesBlock[] = [];
  blocksOf(panelNotesFragment(doc, panelId), blocks, null);
  return {
    panelId,
    blocks,
    text: blocks.map((b) => b.text).join("\n"),
    takeaways: listTakeaways(doc, panelId).map((tk) => tk.text),
  };
}
