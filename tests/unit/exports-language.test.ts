/**
 * Exports follow the export language (ExportMeta.language, from the reader's language in the download
 * routes): every label — facts, headings, run lines, table columns, legends, the rule footer — comes
 * from app/i18n/{en,fr}/summary.ts, with French spacing (U+00A0 before ":" in labels). User text is
 * left as written. Fails if any French export shows the English labels, or numbers and dates in
 * English form ("25%", "3.5", "May 14, 2024") instead of French ("25 %", "3,5", "14 mai 2024").
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildSummary, type SummaryBody } from "../../app/domain/summary";
import { toDocx } from "../../server/exports/docx";
import { toHtml } from "../../server/exports/html";
import { toMarkdown } from "../../server/exports/markdown";
import { exportT } from "../../server/exports/strings";
import { summaryInput } from "../fixtures/summary/workshop";
import { readZip } from "../fixtures/summary/zip-lite";

const NBSP = "\u00a0";
/** U+202F, the narrow no-break space French number formats put between thousands (CLDR; "%" gets U+00A0). */
const NNBSP = "\u202f";
const at = { version: 3, publishedAt: Date.UTC(2024, 4, 20, 7, 0) };
/** English labels an export writes around user text (none of them is in the fixture's own text). */
const ENGLISH = [/\| consensus \|/, />consensus</, /Broad consensus/, /\d responses?\b/, /\bRun \d+, /, /Poll: /, /Not run\./, /By sector \(last run\)/, /Held under the Chatham House Rule/, /\bKey takeaways\b/, /\bPrompts\b/, /Workshop dates/, /Share of respondents/, /hidden to protect small groups/, /\| Count \| Share \|/];

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
    expect(doc).toContain("publiée le 20 mai 2024 à 14:00 (UTC+07:00)");
    for (const english of ENGLISH) expect(doc, `${format}: ${english}`).not.toMatch(english);
  });

  it.each(["md", "html", "docx"] as const)("%s writes numbers and dates the French way", (format) => {
    // Only the text people read: DOCX XML attributes hold "100%" widths, HTML styles percentages.
    const text = format === "docx" ? [...docs.docx.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("\n") : docs[format].replace(/<style[\s\S]*?<\/style>|<[^>]+>/g, " ");
    expect(text).toContain(`25${NBSP}%`);
    expect(text).not.toMatch(/\d%/);
    expect(text).toContain("du 14 mai 2024 au 15 mai 2024 (Asia/Bangkok)");
    // Consensus across sectors is named as in the French results view, not by its code ("consensus").
    expect(text).toContain("Large consensus");
    expect(text).toContain("14 mai 2024 à 09:00 (UTC+07:00)");
    expect(text).not.toMatch(/2024-05-1\d/);
    // Mean ranks of the ranking poll carry a decimal comma.
    expect(text).toContain("1,36");
    expect(text).not.toContain("1.36");
  });

  it("formats numbers with Intl in the export language", () => {
    const fr = exportT("fr").fmt;
    const en = exportT("en").fmt;
    expect([fr.count(4500), fr.percent(0.125), fr.percent(1), fr.decimal(3.456), fr.decimal(2.5, 1), fr.signedPp(-4.4), fr.signedPp(12.5), fr.signedPp(0.2), fr.percent(null)]).toEqual([
      `4${NNBSP}500`, `13${NBSP}%`, `100${NBSP}%`, "3,46", "2,5", `−4${NBSP}pts`, `+13${NBSP}pts`, `±0${NBSP}pts`, "–",
    ]);
    expect([en.count(4500), en.percent(0.125), en.decimal(3.456), en.signedPp(-4.4), en.signedPp(12.5)]).toEqual(["4,500", "13%", "3.46", "−4 pp", "+13 pp"]);
    expect([fr.date("2024-05-14"), en.date("2024-05-14"), fr.date("2025-01-01")]).toEqual(["14 mai 2024", "May 14, 2024", "1 janvier 2025"]);
  });

  it("groups thousands in the French response counts", () => {
    expect(exportT("fr")("export.responses", { count: 4500 })).toBe(`4${NNBSP}500${NBSP}réponses`);
    expect(exportT("en")("export.runResponses", { run: 2, count: 4500 })).toBe("Run 2, 4,500 responses");
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
