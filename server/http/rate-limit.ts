/**
 * HTTP rate limits for the doors people can knock on without an account: joining by code, signing
 * in, first-run setup and invitations. Keyed by a salted hash of the client address (`req.ip`: the
 * TCP peer, or the X-Forwarded-For client when TRUST_PROXY names the proxy in front), counted in
 * memory in one process and in Redis (expiring keys) in scale-out (./limiters.ts); never stored in the
 * database or logged: the Chatham House guarantee covers IP addresses too.
 * Default 300 requests per minute per address: a hotel or conference Wi-Fi puts a whole room
 * behind one NAT address, and ~100 people joining within a minute make ~2 requests each.
 * Code guessing has its own, much tighter limit on *misses* only ({@link joinGuessLimiter}).
 * Refusals are a small translated HTML page (429, `Retry-After`).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { memoryLimiters, type LimiterFactory } from "./limiters";
import { sendRefusal } from "./refusal";

const GUARDED = /^\/(join|j\/|login|setup|invite\/)/;

/**
 * The client address as Express sees it: `req.ip` follows the app's `trust proxy` setting
 * (TRUST_PROXY), so behind nginx it is the real client and not the proxy; without a trusted proxy
 * it is the TCP peer and X-Forwarded-For is ignored.
 */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "";
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
export function doorLimiter(opts: { points?: number; durationSeconds?: number; limiters?: LimiterFactory } = {}): RequestHandler {
  const duration = opts.durationSeconds ?? 60;
  const limiters = opts.limiters ?? memoryLimiters();
  const limiter = limiters.create("door", { points: opts.points ?? 300, duration });
  return (req, res, next) => {
    if (!GUARDED.test(req.path)) return next();
    limiter.consume(limiters.key(clientAddress(req))).then(
      () => next(),
      () => sendTooMany(req, res, { retryAfterSeconds: duration }),
    );
  };
}

/** Join-code lookups: `/j/<code>` (page and form post) and `/join?code=…`. */
const JOIN_LOOKUP = /^\/(j\/|join(\.data)?$)/;

/** Cookie naming a browser for the join-guess limit: `<random id>.<HMAC>`, nothing else in it. */
export const DEVICE_COOKIE = "rt_device";

/**
 * Join-code miss budgets (per `JOIN_GUESS_LIMITS.durationSeconds`).
 *
 * Why these figures: a code is 6 characters from a 27-symbol alphabet (JOIN_CODE_ALPHABET), so
 * 27^6 ≈ 3.9e8 codes.
 * - `perAddress` 100 misses / 10 min bounds a guesser, whatever it does with cookies (a fresh cookie
 *   costs nothing, so only the address budget binds an attacker): 100 × 144 windows = 14,400 guesses
 *   a day; with 100 sessions open at once (100 / 3.9e8 ≈ 2.6e-7 per guess) the expected time to hit
 *   any one is 3.9e8 / (100 × 14,400) ≈ 270 days, and a code lives for a day of sessions. (The
 *   300/min door limit alone allowed 432,000 guesses a day: a hit in ~9 days.)
 * - `perDevice` 10 misses / 10 min: a whole conference room behind one NAT address shares the 100.
 *   The old single budget of 20 per address meant 20 typos in a 100-person room locked everyone
 *   out for 10 minutes. Now a room where one person in five mistypes the code twice spends
 *   100 × 0.2 × 2 = 40 of 100, and one phone that keeps mistyping (or one guesser that keeps its
 *   cookie) stops at 10 and leaves 90 for the rest of the room. Requests refused by one budget give
 *   their point back to the other, so a device that is refused does not drain the room's budget.
 */
export const JOIN_GUESS_LIMITS = { perDevice: 10, perAddress: 100, durationSeconds: 10 * 60 };

