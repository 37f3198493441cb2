/**
 * Opens the database and brings its schema up to date. SQLite file by default (no setup),
 * Postgres when `databaseUrl` is a `postgres://` or `postgresql://` URL.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type SqliteDatabase } from "kysely";
import pg from "pg";
import { migrationProvider, type Dialect } from "./migrations";
import type { Database } from "./schema";

export type { Dialect } from "./migrations";

/** An open database. `close()` ends the pool / closes the file; idempotent. */
export interface Storage {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

/** Minimal logger shape (pino fits). */
export interface StorageLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface DatabaseOptions {
  /** `postgres://…` / `postgresql://…` selects Postgres; anything else (or unset) uses `sqlitePath`. */
  databaseUrl?: string;
  /** SQLite file; its parent directory is created. `:memory:` works for throwaway use. */
  sqlitePath: string;
  logger?: StorageLogger;
  /** Postgres pool size; default 10 (pg's default). */
  poolSize?: number;
}

/** True for `postgres://…` and `postgresql://…` URLs (case-insensitive scheme). */
export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//i.test(url);

/** pg type OID of int8/bigint (also `count(*)` and bigserial). */
const INT8_OID = 20;

function openSqlite(path: string): Kysely<Database> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  // WAL: a committed write survives a crash and readers do not block the writer.
  database.pragma("journal_mode = WAL");
  // NORMAL is durable against process crashes under WAL (only an OS crash can lose the last commits).
  database.pragma("synchronous = NORMAL");
  // SQLite ships with foreign keys off, per connection.
  database.pragma("foreign_keys = ON");
  // 5 s: wait for another process's write lock (e.g. a CLI script) instead of failing at once.
  database.pragma("busy_timeout = 5000");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

/**
 * Prepared statements kept per SQL text (at most this many, least recently used dropped). Kysely's
 * SQLite driver prepares every query anew; the app sends a few hundred distinct texts, so nearly
 * every query then runs an already compiled statement. Preparing the 500-row answer upsert took
 * ~1 ms of each 500 answers stored (bench:polls profile).
 */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * `database` as Kysely's driver sees it, with {@link STATEMENT_CACHE_SIZE} cached statements.
 * A cached statement still iterating (`busy`: a streamed select not finished) is not shared: that
 * query gets a fresh one, as better-sqlite3 refuses to run a busy statement. SQLite re-prepares a
 * statement by itself when the schema changed (migrations), so a cached one never runs stale.
 */
export function withStatementCache(database: SQLite.Database, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql) {
      const hit = cache.get(sql);
      if (hit && !hit.busy) {
        // Map order is insertion order: re-inserting marks it most recently used.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = database.prepare(sql);
      if (!hit) {
        cache.set(sql, stmt);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
    close() {
      cache.clear();
      database.close();
    },
  };
}

function openPostgres(url: string, poolSize: number, logger?: StorageLogger): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Per-pool parser (not the global pg.types): epoch-ms bigints are far below 2^53, so numbers are exact.
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === INT8_OID && format !== "binary" ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  // An idle pooled connection can be ended by the server (restart, failover, pg_terminate_backend).
  // pg emits that as a pool 'error' event, which without a listener would crash the process; the pool
  // drops the dead client and the next query opens a new one, so logging is all that is needed here.
  pool.on("error", (err) => logger?.warn({ err: err.message }, "postgres idle connection lost"));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Applies pending migrations.
 * @throws Error naming the failed migration (the database is left at the last good one).
 */
export async function migrate(db: Kysely<Database>, dialect: Dialect, logger?: StorageLogger): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === "Success") logger?.info({ migration: r.migrationName }, "migration applied");
    else if (r.status === "Error") logger?.error({ migration: r.migrationName }, "migration failed");
  }
  if (error) throw new Error(`database migration failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/**
 * Opens SQLite or Postgres and migrates to the latest schema.
 * @example const storage = await createDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: "data/roundtable.sqlite" });
 * @throws when the database cannot be opened or a migration fails (the connection is closed first).
 */
export async function createDatabase(opts: DatabaseOptions): Promise<Storage> {
  const dialect: Dialect = isPostgresUrl(opts.databaseUrl) ? "postgres" : "sqlite";
  const db = dialect === "postgres" ? openPostgres(opts.databaseUrl!, opts.poolSize ?? 10, opts.logger) : openSqlite(opts.sqlitePath);
  try {
    await migrate(db, dialect, opts.logger);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  let closed: Promise<void> | null = null;
  return { db, dialect, close: () => (closed ??= db.destroy()) };
}
