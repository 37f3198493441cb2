/**
 * Security headers (helmet) with a strict Content-Security-Policy that Roundtable's own pages pass:
 * scripts only from this origin or with the per-request nonce Remix's inline scripts carry; no
 * third-party origins at all (participants' traffic never leaves the room's server).
 */
import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import helmet from "helmet";

/** Sets `res.locals.cspNonce` (16 random bytes, base64) for this request. */
export const cspNonce: RequestHandler = (_req, res, next) => {
  res.locals.cspNonce = randomBytes(16).toString("base64");
  next();
};

/**
 * helmet with the CSP below; `secure` (HTTPS deployments) also sends HSTS and upgrade-insecure-requests.
 * Mount after `cspNonce`, which the script-src nonce reads.
 */
export function securityHeaders(opts: { secure: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${(res as unknown as { locals: { cspNonce: string } }).locals.cspNonce}'`],
        // Stylesheets from this origin only, and no inline `style` attributes or <style> blocks:
        // per-item sizes and colours are set through the CSSOM after mount (app/components/CssomSpan,
        // polls/results/Fill), which CSP does not govern; tests/e2e/pages.spec.ts fails on any violation.
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        // 'self' covers same-origin ws:/wss: in CSP Level 3 browsers; Socket.io and Yjs use it.
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        ...(opts.secure ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    // Remix's dev tooling and our QR image are same-origin; COEP would block nothing useful here.
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: opts.secure,
    referrerPolicy: { policy: "same-origin" },
  });
}
