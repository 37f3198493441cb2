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
 * - open (cold): O(total update bytes) — read the log in pages of `pageRows` rows, index, decode once;
 * - seek: O(log n) for K, O(clients · log n) for the view, O(panel items · log D) to read the panel.
 * Loaded docs live in a small LRU (default 4 docs; a 3-hour doc is tens of MB in memory). A live
 * session's doc picks up newly appended updates at most every `refreshMs`.
 *
 * createdAt is the server clock at append, so it does not decrease with id; "createdAt ≤ t" is then a
 * prefix of the log (a clock stepped back would end the prefix early, never show later text).
 * Only plain text leaves (app/domain/replay/notes.ts): no client ids, no awareness, no authorship.
 *
 * Cold seeks of finished sessions: `prepare` (called when a session ends) freezes each panel's history
 * (./notes-frozen.ts) into the `frames` store. A process that has not loaded the doc then answers a seek
 * from the frozen panel (a few hundred kB of JSON, milliseconds) instead of loading the doc (seconds for
 * a 3-hour session) — as long as no update was appended after the frozen one; otherwise it loads as above.
 */
import * as Y from "yjs";
import type { NoteStore } from "../notes/store";
import { panelNotesView, type PanelNotesView } from "../../app/domain/replay/notes";
import { createLru } from "./lru";
import { createUpdateIndex, firstAbove, type UpdateIndex } from "./notes-index";
import { freezePanel, frozenPanelAt, parseFrozenFrame, type FrozenPanel } from "./notes-frozen";

/** Where frozen panels are kept between processes: a string key/value store (the settings store fits). */
export interface FrameStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

/** Storage key of a frozen panel (versioned with the frozen shape). */
export const frameKey = (docName: string, panelId: string) => `replay-notes:v1:${docName}:${panelId}`;

/** The read side of a {@link NoteStore} that replay needs. */
export type NoteHistory = Pick<NoteStore, "listCheckpoints" | "readCheckpoint" | "updatesBetween">;

export interface NotesReplayOptions {
  /** Loaded docs kept (LRU); default 4. */
  docs?: number;
  /** A loaded doc reads updates appended since at most this often (ms); default 2000. */
  refreshMs?: number;
  /** Clock in epoch ms (tests). */
  now?: () => number;
  /**
   * Told about stored updates or checkpoints that cannot be applied (they are skipped, as the notes server
   * does) and about frozen panels that fail validation (`what: "frame"`, `id` = the frame key; the seek
   * then reads the log instead, so the answer stays exact).
   */
  onSkipped?: (info: { docName: string; what: "update" | "checkpoint" | "frame"; id: number | string; err: unknown }) => void;
  /** Frozen panels of finished docs (see the file comment); without it every cold seek loads the doc. */
  frames?: FrameStore;
  /**
   * Rows per log query when a doc is loaded (default 1,000): bounded whatever the spacing of the
   * checkpoints, which are thinned as a session goes on (docs/decisions/002, §9).
   */
  pageRows?: number;
}

/** Notes of some panels at a time t. */
export interface NotesAt {
  panels: PanelNotesView[];
}

export interface NotesReplay {
  /**
   * Notes of `panelIds` in doc `docName` as they were at `t` (epoch ms). A doc never written gives empty panels.
   * @throws whatever the history store throws.
   */
  notesAt(docName: string, t: number, panelIds: readonly string[]): Promise<NotesAt>;
  /**
   * Loads `docName` and stores the frozen history of `panelIds` in the frame store (a no-op without one),
   * so later cold seeks need not load the doc. Call once the doc no longer changes (session ended).
   * @throws whatever the history or frame store throws.
   */
  prepare(docName: string, panelIds: readonly string[]): Promise<void>;
  /** Drops a loaded doc and its frozen panels in memory (e.g. after a restore). */
  forget(docName: string): void;
}

interface Frame {
  /** Last update id the panel was frozen up to. */
  uptoId: number;
  panel: FrozenPanel;
}

interface Loaded {
  doc: Y.Doc;
  index: UpdateIndex;
  /** createdAt (ms) of indexed update k. */
  at: number[];
  lastId: number;
  refreshedAt: number;
}

