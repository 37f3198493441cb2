/**
 * RichDoc → docx paragraphs. Text goes into `TextRun`s, which the docx library XML-escapes, so a
 * note reading `<img …>` is literal text in Word. Only http/https/mailto links become hyperlinks.
 */
import { ExternalHyperlink, HeadingLevel, LevelFormat, Paragraph, TextRun, type INumberingOptions, type ParagraphChild } from "docx";
import { safeHref, type Block, type Inline, type RichDoc } from "../../app/domain/summary";

/** Numbering definition for ordered lists in notes; each list uses its own `instance` so it restarts at 1. */
export const ORDERED_LIST_REF = "notes-ordered";

export const orderedNumbering: INumberingOptions["config"][number] = {
  reference: ORDERED_LIST_REF,
  levels: Array.from({ length: 6 }, (_, level) => ({
    level,
    format: LevelFormat.DECIMAL,
    text: `%${level + 1}.`,
    style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
  })),
};

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

/** XML 1.0 forbids most C0 controls; one stray NUL would make Word refuse the whole file. */
// eslint-disable-next-line no-control-regex
export const xmlSafe = (s: string): string => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");

/** Runs for inline content; `base` adds formatting to every run (e.g. italics in quotes). */
export function inlineRuns(content: readonly Inline[] | undefined, base: { italics?: boolean } = {}): ParagraphChild[] {
  return (content ?? []).map((node) => {
    if (node.type === "hardBreak") return new TextRun({ text: "", break: 1 });
    const marks = node.marks ?? [];
    const bold = marks.some((m) => m.type === "bold");
    const italics = base.italics || marks.some((m) => m.type === "italic");
    const link = marks.find((m) => m.type === "link");
    const href = link && link.type === "link" ? safeHref(link.attrs.href) : null;
    const text = xmlSafe(node.text);
    // Formatting that is off is left out: an explicit `false` adds four elements to every run and
    // un-bolds a run inside a heading, whose style should decide.
    const format = { ...(bold ? { bold } : {}), ...(italics ? { italics } : {}) };
    if (href) return new ExternalHyperlink({ link: href, children: [new TextRun({ text, ...format, style: "Hyperlink" })] });
    return new TextRun({ text, ...format });
  });
}

interface Ctx {
  /** Heading level (1-based) that a RichDoc level-2 heading maps to. */
  headingBase: number;
  quote: boolean;
  listLevel: number;
  /** Next ordered-list instance number (shared across the whole document). */
  instance: { next: number };
}

function blockParagraphs(block: Block, ctx: Ctx, list?: { ordered: boolean; instance: number }): Paragraph[] {
  const indent = ctx.quote ? { left: 720 } : undefined;
  const listProps = list
    ? list.ordered
      ? { numbering: { reference: ORDERED_LIST_REF, level: ctx.listLevel, instance: list.instance } }
      : { bullet: { level: ctx.listLevel } }
    : {};
  switch (block.type) {
    case "paragraph":
      return [new Paragraph({ children: inlineRuns(block.content, { italics: ctx.quote }), indent, ...listProps })];
    case "heading":
      return [new Paragraph({ heading: HEADINGS[Math.min(5, ctx.headingBase + block.attrs.level - 3)], children: inlineRuns(block.content), ...listProps })];
    case "blockquote":
      return block.content.flatMap((b) => blockParagraphs(b, { ...ctx, quote: true }, list));
    case "bulletList":
    case "orderedList": {
      const nested = list !== undefined;
      const own = { ordered: block.type === "orderedList", instance: block.type === "orderedList" ? ctx.instance.next++ : 0 };
      const inner = { ...ctx, listLevel: nested ? Math.min(5, ctx.listLevel + 1) : ctx.listLevel };
      // The first block of an item carries the marker; later blocks are continuation paragraphs.
      return block.content.flatMap((item) =>
        item.content.flatMap((b, i) => (i === 0 || b.type === "bulletList" || b.type === "orderedList" ? blockParagraphs(b, inner, own) : blockParagraphs(b, inner))),
      );
    }
  }
}

/**
 * Paragraphs for a notes document.
 * @param headingBase docx heading level (1–6) for the document's level-2 headings.
 * @param instance shared counter so every ordered list in the file restarts its numbering.
 */
export function richToDocx(doc: RichDoc, headingBase: number, instance: { next: number }): Paragraph[] {
  return doc.content.flatMap((b) => blockParagraphs(b, { headingBase, quote: false, listLevel: 0, instance }));
}
