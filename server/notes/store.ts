/**
 * Durable storage of notes documents as an append-only update log plus checkpoints.
 *
 * History of a doc = its checkpoints + every update ever accepted. Updates are never deleted: a
 * checkpoint is a merged state that cannot be split again, so replay ("how did the notes evolve")
 * needs the individual updates; checkpoints only make loading and seeking fast. Older checkpoints are
 * thinned when a new one is written (./retention.ts): the newest always stays.
 */
import { checkpointsToPrune, DEFAULT_CHECKPOINT_RETENTION, type CheckpointRetention } from "./retention";

/** One accepted Yjs update (v1 encoding). */
export interface StoredNoteUpdate {
  /** Store-assigned id, strictly increasing per doc in append order. */
  id: number;
  update: Uint8Array;
  /** Epoch ms when it was appended (server clock). */
  createdAt: number;
}

/** A merged state of a doc covering every update with `id <= uptoId`. */
export interface NoteCheckpoint {
  uptoId: number;
  /** `Y.encodeStateAsUpdate(doc)` (v1). */
  state: Uint8Array;
  /** Epoch ms. */
  createdAt: number;
}

/** What a doc is loaded from: the latest checkpoint (if any) and every update after it, ascending by id. */
export interface LoadedNoteDoc {
  checkpoint: NoteCheckpoint | null;
  updates: StoredNoteUpdate[];
}

/**
 * Storage of notes docs. Implementations: {@link createMemoryNoteStore} (tests) and
 * `createKyselyNoteStore` (SQLite/Postgres, ./store-kysely). Methods reject on storage errors; the notes
 * server retries appends and never applies an update whose append did not resolve.
 */
export interface NoteStore {
  /** Appends one update; resolves with its id once it is durable. */
  appendUpdate(docName: string, update: Uint8Array): Promise<number>;
  /**
   * Appends several updates of one doc in ONE transaction (all or none): the notes server's group commit.
   * Resolves with their ids in the given order (strictly increasing) once all are durable.
   */
  appendUpdates(docName: string, updates: readonly Uint8Array[]): Promise<number[]>;
  /** Latest checkpoint and the updates after it (ascending). A doc never written loads as `{ null, [] }`. */
  load(docName: string): Promise<LoadedNoteDoc>;
  /**
   * Stores a checkpoint and, in the same transaction, thins the doc's older ones by the retention rule
   * (./retention.ts; the newest is always kept). Writing the same (docName, uptoId) twice is a no-op.
   */
  writeCheckpoint(docName: string, uptoId: number, state: Uint8Array): Promise<void>;
  /**
   * Deletes the checkpoints `checkpointsToPrune(list, retention)` names (never an update, never the
   * newest checkpoint). Resolves with how many were deleted.
   */
  pruneCheckpoints(docName: string, retention?: CheckpointRetention): Promise<number>;
  /** Checkpoint metadata, ascending by `uptoId` (no state bytes: use {@link NoteStore.readCheckpoint}). */
  listCheckpoints(docName: string): Promise<Array<{ uptoId: number; createdAt: number; bytes: number }>>;
  /** One checkpoint with its state, or null. */
  readCheckpoint(docName: string, uptoId: number): Promise<NoteCheckpoint | null>;
  /**
   * Updates with `afterId < id <= uptoId` (uptoId omitted = no upper bound), ascending; at most `limit`
   * of them (the first ones) when given, so a reader can page through a long log.
   */
  updatesBetween(docName: string, afterId: number, uptoId?: number, limit?: number): Promise<StoredNoteUpdate[]>;
}

/**
 * In-memory {@link NoteStore} for tests and single-process demos; ids are global like an autoincrement column.
 * @param opts.retention rule `writeCheckpoint` thins by; null keeps every checkpoint (tests of the rule).
 */
export function createMemoryNoteStore(
  now: () => number = Date.now,
  opts: { retention?: CheckpointRetention | null } = {},
): NoteStore & { updateCount(): number } {
  const retention = opts.retention === undefined ? DEFAULT_CHECKPOINT_RETENTION : opts.retention;
  const updates = new Map<string, StoredNoteUpdate[]>();
  const checkpoints = new Map<string, NoteCheckpoint[]>();
  let nextId = 1;
  const copy = (u: Uint8Array) => new Uint8Array(u);
  const between = (docName: string, afterId: number, uptoId = Infinity, limit = Infinity) =>
    (updates.get(docName) ?? [])
      .filter((u) => u.id > afterId && u.id <= uptoId)
      .slice(0, limit)
      .map((u) => ({ ...u, update: copy(u.update) }));

  const append = (docName: string, batch: readonly Uint8Array[]): number[] => {
    const list = updates.get(docName) ?? [];
    const at = now();
    const ids = batch.map((update) => {
      const id = nextId++;
      list.push({ id, update: copy(update), createdAt: at });
      return id;
    });
    updates.set(docName, list);
    return ids;
  };

  const prune = (docName: string, rule: CheckpointRetention): number => {
    const list = checkpoints.get(docName) ?? [];
    const drop = new Set(checkpointsToPrune(list, rule));
    if (drop.size) checkpoints.set(docName, list.filter((c) => !drop.has(c.uptoId)));
    return drop.size;
  };

  return {
    async appendUpdate(docName, update) {
      return append(docName, [update])[0];
    },
    async appendUpdates(docName, batch) {
      return append(docName, batch);
    },
    async load(docName) {
      const list = checkpoints.get(docName) ?? [];
      const last = list[list.length - 1];
      const checkpoint = last ? { ...last, state: copy(last.state) } : null;
      return { checkpoint, updates: between(docName, checkpoint?.uptoId ?? 0) };
    },
    async writeCheckpoint(docName, uptoId, state) {
      const list = checkpoints.get(docName) ?? [];
      if (list.some((c) => c.uptoId === uptoId)) return;
      list.push({ uptoId, state: copy(state), createdAt: now() });
      list.sort((a, b) => a.uptoId - b.uptoId);
      checkpoints.set(docName, list);
      if (retention) prune(docName, retention);
    },
    async pruneCheckpoints(docName, rule = DEFAULT_CHECKPOINT_RETENTION) {
      return prune(docName, rule);
    },
    async listCheckpoints(docName) {
      return (checkpoints.get(docName) ?? []).map((c) => ({ uptoId: c.uptoId, createdAt: c.createdAt, bytes: c.state.byteLength }));
    },
    async readCheckpoint(docName, uptoId) {
      const c = (checkpoints.get(docName) ?? []).find((x) => x.uptoId === uptoId);
      return c ? { ...c, state: copy(c.state) } : null;
    },
    async updatesBetween(docName, afterId, uptoId, limit) {
      return between(docName, afterId, uptoId, limit);
    },
    updateCount() {
      let n = 0;
      for (const list of updates.values()) n += list.length;
      return n;
    },
  };
}

export { createKyselyNoteStore, type NotesTables } from "./store-kysely";
