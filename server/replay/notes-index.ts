/**
 * A time index over a notes doc's update log, to build the `Y.Snapshot` of the doc as it was after its
 * first K updates without re-decoding anything.
 *
 * A Yjs snapshot is (state vector, delete set). From each stored update we keep, in update order k:
 * - the clock each client reached (`parseUpdateMeta(u).to`) → per client, steps (k, clock);
 * - the ranges it deleted (`decodeUpdate(u).ds`) → per client, disjoint clock segments tagged with the
 *   first k that deleted them.
 * snapshot(K) = (for each client the clock of its last step with k < K, segments with k < K).
 * Cost: O(size of update) to add one update; O(clients · log n + deleted segments) per snapshot.
 */
import * as Y from "yjs";

interface Segment {
  clock: number;
  len: number;
  /** Index of the first update that deleted this range. */
  k: number;
}

export interface UpdateIndex {
  /** Updates indexed so far. */
  readonly count: number;
  /** Indexes the next update (k = count). @throws when `update` is not a valid v1 update. */
  add(update: Uint8Array): void;
  /** The snapshot after updates `0 .. K-1` (K clamped to [0, count]). */
  snapshotAfter(K: number): Y.Snapshot;
}

/** Last index i with keys[i] < K, or -1 (keys ascending). */
function lastBelow(keys: readonly number[], K: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < K) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Adds [clock, clock+len) deleted by update k into `segs` (sorted, disjoint), keeping the earliest k
 * for overlaps: a range deleted twice (two rapporteurs deleting the same word) was gone from the first.
 */
function paint(segs: Segment[], clock: number, len: number, k: number): void {
  const end = clock + len;
  // Fast path: deletes mostly come after everything deleted before (in clock order) for a client.
  const last = segs[segs.length - 1];
  if (!last || last.clock + last.len <= clock) {
    if (last && last.k === k && last.clock + last.len === clock) last.len += len;
    else segs.push({ clock, len, k });
    return;
  }
  const out: Segment[] = [];
  let cursor = clock;
  let i = 0;
  for (; i < segs.length && segs[i].clock + segs[i].len <= clock; i++) out.push(segs[i]);
  for (; i < segs.length && segs[i].clock < end; i++) {
    const s = segs[i];
    const sEnd = s.clock + s.len;
    if (cursor < s.clock) out.push({ clock: cursor, len: s.clock - cursor, k });
    if (s.clock < clock) out.push({ clock: s.clock, len: clock - s.clock, k: s.k });
    const from = Math.max(s.clock, clock);
    const to = Math.min(sEnd, end);
    out.push({ clock: from, len: to - from, k: Math.min(s.k, k) });
    if (sEnd > end) out.push({ clock: end, len: sEnd - end, k: s.k });
    cursor = Math.max(cursor, to);
  }
  if (cursor < end) out.push({ clock: cursor, len: end - cursor, k });
  for (; i < segs.length; i++) out.push(segs[i]);
  segs.length = 0;
  segs.push(...out);
}

/** Creates an empty index. */
export function createUpdateIndex(): UpdateIndex {
  const steps = new Map<number, { k: number[]; clock: number[] }>();
  const deletes = new Map<number, Segment[]>();
  let count = 0;
  return {
    get count() {
      return count;
    },
    add(update) {
      const k = count;
      const { to } = Y.parseUpdateMeta(update);
      for (const [client, clock] of to) {
        let s = steps.get(client);
        if (!s) steps.set(client, (s = { k: [], clock: [] }));
        // Clocks only grow per client; an update re-sending older structs adds no step.
        if (s.clock.length === 0 || clock > s.clock[s.clock.length - 1]) {
          s.k.push(k);
          s.clock.push(clock);
        }
      }
      const { ds } = Y.decodeUpdate(update);
      for (const [client, items] of ds.clients) {
        let segs = deletes.get(client);
        if (!segs) deletes.set(client, (segs = []));
        for (const item of items) if (item.len > 0) paint(segs, item.clock, item.len, k);
      }
      count++;
    },
    snapshotAfter(K) {
      const sv = new Map<number, number>();
      for (const [client, s] of steps) {
        const i = lastBelow(s.k, K);
        if (i >= 0) sv.set(client, s.clock[i]);
      }
      const ds = Y.createDeleteSet();
      for (const [client, segs] of deletes) {
        // Segments are disjoint and sorted by clock, as Yjs' binary search in isDeleted requires.
        const visible = segs.filter((s) => s.k < K).map((s) => ({ clock: s.clock, len: s.len }));
        if (visible.length) ds.clients.set(client, visible as never);
      }
      return Y.createSnapshot(ds, sv);
    },
  };
}
