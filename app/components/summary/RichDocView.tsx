/** Read-only React rendering of a summary's rich text (no innerHTML: React escapes every text). */
import type { ReactNode } from "react";
import { safeHref, type Block, type Inline, type RichDoc } from "~/domain/summary/richtext";

function inline(nodes: readonly Inline[] | undefined): ReactNode[] {
  return (nodes ?? []).map((n, i) => {
    if (n.type === "hardBreak") return <br key={i} />;
    let out: ReactNode = n.text;
    for (const mark of n.marks ?? []) {
      if (mark.type === "bold") out = <strong>{out}</strong>;
      else if (mark.type === "italic") out = <em>{out}</em>;
      else {
        // Re-checked here too: a body that skipped parsing must not smuggle a javascript: link in.
        const href = safeHref(mark.attrs.href);
        if (href) out = <a href={href} rel="noopener noreferrer nofollow">{out}</a>;
      }
    }
    return <span key={i}>{out}</span>;
  });
}

function block(b: Block, key: number, headingOffset: number): ReactNode {
  switch (b.type) {
    case "paragraph":
      return <p key={key}>{inline(b.content)}</p>;
    case "heading": {
      const Tag = `h${Math.min(6, b.attrs.level + headingOffset)}` as "h3";
      return <Tag key={key}>{inline(b.content)}</Tag>;
    }
    case "blockquote":
      return <blockquote key={key}>{b.content.map((c, i) => block(c, i, headingOffset))}</blockquote>;
    case "bulletList":
    case "orderedList": {
      const List = b.type === "bulletList" ? "ul" : "ol";
      return (
        <List key={key}>
          {b.content.map((item, i) => (
            <li key={i}>{item.content.map((c, j) => block(c, j, headingOffset))}</li>
          ))}
        </List>
      );
    }
  }
}

/**
 * Renders `doc`. `headingOffset` shifts the notes' own heading levels (2–4) under the page's
 * headings, e.g. 2 when notes sit under an `<h3>`.
 */
export function RichDocView({ doc, headingOffset = 1 }: { doc: RichDoc; headingOffset?: number }) {
  return <div className="summary-richtext">{doc.content.map((b, i) => block(b, i, headingOffset))}</div>;
}
