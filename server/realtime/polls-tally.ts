/**
 * Tally coalescer: votes mark a poll dirty; one timer per session flushes the dirty polls at most
 * every `intervalMs` (default 250 ms ⇒ ≤ 4 broadcasts per second per poll, whatever the vote rate).
 * A flush in progress is never overlapped: polls marked meanwhile wait for the next tick.
 */

export interface TallyCoalescer {
  /** Marks `pollId` of `sessionId` dirty; schedules a flush if none is pending. O(1), no I/O. */
  markDirty(sessionId: string, pollId: string): void;
  /** Number of sessions with a pending flush (for stats and tests). */
  pending(): number;
  /** Cancels pending flushes; later marks are ignored. */
  close(): void;
}

/**
 * @param flush called with the session and the polls dirtied since its last flush; its errors are
 *   passed to `onError` and do not stop later flushes.
 * @param opts.intervalMs minimum gap between two flushes of one session, in ms.
 */
export function createTallyCoalescer(
  flush: (sessionId: string, pollIds: string[]) => Promise<void>,
  opts: { intervalMs?: number; onError?: (err: unknown) => void } = {},
): TallyCoalescer {
  const intervalMs = opts.intervalMs ?? 250;
  const sessions = new Map<string, { dirty: Set<string>; timer: NodeJS.Timeout | null; lastFlush: number; running: boolean }>();
  let closed = false;

  const schedule = (sessionId: string) => {
    const s = sessions.get(sessionId)!;
    if (s.timer || s.running || closed) return;
    const wait = Math.max(0, s.lastFlush + intervalMs - Date.now());
    s.timer = setTimeout(() => void run(sessionId), wait);
  };

  async function run(sessionId: string) {
    const s = sessions.get(sessionId);
    if (!s) return;
    s.timer = null;
    const pollIds = [...s.dirty];
    s.dirty.clear();
    s.running = true;
    s.lastFlush = Date.now();
    try {
      await flush(sessionId, pollIds);
    } catch (err) {
      opts.onError?.(err);
    } finally {
      s.running = false;
      if (s.dirty.size) schedule(sessionId);
      else sessions.delete(sessionId);
    }
  }

  return {
    markDirty(sessionId, pollId) {
      if (closed) return;
      let s = sessions.get(sessionId);
      if (!s) sessions.set(sessionId, (s = { dirty: new Set(), timer: null, lastFlush: 0, running: false }));
      s.dirty.add(pollId);
      schedule(sessionId);
    },
    pending: () => sessions.size,
    close() {
      closed = true;
      for (const s of sessions.values()) if (s.timer) clearTimeout(s.timer);
      sessions.clear();
    },
  };
}
