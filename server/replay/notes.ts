/**
 * Notes at a moment: a session's notes doc as it read at time t, from the stored update log and its
 * checkpoints (server/notes/store.ts). Exact: every update with createdAt ≤ t shows, nothing later.
 *
 * Why snapshots rather than "decode the checkpoint before t, then apply the updates after it": a
 * checkpoint of a 3-hour `gc:false` doc is megabytes and decoding one takes 100–300 ms, so a scrubber
 * that hits a different checkpoint on every seek cannot stay under the 150 ms budget (measured in
 * bench/replay.ts). Instead each doc is loaded ONCE per process (latest checkpoint + later updates: the
 * notes server's own load path) together with a time index of every update (./notes-index.ts); the
 * state at t is then "what existed after the first K updates", K = updates with createdAt ≤ t, and the
 * panel is read through that view without copying or mutating the doc:
 * - open (cold): O(total update bytes) — read the log in checkpoint-sized pages, index, decode once;
 * - seek: O(log n) for K, O(clients · log n) for the view, O(panel items · log D) to read the panel.
 * Loaded docs live in a small LRU (default 4 docs; a 3-hour doc is tens of MB in memory). A live
 * session's doc picks up newly appended updates at most every `refreshMs`.
 *
 * createdAt is the server clock at append, so it does not decrease with id; "createdAt ≤ t" is then a
 * prefix of the log (a clock stepped back would end the prefix early, never show later text).
 * Only plain text leaves (app/domain/replay/notes.ts): no client ids, no awareness, no authorship.
 */
import * as Y from "yjs";
import type { NoteStore } from "../notes/store";
import { panelNotesView, type PanelNotesView } from "../../app/domain/replay/notes";
import { createLru } from "./lru";
import { createUpdateIndex, type UpdateIndex } from "./notes-index";

/** The read side of a {@link NoteStore} that replay needs. */
export type NoteHistory = Pick<NoteStore, "listCheckpoints" | "readCheckpoint" | "updatesBetween">;

export interface NotesReplayOptions {
  /** Loaded docs kept (LRU); default 4. */
  docs?: number;
  /** A loaded doc reads updates appended since at most this often (ms); default 2000. */
  refreshMs?: number;
  /** Clock in epoch ms (tests). */
  now?: () => number;
  /** Told about stored updates or checkpoints that cannot be applied (they are skipped, as the notes server does). */
  onSkipped?: (info: { docName: string; what: "update" | "checkpoint"; id: number; err: unknown }) => void;
}

/** Notes of some panels at a time t. */
export interface NotesAt {
  panels: PanelNotesView[];
  /** How many stored updates are at or before t (a position in the log, not an identity). */
  updatesAtOrBefore: number;
}

export interface NotesReplay {
  /**
   * Notes of `panelIds` in doc `docName` as they were at `t` (epoch ms). A doc never written gives empty panels.
   * @throws whatever the history store throws.
   */
  notesAt(docName: string, t: number, panelIds: readonly string[]): Promise<NotesAt>;
  /** Drops a loaded doc (e.g. after a restore). */
  forget(docName: string): void;
}

interface Loaded {
  doc: Y.Doc;
  index: UpdateIndex;
  /** createdAt (ms) of indexed update k. */
  at: number[];
  lastId: number;
  refreshedAt: number;
}

/** Number of entries ≤ t in ascending `at`. */
function countUpTo(at: readonly number[], t: number): number {
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Creates the seek engine over `history`; one per process (it is keyed by doc name). */
export function createNotesReplay(history: NoteHistory, opts: NotesReplayOptions = {}): NotesReplay {
  const now = opts.now ?? Date.now;
  const refreshMs = opts.refreshMs ?? 2000;
  const loaded = createLru<string, Loaded>(opts.docs ?? 4, (l) => l.doc.destroy());
  const locks = new Map<string, Promise<unknown>>();

  function apply(docName: string, l: Loaded, updates: Array<{ id: number; update: Uint8Array; createdAt: number }>, intoDoc: boolean) {
    for (const u of updates) {
      l.index.add(u.update);
      l.at.push(u.createdAt);
      l.lastId = u.id;
      if (!intoDoc) continue;
      try {
        Y.applyUpdate(l.doc, u.update);
      } catch (err) {
        opts.onSkipped?.({ docName, what: "update", id: u.id, err });
      }
    }
  }

  async function load(docName: string): Promise<Loaded> {
    const checkpoints = await history.listCheckpoints(docName);
    const l: Loaded = { doc: new Y.Doc({ gc: false }), index: createUpdateIndex(), at: [], lastId: 0, refreshedAt: now() };
    // Page through the log by checkpoint ranges (≤ compactEvery rows per query). Updates a checkpoint
    // covers are only indexed; the doc itself is the latest readable checkpoint plus what follows it.
    let from = 0;
    let base: Uint8Array | null = null;
    const latest = checkpoints[checkpoints.length - 1];
    if (latest) {
      const cp = await history.readCheckpoint(docName, latest.uptoId);
      if (cp) {
        try {
          Y.applyUpdate(l.doc, cp.state);
          base = cp.state;
        } catch (err) {
          opts.onSkipped?.({ docName, what: "checkpoint", id: latest.uptoId, err });
          l.doc.destroy();
          l.doc = new Y.Doc({ gc: false });
        }
      }
    }
    for (const cp of checkpoints) {
      apply(docName, l, await history.updatesBetween(docName, from, cp.uptoId), base === null);
      from = cp.uptoId;
    }
    apply(docName, l, await history.updatesBetween(docName, from), true);
    return l;
  }

  async function seek(docName: string, t: number, panelIds: readonly string[]): Promise<NotesAt> {
    let l = loaded.get(docName);
    if (!l) {
      l = await load(docName);
      loaded.set(docName, l);
    } else if (now() - l.refreshedAt >= refreshMs) {
      apply(docName, l, await history.updatesBetween(docName, l.lastId), true);
      l.refreshedAt = now();
    }
    const K = countUpTo(l.at, t);
    const vis = l.index.visibilityAfter(K);
    const doc = l.doc;
    const panels = panelIds.map((id) => panelNotesView(doc, id, vis));
    return { panels, updatesAtOrBefore: K };
  }

  return {
    notesAt(docName, t, panelIds) {
      // One seek per doc at a time: a refresh appends to the doc and index that a concurrent read walks.
      const run = (locks.get(docName) ?? Promise.resolve()).catch(() => undefined).then(() => seek(docName, t, panelIds));
      locks.set(docName, run);
      void run.finally(() => locks.get(docName) === run && locks.delete(docName)).catch(() => undefined);
      return run;
    },
    forget(docName) {
      loaded.delete(docName);
    },
  };
}
