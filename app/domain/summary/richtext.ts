/**
 * A small rich-text tree for summaries and exports: the subset of ProseMirror JSON that the notes
 * editor (TipTap StarterKit + Link) writes, frozen into plain data so a published summary does not
 * depend on Yjs or on the editor's schema.
 *
 * Links are the one risky part: a `javascript:` or `data:` href in a note would run script in any
 * reader's page or Word file. The schema therefore keeps a link mark only when its href parses as
 * an absolute http(s) or mailto URL; any other link is dropped and its text stays as plain text.
 */
import { z } from "zod";

/** Inline mark. `link.attrs.href` is always an absolute http:, https: or mailto: URL after parsing. */
export type Mark = { type: "bold" } | { type: "italic" } | { type: "link"; attrs: { href: string } };

/** A run of text with its marks; a `hardBreak` is a line break inside a block. */
export type Inline = { type: "text"; text: string; marks?: Mark[] } | { type: "hardBreak" };

/** Block nodes. Heading levels are 2–4: level 1 is the summary title, panels use level 2 in exports. */
export type Block =
  | { type: "paragraph"; content?: Inline[] }
  | { type: "heading"; attrs: { level: 2 | 3 | 4 }; content?: Inline[] }
  | { type: "bulletList"; content: ListItem[] }
  | { type: "orderedList"; content: ListItem[] }
  | { type: "blockquote"; content: Block[] };

export type ListItem = { type: "listItem"; content: Block[] };

/** A whole rich-text document. */
export type RichDoc = { type: "doc"; content: Block[] };

/** Schemes a published link may use (same list as the notes editor's link protocols). */
export const SAFE_LINK_SCHEMES = ["http:", "https:", "mailto:"] as const;

/**
 * The normalised href if `href` is an absolute http/https/mailto URL, else null.
 * Normalising through `URL` percent-encodes spaces, quotes and angle brackets, so the result can
 * be placed in an HTML attribute or a Markdown `<…>` destination without breaking out of it.
 */
export function safeHref(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return null;
  }
  if (!(SAFE_LINK_SCHEMES as readonly string[]).includes(url.protocol)) return null;
  if (url.protocol === "mailto:" ? !url.pathname.includes("@") : url.hostname.length === 0) return null;
  return url.href;
}

/** Max characters of text in one node: a guard against a runaway paste, far above any real note. */
const MAX_TEXT = 100_000;

const MarkSchema = z.union([
  z.object({ type: z.literal("bold") }).transform(() => ({ type: "bold" as const })),
  z.object({ type: z.literal("italic") }).transform(() => ({ type: "italic" as const })),
  z.object({ type: z.literal("link"), attrs: z.object({ href: z.string().max(2048) }) }).transform((m) => {
    const href = safeHref(m.attrs.href);
    return href ? { type: "link" as const, attrs: { href } } : null;
  }),
]);

const InlineSchema = z.union([
  z.object({ type: z.literal("text"), text: z.string().max(MAX_TEXT), marks: z.array(MarkSchema).optional() }).transform((t) => {
    const marks = (t.marks ?? []).filter((m): m is Mark => m !== null);
    return marks.length > 0 ? { type: "text" as const, text: t.text, marks } : { type: "text" as const, text: t.text };
  }),
  z.object({ type: z.literal("hardBreak") }).transform(() => ({ type: "hardBreak" as const })),
]);

const ListItemSchema: z.ZodType<ListItem> = z.lazy(() =>
  z.object({ type: z.literal("listItem"), content: z.array(BlockSchema) }),
);

const BlockSchema: z.ZodType<Block> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal("paragraph"), content: z.array(InlineSchema).optional() }),
    z.object({
      type: z.literal("heading"),
      attrs: z.object({ level: z.union([z.literal(2), z.literal(3), z.literal(4)]) }),
      content: z.array(InlineSchema).optional(),
    }),
    z.object({ type: z.literal("bulletList"), content: z.array(ListItemSchema) }),
    z.object({ type: z.literal("orderedList"), content: z.array(ListItemSchema) }),
    z.object({ type: z.literal("blockquote"), content: z.array(BlockSchema) }),
  ]),
);

/**
 * Zod schema of a {@link RichDoc}. Parsing drops unknown fields and unsafe link marks (their text
 * is kept), so `RichDocSchema.parse(untrusted)` is the way in for any stored or posted document.
 * @throws ZodError (from `.parse`) on an unknown node type or a heading level outside 2–4.
 */
export const RichDocSchema: z.ZodType<RichDoc> = z.object({ type: z.literal("doc"), content: z.array(BlockSchema) });

/** An empty document (no blocks). */
export const emptyRichDoc = (): RichDoc => ({ type: "doc", content: [] });

/** A document of one paragraph per line of `text` (empty lines become empty paragraphs). */
export function richDocFromText(text: string): RichDoc {
  if (text === "") return emptyRichDoc();
  return {
    type: "doc",
    content: text.split("\n").map((line) => (line ? { type: "paragraph", content: [{ type: "text", text: line }] } : { type: "paragraph" })),
  };
}

/** Plain text of inline content: hard breaks become "\n". */
export const inlineText = (content: readonly Inline[] | undefined): string =>
  (content ?? []).map((n) => (n.type === "text" ? n.text : "\n")).join("");

/**
 * Plain text of a document, one line per paragraph/heading/list item; list items are prefixed
 * with "- " or "1. " and quotes with "> ", so a line diff shows structure changes too.
 */
export function toPlainText(doc: RichDoc): string {
  return blocksToLines(doc.content, "").join("\n");
}

function blocksToLines(blocks: readonly Block[], prefix: string): string[] {
  return blocks.flatMap((block): string[] => {
    switch (block.type) {
      case "paragraph":
      case "heading":
        return inlineText(block.content).split("\n").map((l) => prefix + l);
      case "blockquote":
        return blocksToLines(block.content, `${prefix}> `);
      case "bulletList":
      case "orderedList":
        return block.content.flatMap((item, i) => {
          const marker = block.type === "bulletList" ? "- " : `${i + 1}. `;
          const lines = blocksToLines(item.content, "");
          return lines.map((l, j) => prefix + (j === 0 ? marker : " ".repeat(marker.length)) + l);
        });
    }
  });
}
