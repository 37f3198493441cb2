/**
 * Authentication service handed to routes and realtime handlers: the signed cookie, password
 * hashing, sign-in throttling and the one-time first-run setup token.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { RateLimiterRes } from "rate-limiter-flexible";
import { memoryLimiters, type LimiterFactory } from "../http/limiters";
import type { Stores } from "../storage";
import { createAuthCookieStorage, type CookieSessionStorage } from "./cookie";
import { hashPassword, verifyPassword } from "./passwords";

const SETUP_TOKEN_KEY = "setup_token_sha256";

export interface AuthService {
  cookies: CookieSessionStorage;
  hashPassword(password: string): Promise<string>;
  verifyPassword(hash: string, password: string): Promise<boolean>;
  /**
   * Seconds this client must wait before trying to sign in as `email`, or 0 when it may try now.
   * Throttles by client address and by (address, account), never by account alone, so nobody can
   * lock a facilitator out from elsewhere (OWASP Authentication Cheat Sheet, "Login Throttling" /
   * "Account Lockout"): {@link SIGN_IN_LIMITS}. Unknown and known e-mails are treated alike.
   * Call once per attempt, before checking the password: a 0 answer counts the attempt as failed
   * at once, so parallel attempts cannot all pass before the first failure is counted;
   * `signInSucceeded` gives it back.
   */
  signInWait(address: string, email: string): Promise<number>;
  /** A successful sign-in clears the (address, account) failures and gives back the address's point for this attempt. */
  signInSucceeded(address: string, email: string): Promise<void>;
  /** True while no organiser account exists. */
  setupNeeded(): Promise<boolean>;
  /**
   * Creates (and stores the SHA-256 of) a fresh one-time setup token when no account exists;
   * returns the token to print, or null when setup is done.
   */
  issueSetupToken(): Promise<string | null>;
  /** True when `token` matches the stored setup token (constant-time compare). */
  checkSetupToken(token: string): Promise<boolean>;
  /** Deletes the setup token after the first account is created. */
  consumeSetupToken(): Promise<void>;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest();

/**
 * Failed sign-ins allowed before the client waits: 5 per (address, account) per 15 min slows
 * password guessing against one account to 480 a day from one address; 50 per address per hour
 * caps spraying many accounts while leaving room for a room of staff behind one NAT address.
 */
export const SIGN_IN_LIMITS = {
  perAccount: { points: 5, duration: 15 * 60 },
  perAddress: { points: 50, duration: 60 * 60 },
} as const;

/**
 * @param opts.secret cookie signing secret (≥ 32 chars); @param opts.secureCookies sets `Secure`.
 * Throttling counters (salted hashes) live in this process's memory, so a restart resets them; with
 * `opts.limiters` from scale-out they live in Redis and hold across instances (http/limiters.ts).
 */
export function createAuthService(opts: { stores: Stores; secret: string; secureCookies: boolean; limiters?: LimiterFactory }): AuthService {
  const { stores } = opts;
  const limiters = opts.limiters ?? memoryLimiters();
  const perAccount = limiters.create("sign-in-account", SIGN_IN_LIMITS.perAccount);
  const perAddress = limiters.create("sign-in-address", SIGN_IN_LIMITS.perAddress);
  // Keys are salted hashes: addresses and e-mails are never held in clear, even in memory (or Redis).
  const keys = (address: string, email: string) => ({ a: limiters.key(address), ae: limiters.key(`${address}\n${email.toLowerCase()}`) });
  return {
    cookies: createAuthCookieStorage({ secret: opts.secret, secure: opts.secureCookies }),
    hashPassword,
    verifyPassword,
    async signInWait(address, email) {
      const { a, ae } = keys(address, email);
      // Consume first, decide after: a check before a later count let parallel attempts (each waiting
      // on the slow password hash) all pass the check, whatever the limit.
      const spent = await Promise.allSettled([perAddress.consume(a), perAccount.consume(ae)]);
      const waitMs = spent.map((r) => (r.status === "fulfilled" ? 0 : r.reason instanceof RateLimiterRes ? Math.max(1, r.reason.msBeforeNext) : 1_000));
      return Math.ceil(Math.max(...waitMs) / 1000);
    },
    async signInSucceeded(address, email) {
      const { a, ae } = keys(address, email);
      await Promise.all([perAccount.delete(ae), perAddress.reward(a, 1)]);
    },
    async setupNeeded() {
      return (await stores.users.count()) === 0;
    },
    async issueSetupToken() {
      if ((await stores.users.count()) > 0) return null;
      const token = randomBytes(24).toString("base64url");
      await stores.settings.set(SETUP_TOKEN_KEY, sha256(token).toString("hex"));
      return token;
    },
    async checkSetupToken(token) {
      const stored = await stores.settings.get(SETUP_TOKEN_KEY);
      if (!stored || !token) return false;
      const a = Buffer.from(stored, "hex");
      const b = sha256(token);
      return a.length === b.length && timingSafeEqual(a, b);
    },
    async consumeSetupToken() {
      await stores.settings.delete(SETUP_TOKEN_KEY);
    },
  };
}
