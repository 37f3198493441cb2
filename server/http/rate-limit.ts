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
import { sendRefusal } from "./refusal";

const GUARDED = /^\/(join|j\/|login|setup|invite\/)/;

/** A per-process salted hash of the client address: limiter keys never hold the address itself. */
function addressKeyer() {
  const salt = randomBytes(16);
  return (req: Request) => createHash("sha256").update(salt).update(req.socket.remoteAddress ?? "").digest("base64url");
}

/** Sends the translated 429 page with `Retry-After` (whole seconds, at least 1; the body says minutes). */
function sendTooMany(req: Request, res: Response, opts: { retryAfterSeconds: number; bodyKey?: string }) {
  const seconds = Math.max(1, Math.ceil(opts.retryAfterSeconds));
  res.set("Retry-After", String(seconds));
  sendRefusal(req, res, { status: 429, titleKey: "common.tooManyTitle", bodyKey: opts.bodyKey ?? "common.tooManyBody", values: { minutes: Math.ceil(seconds / 60) } });
}

/**
 * At most `points` (default 300) requests per `durationSeconds` (default 60) per client address to
 * the sign-in, join, setup and invitation pages; other paths pass untouched. Over the limit: 429 page.
 */
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
const JOIN_LOOKUP = /^\/(j\/|join(\.data)?$)/;

/**
 * Limits join-code *guesses* per client address: only lookups that miss spend a point (the join
 * routes call `res.locals.joinMiss()`, passed to them as `context.joinMiss`), so a whole room joining from one NAT address with the
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
      res.locals.joinMiss = () => limiter.consume(key).then(
        () => undefined,
        () => undefined, // Over the limit: the next lookup is refused.
      );
      next();
    }, next);
  };
}
