/**
 * Fresh, isolated databases for tests: a SQLite file in its own temp dir, or a new Postgres database
 * created for the caller and dropped by `cleanup()`. Each call is independent, so test files and
 * workers never share a database (CONVENTIONS.md: no shared database between workers).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { expect } from "vitest";
import pg from "pg";
import { createDatabase, type Storage } from "../../server/storage";

/** A migrated database plus how to open it again and how to throw it away. */
export interface FreshDatabase {
  storage: Storage;
  /** The `postgres://` URL of the database (Postgres only). */
  databaseUrl?: string;
  /** Opens a second handle on the same database (runs migrations again); the caller closes it. */
  reopen(): Promise<Storage>;
  /** Closes `storage` and deletes the file / drops the database. Idempotent. */
  cleanup(): Promise<void>;
}

/** Admin connection used to create and drop test databases; `TEST_POSTGRES_URL` overrides it. */
export const postgresAdminUrl = (): string => process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const once = (fn: () => Promise<void>) => {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
};

/** A new SQLite file in a new temp dir, migrated. */
export async function freshSqlite(): Promise<FreshDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "roundtable-db-"));
  const sqlitePath = join(dir, "data", "roundtable.sqlite");
  const storage = await createDatabase({ sqlitePath });
  return {
    storage,
    reopen: () => createDatabase({ sqlitePath }),
    cleanup: once(async () => {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }),
  };
}

/**
 * A new Postgres database `rt_test_<16 hex>` on the admin server, migrated.
 * @throws when the server is unreachable (these tests need the Postgres this machine runs).
 */
export async function freshPostgres(): Promise<FreshDatabase> {
  const adminUrl = postgresAdminUrl();
  const name = `rt_test_${randomBytes(8).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // The name is generated above from hex only, so interpolating it is safe.
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const open = () => createDatabase({ databaseUrl, sqlitePath: "unused-with-postgres" });
  const storage = await open();
  return {
    storage,
    databaseUrl,
    reopen: open,
    cleanup: once(async () => {
      await storage.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        // FORCE (Postgres 13+) ends connections a failed test may have left open.
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    }),
  };
}

/**
 * Every row of every table (migration bookkeeping aside), each table's rows as sorted JSON strings,
 * so two snapshots compare equal exactly when nothing stored changed. For "bad input changes
 * nothing" assertions; cheap on a test database (a few thousand rows).
 */
export async function snapshotTables(storage: Storage): Promise<Record<string, string[]>> {
  const tables = (await storage.db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith("kysely_"));
  const out: Record<string, string[]> = {};
  for (const name of tables.sort()) {
    // Table names come from the database's own catalogue, not from input.
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(storage.db);
    out[name] = rows.rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** Runs `bad` (which makes its own assertions) and asserts that not one stored row changed. */
export async function changesNothing(storage: Storage, bad: () => Promise<void>): Promise<void> {
  const before = await snapshotTables(storage);
  await bad();
  expect(await snapshotTables(storage)).toEqual(before);
}
