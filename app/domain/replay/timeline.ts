/**
 * Replay timeline: validated events in time order plus fold checkpoints, so seeking is cheap.
 *
 * Complexity (n events, checkpoint every N, S = polls + questions in the state):
 * - `buildTimeline`: O(n log n) sort + O(n) fold + O((n / N) · S) checkpoint copies.
 * - `replayAt`: O(log n) binary search for the last event at or before t, then O(S) to copy the
 *   nearest checkpoint and O(N) events folded on top — independent of n.
 */
import { applyEvent, cloneFoldState, initialFoldState, viewAt, type FoldState, type PanelTitles, type ReplayState } from "./state";
import { parseReplayEvent, type ReplayEvent, type TimelineIssue } from "./schema";

/** Default events between checkpoints: 64 folds (~tens of µs) bound a seek; a 3-hour log of ~5k events keeps ~80 checkpoints. */
export const DEFAULT_CHECKPOINT_EVERY = 64;

/** A built timeline. Immutable once built; share it between seeks. */
export interface Timeline {
  /** Valid events sorted by (at, seq): "events at or before t" is always a prefix. */
  readonly events: readonly ReplayEvent[];
  /** `checkpoints[i]` = state after folding `events[0 .. i·every)`. */
  readonly checkpoints: readonly FoldState[];
  readonly every: number;
  /** Events left out (invalid or duplicate seq), with why. */
  readonly issues: readonly TimelineIssue[];
  readonly titles: PanelTitles;
  /** `at` of the first and last valid events (epoch ms); null when there are none. */
  readonly firstAt: number | null;
  readonly lastAt: number | null;
}

export interface BuildTimelineOptions {
  /** Events between checkpoints (integer ≥ 1; default {@link DEFAULT_CHECKPOINT_EVERY}). */
  checkpointEvery?: number;
  /** Panel id → title, to name the current panel. */
  titles?: PanelTitles;
}

/** Order used everywhere in replay: by time, then by log order for events logged in the same ms. */
export const compareEvents = (a: { at: number; seq: number }, b: { at: number; seq: number }) => a.at - b.at || a.seq - b.seq;

/**
 * Validates (zod, see ./schema), de-duplicates by seq, sorts by (at, seq) and precomputes checkpoints.
 * Invalid events are reported in `issues` and skipped, never thrown.
 * @throws RangeError when `checkpointEvery` is not an integer ≥ 1.
 */
export function buildTimeline(raw: readonly unknown[], opts: BuildTimelineOptions = {}): Timeline {
  const every = opts.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
  if (!Number.isInteger(every) || every < 1) throw new RangeError("checkpointEvery must be an integer ≥ 1");
  const issues: TimelineIssue[] = [];
  const seen = new Set<number>();
  const events: ReplayEvent[] = [];
  for (const r of raw) {
    const parsed = parseReplayEvent(r);
    if (!parsed.ok) issues.push(parsed.issue);
    else if (seen.has(parsed.event.seq)) issues.push({ seq: parsed.event.seq, message: "duplicate seq" });
    else {
      seen.add(parsed.event.seq);
      events.push(parsed.event);
    }
  }
  events.sort(compareEvents);
  const checkpoints: FoldState[] = [];
  const state = initialFoldState();
  for (let i = 0; i < events.length; i++) {
    if (i % every === 0) checkpoints.push(cloneFoldState(state));
    applyEvent(state, events[i]);
  }
  if (events.length % every === 0) checkpoints.push(cloneFoldState(state));
  return {
    events,
    checkpoints,
    every,
    issues,
    titles: opts.titles ?? new Map(),
    firstAt: events[0]?.at ?? null,
    lastAt: events[events.length - 1]?.at ?? null,
  };
}

/** Number of events with `at <= t` (binary search; events are sorted by at). */
export function countAtOrBefore(events: readonly { at: number }[], t: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid].at <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The exact state at time `t` (epoch ms): every event with `at <= t` applied, nothing later.
 * O(log n + N + S), see the file comment. Does not mutate the timeline.
 */
export function replayAt(timeline: Timeline, t: number): ReplayState {
  const k = countAtOrBefore(timeline.events, t);
  const c = Math.floor(k / timeline.every);
  const state = cloneFoldState(timeline.checkpoints[c] ?? initialFoldState());
  for (let i = c * timeline.every; i < k; i++) applyEvent(state, timeline.events[i]);
  return viewAt(state, t, timeline.titles);
}

/** Reference fold from scratch (O(n)); used by tests to check {@link replayAt}. */
export function foldFromScratch(events: readonly ReplayEvent[], t: number, titles?: PanelTitles): ReplayState {
  const state = initialFoldState();
  for (const e of [...events].filter((e) => e.at <= t).sort(compareEvents)) applyEvent(state, e);
  return viewAt(state, t, titles);
}
