/**
 * PDF export: the HTML export printed by headless Chromium (A4, backgrounds on). One browser can
 * render many documents; callers that export in bulk launch it once with `launchPdfRenderer` and
 * close it when done, `toPdf` without a renderer launches and closes its own.
 *
 * The page runs with JavaScript disabled and every network request aborted: the HTML is
 * self-contained, so anything it tried to load or run would be an injection, not a feature.
 */
import { chromium, type Browser } from "@playwright/test";
import type { SummaryBody } from "../../app/domain/summary";
import { toHtml } from "./html";
import type { ExportMeta } from "./meta";

/** Flags for a headless Chromium in a container without a GPU or a user namespace sandbox. */
const CHROMIUM_ARGS = [
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
}

/** A launched browser that prints HTML to PDF. Call `close()` when done (also on errors). */
export interface PdfRenderer {
  /** @returns the PDF bytes (starting with `%PDF-`). @throws when Chromium fails or times out. */
  render(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * Launches Chromium once for many renders.
 * @example const r = await launchPdfRenderer(); try { await r.render(html) } finally { await r.close() }
 */
export async function launchPdfRenderer(options: PdfRendererOptions = {}): Promise<PdfRenderer> {
  const browser: Browser = await chromium.launch({
    executablePath: options.executablePath ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  const timeout = options.timeoutMs ?? 30_000;
  return {
    async render(html) {
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      try {
        await context.route("**/*", (route) => route.abort());
        const page = await context.newPage();
        page.setDefaultTimeout(timeout);
        await page.setContent(html, { waitUntil: "load", timeout });
        return await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
      } finally {
        await context.close();
      }
    },
    close: () => browser.close(),
  };
}

/**
 * Renders a summary version to PDF bytes.
 * @param renderer an open renderer to reuse; when omitted, one is launched and closed here.
 */
export async function toPdf(body: SummaryBody, meta: ExportMeta, renderer?: PdfRenderer): Promise<Buffer> {
  const html = toHtml(body, meta);
  if (renderer) return renderer.render(html);
  const own = await launchPdfRenderer();
  try {
    return await own.render(html);
  } finally {
    await own.close();
  }
}