/** Creates the seek engine over `history`; one per process (it is keyed by doc name). */
export function createNotesReplay(history: NoteHistory, opts: NotesReplayOptions = {}): NotesReplay {
  const now = opts.now ?? Date.now;
  const refreshMs = opts.refreshMs ?? 2000;
  const loaded = createLru<string, Loaded>(opts.docs ?? 4, (l) => l.doc.destroy());
  const locks = new Map<string, Promise<unknown>>();
  /** Frozen panels read or made in this process, by frame key; `checkedAt` = when last found fresh. */
  const frames = createLru<string, Frame & { checkedAt: number }>(64);

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
    // The doc itself is the latest readable checkpoint plus what follows it; every update is indexed.
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
    // Page through the log (≤ pageRows per query). Updates the checkpoint covers are only indexed.
    const covered = base === null ? 0 : latest.uptoId;
    const pageRows = opts.pageRows ?? 1000;
    for (let from = 0; ; ) {
      const page = await history.updatesBetween(docName, from, undefined, pageRows);
      const split = page.findIndex((u) => u.id > covered);
      const k = split === -1 ? page.length : split;
      apply(docName, l, page.slice(0, k), false);
      apply(docName, l, page.slice(k), true);
      if (page.length < pageRows) break;
      from = page[page.length - 1].id;
    }
    return l;
  }

  async function loadedDoc(docName: string): Promise<Loaded> {
    let l = loaded.get(docName);
    if (!l) {
      l = await load(docName);
      loaded.set(docName, l);
    } else if (now() - l.refreshedAt >= refreshMs) {
      apply(docName, l, await history.updatesBetween(docName, l.lastId), true);
      l.refreshedAt = now();
    }
    return l;
  }

  /** The frozen panels of `panelIds` when all are stored and still current; null otherwise. */
  async function frozen(docName: string, panelIds: readonly string[]): Promise<FrozenPanel[] | null> {
    if (!opts.frames || panelIds.length === 0) return null;
    const found: Array<Frame & { checkedAt: number }> = [];
    for (const id of panelIds) {
      const key = frameKey(docName, id);
      let f = frames.get(key);
      if (!f) {
        const raw = await opts.frames.get(key);
        if (raw === null) return null;
        // Validated (FrozenFrameSchema): a broken row is reported and the seek reads the log, exactly.
        const parsed = parseFrozenFrame(raw, key, id);
        if (parsed instanceof Error) {
          opts.onSkipped?.({ docName, what: "frame", id: key, err: parsed });
          return null;
        }
        f = { ...parsed, checkedAt: -Infinity };
        frames.set(key, f);
      }
      found.push(f);
    }
    const uptoId = found[0].uptoId;
    if (found.some((f) => f.uptoId !== uptoId)) return null;
    // Current = nothing appended since; checked at most every refreshMs, like a loaded doc's refresh.
    if (found.some((f) => now() - f.checkedAt >= refreshMs)) {
      if ((await history.updatesBetween(docName, uptoId)).length > 0) return null;
      for (const f of found) f.checkedAt = now();
    }
    return found.map((f) => f.panel);
  }

  async function seek(docName: string, t: number, panelIds: readonly string[]): Promise<NotesAt> {
    if (!loaded.get(docName)) {
      const panels = await frozen(docName, panelIds);
      if (panels) return { panels: panels.map((p) => frozenPanelAt(p, t)) };
    }
    const l = await loadedDoc(docName);
    const vis = l.index.visibilityAfter(firstAbove(l.at, t));
    return { panels: panelIds.map((id) => panelNotesView(l.doc, id, vis)) };
  }

  async function prepare(docName: string, panelIds: readonly string[]): Promise<void> {
    if (!opts.frames) return;
    const l = await loadedDoc(docName);
    for (const id of panelIds) {
      const frame: Frame = { uptoId: l.lastId, panel: freezePanel(l.doc, id, l.index, l.at) };
      await opts.frames.set(frameKey(docName, id), JSON.stringify(frame));
      frames.set(frameKey(docName, id), { ...frame, checkedAt: now() });
    }
  }

  /** One operation per doc at a time: a refresh appends to the doc and index that a concurrent read walks. */
  function serial<T>(docName: string, fn: () => Promise<T>): Promise<T> {
    const run = (locks.get(docName) ?? Promise.resolve()).catch(() => undefined).then(fn);
    locks.set(docName, run);
    void run.finally(() => locks.get(docName) === run && locks.delete(docName)).catch(() => undefined);
    return run;
  }

  return {
    notesAt: (docName, t, panelIds) => serial(docName, () => seek(docName, t, panelIds)),
    prepare: (docName, panelIds) => serial(docName, () => prepare(docName, panelIds)),
    forget(docName) {
      loaded.delete(docName);
      for (const [key] of frames.entries()) if (key.startsWith(frameKey(docName, ""))) frames.delete(key);
    },
  };
}
