import { readFileSync } from "node:fs";
import path from "node:path";
import { crc32 as nodeCrc32 } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSummary, type SummaryBody } from "../../app/domain/summary";
import { CSV_COLUMNS, datasetCsv } from "../../server/exports/dataset-csv";
import { datasetOf, toDatasetJson } from "../../server/exports/dataset";
import { toDocx } from "../../server/exports/docx";
import { toHtml } from "../../server/exports/html";
import { toMarkdown } from "../../server/exports/markdown";
import { crc32, Raster } from "../../server/exports/png";
import { collapseRepeats } from "../../server/exports/view";
import { validate } from "../fixtures/summary/json-schema-lite";
import { PLANTED_NAME, XSS_LINK, summaryInput } from "../fixtures/summary/workshop";
import { readZip } from "../fixtures/summary/zip-lite";

const meta = { version: 3, publishedAt: Date.UTC(2024, 4, 20, 7, 0) };
const schema = JSON.parse(readFileSync(path.resolve(__dirname, "../../server/exports/dataset.schema.json"), "utf8"));

let body: SummaryBody;
let md: string;
let html: string;
let docx: Map<string, Buffer>;
beforeAll(async () => {
  body = buildSummary(summaryInput());
  md = toMarkdown(body, meta);
  html = toHtml(body, meta);
  docx = readZip(await toDocx(body, meta));
});

const LIVE_MARKUP = /<\s*\/?\s*(script|img|iframe|svg[^>]*onload)|\bon(error|load)\s*=\s*["']?[^"'\s>]*\)\s*["']?\s*\/?>/i;

