/**
 * Column types that differ between the two dialects. Everything else (text, integer, bigint) is
 * spelled the same in SQLite and Postgres, so the migrations stay one set.
 */
import type { ColumnDataType, CreateTableBuilder, Migration } from "kysely";

export type Dialect = "sqlite" | "postgres";

/** A migration built for one dialect (the provider closes over it). */
export type MigrationFactory = (dialect: Dialect) => Migration;

/** Binary column: `blob` on SQLite, `bytea` on Postgres; both read back as Buffer. */
export const binary = (d: Dialect): ColumnDataType => (d === "postgres" ? "bytea" : "blob");

/**
 * Adds an auto-incrementing integer primary key `id`: `bigserial` on Postgres; on SQLite it must be
 * spelled `integer primary key` to alias the rowid, and `autoincrement` so ids are never reused
 * after a delete (checkpoints refer to update ids).
 */
export function serialId<T extends string>(d: Dialect, t: CreateTableBuilder<T, never>): CreateTableBuilder<T, "id"> {
  return d === "postgres"
    ? t.addColumn("id", "bigserial", (c) => c.primaryKey())
    : t.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement());
}

/** Epoch milliseconds: a JS number fits in int8 until year 287396. */
export const MS: ColumnDataType = "bigint";
