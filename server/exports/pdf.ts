/**
 * PDF export: the HTML export printed by headless Chromium (A4, backgrounds on). One browser can
 * render many documents; callers that export in bulk launch it once with `launchPdfRenderer` and
 * close it when done, `toPdf` without a renderer launches and closes its own.
 *
 * The page runs with JavaScript disabled and every network request aborted: the HTML is
 * self-contained, so anything it tried to load or run would be an injection, not a feature.
 */
import { chromium, type Browser } from "@playwright/test";
import { escapeHtml, type SummaryBody } from "../../app/domain/summary";
import { toHtml } from "./html";
import { metaT, ruleFooter, type ExportMeta } from "./meta";

/** Flags for a headless Chromium in a container without a GPU or a user namespace sandbox. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface PdfRendererOptions {
  /** Chromium binary; default `/usr/bin/chromium` (Debian's package). */
  executablePath?: string;
  /** Per-document timeout in ms; default 30 000 (a 30-panel summary prints in well under 5 s). */
  timeoutMs?: number;
  /** An already launched browser to borrow; `close()` then leaves it open for its owner. */
  browser?: Browser;
}

/** A launched browser that prints HTML to PDF. Call `close()` when done (also on errors). */
export interface PdfRenderer {
  /**
   * @param footer plain text printed in the bottom margin of every page, with "page / pages".
   * @returns the PDF bytes (starting with `%PDF-`). @throws when Chromium fails or times out.
   */
  render(html: string, footer?: string): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Launches Chromium once for many renders.
 * @example const r = await launchPdfRenderer(); try { await r.render(html) } finally { await r.close() }
 */
export async function launchPdfRenderer(options: PdfRendererOptions = {}): Promise<PdfRenderer> {
  const owned = !options.browser;
  const browser: Browser =
    options.browser ?? (await chromium.launch({ executablePath: options.executablePath ?? "/usr/bin/chromium", args: CHROMIUM_ARGS }));
  const timeout = options.timeoutMs ?? 30_000;
  return {
    async render(html, footer) {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      try {
        await context.route("**/*", (route) => route.abort());
        const page = await context.newPage();
        page.setDefaultTimeout(timeout);
        await page.setContent(html, { waitUntil: "load", timeout });
        return await page.pdf({
          format: "A4",
          printBackground: true,
          preferCSSPageSize: true,
          ...(footer ? { displayHeaderFooter: true, headerTemplate: "<span></span>", footerTemplate: footerTemplate(footer) } : {}),
        });
      } finally {
        await context.close();
      }
    },
    close: async () => {
      if (owned) await browser.close();
    },
  };
}

/**
 * Chromium's footer template: its own tiny document (default font size is 0, so sizes are set);
 * `pageNumber`/`totalPages` spans are filled in by Chromium. The text is escaped like any HTML.
 */
function footerTemplate(text: string): string {
  return `<div style="font:7.5pt sans-serif;color:#444;width:100%;margin:0 18mm;display:flex;gap:8mm;justify-content:space-between">
<span>${escapeHtml(text)}</span><span style="white-space:nowrap"><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
}

/**
 * Renders a summary version to PDF bytes, with the rule and page numbers in every page's footer.
 * @param renderer an open renderer to reuse; when omitted, one is launched and closed here.
 */
export async function toPdf(body: SummaryBody, meta: ExportMeta, renderer?: PdfRenderer): Promise<Buffer> {
  const html = toHtml(body, meta);
  const footer = ruleFooter(body.workshop.rule, metaT(meta));
  if (renderer) return renderer.render(html, footer);
  const own = await launchPdfRenderer();
  try {
    return await own.render(html, footer);
  } finally {
    await own.close();
  }
}
