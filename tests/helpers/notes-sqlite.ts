/**
 * Test-only SQLite setup for the notes tables. The real schema lives in the storage migrations; this
 * mirrors its two notes tables so notes tests do not depend on that module.
 */
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Creates `note_updates` and `note_checkpoints` if missing (SQLite dialect). */
export async function createNotesTablesSqlite(db: Kysely<any>): Promise<void> {
  await sql`create table if not exists note_updates (
    id integer primary key autoincrement,
    doc_name text not null,
    "update" blob not null,
    created_at bigint not null
  )`.execute(db);
  await sql`create index if not exists note_updates_doc on note_updates (doc_name, id)`.execute(db);
  await sql`create table if not exists note_checkpoints (
    doc_name text not null,
    upto_update_id bigint not null,
    state blob not null,
    created_at bigint not null,
    primary key (doc_name, upto_update_id)
  )`.execute(db);
}

/** Opens (creating) a SQLite file in WAL mode with the notes tables. */
export async function openNotesSqlite(file: string): Promise<Kysely<any>> {
  const database = new Database(file);
  // WAL: a committed write survives the process being killed; it also lets readers run beside the writer.
  database.pragma("journal_mode = WAL");
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database }) });
  await createNotesTablesSqlite(db);
  return db;
}

/** A fresh temp dir with a `notes.sqlite` path; `cleanup()` removes it. */
export function tempSqlitePath(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "roundtable-notes-"));
  return { file: join(dir, "notes.sqlite"), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
