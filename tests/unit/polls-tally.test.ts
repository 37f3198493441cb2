/**
 * The tally coalescer (server/realtime/polls-tally.ts) at shutdown: `close` waits for a flush that
 * is already running (so storage is not closed under a snapshot write), and marks made during that
 * flush are dropped instead of scheduling a flush on a closed coalescer.
 */
import { describe, expect, it } from "vitest";
import { createTallyCoalescer } from "../../server/realtime/polls-tally";

describe("tally coalescer close", () => {
  it("resolves only after the running flush ended; marks made during it are not flushed and raise nothing", async () => {
    const flushed: string[][] = [];
    const errors: unknown[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const coalescer = createTallyCoalescer(
      async (_sessionId, pollIds) => {
        flushed.push(pollIds);
        if (flushed.length === 1) {
          // A vote lands while this flush runs (the room broadcast re-marks itself the same way).
          coalescer.markDirty("s1", "p2");
          await gate;
        }
      },
      { intervalMs: 10, onError: (err) => errors.push(err) },
    );
    coalescer.markDirty("s1", "p1");
    await new Promise((r) => setTimeout(r, 20));
    expect(flushed).toEqual([["p1"]]);

    let closed = false;
    const closing = coalescer.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(false);
    release();
    await closing;
    await new Promise((r) => setTimeout(r, 30));
    expect(flushed).toEqual([["p1"]]);
    expect(errors).toEqual([]);
  });
});
