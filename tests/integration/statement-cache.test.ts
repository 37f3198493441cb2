/**
 * The prepared-statement cache under Kysely's SQLite driver (server/storage/db.ts), on a real SQLite
 * file: statements are reused per SQL text, a statement still iterating is not shared, the oldest
 * text goes past the cap, and results stay right after a schema change.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, sql, SqliteDialect } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withStatementCache } from "../../server/storage/db";

let dir: string;
let raw: SQLite.Database;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "rt-stmt-"));
  raw = new SQLite(path.join(dir, "t.sqlite"));
  raw.exec("create table t (id integer primary key, v text)");
  raw.exec("insert into t (v) values ('a'), ('b'), ('c')");
});
afterEach(() => {
  if (raw.open) raw.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("withStatementCache", () => {
  it("hands out the same compiled statement for the same SQL text, a new one for another text", () => {
    const db = withStatementCache(raw);
    const a = db.prepare("select v from t where id = ?");
    expect(db.prepare("select v from t where id = ?")).toBe(a);
    expect(db.prepare("select v from t where id > ?")).not.toBe(a);
    expect(a.all([2])).toEqual([{ v: "b" }]);
  });

  it("does not share a statement that is still iterating (a streamed select)", () => {
    const db = withStatementCache(raw);
    const text = "select v from t order by id";
    const first = db.prepare(text);
    const iter = first.iterate([]);
    expect(iter.next().value).toEqual({ v: "a" });
    const second = db.prepare(text);
    expect(second).not.toBe(first);
    // Both run: the fresh one from the start, the busy one carries on where it was.
    expect(second.all([])).toEqual([{ v: "a" }, { v: "b" }, { v: "c" }]);
    expect([...iter]).toEqual([{ v: "b" }, { v: "c" }]);
    // Done iterating: the cached one is handed out again.
    expect(db.prepare(text)).toBe(first);
  });

  it("keeps at most `size` texts, dropping the least recently used", () => {
    const db = withStatementCache(raw, 2);
    const one = db.prepare("select 1");
    const two = db.prepare("select 2");
    expect(db.prepare("select 1")).toBe(one); // "select 2" is now the oldest
    db.prepare("select 3");
    expect(db.prepare("select 1")).toBe(one);
    expect(db.prepare("select 2")).not.toBe(two);
  });

  it("answers through Kysely as before, also after the schema changed under a cached statement", async () => {
    const k = new Kysely<{ t: { id: number; v: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
    const read = () => k.selectFrom("t").selectAll().orderBy("id").execute();
    expect((await read()).map((r) => r.v)).toEqual(["a", "b", "c"]);
    await sql`alter table t add column w text default 'x'`.execute(k);
    const rows = await read();
    expect(rows[0]).toEqual({ id: 1, v: "a", w: "x" });
    await k.destroy();
    expect(raw.open).toBe(false);
  });
});
