/**
 * Notes at a moment: the state of a session's notes doc as it was at time t, from the stored update
 * log and its checkpoints (server/notes/store.ts).
 *
 * How a seek works (C checkpoints, U updates between two checkpoints — 500 by default):
 * 1. The checkpoint list is cached per doc (refreshed after `metaTtlMs`, so a live session's new
 *    checkpoints show up). A checkpoint "covers until" the createdAt of its last update (`uptoId`),
 *    read lazily and cached; the latest checkpoint covering until ≤ t is found by binary search:
 *    O(log C) cheap queries the first time, none after.
 * 2. The "chunk" after it — the updates up to the next checkpoint, ≤ U rows, one query — is the only
 *    part of the log that can be at or before t without being in that checkpoint. Updates are applied
 *    in id order up to the first one with createdAt > t: createdAt is the server clock at append, so it
 *    does not decrease with id (a clock stepped back would end a chunk early, never show later text).
 * 3. The decoded doc, the checkpoint bytes and the chunk's updates stay in an LRU of "cursors" keyed by
 *    (doc, checkpoint): seeking forward in the same chunk applies only the new updates; seeking back
 *    re-decodes the checkpoint. Play-back at 60× therefore costs a few applied updates per step.
 *
 * Only plain text leaves (app/domain/replay/notes.ts): no client ids, no awareness, no authorship.
 */
import * as Y from "yjs";
import type { NoteStore, StoredNoteUpdate } from "../notes/store";
import { panelNotesView, type PanelNotesView } from "../../app/domain/replay/notes";
import { createLru } from "./lru";

/** The read side of a {@link NoteStore} that replay needs. */
export type NoteHistory = Pick<NoteStore, "listCheckpoints" | "readCheckpoint" | "updatesBetween">;

export interface NotesReplayOptions {
  /** Decoded docs kept (LRU entries, each one doc × checkpoint); default 16. */
  cursors?: number;
  /** Docs whose checkpoint lists are kept; default 256. */
  docs?: number;
  /** How long a doc's checkpoint list is reused before re-reading it (ms); default 2000. */
  metaTtlMs?: number;
  /** Clock in epoch ms (tests). */
  now?: () => number;
  /** Told about stored updates that cannot be applied (they are skipped, like the notes server does). */
  onSkippedUpdate?: (info: { docName: string; updateId: number; err: unknown }) => void;
}

/** Notes of some panels at a time t. */
export interface NotesAt {
  panels: PanelNotesView[];
  /** How many stored updates (after the checkpoint) were folded to get here; a diagnostic, not an identity. */
  appliedSinceCheckpoint: number;
}

export interface NotesReplay {
  /**
   * Notes of `panelIds` in doc `docName` as they were at `t` (epoch ms): every update with createdAt ≤ t,
   * nothing later. A doc never written gives empty panels.
   * @throws whatever the history store throws.
   */
  notesAt(docName: string, t: number, panelIds: readonly string[]): Promise<NotesAt>;
  /** Drops cached state of one doc (e.g. after a restore). */
  forget(docName: string): void;
}

interface Meta {
  fetchedAt: number;
  checkpoints: Array<{ uptoId: number; createdAt: number }>;
}

interface Cursor {
  /** Checkpoint state, null for the chunk before the first checkpoint. */
  state: Uint8Array | null;
  /** Updates after the checkpoint up to `to` (or all so far when `to` is null), ascending. */
  updates: StoredNoteUpdate[];
  to: number | null;
  doc: Y.Doc;
  applied: number;
}

