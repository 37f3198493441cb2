/**
 * A time index over a notes doc's update log: which structs of the fully loaded (`gc: false`) doc existed,
 * undeleted, after the first K updates — the information of a Yjs snapshot (state vector, delete set),
 * answered per struct without building either. From each stored update we keep, in update order k:
 * - the clock each client reached (its structs' ends) → per client, steps (k, clock);
 * - the ranges it deleted (`decodeUpdate(u).ds`) → per client, disjoint clock segments tagged with the
 *   first k that deleted them.
 * visibilityAfter(K): a struct (client, clock) is inserted iff clock < the client's clock at its last step
 * with k < K, and deleted iff its segment has k < K.
 * Cost: O(size of update) to add one update; O(clients · log n) to make a view; O(log D) per struct asked.
 */
import * as Y from "yjs";
import type { Visibility } from "../../app/domain/replay/notes";

interface Segment {
  clock: number;
  len: number;
  /** Index of the first update that deleted this range. */
  k: number;
}

export interface UpdateIndex {
  /** Updates indexed so far. */
  readonly count: number;
  /**
   * Indexes the next update (k = count). An unreadable update still takes its k (so k stays aligned with
   * the caller's list) but changes nothing, like the notes server skipping it on load; returns false then.
   */
  add(update: Uint8Array): boolean;
  /** What existed after updates `0 .. K-1`. Valid until the next `add`. */
  visibilityAfter(K: number): Visibility;
  /**
   * The life of the run [clock, clock + len) of `client`, split where it changes: pieces
   * `[from, to, ins, del]` (offsets into the run) inserted by update `ins` and deleted by update `del`
   * (-1 = never deleted). Structs no indexed update inserted get `ins` = {@link count} (never visible).
   */
  lives(client: number, clock: number, len: number): Array<[number, number, number, number]>;
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

/** First index i with keys[i] > x, or keys.length (keys ascending) = how many keys are ≤ x. */
export function firstAbove(keys: readonly number[], x: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first segment whose range reaches past `clock` (end > clock). */
function firstEnding(segs: readonly Segment[], clock: number): number {
  let lo = 0;
  let hi = segs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (segs[mid].clock + segs[mid].len <= clock) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
      const k = count++;
      let decoded: ReturnType<typeof Y.decodeUpdate>;
      try {
        decoded = Y.decodeUpdate(update);
      } catch {
        return false;
      }
      // One parse gives both: the clocks reached (structs, Skip excluded as parseUpdateMeta does) and the deletes.
      const to = new Map<number, number>();
      for (const struct of decoded.structs) {
        if (struct instanceof Y.Skip) continue;
        const end = struct.id.clock + struct.length;
        if (end > (to.get(struct.id.client) ?? 0)) to.set(struct.id.client, end);
      }
      const { ds } = decoded;
      for (const [client, clock] of to) {
        let s = steps.get(client);
        if (!s) steps.set(client, (s = { k: [], clock: [] }));
        // Clocks only grow per client; an update re-sending older structs adds no step.
        if (s.clock.length === 0 || clock > s.clock[s.clock.length - 1]) {
          s.k.push(k);
          s.clock.push(clock);
        }
      }
      for (const [client, items] of ds.clients) {
        let segs = deletes.get(client);
        if (!segs) deletes.set(client, (segs = []));
        for (const item of items) if (item.len > 0) paint(segs, item.clock, item.len, k);
      }
      return true;
    },
    lives(client, clock, len) {
      const st = steps.get(client);
      const segs = deletes.get(client) ?? [];
      const end = clock + len;
      // Insertion: the first step whose reached clock passes c inserted c; boundaries at step clocks.
      const ins: Array<[number, number, number]> = [];
      let j = st ? firstAbove(st.clock, clock) : 0;
      for (let from = clock; from < end; j++) {
        const stepEnd = st && j < st.clock.length ? st.clock[j] : Infinity;
        const to = Math.min(end, stepEnd);
        ins.push([from, to, st && j < st.clock.length ? st.k[j] : count]);
        from = to;
      }
      const out: Array<[number, number, number, number]> = [];
      let i = firstEnding(segs, clock);
      for (const [from0, to, k] of ins) {
        let from = from0;
        while (from < to) {
          while (i < segs.length && segs[i].clock + segs[i].len <= from) i++;
          const s = segs[i];
          if (s && s.clock <= from) {
            const cut = Math.min(to, s.clock + s.len);
            out.push([from - clock, cut - clock, k, s.k]);
            from = cut;
          } else {
            const cut = Math.min(to, s ? s.clock : to);
            out.push([from - clock, cut - clock, k, -1]);
            from = cut;
          }
        }
      }
      return out;
    },
    visibilityAfter(K) {
      const sv = new Map<number, number>();
      for (const [client, st] of steps) {
        const i = lastBelow(st.k, K);
        if (i >= 0) sv.set(client, st.clock[i]);
      }
      const firstEndingAfter = firstEnding;
      const inserted = (client: number, clock: number) => clock < (sv.get(client) ?? 0);
      return {
        inserted,
        visible(client, clock) {
          if (!inserted(client, clock)) return false;
          const segs = deletes.get(client);
          if (!segs) return true;
          const s = segs[firstEndingAfter(segs, clock)];
          return !(s && s.clock <= clock && s.k < K);
        },
        visibleParts(client, clock, len) {
          const end = Math.min(clock + len, sv.get(client) ?? 0);
          if (end <= clock) return [];
          const parts: Array<[number, number]> = [];
          let from = clock;
          const segs = deletes.get(client) ?? [];
          for (let i = firstEndingAfter(segs, clock); i < segs.length && segs[i].clock < end; i++) {
            const s = segs[i];
            if (s.k >= K) continue;
            if (s.clock > from) parts.push([from - clock, s.clock - clock]);
            from = Math.max(from, s.clock + s.len);
          }
          if (from < end) parts.push([from - clock, end - clock]);
          return parts;
        },
      };
    },
  };
}