describe("Markdown and HTML exports", () => {
  it("contain panel titles, takeaways, counts and the rule", () => {
    for (const doc of [md, html]) {
      expect(doc).toContain("The Process of the OEWG");
      expect(doc).toContain("Not Incompatible: Normative and Legally Binding Instruments");
      expect(doc).toContain("A step-by-step path from norms to law is preferred.");
      expect(doc).toContain("Held under the Chatham House Rule:");
      expect(doc).toContain("Version 3, published May 20, 2024, 14:00 (UTC+07:00)");
    }
    expect(md).toContain("| A balanced package of norms | 7 | 50% |");
    expect(html).toContain("<th scope=\"row\">A balanced package of norms</th><td>7</td><td>50%</td>");
    expect(md).toContain("- A balanced package of norms: 25% → 50% (+25 pp)");
  });

  it("escape user text so planted payloads stay inert", () => {
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
    // Markdown escapes with backslashes, never with HTML entities (a .md file is also read as text).
    expect(md).toContain("\\<img src=x onerror=alert(1)\\>");
    expect(md).not.toMatch(/&(?:lt|gt|amp|quot|#\d+);/);
    expect(md).not.toMatch(/(?<!\\)<(?:img|script|\/script|iframe|svg)/i);
    expect(html).not.toMatch(/<img|<script|<\/script|<iframe/i);
    for (const doc of [md, html]) {
      expect(doc).not.toContain(XSS_LINK);
      expect(doc.toLowerCase()).not.toContain("javascript:");
      // In Markdown a backslash-escaped "<" or ">" is literal text, not markup.
      expect(doc === md ? md.replace(/\\[<>]/g, " ") : doc).not.toMatch(LIVE_MARKUP);
    }
    // The unsafe link's text survives as plain text; the safe link stays a link.
    expect(html).toContain('<a href="https://undocs.org/A/RES/76/231" rel="noopener noreferrer">resolution 76/231</a> and this trap.');
    expect(md).toContain("[resolution 76/231](<https://undocs.org/A/RES/76/231>) and this trap.");
    // Markdown punctuation typed by people is escaped, not turned into emphasis or a list.
    expect(md).toContain("Shared definitions of \\*peaceful purposes\\* are needed first.");
    expect(md).toContain("- 1\\. Definitions matter # a lot");
  });

  it("HTML is standalone: no scripts, no external references, a CSP, inline SVG charts", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src 'none'`);
    expect(html).not.toMatch(/<link|src=["']?http|url\(/i);
    const charts = html.match(/<svg [^>]*role="img"/g) ?? [];
    // 2 runs + 1 open + 1 scale + 1 ranking + 1 statements + 1 multiple = 7 charts.
    expect(charts).toHaveLength(7);
    expect(html).toContain('<footer class="rule">Held under the Chatham House Rule:');
  });
});

describe("DOCX export", () => {
  it("is a zip with headings, tables, the chart images and the rule in a footer", () => {
    const xml = docx.get("word/document.xml")!.toString("utf8");
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect((xml.match(/<w:pStyle w:val="Heading1"\/>/g) ?? []).length).toBe(3);
    expect(xml).toContain("1. The Process of the OEWG");
    expect(xml).toContain("<w:tbl>");
    expect(xml).toContain("Shared definitions of *peaceful purposes* are needed first.");
    expect(xml).toContain("&lt;img src=x onerror=alert(1)&gt;");
    const footers = [...docx.keys()].filter((k) => /^word\/footer\d*\.xml$/.test(k));
    expect(footers.length).toBeGreaterThan(0);
    expect(footers.some((f) => docx.get(f)!.toString("utf8").includes("Held under the Chatham House Rule:"))).toBe(true);
    const images = [...docx.keys()].filter((k) => k.startsWith("word/media/") && k.endsWith(".png"));
    expect(images).toHaveLength(7);
    for (const img of images) expect(docx.get(img)!.subarray(1, 4).toString("ascii")).toBe("PNG");
    const all = [...docx.values()].map((b) => b.toString("utf8")).join("\n");
    expect(all.toLowerCase()).not.toContain("javascript:");
    expect(all).toContain("https://undocs.org/A/RES/76/231");
  });

  it("writes formatting that is on (bold notes, header cells) and none that is off", () => {
    const xml = docx.get("word/document.xml")!.toString("utf8");
    expect(xml).toMatch(/<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">treaty vs\. norms<\/w:t>/);
    expect(xml).toMatch(/<w:rPr><w:i\/><w:iCs\/><\/w:rPr><w:t xml:space="preserve">softening<\/w:t>/);
    expect(xml).toMatch(/<w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">Option<\/w:t>/);
    // Plain runs carry no run properties: no w:val="false" anywhere.
    expect(xml).not.toContain('w:val="false"');
    expect(xml).toContain('<w:r><w:t xml:space="preserve">Participants saw the </w:t></w:r>');
  });
});

describe("open answers in documents", () => {
  it("list identical answers once with their count, keeping the tally's order", () => {
    expect(collapseRepeats(["debris", "debris", "debris", "norms", "treaty", "treaty"])).toEqual(["debris (× 3)", "norms", "treaty (× 2)"]);
    expect(collapseRepeats([])).toEqual([]);
    // Equal under the tally's collation but not identical: both kept.
    expect(collapseRepeats(["Debris", "debris"])).toEqual(["Debris", "debris"]);
  });
});

describe("PNG encoder", () => {
  it("computes the zip/PNG CRC-32 and writes valid chunks", () => {
    const bytes = Buffer.from("123456789");
    expect(crc32(bytes)).toBe(0xcbf43926); // the standard CRC-32 check value
    expect(crc32(bytes)).toBe(nodeCrc32(bytes));
    const r = new Raster(4, 3);
    r.fillRect(0, 0, 2, 3, 0xff0000);
    const png = r.toPng();
    expect(png.readUInt32BE(16)).toBe(4); // IHDR width
    expect(png.readUInt32BE(20)).toBe(3); // IHDR height
    expect(png[25]).toBe(3); // colour type: palette
    expect(png.subarray(37, 41).toString("ascii")).toBe("PLTE");
    const ihdrCrc = png.readUInt32BE(29);
    expect(crc32(png.subarray(12, 29))).toBe(ihdrCrc);
  });
});

describe("dataset export", () => {
  it("validates against the JSON Schema, which is itself draft 2020-12 JSON", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const data = JSON.parse(toDatasetJson(body, meta));
    expect(validate(schema, data)).toEqual([]);
    expect(data.generatedAt).toBe("2024-05-20T07:00:00.000Z");
    // The validator really rejects: a hidden count turned into a number-string fails.
    const broken = structuredClone(data);
    broken.workshops[0].sessions[0].polls[0].runs[0].items[0].count = "3";
    expect(validate(schema, broken).length).toBeGreaterThan(0);
  });

  it("groups many sessions by workshop, independent of input order", () => {
    const other = { ...body, session: { ...body.session, title: "Day 2", startedAt: { ...body.session.startedAt!, date: "2024-05-15" } } };
    const elsewhere = { ...body, workshop: { ...body.workshop, title: "Nairobi workshop", startsOn: "2024-03-01", endsOn: "2024-03-01" } };
    const a = datasetOf([other, body, elsewhere], meta);
    expect(datasetOf([elsewhere, body, other], meta)).toEqual(a);
    expect(a.workshops.map((w) => [w.title, w.sessions.map((s) => s.title)])).toEqual([
      ["Nairobi workshop", ["Day 1"]],
      ["Space Security Norms — ASEAN follow-up", ["Day 1", "Day 2"]],
    ]);
    expect(validate(schema, JSON.parse(JSON.stringify(a)))).toEqual([]);
  });

  it("CSV has the header and one row per poll × run × item × (all + 7 sectors), suppressed cells empty", () => {
    const data = datasetOf([body], meta);
    const csv = datasetCsv(data);
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(CSV_COLUMNS.join(","));
    let expected = 0;
    for (const poll of data.workshops[0].sessions[0].polls) {
      for (const run of poll.runs) for (const item of run.items) expected += 1 + item.sectorCounts.length;
    }
    // Sanity of the formula itself: the single poll (2 runs × 4 options × 8 rows) alone is 64 rows.
    expect(expected).toBeGreaterThan(64);
    expect(lines).toHaveLength(1 + expected);
    const industryRow = lines.find((l) => l.includes(",oewg-ideal-outcome,") && l.includes(",balanced-package,") && l.includes(",industry,"))!;
    expect(industryRow.endsWith(",industry,,,,,,true,0")).toBe(true);
    expect(csv).toContain(",script-test,</script><script>alert(1)</script>,all,0,0,,,,false");
  });
});

describe("no names in any export", () => {
  it("keeps a planted participant name out of every export under chatham-house", () => {
    const everything = [md, html, toDatasetJson(body, meta), datasetCsv(datasetOf([body], meta)), ...[...docx.values()].map((b) => b.toString("utf8"))];
    for (const doc of everything) {
      expect(doc).not.toContain(PLANTED_NAME);
      expect(doc).not.toContain("Quillfeather");
      expect(doc).not.toContain("Facilitator Name");
    }
  });

  it("under attributed, lists attendees in documents but never in the dataset", () => {
    const input = summaryInput();
    const attributed = buildSummary({ ...input, workshop: { ...input.workshop, rule: "attributed" } });
    expect(toMarkdown(attributed, meta)).toContain(PLANTED_NAME);
    expect(toDatasetJson(attributed, meta)).not.toContain(PLANTED_NAME);
    expect(datasetCsv(datasetOf([attributed], meta))).not.toContain(PLANTED_NAME);
    expect(toHtml(attributed, meta)).toContain("Held on the record");
  });
});

describe("sector mix when most sectors are suppressed (U8)", () => {
  it("says the mix is withheld instead of listing a row of dashes, in every export's facts", async () => {
    const { sectorMixWithheld } = await import("../../app/domain/summary");
    const { factsOf } = await import("../../server/exports/meta");
    const all = ["government", "industry", "academia"].map((sector) => ({ sector, count: null, suppressed: true }));
    expect(sectorMixWithheld(all)).toBe(true);
    expect(sectorMixWithheld([{ count: 7, suppressed: false }, { count: null, suppressed: true }])).toBe(false);
    expect(sectorMixWithheld([])).toBe(false);
    const body = buildSummary(summaryInput());
    const withheld = { ...body, participants: { ...body.participants, sectors: all as typeof body.participants.sectors } };
    const sectors = factsOf(withheld).find(([label]) => label === "Sectors")![1];
    expect(sectors).toBe(`Sector mix withheld: fewer than k=${body.workshop.minCellSize} participants in most sectors`);
    expect(sectors).not.toContain("—");
  });
});

describe("a poll's sector breakdown when every cell is hidden", () => {
  it("says it is withheld in one line instead of a table of dashes (Markdown, HTML, DOCX)", async () => {
    // k above the room's size: every sector cell and row total of every poll is hidden.
    const input = summaryInput();
    const small = buildSummary({ ...input, workshop: { ...input.workshop, minCellSize: 1000 } });
    const line = "Withheld to protect small groups: fewer than 1000 people in each sector.";
    const docs = [toMarkdown(small, meta), toHtml(small, meta), readZip(await toDocx(small, meta)).get("word/document.xml")!.toString("utf8")];
    for (const doc of docs) {
      expect(doc).toContain(line);
      expect(doc).not.toContain("hidden to protect small groups");
    }
    // The normal fixture (k = 3) still has its tables.
    expect(md).toContain("By sector (last run)");
    expect(md).not.toContain(line);
  });
});
