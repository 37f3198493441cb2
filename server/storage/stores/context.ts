/** What every store gets: the (possibly transactional) kysely handle, the dialect and injectable clock/ids. */
import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { Dialect } from "../db";
import type { Database } from "../schema";

export interface StoreContext {
  /** A Kysely instance, or a Transaction when the stores were built inside `Stores.transaction`. */
  db: Kysely<Database>;
  dialect: Dialect;
  /** Clock in epoch ms. */
  now: () => number;
  /** New row id (text). Default: random UUID v4. */
  newId: () => string;
  /** Join code generator (default `generateJoinCode` from app/domain/session.ts). */
  joinCode: () => string;
}

/**
 * Runs `fn` in a transaction, or directly in the caller's transaction when `db` already is one
 * (kysely has no nested transactions; joining the outer one keeps the caller's atomicity).
 */
export function inTransaction<T>(db: Kysely<Database>, fn: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute((tx: Transaction<Database>) => fn(tx));
}

/** Random URL-safe secret: `bytes` random bytes (default 32 = 256 bits) as base64url (43 chars). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString("base64url");

/** Default id generator: a random UUID v4. */
export const defaultNewId = (): string => randomUUID();

/** JSON.parse typed as T; stored JSON was validated on write, so it is trusted on read. */
export const fromJson = <T>(text: string): T => JSON.parse(text) as T;

/**
 * JSON with object keys sorted, so equal content always gives the same text (and hash).
 * Plain JSON data (the usual case: every stored answer) takes a direct writer, ~10× cheaper than
 * a `JSON.stringify` replacer that copies each object; anything else (`toJSON`, `undefined`
 * members, class instances…) takes the replacer, so the output is the same either way.
 */
export function canonicalJson(value: unknown): string {
  return plainCanonical(value) ?? replacerCanonical(value);
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** An array-index-like property name ("0", "17"; not "017" or 2^32-1), which JS objects order first. */
const isIndexKey = (k: string) => /^(0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4294967295;

function replacerCanonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => byKey(a, b)))
      : v,
  );
}

/** Canonical JSON of plain data (null, booleans, finite numbers, strings, arrays, plain objects); undefined for anything else. */
function plainCanonical(v: unknown): string | undefined {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "boolean":
      return v ? "true" : "false";
    case "number":
      return Number.isFinite(v) ? JSON.stringify(v) : undefined;
    case "object": {
      if (v === null) return "null";
      if (Array.isArray(v)) {
        const parts: string[] = [];
        for (const item of v) {
          const s = plainCanonical(item);
          if (s === undefined) return undefined;
          parts.push(s);
        }
        return `[${parts.join(",")}]`;
      }
      const proto = Object.getPrototypeOf(v);
      if ((proto !== Object.prototype && proto !== null) || "toJSON" in (v as object)) return undefined;
      const keys = Object.keys(v);
      // One key (every poll answer's outer object: {choice}, {score}, {votes}…): nothing to order.
      if (keys.length === 1) {
        const s = plainCanonical((v as Record<string, unknown>)[keys[0]]);
        return s === undefined ? undefined : `{${JSON.stringify(keys[0])}:${s}}`;
      }
      keys.sort(byKey);
      // The replacer's rebuilt object lists integer-like keys first, ascending (JS property order): same here.
      if (keys.some(isIndexKey)) keys.sort((a, b) => (isIndexKey(a) ? (isIndexKey(b) ? Number(a) - Number(b) : -1) : isIndexKey(b) ? 1 : 0));
      const parts: string[] = [];
      for (const k of keys) {
        const s = plainCanonical((v as Record<string, unknown>)[k]);
        if (s === undefined) return undefined;
        parts.push(`${JSON.stringify(k)}:${s}`);
      }
      return `{${parts.join(",")}}`;
    }
    default:
      return undefined;
  }
}
