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

export const defaultNewId = (): string => randomUUID();

/** JSON.parse typed as T; stored JSON was validated on write, so it is trusted on read. */
export const fromJson = <T>(text: string): T => JSON.parse(text) as T;

/** JSON with object keys sorted, so equal content always gives the same text (and hash). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
