/**
 * Tally coalescer: votes mark a poll dirty; one timer per session flushes the dirty polls at most
 * every `intervalMs` (default 250 ms ⇒ ≤ 4 broadcasts per second per poll, whatever the vote rate).
 * The time of the last flush is kept for one gap after it, so a mark right after a flush waits.
 * A flush in progress is never overlapped: polls marked meanwhile wait for the next tick.
 */

export interface TallyCoalescer {
  /** Marks `pollId` of `sessionId` dirty; schedules a flush if none is pending. O(1), no I/O. */
  markDirty(sessionId: string, pollId: string): void;
  /**
   * Cancels pending flushes; later marks are ignored. Resolves once flushes already running have
   * finished (so a caller can close storage after it without cutting one off).
   */
  close(): Promise<void>;
}

/**
 * @param flush called with the session and the polls dirtied since its last flush; its errors are
 *   passed to `onError` and do not stop later flushes.
 * @param opts.intervalMs minimum gap between two flushes of one session, in ms; a function is asked
 *   again before each flush (e.g. a gap that grows with the cost of the last flush).
 */
export function createTallyCoalescer(
  flush: (sessionId: string, pollIds: string[]) => Promise<void>,
  opts: {
    intervalMs?: number | ((sessionId: string) => number);
    /** false: the first mark of a quiet session also waits one gap (default true: flush at once). */
    leading?: boolean;
    onError?: (err: unknown) => void;
  } = {},
): TallyCoalescer {
  const gap = typeof opts.intervalMs === "function" ? opts.intervalMs : () => (opts.intervalMs as number | undefined) ?? 250;
  /** `flushAt`: a flush is scheduled; otherwise `timer` (if any) only forgets a clean session once its gap has passed. */
  const sessions = new Map<string, { dirty: Set<string>; timer: NodeJS.Timeout | null; flushAt: boolean; lastFlush: number; running: boolean }>();
  let closed = false;
  /** Flushes in progress, awaited by `close`. */
  const running = new Set<Promise<void>>();

  const schedule = (sessionId: string) => {
    const s = sessions.get(sessionId)!;
    if (s.flushAt || s.running || closed) return;
    if (s.timer) clearTimeout(s.timer);
    const wait = Math.max(0, s.lastFlush + gap(sessionId) - Date.now());
    s.flushAt = true;
    s.timer = setTimeout(() => void run(sessionId), wait);
  };

  async function run(sessionId: string) {
    const s = sessions.get(sessionId);
    if (!s) return;
    s.timer = null;
    s.flushAt = false;
    const pollIds = [...s.dirty];
    s.dirty.clear();
    s.running = true;
    s.lastFlush = Date.now();
    const done = Promise.resolve()
      .then(() => flush(sessionId, pollIds))
      .catch((err) => opts.onError?.(err));
    running.add(done);
    try {
      await done;
    } finally {
      running.delete(done);
      s.running = false;
      // Closed meanwhile: `sessions` was cleared and nothing more is sent (marks made during this flush included).
      if (closed) s.dirty.clear();
      else if (s.dirty.size) schedule(sessionId);
      else {
        // Keep the flush time until the gap has passed, so the next mark still waits for it.
        s.timer = setTimeout(() => {
          if (!s.dirty.size && !s.running && !s.flushAt && sessions.get(sessionId) === s) sessions.delete(sessionId);
        }, gap(sessionId));
        s.timer.unref();
      }
    }
  }

  return {
    markDirty(sessionId, pollId) {
      if (closed) return;
      let s = sessions.get(sessionId);
      if (!s) sessions.set(sessionId, (s = { dirty: new Set(), timer: null, flushAt: false, lastFlush: opts.leading === false ? Date.now() : 0, running: false }));
      s.dirty.add(pollId);
      schedule(sessionId);
    },
    async close() {
      closed = true;
      for (const s of sessions.values()) if (s.timer) clearTimeout(s.timer);
      sessions.clear();
      await Promise.all(running);
    },
  };
}