/** Number of updates with createdAt ≤ t (createdAt non-decreasing with id, see the file comment). */
function countUpTo(updates: readonly StoredNoteUpdate[], t: number): number {
  let lo = 0;
  let hi = updates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (updates[mid].createdAt <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Creates the seek engine over `history`; one per process is enough (it is keyed by doc name). */
export function createNotesReplay(history: NoteHistory, opts: NotesReplayOptions = {}): NotesReplay {
  const now = opts.now ?? Date.now;
  const metaTtlMs = opts.metaTtlMs ?? 2000;
  // Per doc: the checkpoint list and, immutable once read, the createdAt of each checkpoint's last update.
  // Bounded (a checkpoint list is ~20 bytes × C) so a long-running process does not grow without end.
  const docs = createLru<string, { meta: Meta | null; covers: Map<number, number> }>(opts.docs ?? 256);
  const cursorKeys = new Map<string, Set<string>>();
  const cursors = createLru<string, Cursor>(opts.cursors ?? 16, (c, key) => {
    c.doc.destroy();
    const docName = key.slice(0, key.indexOf("\u0000"));
    const keys = cursorKeys.get(docName);
    keys?.delete(key);
    if (keys?.size === 0) cursorKeys.delete(docName);
  });
  const docInfo = (docName: string) => {
    let d = docs.get(docName);
    if (!d) docs.set(docName, (d = { meta: null, covers: new Map() }));
    return d;
  };
  const locks = new Map<string, Promise<unknown>>();

  const decode = (state: Uint8Array | null) => {
    const doc = new Y.Doc({ gc: false });
    if (state) Y.applyUpdate(doc, state);
    return doc;
  };

  async function meta(docName: string): Promise<Meta> {
    const info = docInfo(docName);
    if (info.meta && now() - info.meta.fetchedAt < metaTtlMs) return info.meta;
    const list = await history.listCheckpoints(docName);
    info.meta = { fetchedAt: now(), checkpoints: list.map((c) => ({ uptoId: c.uptoId, createdAt: c.createdAt })) };
    return info.meta;
  }

  async function coversUntil(docName: string, cp: { uptoId: number; createdAt: number }): Promise<number> {
    const byId = docInfo(docName).covers;
    const known = byId.get(cp.uptoId);
    if (known !== undefined) return known;
    const [last] = await history.updatesBetween(docName, cp.uptoId - 1, cp.uptoId);
    // No such row would be a store bug; the checkpoint's own time is then the safe upper bound.
    const at = last?.createdAt ?? cp.createdAt;
    byId.set(cp.uptoId, at);
    return at;
  }

  /** Index of the latest checkpoint covering until ≤ t, or -1. */
  async function checkpointIndex(docName: string, list: Meta["checkpoints"], t: number): Promise<number> {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((await coversUntil(docName, list[mid])) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  async function seek(docName: string, t: number, panelIds: readonly string[]): Promise<NotesAt> {
    const { checkpoints } = await meta(docName);
    const i = await checkpointIndex(docName, checkpoints, t);
    const from = i >= 0 ? checkpoints[i].uptoId : 0;
    const to = i + 1 < checkpoints.length ? checkpoints[i + 1].uptoId : null;
    const key = `${docName}\u0000${from}`;
    let cursor = cursors.get(key);
    if (!cursor) {
      const state = i >= 0 ? ((await history.readCheckpoint(docName, from))?.state ?? null) : null;
      if (i >= 0 && !state) throw new Error(`notes checkpoint ${docName}@${from} vanished`);
      const updates = await history.updatesBetween(docName, from, to ?? undefined);
      cursor = { state, updates, to, doc: decode(state), applied: 0 };
      cursors.set(key, cursor);
      if (!cursorKeys.has(docName)) cursorKeys.set(docName, new Set());
      cursorKeys.get(docName)!.add(key);
    } else if (cursor.to === null) {
      // Open chunk (after the newest checkpoint, live session): read only what was appended since.
      const lastId = cursor.updates.length ? cursor.updates[cursor.updates.length - 1].id : from;
      cursor.updates.push(...(await history.updatesBetween(docName, lastId, to ?? undefined)));
      cursor.to = to;
    }
    const target = countUpTo(cursor.updates, t);
    if (target < cursor.applied) {
      cursor.doc.destroy();
      cursor.doc = decode(cursor.state);
      cursor.applied = 0;
    }
    for (; cursor.applied < target; cursor.applied++) {
      const u = cursor.updates[cursor.applied];
      try {
        Y.applyUpdate(cursor.doc, u.update);
      } catch (err) {
        opts.onSkippedUpdate?.({ docName, updateId: u.id, err });
      }
    }
    return { panels: panelIds.map((id) => panelNotesView(cursor.doc, id)), appliedSinceCheckpoint: target };
  }

  return {
    notesAt(docName, t, panelIds) {
      // One seek per doc at a time: seeks share (and mutate) the cached cursor doc.
      const run = (locks.get(docName) ?? Promise.resolve()).catch(() => undefined).then(() => seek(docName, t, panelIds));
      locks.set(docName, run);
      void run.finally(() => locks.get(docName) === run && locks.delete(docName)).catch(() => undefined);
      return run;
    },
    forget(docName) {
      docs.delete(docName);
      for (const key of [...(cursorKeys.get(docName) ?? [])]) cursors.delete(key);
    },
  };
}
