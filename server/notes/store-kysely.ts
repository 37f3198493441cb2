/**
 * {@link NoteStore} over kysely: one set of portable queries for SQLite (better-sqlite3) and Postgres (pg).
 *
 * Tables (created by the storage migrations, not here):
 * - `note_updates(id autoincrement/bigserial pk, doc_name text, update blob/bytea, created_at bigint ms)`
 * - `note_checkpoints(doc_name, upto_update_id, state blob/bytea, created_at bigint ms, pk(doc_name, upto_update_id))`
 * pg returns bigint columns as strings and both drivers return Buffers, hence the conversions below.
 */
import { sql, type Generated, type Kysely } from "kysely";
import { checkpointsToPrune, DEFAULT_CHECKPOINT_RETENTION, type CheckpointRetention } from "./retention";
import type { NoteCheckpoint, NoteStore, StoredNoteUpdate } from "./store";

/** The two tables this store needs, typed locally so it does not depend on the app-wide DB interface. */
export interface NotesTables {
  note_updates: { id: Generated<number | string>; doc_name: string; update: Uint8Array; created_at: number | string };
  note_checkpoints: { doc_name: string; upto_update_id: number | string; state: Uint8Array; created_at: number | string };
}

/**
 * Rows per INSERT statement: 3 bound parameters per row stays far below SQLite's (32 766) and Postgres's
 * (65 535) parameter limits, and one statement is atomic on its own.
 */
const ROWS_PER_INSERT = 500;

/** A copy as a plain Uint8Array (drivers hand out Buffers that may share a pooled ArrayBuffer). */
const bytes = (b: Uint8Array): Uint8Array => new Uint8Array(b);
/** better-sqlite3 binds Buffers but not bare Uint8Arrays; pg accepts both. */
const toBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * Creates the kysely-backed store.
 * @param db any Kysely instance whose database has the {@link NotesTables} tables (typed `any` so the
 *   app-wide `Kysely<DB>` can be passed without a cast).
 * @param now clock in epoch ms (injectable for tests).
 * @param opts.lockPerDoc Postgres only (scale-out): each append takes a transaction-scoped advisory lock
 *   on its doc name, so appends of one doc from several instances commit in id order. Without it two
 *   instances' transactions could commit ids 11 before 10, and a checkpoint "up to 11" written in
 *   between would miss 10 for every later load. One process needs no lock: its appends per doc are serial.
 */
