/**
 * Exports follow the export language (ExportMeta.language, from the reader's language in the download
 * routes): every label — facts, headings, run lines, table columns, legends, the rule footer — comes
 * from app/i18n/{en,fr}/summary.ts, with French spacing (U+00A0 before ":" in labels). User text is
 * left as written. Fails if any French export shows the English labels.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildSummary, type SummaryBody } from "../../app/domain/summary";
import { toDocx } from "../../server/exports/docx";
import { toHtml } from "../../server/exports/html";
import { toMarkdown } from "../../server/exports/markdown";
import { summaryInput } from "../fixtures/summary/workshop";
import { readZip } from "../fixtures/summary/zip-lite";

const NBSP = "\u00a0";
const at = { version: 3, publishedAt: Date.UTC(2024, 4, 20, 7, 0) };
/** English labels an export writes around user text (none of them is in the fixture's own text). */
const ENGLISH = [/\d responses?\b/, /\bRun \d+, /, /Poll: /, /Not run\./, /By sector \(last run\)/, /Held under the Chatham House Rule/, /\bKey takeaways\b/, /\bPrompts\b/, /Workshop dates/, /Share of respondents/, /hidden to protect small groups/, /\| Count \| Share \|/];

let body: SummaryBody;
let docs: Record<"md" | "html" | "docx", string>;
beforeAll(async () => {
  body = buildSummary(summaryInput());
  const fr = { ...at, language: "fr" as const };
  const docx = readZip(await toDocx(body, fr));
  docs = {
    md: toMarkdown(body, fr),
    html: toHtml(body, fr),
    docx: [...docx.entries()].filter(([k]) => k.endsWith(".xml")).map(([, v]) => v.toString("utf8")).join("\n"),
  };
});

describe("exports in French", () => {
  it.each(["md", "html", "docx"] as const)("%s has French labels and no English ones", (format) => {
    const doc = docs[format];
    expect(doc).toContain(`Tour 2, 14${NBSP}réponses`);
    expect(doc).toContain(`Sondage${NBSP}: `);
    expect(doc).toContain("Tenu sous la règle de Chatham House");
    expect(doc).toContain("Points clés");
    expect(doc).toContain("publiée le 2024-05-20 à 14:00 (UTC+07:00)");
    for (const english of ENGLISH) expect(doc, `${format}: ${english}`).not.toMatch(english);
  });

  it("keeps user text as written and marks the HTML as French", () => {
    expect(docs.html).toContain('<html lang="fr">');
    for (const doc of Object.values(docs)) expect(doc).toContain("Treaty and norms are increasingly seen as complementary.");
  });

  it("puts a non-breaking space before the colon of fact labels (Markdown, DOCX)", () => {
    expect(docs.md).toContain(`**Région${NBSP}:**`);
    expect(docs.docx).toContain(`Région${NBSP}: `);
  });

  it("stays English by default, with singular and plural counts", () => {
    const md = toMarkdown(body, at);
    expect(md).toContain("**Run 2, 14 responses**");
    expect(md).toContain("Held under the Chatham House Rule");
    expect(md).not.toContain("réponses");
  });
});
