/**
 * Checkpoint retention (server/notes/retention.ts, docs/decisions/002): the newest checkpoint always
 * stays, one per doubling of age otherwise, so a long session keeps O(log) checkpoints instead of all;
 * and the arithmetic of the decision record (3-hour session) holds.
 */
import { describe, expect, it } from "vitest";
import { checkpointsToPrune, DEFAULT_CHECKPOINT_RETENTION } from "../../server/notes/retention";

const MIN = 60_000;

/** Writes checkpoints at `times` (ms), thinning after each write as the stores do; returns what is left. */
function simulate(times: number[], baseMs = DEFAULT_CHECKPOINT_RETENTION.baseMs) {
  let list: Array<{ uptoId: number; createdAt: number }> = [];
  times.forEach((createdAt, i) => {
    list.push({ uptoId: i + 1, createdAt });
    const drop = new Set(checkpointsToPrune(list, { baseMs }));
    list = list.filter((c) => !drop.has(c.uptoId));
  });
  return list;
}

describe("checkpointsToPrune", () => {
  it("keeps two or fewer as they are, and never drops the newest", () => {
    expect(checkpointsToPrune([])).toEqual([]);
    expect(checkpointsToPrune([{ uptoId: 1, createdAt: 0 }, { uptoId: 2, createdAt: 1 }])).toEqual([]);
    // Three within the first band: the oldest of the band and the newest stay.
    expect(checkpointsToPrune([{ uptoId: 3, createdAt: 2 }, { uptoId: 1, createdAt: 0 }, { uptoId: 2, createdAt: 1 }], { baseMs: MIN })).toEqual([2]);
  });

  it("keeps the oldest checkpoint of each doubling age band", () => {
    // Ages at the newest (t = 100 min): 100, 90, 35, 30, 12, 7, 3, 1, 0 min; bands of 5 min: 5, 5, 3, 3, 2, 1, 0, 0, newest.
    const ages = [100, 90, 35, 30, 12, 7, 3, 1, 0];
    const list = ages.map((a, i) => ({ uptoId: i + 1, createdAt: (100 - a) * MIN }));
    expect(checkpointsToPrune(list, { baseMs: 5 * MIN })).toEqual([2, 4, 8]);
  });

  it("a whole session keeps O(log) checkpoints, the newest included, whatever the rhythm", () => {
    for (const everyMs of [1_000, 20_000, 54_000, 3 * MIN]) {
      const times = Array.from({ length: Math.floor((8 * 60 * MIN) / everyMs) }, (_, i) => i * everyMs);
      const kept = simulate(times);
      const span = times.at(-1)! - times[0];
      expect(kept.at(-1)!.createdAt).toBe(times.at(-1));
      expect(kept.length).toBeLessThanOrEqual(3 + Math.floor(Math.log2(span / DEFAULT_CHECKPOINT_RETENTION.baseMs)));
    }
  });

  it("3-hour session of the decision record: 120.6 MB of checkpoints before, under 8 MB after", () => {
    // 100,000 updates in 3 h, a checkpoint every 500 (200 checkpoints, one every 54 s), each a full
    // state growing linearly to 1.2 MB (docs/decisions/005's measured final checkpoint).
    const n = 200;
    const bytesOf = (k: number) => (1.2e6 * k) / n; // k = 1..n
    const times = Array.from({ length: n }, (_, i) => (i + 1) * 54_000);
    const before = Array.from({ length: n }, (_, i) => bytesOf(i + 1)).reduce((a, b) => a + b, 0);
    const kept = simulate(times);
    const after = kept.reduce((sum, c) => sum + bytesOf(c.uptoId), 0);
    expect(Math.round(before / 1e5) / 10).toBe(120.6);
    expect(kept.length).toBeLessThanOrEqual(8);
    expect(after).toBeLessThan(8e6);
  });
});
