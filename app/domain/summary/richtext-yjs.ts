/**
 * Yjs → RichDoc: freezes a panel's live notes fragment (written by TipTap through y-prosemirror)
 * into plain rich-text data for a summary.
 *
 * y-prosemirror stores a node as a Y.XmlElement named after the node type with its attrs as XML
 * attributes, and text as Y.XmlText whose delta attributes are the marks (`{bold: {}}`,
 * `{link: {href, target…}}`). Nodes this summary format does not know (code blocks, rules,
 * images) degrade to paragraphs of their text rather than being lost.
 */
import * as Y from "yjs";
import { RichDocSchema, type Block, type Inline, type ListItem, type Mark, type RichDoc } from "./richtext";

/**
 * Converts a notes fragment into a sanitised {@link RichDoc} (unsafe links dropped to text,
 * heading levels clamped to 2–4, unknown blocks turned into paragraphs).
 * @example fromYXmlFragment(panelNotesFragment(doc, panelId))
 */
export function fromYXmlFragment(fragment: Y.XmlFragment): RichDoc {
  const raw: RichDoc = { type: "doc", content: toBlocks(fragment.toArray()) };
  // The schema is the single place that decides which links survive.
  return RichDocSchema.parse(raw);
}

type YNode = Y.XmlElement | Y.XmlText | Y.XmlHook;

function toBlocks(nodes: readonly unknown[]): Block[] {
  const blocks: Block[] = [];
  let loose: Inline[] = [];
  const flush = () => {
    if (loose.length > 0) blocks.push({ type: "paragraph", content: loose });
    loose = [];
  };
  for (const node of nodes as YNode[]) {
    if (node instanceof Y.XmlText) {
      loose.push(...textRuns(node));
      continue;
    }
    if (!(node instanceof Y.XmlElement)) continue;
    if (node.nodeName === "hardBreak") {
      loose.push({ type: "hardBreak" });
      continue;
    }
    flush();
    const block = toBlock(node);
    if (block) blocks.push(block);
  }
  flush();
  return blocks;
}

function toBlock(el: Y.XmlElement): Block | null {
  switch (el.nodeName) {
    case "paragraph":
      return paragraph(toInlines(el));
    case "heading": {
      const level = Math.min(4, Math.max(2, Number(el.getAttribute("level")) || 2)) as 2 | 3 | 4;
      const content = toInlines(el);
      return content.length > 0 ? { type: "heading", attrs: { level }, content } : { type: "heading", attrs: { level } };
    }
    case "bulletList":
    case "orderedList":
      return { type: el.nodeName, content: toListItems(el) };
    case "blockquote":
      return { type: "blockquote", content: toBlocks(el.toArray()) };
    case "listItem":
      // A stray list item (no list around it) is kept as a one-item bullet list.
      return { type: "bulletList", content: [{ type: "listItem", content: toBlocks(el.toArray()) }] };
    default: {
      // Unknown container (codeBlock, taskList…): keep its text, one paragraph.
      const content = toInlines(el);
      return content.length > 0 ? paragraph(content) : null;
    }
  }
}

const paragraph = (content: Inline[]): Block => (content.length > 0 ? { type: "paragraph", content } : { type: "paragraph" });

function toListItems(list: Y.XmlElement): ListItem[] {
  return list
    .toArray()
    .filter((c): c is Y.XmlElement => c instanceof Y.XmlElement)
    .map((item) => ({ type: "listItem", content: item.nodeName === "listItem" ? toBlocks(item.toArray()) : [toBlock(item)].filter((b): b is Block => b !== null) }));
}

/** Inline content of an element; nested elements contribute their text (flattened). */
function toInlines(el: Y.XmlElement): Inline[] {
  const out: Inline[] = [];
  for (const child of el.toArray() as YNode[]) {
    if (child instanceof Y.XmlText) out.push(...textRuns(child));
    else if (child instanceof Y.XmlElement) {
      if (child.nodeName === "hardBreak") out.push({ type: "hardBreak" });
      else out.push(...toInlines(child));
    }
  }
  return out;
}

type DeltaOp = { insert?: unknown; attributes?: Record<string, unknown> };

function textRuns(text: Y.XmlText): Inline[] {
  return (text.toDelta() as DeltaOp[]).flatMap((op): Inline[] => {
    if (typeof op.insert !== "string" || op.insert === "") return [];
    const marks = toMarks(op.attributes ?? {});
    return [marks.length > 0 ? { type: "text", text: op.insert, marks } : { type: "text", text: op.insert }];
  });
}

/** Marks in a fixed order (bold, italic, link) so equal formatting always serialises equally. */
function toMarks(attrs: Record<string, unknown>): Mark[] {
  const marks: Mark[] = [];
  if (attrs.bold) marks.push({ type: "bold" });
  if (attrs.italic) marks.push({ type: "italic" });
  const link = attrs.link as { href?: unknown } | undefined;
  if (link && typeof link.href === "string") marks.push({ type: "link", attrs: { href: link.href } });
  return marks;
}
