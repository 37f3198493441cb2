import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import * as Y from "yjs";
import { loadNotesDoc } from "../../server/notes/load";
import { checkpointsToPrune, DEFAULT_CHECKPOINT_RETENTION } from "../../server/notes/retention";
import { createKyselyNoteStore, createMemoryNoteStore, type NoteStore } from "../../server/notes/store";
import { openNotesSqlite, tempSqlitePath } from "../helpers/notes-sqlite";
import { postgresAdminUrl } from "../helpers/db";

/** The same contract for every implementation; `now` is the store's clock (tests move it). */
function contract(name: string, makeStore: (now: () => number) => Promise<{ store: NoteStore; done: () => Promise<void> }>) {
  describe(`NoteStore contract: ${name}`, () => {
    let store: NoteStore;
    let done: () => Promise<void>;
    let clock = Date.UTC(2026, 11, 1, 9, 0);
    beforeAll(async () => ({ store, done } = await makeStore(() => clock)));
    afterAll(async () => done());

    it("loads an unknown doc as empty", async () => {
      expect(await store.load("never")).toEqual({ checkpoint: null, updates: [] });
      expect(await store.listCheckpoints("never")).toEqual([]);
    });

    it("appends updates with increasing ids and loads them back byte for byte", async () => {
      const doc = new Y.Doc();
      const ups: Uint8Array[] = [];
      doc.on("update", (u: Uint8Array) => ups.push(u));
      doc.getText("t").insert(0, "hello");
      doc.getText("t").insert(5, " world");
      const id1 = await store.appendUpdate("d1", ups[0]);
      const other = await store.appendUpdate("d2", new Uint8Array([0, 0]));
      const id2 = await store.appendUpdate("d1", ups[1]);
      expect(id2).toBeGreaterThan(id1);
      expect(other).not.toBe(id1);
      const loaded = await store.load("d1");
      expect(loaded.checkpoint).toBeNull();
      expect(loaded.updates.map((u) => u.id)).toEqual([id1, id2]);
      expect(loaded.updates[1].update).toEqual(ups[1]);
      expect(loaded.updates[0].update).toBeInstanceOf(Uint8Array);
      expect(typeof loaded.updates[0].createdAt).toBe("number");
      const copy = new Y.Doc();
      loaded.updates.forEach((u) => Y.applyUpdate(copy, u.update));
      expect(copy.getText("t").toString()).toBe("hello world");
    });

    it("appends a batch (group commit) with ascending ids in order, also past one INSERT's row count", async () => {
      const small = [new Uint8Array([1]), new Uint8Array([2, 2]), new Uint8Array([3, 3, 3])];
      const ids = await store.appendUpdates("g1", small);
      expect(ids).toHaveLength(3);
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      expect(new Set(ids).size).toBe(3);
      expect(await store.appendUpdates("g1", [])).toEqual([]);
      // 1 200 rows: more than one multi-row INSERT (500 rows each), so the chunks share one transaction.
      const big = Array.from({ length: 1200 }, (_, i) => new Uint8Array([i & 0xff, i >> 8]));
      const bigIds = await store.appendUpdates("g1", big);
      expect(bigIds).toHaveLength(1200);
      expect(bigIds[0]).toBeGreaterThan(ids[2]);
      for (let i = 1; i < bigIds.length; i++) expect(bigIds[i]).toBeGreaterThan(bigIds[i - 1]);
      const loaded = await store.updatesBetween("g1", 0);
      expect(loaded.map((u) => u.id)).toEqual([...ids, ...bigIds]);
      expect(loaded.map((u) => [...u.update])).toEqual([...small, ...big].map((u) => [...u]));
    });

    it("loads from the latest checkpoint plus later updates, keeps every checkpoint and update", async () => {
      const a = await store.appendUpdate("d3", new Uint8Array([1]));
      const b = await store.appendUpdate("d3", new Uint8Array([2]));
      await store.writeCheckpoint("d3", a, new Uint8Array([9, 9]));
      await store.writeCheckpoint("d3", a, new Uint8Array([7])); // duplicate: ignored
      const c = await store.appendUpdate("d3", new Uint8Array([3]));
      await store.writeCheckpoint("d3", b, new Uint8Array([8, 8, 8]));
      const loaded = await store.load("d3");
      expect(loaded.checkpoint).toMatchObject({ uptoId: b, state: new Uint8Array([8, 8, 8]) });
      expect(loaded.updates.map((u) => u.id)).toEqual([c]);
      expect((await store.listCheckpoints("d3")).map((x) => [x.uptoId, x.bytes])).toEqual([
        [a, 2],
        [b, 3],
      ]);
      expect((await store.readCheckpoint("d3", a))?.state).toEqual(new Uint8Array([9, 9]));
      expect(await store.readCheckpoint("d3", 999999)).toBeNull();
      expect((await store.updatesBetween("d3", 0)).map((u) => u.id)).toEqual([a, b, c]);
      expect((await store.updatesBetween("d3", a, b)).map((u) => u.id)).toEqual([b]);
    });

    it("thins older checkpoints as it writes one (one per doubling of age), never the newest, never an update", async () => {
      // A 3-hour session: a checkpoint every minute. Expected = the rule applied after every write.
      const MIN = 60_000;
      const start = clock;
      let expected: Array<{ uptoId: number; createdAt: number }> = [];
      const ids: number[] = [];
      for (let m = 0; m < 180; m++) {
        clock = start + m * MIN;
        const id = await store.appendUpdate("d4", new Uint8Array([m & 0xff]));
        ids.push(id);
        await store.writeCheckpoint("d4", id, new Uint8Array(m + 1));
        expected.push({ uptoId: id, createdAt: clock });
        const drop = new Set(checkpointsToPrune(expected));
        expected = expected.filter((c) => !drop.has(c.uptoId));
      }
      const kept = await store.listCheckpoints("d4");
      expect(kept.map((c) => c.uptoId)).toEqual(expected.map((c) => c.uptoId));
      expect(kept.at(-1)!.uptoId).toBe(ids.at(-1));
      expect(kept.length).toBeLessThanOrEqual(3 + Math.floor(Math.log2((179 * MIN) / DEFAULT_CHECKPOINT_RETENTION.baseMs)));
      expect(kept.length).toBeGreaterThanOrEqual(5);
      // Every update stays; the newest checkpoint is what a load starts from; pruning again is a no-op.
      expect((await store.updatesBetween("d4", 0)).map((u) => u.id)).toEqual(ids);
      // Paging (replay loads read the log ≤ N rows at a time).
      expect((await store.updatesBetween("d4", 0, undefined, 3)).map((u) => u.id)).toEqual(ids.slice(0, 3));
      expect((await store.updatesBetween("d4", ids[2], ids[5], 10)).map((u) => u.id)).toEqual(ids.slice(3, 6));
      expect((await store.load("d4")).checkpoint!.state).toEqual(new Uint8Array(180));
      expect(await store.pruneCheckpoints("d4")).toBe(0);
      // A narrower rule thins further on request, still keeping the newest.
      expect(await store.pruneCheckpoints("d4", { baseMs: 60 * MIN })).toBeGreaterThan(0);
      expect((await store.listCheckpoints("d4")).at(-1)!.uptoId).toBe(ids.at(-1));
      clock = start;
    });
  });
}

