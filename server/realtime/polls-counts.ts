/**
 * In-memory answer counts per poll run, so a tally broadcast costs no storage read. Each run's
 * counts are loaded once from storage (grouped by stored value and sector) and afterwards moved only
 * by writes this process committed (`apply`, called by the vote queue right after each commit).
 * Tallies stay "derived from stored responses": `tally()` runs over these groups, which mirror
 * the stored rows one for one (the bench checks shown tally == stored rows).
 *
 * Loads and commits must not interleave (a load that read before a commit and finished after it
 * would miss that commit), so `ensure` runs loads through the vote queue's `exclusive` lane.
 * Memory is O(distinct answers × sectors) per run, not O(participants).
 */
import type { ResponseValue, TallyResponse } from "../../app/domain/polls";
import type { Sector } from "../../app/domain/workshop";
import type { Stores } from "../storage";
import { canonicalJson } from "../storage/stores/context";

interface Group {
  value: ResponseValue;
  sector: Sector | null;
  count: number;
}

interface Run {
  groups: Map<string, Group>;
  n: number;
  /** Bumped by every `apply`: derived values (tallies) are valid for one version. */
  version: number;
  memo: { version: number; keys: readonly unknown[]; value: unknown } | null;
}

export interface RunCounts {
  /** Loads the counts of `runIds` not loaded yet (one grouped query), inside `exclusive`. */
  ensure(runIds: readonly string[]): Promise<void>;
  /** Moves one participant's answer in a loaded run (`before` null: a first answer). Unloaded runs are ignored: their load will read the commit. */
  apply(runId: string, before: { value: ResponseValue; sector: Sector | null } | null, after: { value: ResponseValue; sector: Sector | null }): void;
  /** The stored answers of a loaded run as `tally()` input, one entry per distinct (value, sector) with its `count`; null when not loaded. */
  grouped(runId: string): TallyResponse[] | null;
  /** The stored answers of a loaded run as `tally()` input (equal answers share one value object); null when not loaded. */
  responses(runId: string): TallyResponse[] | null;
  /**
   * `compute()` for a loaded run, reused while its answers and `keys` (compared by identity, e.g. the
   * poll definition and tally options) stay the same: several broadcasts of an unchanged run tally once.
   */
  derived<T>(runId: string, keys: readonly unknown[], compute: () => T): T;
  /** Number of stored answers of a loaded run (0 when not loaded). */
  count(runId: string): number;
  /** Forgets runs (their session's room emptied). */
  drop(runIds: Iterable<string>): void;
  /**
   * Marks runs stale: answers to them were committed by another instance (scale-out), so the next
   * `ensure` reloads them from storage. A load already running when this is called installs its result
   * but stays stale, so the caller's next `ensure` reads again (the commit may have missed that load).
   */
  invalidate(runIds: Iterable<string>): void;
  /** Marks every loaded run stale (scale-out: notices from other instances may have been lost). */
  invalidateAll(): void;
}

const keyOf = (value: ResponseValue, sector: Sector | null) => `${sector ?? ""}\u0000${canonicalJson(value)}`;

/**
 * @param exclusive runs a load so that no response commit of this process interleaves with it
 *   (the vote queue's `exclusive`).
 */
export function createRunCounts(stores: Stores, exclusive: <T>(fn: () => Promise<T>) => Promise<T>): RunCounts {
  const runs = new Map<string, Run>();
  const loading = new Map<string, Promise<void>>();
  /** Loaded runs another instance committed answers to since their load (scale-out only). */
  const stale = new Set<string>();

  async function load(runIds: string[]) {
    for (const id of runIds) stale.delete(id);
    const fresh = new Map<string, Run>(runIds.map((id) => [id, { groups: new Map(), n: 0, version: 0, memo: null }]));
    for (const g of await stores.polls.groupedResponses(runIds)) {
      const run = fresh.get(g.runId)!;
      const k = keyOf(g.value, g.sector);
      const group = run.groups.get(k);
      if (group) group.count += g.count;
      else run.groups.set(k, { value: g.value, sector: g.sector, count: g.count });
      run.n += g.count;
    }
    // Loads run in the exclusive lane, so a load always includes every commit of this process before
    // it: a newer load replaces an older view (a stale run's reload).
    for (const [id, run] of fresh) runs.set(id, run);
  }

  return {
    async ensure(runIds) {
      const missing = runIds.filter((id) => (!runs.has(id) || stale.has(id)) && !loading.has(id));
      if (missing.length) {
        const p = exclusive(() => load(missing));
        for (const id of missing) loading.set(id, p);
        void p.finally(() => missing.forEach((id) => loading.get(id) === p && loading.delete(id))).catch(() => undefined);
      }
      await Promise.all(runIds.map((id) => loading.get(id)));
    },
    apply(runId, before, after) {
      const run = runs.get(runId);
      if (!run) return;
      run.version += 1;
      if (before) {
        const k = keyOf(before.value, before.sector);
        const g = run.groups.get(k);
        if (g) {
          g.count -= 1;
          run.n -= 1;
          if (g.count === 0) run.groups.delete(k);
        }
      }
      const k = keyOf(after.value, after.sector);
      const g = run.groups.get(k);
      if (g) g.count += 1;
      else run.groups.set(k, { value: after.value, sector: after.sector, count: 1 });
      run.n += 1;
    },
    grouped(runId) {
      const run = runs.get(runId);
      if (!run) return null;
      return [...run.groups.values()].map((g) => ({ value: g.value, sector: g.sector, count: g.count }));
    },
    responses(runId) {
      const run = runs.get(runId);
      if (!run) return null;
      const out: TallyResponse[] = [];
      for (const g of run.groups.values()) {
        const r = { value: g.value, sector: g.sector };
        for (let i = 0; i < g.count; i++) out.push(r);
      }
      return out;
    },
    derived<T>(runId: string, keys: readonly unknown[], compute: () => T): T {
      const run = runs.get(runId);
      if (!run) return compute();
      const m = run.memo;
      if (m && m.version === run.version && m.keys.length === keys.length && m.keys.every((k, i) => k === keys[i])) return m.value as T;
      const value = compute();
      run.memo = { version: run.version, keys, value };
      return value;
    },
    count: (runId) => runs.get(runId)?.n ?? 0,
    drop(runIds) {
      for (const id of runIds) {
        runs.delete(id);
        stale.delete(id);
      }
    },
    invalidate(runIds) {
      for (const id of runIds) if (runs.has(id) || loading.has(id)) stale.add(id);
    },
    invalidateAll() {
      for (const id of [...runs.keys(), ...loading.keys()]) stale.add(id);
    },
  };
}
