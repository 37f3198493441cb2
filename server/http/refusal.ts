/**
 * Small translated HTML pages for requests refused before they reach Remix (429 rate limits, 403
 * cross-origin posts), and the cross-origin guard itself. Language from the `rt_lang` cookie or
 * `Accept-Language`; no inline styles or scripts (the CSP would block them).
 */
import type { Request, RequestHandler, Response } from "express";
import { createI18n, pickLanguage } from "../../app/i18n/config";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Sends `status` with a page made of the translated `titleKey` heading and `bodyKey` paragraph. */
export function sendRefusal(req: Request, res: Response, opts: { status: number; titleKey: string; bodyKey: string; values?: Record<string, unknown> }) {
  const lang = pickLanguage(req.headers.cookie ?? null, req.headers["accept-language"] ?? null);
  const t = createI18n(lang).t;
  const title = escapeHtml(t(opts.titleKey));
  const body = escapeHtml(t(opts.bodyKey, opts.values));
  res
    .status(opts.status)
    .type("html")
    .send(
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${title} · Roundtable</title></head>` +
        `<body><main id="main"><h1>${title}</h1><p>${body}</p><p><a href="/">${escapeHtml(t("common.home"))}</a></p></main></body></html>`,
    );
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses with 403 any state-changing request whose `Origin` is not this server (another site's
 * form, or `Origin: null`), using the same comparison as Remix's own CSRF check
 * (`throwIfPotentialCSRFAttack`: Origin host vs `X-Forwarded-Host` or `Host`), which otherwise throws
 * and becomes a 500. Requests without `Origin` (curl, old browsers) pass, as they do in Remix.
 */
export const sameOriginPosts: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const origin = req.headers.origin;
  if (origin === undefined) return next();
  const host = (req.headers["x-forwarded-host"] as string | undefined)?.split(",")[0]?.trim() || req.headers.host;
  let originHost: string | null = null;
  try {
    originHost = origin === "null" ? null : new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (originHost && host && originHost === host) return next();
  sendRefusal(req, res, { status: 403, titleKey: "common.crossOriginTitle", bodyKey: "common.crossOriginBody" });
};