/** `<id>.<HMAC-SHA256(secret, id)>`, base64url; `null` for a missing, malformed or forged cookie. */
function deviceCookies(secret: string) {
  const sign = (id: string) => createHmac("sha256", secret).update(`device:${id}`).digest("base64url");
  return {
    read(req: Request): string | null {
      const raw = (req.headers.cookie ?? "").match(new RegExp(`(?:^|;\\s*)${DEVICE_COOKIE}=([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{43})(?:;|$)`));
      if (!raw) return null;
      const [, id, mac] = raw as unknown as [string, string, string];
      const expected = Buffer.from(sign(id));
      return timingSafeEqual(expected, Buffer.from(mac)) ? id : null;
    },
    newId: () => randomBytes(16).toString("base64url"),
    issue(res: Response, id: string, secure: boolean): void {
      const attrs = ["Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${365 * 24 * 3600}`, ...(secure ? ["Secure"] : [])];
      res.append("Set-Cookie", `${DEVICE_COOKIE}=${id}.${sign(id)}; ${attrs.join("; ")}`);
    },
  };
}

/**
 * Limits join-code *guesses* per browser and per client address ({@link JOIN_GUESS_LIMITS}). Every
 * lookup reserves one point of each budget *before* the route looks the code up, and gets both back
 * when the response ends without the route calling `res.locals.joinMiss()` (passed to the routes as
 * `context.joinMiss`): reserving first means parallel wrong guesses cannot all pass a check before
 * any of them is counted, and giving hits back means a room joining with the right code is never
 * throttled. Browsers are told apart by a signed random cookie ({@link DEVICE_COOKIE}, set on their
 * first miss; no cookie = a new device). Over either budget: the translated 429 page with
 * `Retry-After` until that window ends.
 * @param opts.secret HMAC key for the device cookie (the app's cookie secret).
 */
export function joinGuessLimiter(opts: {
  secret: string;
  secureCookies?: boolean;
  perDevice?: number;
  perAddress?: number;
  durationSeconds?: number;
  /** Memory (default) or Redis counters (scale-out), limiters.ts. */
  limiters?: LimiterFactory;
}): RequestHandler {
  const duration = opts.durationSeconds ?? JOIN_GUESS_LIMITS.durationSeconds;
  const limiters = opts.limiters ?? memoryLimiters();
  const perDevice = limiters.create("join-device", { points: opts.perDevice ?? JOIN_GUESS_LIMITS.perDevice, duration });
  const perAddress = limiters.create("join-address", { points: opts.perAddress ?? JOIN_GUESS_LIMITS.perAddress, duration });
  const devices = deviceCookies(opts.secret);
  return (req, res, next) => {
    if (!JOIN_LOOKUP.test(req.path)) return next();
    const address = limiters.key(clientAddress(req));
    const known = devices.read(req);
    const device = known ?? devices.newId();
    const spend: Array<[RateLimiterAbstract, string]> = [
      [perAddress, address],
      // Hashed like addresses: limiter keys (in Redis too, in scale-out) never hold a cookie value.
      [perDevice, limiters.key(`device:${device}`)],
    ];
    // RateLimiterMemory counts synchronously inside consume(), RateLimiterRedis with one atomic Redis
    // command: either way each reservation is counted before its answer, so parallel guesses cannot all pass.
    Promise.allSettled(spend.map(([limiter, key]) => limiter.consume(key))).then((results) => {
      const giveBack = (only: (i: number) => boolean) =>
        Promise.all(spend.filter((_, i) => only(i)).map(([limiter, key]) => limiter.reward(key, 1))).catch(() => undefined);
      const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      if (refused.length) {
        void giveBack((i) => results[i]!.status === "fulfilled");
        const waitMs = Math.max(...refused.map((r) => (r instanceof RateLimiterRes ? r.msBeforeNext : duration * 1000)));
        return sendTooMany(req, res, { retryAfterSeconds: waitMs / 1000, bodyKey: "common.tooManyJoinBody" });
      }
      let missed = false;
      let settled = false;
      res.locals.joinMiss = async () => {
        missed = true;
        // Only a miss names the browser: a right code never gets a cookie it does not need.
        if (!known && !res.headersSent) devices.issue(res, device, opts.secureCookies ?? false);
      };
      const settle = () => {
        if (settled) return;
        settled = true;
        if (!missed) void giveBack(() => true);
      };
      res.once("finish", settle);
      res.once("close", settle);
      next();
    }, next);
  };
}
