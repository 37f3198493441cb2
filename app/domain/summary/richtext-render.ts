/**
 * Rendering helpers shared by the exports (and usable in the browser): escaping of user text for
 * HTML and Markdown, and RichDoc → HTML / Markdown.
 *
 * Every string that came from a person (notes, takeaways, titles, option labels, open answers)
 * goes through `escapeHtml` or `escapeMarkdownInline` before it is placed in markup, so a note
 * reading `<img src=x onerror=alert(1)>` is shown as text and never becomes an element.
 */
import { safeHref, type Block, type Inline, type RichDoc } from "./richtext";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/**
 * Escapes text for inline Markdown (CommonMark + GFM) with backslashes only, never HTML entities: a
 * Markdown file is read as text too, and "&lt;" is noise there. `\<` cannot open raw HTML or an
 * autolink and `\&` cannot start an entity (CommonMark: any ASCII punctuation may be backslash-
 * escaped); emphasis/link/table/code punctuation is escaped the same way, line breaks become spaces,
 * and a line start that would open a heading, list, quote or rule is neutralised.
 */
export function escapeMarkdownInline(text: string): string {
  const oneLine = text.replace(/[\r\n\u2028\u2029]+/g, " ");
  // With `[` and `]` escaped no link or image can open, so `(`, `)` and `!` need no escape.
  const escaped = oneLine.replace(/[\\`*_[\]|~<>&]/g, (c) => `\\${c}`);
  // "1. " / "1) " / "- " / "+ " / "=" / "#" at the start of a line would start a list or a heading.
  return escaped.replace(/^(\s*)(\d+)([.)])/, "$1$2\\$3").replace(/^(\s*)([-+=#])/, "$1\\$2");
}

// ---------------------------------------------------------------- HTML

function inlineHtml(content: readonly Inline[] | undefined): string {
  return (content ?? [])
    .map((node) => {
      if (node.type === "hardBreak") return "<br>";
      let html = escapeHtml(node.text);
      for (const mark of node.marks ?? []) {
        if (mark.type === "bold") html = `<strong>${html}</strong>`;
        else if (mark.type === "italic") html = `<em>${html}</em>`;
        else {
          // Re-checked at render time: a RichDoc built by hand (not parsed) must not smuggle a scheme in.
          const href = safeHref(mark.attrs.href);
          if (href) html = `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${html}</a>`;
        }
      }
      return html;
    })
    .join("");
}

function blockHtml(block: Block, headingOffset: number): string {
  switch (block.type) {
    case "paragraph":
      return `<p>${inlineHtml(block.content)}</p>`;
    case "heading": {
      const level = Math.min(6, block.attrs.level + headingOffset);
      return `<h${level}>${inlineHtml(block.content)}</h${level}>`;
    }
    case "blockquote":
      return `<blockquote>${block.content.map((b) => blockHtml(b, headingOffset)).join("")}</blockquote>`;
    case "bulletList":
    case "orderedList": {
      const tag = block.type === "bulletList" ? "ul" : "ol";
      const items = block.content.map((item) => `<li>${item.content.map((b) => blockHtml(b, headingOffset)).join("")}</li>`);
      return `<${tag}>${items.join("")}</${tag}>`;
    }
  }
}

/**
 * HTML fragment of a document; all text escaped, only safe links kept.
 * @param headingOffset added to heading levels (e.g. 1 when notes sit under an `<h2>` panel title
 *   and their own level-2 headings should become `<h3>`); capped at `<h6>`.
 */
export function richToHtml(doc: RichDoc, headingOffset = 0): string {
  return doc.content.map((b) => blockHtml(b, headingOffset)).join("\n");
}

// ---------------------------------------------------------------- Markdown

function inlineMarkdown(content: readonly Inline[] | undefined): string {
  return (content ?? [])
    .map((node) => {
      if (node.type === "hardBreak") return "\\\n";
      let md = escapeMarkdownInline(node.text);
      if (md.trim() === "") return md;
      for (const mark of node.marks ?? []) {
        if (mark.type === "bold") md = `**${md}**`;
        else if (mark.type === "italic") md = `*${md}*`;
        else {
          const href = safeHref(mark.attrs.href);
          // `<…>` destination: safeHref percent-encodes spaces and angle brackets, so it cannot close early.
          if (href) md = `[${md}](<${href}>)`;
        }
      }
      return md;
    })
    .join("");
}

function blockMarkdown(block: Block, headingOffset: number, indent: string): string[] {
  switch (block.type) {
    case "paragraph":
      return [indent + inlineMarkdown(block.content), ""];
    case "heading":
      return [`${indent}${"#".repeat(Math.min(6, block.attrs.level + headingOffset))} ${inlineMarkdown(block.content)}`, ""];
    case "blockquote": {
      const inner = block.content.flatMap((b) => blockMarkdown(b, headingOffset, ""));
      while (inner.at(-1) === "") inner.pop();
      return [...inner.map((l) => `${indent}> ${l}`.trimEnd()), ""];
    }
    case "bulletList":
    case "orderedList": {
      const lines = block.content.flatMap((item, i) => {
        const marker = block.type === "bulletList" ? "- " : `${i + 1}. `;
        const inner = item.content.flatMap((b) => blockMarkdown(b, headingOffset, "")).filter((l) => l !== "");
        const pad = " ".repeat(marker.length);
        return inner.length === 0 ? [indent + marker.trimEnd()] : inner.map((l, j) => indent + (j === 0 ? marker : pad) + l);
      });
      return [...lines, ""];
    }
  }
}

/** Markdown of a document (CommonMark); all text escaped, only safe links kept. */
export function richToMarkdown(doc: RichDoc, headingOffset = 0): string {
  return doc.content
    .flatMap((b) => blockMarkdown(b, headingOffset, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