export function createKyselyNoteStore(db: Kysely<any>, now: () => number = Date.now, opts: { lockPerDoc?: boolean } = {}): NoteStore {
  const k = db as Kysely<NotesTables>;
  const toUpdate = (r: { id: number | string; update: Uint8Array; created_at: number | string }): StoredNoteUpdate => ({
    id: Number(r.id),
    update: bytes(r.update),
    createdAt: Number(r.created_at),
  });
  const toCheckpoint = (r: { upto_update_id: number | string; state: Uint8Array; created_at: number | string }): NoteCheckpoint => ({
    uptoId: Number(r.upto_update_id),
    state: bytes(r.state),
    createdAt: Number(r.created_at),
  });

  const updatesBetween = async (docName: string, afterId: number, uptoId?: number, limit?: number) => {
    let q = k
      .selectFrom("note_updates")
      .select(["id", "update", "created_at"])
      .where("doc_name", "=", docName)
      .where("id", ">", afterId);
    if (uptoId !== undefined) q = q.where("id", "<=", uptoId);
    q = q.orderBy("id", "asc");
    if (limit !== undefined) q = q.limit(limit);
    const rows = await q.execute();
    return rows.map(toUpdate);
  };

  const insertRows = async (q: Kysely<NotesTables>, docName: string, updates: readonly Uint8Array[], at: number) => {
    const rows = await q
      .insertInto("note_updates")
      .values(updates.map((u) => ({ doc_name: docName, update: toBuffer(u), created_at: at })))
      .returning("id")
      .execute();
    if (rows.length !== updates.length) throw new Error(`note_updates insert returned ${rows.length} ids for ${updates.length} rows`);
    // One statement assigns ascending ids in VALUES order; sorting only guards against RETURNING order.
    return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  };

  /** Group commit: one multi-row INSERT per chunk, all chunks in one transaction. */
  const appendUpdates = async (docName: string, updates: readonly Uint8Array[]): Promise<number[]> => {
    if (updates.length === 0) return [];
    const at = now();
    if (updates.length <= ROWS_PER_INSERT && !opts.lockPerDoc) return insertRows(k, docName, updates, at);
    return k.transaction().execute(async (tx) => {
      if (opts.lockPerDoc) await sql`select pg_advisory_xact_lock(hashtext(${docName}))`.execute(tx);
      const ids: number[] = [];
      for (let i = 0; i < updates.length; i += ROWS_PER_INSERT) ids.push(...(await insertRows(tx, docName, updates.slice(i, i + ROWS_PER_INSERT), at)));
      return ids;
    });
  };

  /** Deletes what the retention rule drops (./retention.ts); reads metadata only, never state bytes. */
  const pruneIn = async (db: Kysely<NotesTables>, docName: string, retention: CheckpointRetention): Promise<number> => {
    const rows = await db.selectFrom("note_checkpoints").select(["upto_update_id", "created_at"]).where("doc_name", "=", docName).execute();
    const drop = checkpointsToPrune(
      rows.map((r) => ({ uptoId: Number(r.upto_update_id), createdAt: Number(r.created_at) })),
      retention,
    );
    if (drop.length === 0) return 0;
    await db.deleteFrom("note_checkpoints").where("doc_name", "=", docName).where("upto_update_id", "in", drop).execute();
    return drop.length;
  };

  return {
    async appendUpdate(docName, update) {
      return (await appendUpdates(docName, [update]))[0];
    },
    appendUpdates,
    async load(docName) {
      // Checkpoint first, then the updates after it: updates are never deleted, so a checkpoint written
      // between the two queries cannot make this read miss anything.
      const row = await k
        .selectFrom("note_checkpoints")
        .select(["upto_update_id", "state", "created_at"])
        .where("doc_name", "=", docName)
        .orderBy("upto_update_id", "desc")
        .limit(1)
        .executeTakeFirst();
      const checkpoint = row ? toCheckpoint(row) : null;
      return { checkpoint, updates: await updatesBetween(docName, checkpoint?.uptoId ?? 0) };
    },
    async writeCheckpoint(docName, uptoId, state) {
      // Write and thin in one transaction: a failure leaves the checkpoints as they were. (A store made on
      // a transaction, as the benches do, runs inside that one: Kysely has no nested transactions.)
      const inTransaction = <T>(fn: (tx: Kysely<NotesTables>) => Promise<T>) => (k.isTransaction ? fn(k) : k.transaction().execute(fn));
      await inTransaction(async (tx) => {
        await tx
          .insertInto("note_checkpoints")
          .values({ doc_name: docName, upto_update_id: uptoId, state: toBuffer(state), created_at: now() })
          .onConflict((oc) => oc.columns(["doc_name", "upto_update_id"]).doNothing())
          .execute();
        await pruneIn(tx, docName, DEFAULT_CHECKPOINT_RETENTION);
      });
    },
    pruneCheckpoints: (docName, retention = DEFAULT_CHECKPOINT_RETENTION) => pruneIn(k, docName, retention),
    async listCheckpoints(docName) {
      const rows = await k
        .selectFrom("note_checkpoints")
        // length() of a blob/bytea is its size in bytes in both SQLite and Postgres.
        .select((eb) => ["upto_update_id", "created_at", eb.fn<number | string>("length", ["state"]).as("bytes")])
        .where("doc_name", "=", docName)
        .orderBy("upto_update_id", "asc")
        .execute();
      return rows.map((r) => ({ uptoId: Number(r.upto_update_id), createdAt: Number(r.created_at), bytes: Number(r.bytes) }));
    },
    async readCheckpoint(docName, uptoId) {
      const row = await k
        .selectFrom("note_checkpoints")
        .select(["upto_update_id", "state", "created_at"])
        .where("doc_name", "=", docName)
        .where("upto_update_id", "=", uptoId)
        .executeTakeFirst();
      return row ? toCheckpoint(row) : null;
    },
    updatesBetween,
  };
}
