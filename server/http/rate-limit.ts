/**
 * HTTP rate limits for the doors people can knock on without an account: joining by code, signing
 * in, first-run setup and invitations. Keyed by a salted hash of the client address, held in memory
 * only (never stored or logged: the Chatham House guarantee covers IP addresses too).
 * Default 300 requests per minute per address: a hotel or conference Wi-Fi puts a whole room
 * behind one NAT address, and ~100 people joining within a minute make ~2 requests each.
 * Code guessing has its own, much tighter limit on *misses* only ({@link joinGuessLimiter}).
 * Refusals are a small translated HTML page (429, `Retry-After`).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { createI18n, pickLanguage } from "../../app/i18n/config";

const GUARDED = /^\/(join|j\/|login|setup|invite\/)/;

/** A per-process salted hash of the client address: limiter keys never hold the address itself. */
function addressKeyer() {
  const salt = randomBytes(16);
  return (req: Request) => createHash("sha256").update(salt).update(req.socket.remoteAddress ?? "").digest("base64url");
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Sends the translated 429 page (language from the `rt_lang` cookie or `Accept-Language`). */
export function sendTooMany(req: Request, res: Response, opts: { retryAfterSeconds: number; bodyKey?: string }) {
  const lang = pickLanguage(req.headers.cookie ?? null, req.headers["accept-language"] ?? null);
  const t = createI18n(lang).t;
  const minutes = Math.max(1, Math.ceil(opts.retryAfterSeconds / 60));
  const title = escapeHtml(t("common.tooManyTitle"));
  const body = escapeHtml(t(opts.bodyKey ?? "common.tooManyBody", { minutes }));
  res
    .status(429)
    .set("Retry-After", String(Math.ceil(opts.retryAfterSeconds)))
    .type("html")
    .send(
      `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${title} · Roundtable</title></head>` +
        `<body><main id="main" class="page narrow stack"><h1>${title}</h1><p>${body}</p><p><a href="/">${escapeHtml(t("common.home"))}</a></p></main></body></html>`,
    );
}

export function doorLimiter(opts: { points?: number; durationSeconds?: number } = {}): RequestHandler {
  const duration = opts.durationSeconds ?? 60;
  const limiter = new RateLimiterMemory({ points: opts.points ?? 300, duration });
  const keyOf = addressKeyer();
  return (req, res, next) => {
    if (!GUARDED.test(req.path)) return next();
    limiter.consume(keyOf(req)).then(
      () => next(),
      () => sendTooMany(req, res, { retryAfterSeconds: duration }),
    );
  };
}

/** Join-code lookups: `/j/<code>` (page and form post) and `/join?code=…`. */
const JOIN_LOOKUP = /^\/(j\/|join$)/;
/** Where the join routes send a code that is malformed or belongs to no session. */
const MISS = /^\/\?error=(unknown|invalid)/;

/**
 * Limits join-code *guesses* per client address: only lookups that miss (the route redirects to
 * `/?error=unknown|invalid`) spend a point, so a whole room joining from one NAT address with the
 * right code is never throttled. Once `misses` are spent within `durationSeconds`, every join
 * lookup from that address gets the 429 page until the window ends.
 *
 * Why these figures: a code is 6 characters from a 27-symbol alphabet (JOIN_CODE_ALPHABET), so
 * 27^6 ≈ 3.9e8 codes. With 20 misses per 10 minutes an address gets at most 2,880 guesses a day;
 * even with 100 sessions open at once (100 / 3.9e8 ≈ 2.6e-7 per guess) the expected time to hit
 * any session is 3.9e8 / (100 × 2,880) ≈ 1,350 days, whereas the 300/min door limit alone allowed
 * 432,000 guesses a day (a hit in ~9 days). 20 misses leave plenty of room for typos.
 */
export function joinGuessLimiter(opts: { misses?: number; durationSeconds?: number } = {}): RequestHandler {
  const points = opts.misses ?? 20;
  const duration = opts.durationSeconds ?? 10 * 60;
  const limiter = new RateLimiterMemory({ points, duration });
  const keyOf = addressKeyer();
  return (req, res, next) => {
    if (!JOIN_LOOKUP.test(req.path)) return next();
    const key = keyOf(req);
    limiter.get(key).then((spent) => {
      if (spent && spent.consumedPoints >= points) {
        return sendTooMany(req, res, { retryAfterSeconds: spent.msBeforeNext / 1000, bodyKey: "common.tooManyJoinBody" });
      }
      res.on("finish", () => {
        // Document requests get a 302 with Location; Remix data requests a 204 with X-Remix-Redirect.
        const to = String(res.getHeader("location") ?? res.getHeader("x-remix-redirect") ?? "");
        if (MISS.test(to)) {
          limiter.consume(key).catch(() => undefined); // Rejection = over the limit: the next lookup is refused.
        }
      });
      next();
    }, next);
  };
}
