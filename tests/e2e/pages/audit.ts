/**
 * Page audit for the all-pages spec: browser contexts in a display mode (English, French, or English
 * laid out right-to-left), each watching for Content-Security-Policy violations (the DOM's
 * `securitypolicyviolation` events and Chromium's console lines), console errors and uncaught page
 * errors; `look()` screenshots a page at phone and projector size and runs axe (WCAG 2 A/AA), failing
 * softly on serious/critical findings so one run lists every problem.
 */
import { expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { baseUrl, PHONE, PROJECTOR, SCREENSHOT_DIR } from "./support";

export type Mode = "en" | "fr" | "rtl";
export const VIEWPORTS = { phone: PHONE, projector: PROJECTOR } as const;
export type ViewportName = keyof typeof VIEWPORTS;

type Watched = Window & { __rtProblems?: string[] };
type AxeResult = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
type WithAxe = Window & { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeResult[] }> } };

/**
 * axe-core itself, added to every document as an init script (before the page's scripts; outside the
 * page's CSP). Running it with one `evaluate` is ~15× faster than @axe-core/playwright's builder,
 * which re-injects and configures axe on each call; the rules and tags are the same.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** Best-practice rules run and failed on too, whatever their impact (why: at the filter below). */
const EXTRA_RULES = ["heading-order", "aria-allowed-role"];

/**
 * A new context in `mode`, optionally carrying the cookies of `from` (a signed-in organiser or a
 * joined participant). French is chosen the way a user does (the `rt_lang` cookie the switch sets);
 * RTL has no shipped language yet, so `show()` sets `dir="rtl"` on <html> after each load.
 */
export async function modeContext(browser: Browser, mode: Mode, from?: BrowserContext): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: PHONE, storageState: from ? await from.storageState() : undefined });
  if (mode === "fr") await context.addCookies([{ name: "rt_lang", value: "fr", url: baseUrl() }]);
  await context.addInitScript({ content: AXE_SOURCE });
  // Registered before any page script: catches violations from the server-rendered markup too.
  await context.addInitScript(() => {
    const w = window as Watched;
    w.__rtProblems = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      w.__rtProblems!.push(`CSP ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} ${e.sample ?? ""}`.trim());
    });
  });
  return context;
}

/** Console errors and page errors of every page of `context`, as "url: text" lines. */
export function watch(context: BrowserContext): string[] {
  const problems: string[] = [];
  const attach = (page: Page) => {
    page.on("console", (msg) => {
      if (msg.type() === "error" || /Content.Security.Policy/i.test(msg.text())) problems.push(`${page.url()}: console ${msg.type()}: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`${page.url()}: page error: ${err.message}`));
  };
  context.pages().forEach(attach);
  context.on("page", attach);
  return problems;
}

/** Navigates and waits until Remix has hydrated (client router ready), then applies the mode's direction. */
export async function show(page: Page, url: string, mode: Mode) {
  await page.goto(url);
  await settle(page, mode);
}

/** Waits for hydration after a navigation done by other means (a click, a form post). */
export async function settle(page: Page, mode: Mode) {
  await page.waitForLoadState("load");
  await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized), null, { timeout: 15_000 });
  if (mode === "rtl") await page.evaluate(() => document.documentElement.setAttribute("dir", "rtl"));
  else await expect(page.locator("html")).toHaveAttribute("lang", mode);
}

export interface LookOptions {
  /** Viewports, in order (default phone then projector). */
  sizes?: ViewportName[];
  /** Run axe at these viewports (default: all of `sizes`). */
  axeAt?: ViewportName[];
}

/**
 * Screenshots `page` as `<name>-<viewport>[-fr|-rtl].png` at each size and runs axe; records (softly)
 * axe findings, CSP violations reported in the page, and horizontal overflow of the document.
 */
export async function look(page: Page, name: string, mode: Mode, opts: LookOptions = {}) {
  const sizes = opts.sizes ?? ["phone", "projector"];
  const axeAt = opts.axeAt ?? sizes;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const size of sizes) {
    await page.setViewportSize(VIEWPORTS[size]);
    const suffix = mode === "en" ? "" : `-${mode}`;
    const label = `${name}-${size}${suffix}`;
    // Nothing may stick out sideways: a phone user should never have to scroll the page horizontally.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect.soft(overflow, `${label}: page wider than the viewport by ${overflow}px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${label}.png`), fullPage: true });
    if (axeAt.includes(size)) {
      const results = await page.evaluate(
        ({ tags, rules }) => (window as unknown as WithAxe).axe.run(document, { runOnly: { type: "tag", values: tags }, rules, resultTypes: ["violations"] }),
        { tags: AXE_TAGS, rules: Object.fromEntries(EXTRA_RULES.map((id) => [id, { enabled: true }])) },
      );
      // heading-order is "moderate" but screen-reader users move by headings: a skipped level (an h3
      // under the h1 on the agenda and the phone's panel) reads as a missing section. aria-allowed-role
      // ("minor"): a role that overrides the element's own (the archive's count heading was a status).
      const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical" || EXTRA_RULES.includes(v.id));
      expect.soft(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`), `${label}: axe`).toEqual([]);
    }
  }
  const csp = await page.evaluate(() => (window as Watched).__rtProblems ?? []);
  expect.soft(csp, `${name} (${mode}): CSP violations`).toEqual([]);
}

/**
 * Presses Tab until `target` has the focus (at most `max` times), proving it is reachable by
 * keyboard in the page's tab order, and checks that the focus is visible (an outline or a ring on
 * the element or on the label that wraps it); fails with the element that had the focus last.
 */
export async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      const ring = await target.evaluate((el) =>
        [el, el.closest("label")].some((e) => {
          if (!e) return false;
          const s = getComputedStyle(e);
          return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== "none";
        }),
      );
      expect.soft(ring, `visible focus on ${await target.evaluate((el) => el.outerHTML.slice(0, 100))}`).toBe(true);
      return;
    }
    await page.keyboard.press("Tab");
  }
  const last = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`not reached by Tab in ${max} presses; focus ended on ${last}`);
}
