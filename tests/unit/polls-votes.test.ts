/**
 * The group-commit vote queue (server/realtime/polls-votes.ts) with a fake store: batching per
 * event-loop turn, the batch cap, a failing store (that batch answered server-error, the next one
 * stored), the commit hook running before anyone is answered, and `exclusive` between batches.
 */
import { describe, expect, it } from "vitest";
import type { ResponseWrite, ResponseWriteResult } from "../../server/storage";
import { createVoteQueue } from "../../server/realtime/polls-votes";

const write = (i: number): ResponseWrite => ({ runId: "run", participantId: `p${i}`, responseId: `r${i}`, value: { choice: "a" }, sector: null });
const stored = (writes: readonly ResponseWrite[]): ResponseWriteResult[] => writes.map(() => ({ ok: true, changed: true, before: null }));

function harness(opts: { failTimes?: number; maxBatch?: number } = {}) {
  const batches: string[][] = [];
  const log: string[] = [];
  const errors: unknown[] = [];
  let fail = opts.failTimes ?? 0;
  const queue = createVoteQueue({
    async store(writes) {
      batches.push(writes.map((w) => w.participantId));
      await new Promise((r) => setTimeout(r, 5));
      if (fail > 0) {
        fail--;
        throw new Error("disk full");
      }
      return stored(writes);
    },
    onCommitted: (writes) => log.push(`committed ${writes.length}`),
    onError: (err) => errors.push(err),
    maxBatch: opts.maxBatch,
  });
  return { queue, batches, log, errors };
}

describe("vote queue", () => {
  it("stores answers submitted in one turn in one batch, and answers each after the commit hook ran", async () => {
    const h = harness();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => h.queue.submit(write(i)).then((r) => (h.log.push("answered"), r))));
    expect(h.batches).toHaveLength(1);
    expect(h.batches[0]).toHaveLength(50);
    expect(results.every((r) => r.ok && r.changed)).toBe(true);
    expect(h.log[0]).toBe("committed 50");
    expect(h.log.filter((x) => x === "answered")).toHaveLength(50);
  });

  it("answers arriving during a commit go together in the next batch; the cap splits big ones", async () => {
    const h = harness({ maxBatch: 30 });
    const first = h.queue.submit(write(0));
    await new Promise((r) => setTimeout(r, 1)); // the first batch is now being written
    const rest = Array.from({ length: 70 }, (_, i) => h.queue.submit(write(i + 1)));
    await Promise.all([first, ...rest]);
    expect(h.batches.map((b) => b.length)).toEqual([1, 30, 30, 10]);
    expect(h.batches.flat()).toEqual(Array.from({ length: 71 }, (_, i) => `p${i}`));
  });

  it("a failing store answers that whole batch server-error, commits nothing, and the queue goes on", async () => {
    const h = harness({ failTimes: 1 });
    const failed = await Promise.all([0, 1, 2].map((i) => h.queue.submit(write(i))));
    expect(failed).toEqual([0, 1, 2].map(() => ({ ok: false, error: "server-error" })));
    expect(h.errors).toHaveLength(1);
    expect(h.log).toEqual([]);
    const later = await h.queue.submit(write(3));
    expect(later).toMatchObject({ ok: true, changed: true });
    expect(h.log).toEqual(["committed 1"]);
  });

  it("a store answering the wrong number of results is a failure, not a silent mismatch", async () => {
    const errors: unknown[] = [];
    const queue = createVoteQueue({ store: async () => [], onCommitted: () => undefined, onError: (e) => errors.push(e) });
    expect(await queue.submit(write(0))).toEqual({ ok: false, error: "server-error" });
    expect(errors).toHaveLength(1);
  });

  it("exclusive work runs between batches, never during one", async () => {
    const h = harness();
    const order: string[] = [];
    const a = h.queue.submit(write(0)).then(() => order.push("a"));
    const x = h.queue.exclusive(async () => {
      order.push(`exclusive after ${h.batches.length} batch(es)`);
      await new Promise((r) => setTimeout(r, 5));
    });
    const b = h.queue.submit(write(1)).then(() => order.push("b"));
    await Promise.all([a, x, b]);
    expect(order).toEqual(["a", "exclusive after 1 batch(es)", "b"]);
    expect(h.batches).toEqual([["p0"], ["p1"]]);
    await expect(h.queue.exclusive(async () => Promise.reject(new Error("load failed")))).rejects.toThrow("load failed");
    expect(await h.queue.submit(write(2))).toMatchObject({ ok: true });
  });

  it("exclusive work that throws before its first await rejects its caller; the queue goes on", async () => {
    const h = harness();
    const sync = () => {
      throw new Error("threw at once");
    };
    await expect(h.queue.exclusive(sync as () => Promise<void>)).rejects.toThrow("threw at once");
    expect(await h.queue.submit(write(0))).toMatchObject({ ok: true });
  });
});
