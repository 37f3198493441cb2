import { getSchema } from "@tiptap/core";
import Link from "@tiptap/extension-link";
import StarterKit from "@tiptap/starter-kit";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { panelNotesFragment } from "../../app/domain/notes/model";
import {
  RichDocSchema,
  escapeMarkdownInline,
  fromYXmlFragment,
  richDocFromText,
  richToHtml,
  richToMarkdown,
  safeHref,
  toPlainText,
  type RichDoc,
} from "../../app/domain/summary";

// The notes editor's schema (TipTap StarterKit + Link), so the fragment has exactly the shape y-prosemirror writes.
const schema = getSchema([StarterKit.configure({ link: false }), Link]);

function fragmentOf(json: unknown): Y.XmlFragment {
  const doc = new Y.Doc();
  const fragment = panelNotesFragment(doc, "panel-1");
  prosemirrorJSONToYXmlFragment(schema, json as Record<string, unknown>, fragment);
  return fragment;
}

describe("fromYXmlFragment", () => {
  it("freezes TipTap notes into a RichDoc, dropping unsafe links and clamping headings", () => {
    const fragment = fragmentOf({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Summary" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "bold", marks: [{ type: "bold" }] },
            { type: "hardBreak" },
            { type: "text", text: "trap", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
            { type: "text", text: "site", marks: [{ type: "italic" }, { type: "link", attrs: { href: "https://example.org/a b" } }] },
          ],
        },
        { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }] }] },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "quoted" }] }] },
        { type: "codeBlock", content: [{ type: "text", text: "code" }] },
      ],
    });
    expect(fromYXmlFragment(fragment)).toEqual({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Summary" }] },
        {
          type: "paragraph",
          content: [
            { type: "text", text: "bold", marks: [{ type: "bold" }] },
            { type: "hardBreak" },
            { type: "text", text: "trap" },
            { type: "text", text: "site", marks: [{ type: "italic" }, { type: "link", attrs: { href: "https://example.org/a%20b" } }] },
          ],
        },
        { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }] }] },
        { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "quoted" }] }] },
        { type: "paragraph", content: [{ type: "text", text: "code" }] },
      ],
    });
  });

  it("gives an empty document for an empty fragment", () => {
    expect(fromYXmlFragment(new Y.Doc().getXmlFragment("x"))).toEqual({ type: "doc", content: [] });
  });
});

describe("RichDocSchema and safeHref", () => {
  it("keeps only absolute http, https and mailto links", () => {
    expect(safeHref("https://a.org")).toBe("https://a.org/");
    expect(safeHref("mailto:someone@example.org")).toBe("mailto:someone@example.org");
    for (const bad of ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>", "vbscript:x", "/relative", "mailto:nobody", "file:///etc/passwd"]) {
      expect(safeHref(bad)).toBeNull();
    }
    const doc = RichDocSchema.parse({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "data:text/html,hi" } }, { type: "bold" }] }] }],
    });
    expect(doc.content[0]).toEqual({ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "bold" }] }] });
  });

  it("rejects unknown node types and heading levels outside 2–4", () => {
    expect(() => RichDocSchema.parse({ type: "doc", content: [{ type: "image", attrs: { src: "x" } }] })).toThrow();
    expect(() => RichDocSchema.parse({ type: "doc", content: [{ type: "heading", attrs: { level: 1 } }] })).toThrow();
  });
});

const sample: RichDoc = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Points" }] },
    { type: "paragraph", content: [{ type: "text", text: "<b>hi</b> & *x*" }, { type: "hardBreak" }, { type: "text", text: "# not a heading" }] },
    {
      type: "bulletList",
      content: [
        { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "a" }] }, { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "b" }] }] }] }] },
      ],
    },
    { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "q", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] },
  ],
};

describe("rendering", () => {
  it("toPlainText keeps structure markers for line diffs", () => {
    expect(toPlainText(sample)).toBe("Points\n<b>hi</b> & *x*\n# not a heading\n- a\n  1. b\n> q");
    expect(toPlainText(richDocFromText("one\n\ntwo"))).toBe("one\n\ntwo");
  });

  it("richToHtml escapes text and re-checks hrefs even on hand-built documents", () => {
    const html = richToHtml(sample, 1);
    expect(html).toContain("<h3>Points</h3>");
    expect(html).toContain("<p>&lt;b&gt;hi&lt;/b&gt; &amp; *x*<br># not a heading</p>");
    expect(html).toContain("<ul><li><p>a</p><ol><li><p>b</p></li></ol></li></ul>");
    expect(html).toContain("<blockquote><p>q</p></blockquote>");
    expect(html).not.toContain("javascript:");
  });

  it("richToMarkdown backslash-escapes Markdown and HTML characters (no entities) and nests lists", () => {
    expect(richToMarkdown(sample)).toBe(
      ["## Points", "", "\\<b\\>hi\\</b\\> \\& \\*x\\*\\", "\\# not a heading", "", "- a", "  1. b", "", "> q"].join("\n"),
    );
    expect(escapeMarkdownInline("1. [x](javascript:alert(1)) <script>")).toBe("1\\. \\[x\\](javascript:alert(1)) \\<script\\>");
    expect(escapeMarkdownInline("- item\nnext")).toBe("\\- item next");
  });
});
