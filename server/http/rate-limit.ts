/**
 * HTTP rate limits for the doors people can knock on without an account: joining by code, signing
 * in, first-run setup and invitations. Keyed by a salted hash of the client address, held in memory
 * only (never stored or logged: the Chatham House guarantee covers IP addresses too).
 * Default 300 requests per minute per address: a hotel or conference Wi-Fi puts a whole room
 * behind one NAT address, and ~100 people joining within a minute make ~2 requests each;
 * guessing a 6-character code (1.5e8 codes) at 300/min still takes ~170 days on average.
 */
import { createHash, randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import { RateLimiterMemory } from "rate-limiter-flexible";

const GUARDED = /^\/(join|j\/|login|setup|invite\/)/;

export function doorLimiter(opts: { points?: number; durationSeconds?: number } = {}): RequestHandler {
  const limiter = new RateLimiterMemory({ points: opts.points ?? 300, duration: opts.durationSeconds ?? 60 });
  const salt = randomBytes(16);
  return (req, res, next) => {
    if (!GUARDED.test(req.path)) return next();
    const key = createHash("sha256").update(salt).update(req.socket.remoteAddress ?? "").digest("base64url");
    limiter.consume(key).then(
      () => next(),
      () => {
        res.status(429).set("Retry-After", "60").type("text/plain").send("Too many requests. Wait a minute and try again.");
      },
    );
  };
}
