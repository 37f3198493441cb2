/**
 * Authentication service handed to routes and realtime handlers: the signed cookie, password
 * hashing, sign-in throttling and the one-time first-run setup token.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { RateLimiterMemory } from "rate-limiter-flexible";
import type { Stores } from "../storage";
import { createAuthCookieStorage, type CookieSessionStorage } from "./cookie";
import { hashPassword, verifyPassword } from "./passwords";

const SETUP_TOKEN_KEY = "setup_token_sha256";

export interface AuthService {
  cookies: CookieSessionStorage;
  hashPassword(password: string): Promise<string>;
  verifyPassword(hash: string, password: string): Promise<boolean>;
  /**
   * Counts one sign-in attempt for `key` (lower-cased email). Returns false when the key is over
   * 10 attempts in 15 min (OWASP Authentication Cheat Sheet: throttle per account).
   */
  allowSignInAttempt(key: string): Promise<boolean>;
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

export function createAuthService(opts: { stores: Stores; secret: string; secureCookies: boolean }): AuthService {
  const { stores } = opts;
  const signIns = new RateLimiterMemory({ points: 10, duration: 15 * 60 });
  return {
    cookies: createAuthCookieStorage({ secret: opts.secret, secure: opts.secureCookies }),
    hashPassword,
    verifyPassword,
    async allowSignInAttempt(key) {
      try {
        await signIns.consume(key.toLowerCase());
        return true;
      } catch {
        return false;
      }
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
