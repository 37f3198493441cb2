import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSummary } from "../../app/domain/summary";
import { toHtml } from "../../server/exports/html";
import { CHROMIUM_ARGS, launchPdfRenderer, toPdf } from "../../server/exports/pdf";
import { pdfPageTexts } from "../fixtures/summary/pdf-text";
import { summaryInput } from "../fixtures/summary/workshop";

const meta = { version: 1, publishedAt: Date.UTC(2024, 4, 20, 7, 0) };
const body = buildSummary(summaryInput());

// One browser for the whole file (launching Chromium is most of the cost).
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
});

describe("PDF export", () => {
  it("prints the HTML export to an A4 PDF with at least one page", async () => {
    const renderer = await launchPdfRenderer({ browser });
    const started = performance.now();
    const pdf = await toPdf(body, meta, renderer);
    const ms = performance.now() - started;
    await renderer.close();
    expect(browser.isConnected()).toBe(true); // a borrowed browser is left open
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(1);
    // A4 is 595.28 × 841.89 pt; Chromium rounds to whole CSS px (794 × 1123 px = 594.96 × 841.92 pt).
    const boxes = pdf.toString("latin1").match(/\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/g) ?? [];
    expect(boxes.length).toBe(pages.length);
    for (const box of boxes) {
      const [, w, h] = box.match(/([\d.]+) ([\d.]+)\]$/)!;
      expect(Math.abs(Number(w) - 595.28)).toBeLessThan(1);
      expect(Math.abs(Number(h) - 841.89)).toBeLessThan(1);
    }
    expect(ms).toBeLessThan(10_000);
    // The rule is printed in the footer of every page, not only at the end of the document.
    const texts = pdfPageTexts(pdf);
    expect(texts).toHaveLength(pages.length);
    for (const text of texts) expect(text).toContain("HeldundertheChathamHouseRule:");
  });

  it("HTML export stays inert in a real browser even with JavaScript on", async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await page.setContent(toHtml(body, meta), { waitUntil: "load" });
    const counts = await page.evaluate(() => ({
      scripts: document.querySelectorAll("script").length,
      images: document.querySelectorAll("img").length,
      handlers: [...document.querySelectorAll("*")].filter((el) => [...el.attributes].some((a) => a.name.startsWith("on"))).length,
      jsLinks: [...document.querySelectorAll("a")].filter((a) => !/^(https?|mailto):/.test(a.href)).length,
      text: document.body.innerText,
    }));
    await page.close();
    expect(dialogs).toEqual([]);
    expect(counts).toMatchObject({ scripts: 0, images: 0, handlers: 0, jsLinks: 0 });
    expect(counts.text).toContain("<img src=x onerror=alert(1)>");
    expect(counts.text).toContain("</script><script>alert(1)</script>");
  });
});
