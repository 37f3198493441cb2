/**
 * Shared e2e helpers: viewports, screenshots (saved under test-results/screenshots and looked at),
 * axe checks (fail on serious/critical), and a CSP-violation watcher.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import path from "node:path";

export const PHONE = { width: 390, height: 844 };
export const PROJECTOR = { width: 1920, height: 1080 };
export const SCREENSHOT_DIR = path.resolve("test-results/screenshots");

export const baseUrl = () => {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error("E2E_BASE_URL is not set (tests/e2e/global-setup.ts starts the server)");
  return url;
};

/** A new page in its own context (own cookies) at `viewport`, failing the test on any CSP violation. */
export async function newPage(browser: Browser, viewport = PHONE): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: baseUrl() });
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy/i.test(msg.text())) throw new Error(`CSP violation: ${msg.text()}`);
  });
  return page;
}

/** Saves a full-page screenshot named `<name>-<width>x<height>.png`. */
export async function snap(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const { width, height } = page.viewportSize()!;
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${width}x${height}.png`), fullPage: true });
}

/** Runs axe (WCAG 2.1 A/AA rules) and fails on any serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

/** Screenshot + axe at the page's current viewport, then at the other size. */
export async function lookAt(page: Page, name: string, sizes = [PHONE, PROJECTOR]) {
  for (const size of sizes) {
    await page.setViewportSize(size);
    await snap(page, name);
    await expectAccessible(page);
  }
}