contract("memory", async (now) => ({ store: createMemoryNoteStore(now), done: async () => {} }));

contract("sqlite (kysely + better-sqlite3)", async (now) => {
  const tmp = tempSqlitePath();
  const db = await openNotesSqlite(tmp.file);
  return {
    store: createKyselyNoteStore(db, now),
    done: async () => {
      await db.destroy();
      tmp.cleanup();
    },
  };
});

// Postgres at 127.0.0.1:5432 like the storage contract suite (TEST_POSTGRES_URL overrides; .ci/run starts
// it); each run uses its own schema so parallel runs do not collide.
const pgUrl = postgresAdminUrl();
contract(
  "postgres (kysely + pg)",
  async (now) => {
    const schema = `notes_test_${process.pid}_${Date.now()}`;
    const pool = new pg.Pool({ connectionString: pgUrl, max: 2 });
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    await sql`create schema ${sql.id(schema)}`.execute(db);
    await sql`create table ${sql.id(schema, "note_updates")} (id bigserial primary key, doc_name text not null, "update" bytea not null, created_at bigint not null)`.execute(db);
    await sql`create table ${sql.id(schema, "note_checkpoints")} (doc_name text not null, upto_update_id bigint not null, state bytea not null, created_at bigint not null, primary key (doc_name, upto_update_id))`.execute(db);
    return {
      store: createKyselyNoteStore(db.withSchema(schema), now),
      done: async () => {
        await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
        await db.destroy();
      },
    };
  },
);

describe("loadNotesDoc", () => {
  it("replays the full log when the latest checkpoint is unreadable, and skips a poisoned update", async () => {
    const store = createMemoryNoteStore();
    const src = new Y.Doc();
    const ups: Uint8Array[] = [];
    src.on("update", (u: Uint8Array) => ups.push(u));
    src.getText("t").insert(0, "ab");
    src.getText("t").insert(2, "cd");
    const first = await store.appendUpdate("d", ups[0]);
    await store.appendUpdate("d", new Uint8Array([0, 5, 0xff])); // poisoned row
    const last = await store.appendUpdate("d", ups[1]);
    await store.writeCheckpoint("d", first, new Uint8Array([0xff, 0xff, 0xff]));
    const errors: string[] = [];
    const logger = { debug() {}, info() {}, warn() {}, error: (_o: object, msg?: string) => void errors.push(msg ?? "") };
    const loaded = await loadNotesDoc(store, "d", { logger, maxPendingStructBytes: 1 << 20 });
    expect(loaded.doc.getText("t").toString()).toBe("abcd");
    expect(loaded.lastUpdateId).toBe(last);
    expect(loaded.checkpointUptoId).toBe(0);
    expect(errors).toEqual(["notes: checkpoint unreadable, replaying all updates", "notes: stored update cannot be applied, skipped"]);
  });
});
