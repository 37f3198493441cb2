/**
 * Checkpoint retention for notes docs (docs/decisions/002, "Checkpoint retention").
 *
 * Every checkpoint is a full `gc:false` state of a doc that only grows, so keeping all of them costs
 * O(n²) bytes over a session (a 3-hour session: ~120 MB of checkpoints for ~10 MB of updates). Updates
 * are never deleted, so any checkpoint but the newest can go without losing history: replay and loads
 * rebuild the doc at any t from an older kept checkpoint (or none) plus the updates after it.
 *
 * Rule ("one per doubling of age"): the newest checkpoint N is always kept. Every other checkpoint c has
 * an age a = N.createdAt − c.createdAt (ms) and a band: 0 when a < baseMs, else 1 + ⌊log2(a / baseMs)⌋
 * ([base, 2·base), [2·base, 4·base), …). Of each band only the OLDEST checkpoint is kept. At most
 * 3 + ⌊log2(span / baseMs)⌋ checkpoints remain for a doc whose checkpoints span `span` ms (3 hours at
 * 5 min: ≤ 8; written every 54 s, 6 remain). Nothing needs a particular old checkpoint: a dropped one
 * is never missed, only a seek from it would start from an older one (or from the first update).
 */

/** How checkpoints are thinned. */
export interface CheckpointRetention {
  /** Width of the youngest age band (ms); each older band is twice as wide. */
  baseMs: number;
}

/** The default: 5-minute first band (a 3-hour session keeps at most 8 checkpoints). */
export const DEFAULT_CHECKPOINT_RETENTION: CheckpointRetention = { baseMs: 5 * 60_000 };

/**
 * The `uptoId`s of the checkpoints the rule drops (any order in, ascending out). Pure.
 * @param checkpoints every checkpoint of one doc, `createdAt` in epoch ms.
 * @example checkpointsToPrune([{uptoId: 1, createdAt: 0}, {uptoId: 2, createdAt: 1}, {uptoId: 3, createdAt: 2}], {baseMs: 60_000}) // [2]
 */
export function checkpointsToPrune(checkpoints: ReadonlyArray<{ uptoId: number; createdAt: number }>, retention: CheckpointRetention = DEFAULT_CHECKPOINT_RETENTION): number[] {
  if (checkpoints.length <= 2) return [];
  const sorted = [...checkpoints].sort((a, b) => a.uptoId - b.uptoId);
  const newest = sorted[sorted.length - 1];
  const keptBand = new Set<number>();
  const drop: number[] = [];
  // Oldest first: the first checkpoint seen in a band is the one that band keeps.
  for (const c of sorted.slice(0, -1)) {
    const age = newest.createdAt - c.createdAt;
    const band = age < retention.baseMs ? 0 : 1 + Math.floor(Math.log2(age / retention.baseMs));
    if (keptBand.has(band)) drop.push(c.uptoId);
    else keptBand.add(band);
  }
  return drop;
}
