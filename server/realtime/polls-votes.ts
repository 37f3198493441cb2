/**
 * Group commit for `poll:respond`. Answers that arrive while the previous write is in flight (or
 * within the same event-loop turn) are stored together by ONE `PollStore.respondMany` transaction,
 * then each is answered. One transaction per vote made a 10,000-person burst queue behind
 * 10,000 commits (SQLite: one connection, so also behind every read); grouped, a burst costs a
 * handful of commits. The rules stay those of the store: unique (run, participant), a repeated
 * `responseId` counts once, the run must be open — checked inside the transaction.
 *
 * Order kept per answer: validated and authorised before `submit`, stored, then `onCommitted` (counts
 * and tally-dirty marks) runs before any caller hears back, so an ack never precedes the count move.
 * A failed transaction answers every write of that batch `server-error` (nothing of it is stored, so
 * nothing is acked as stored) and the queue carries on with the next batch.
 */
import type { ResponseWrite, ResponseWriteResult } from "../storage";

export type VoteResult = ResponseWriteResult | { ok: false; error: "server-error" };

export interface VoteQueue {
  /** Queues one validated, authorised answer; resolves once its batch committed (or failed). Never rejects. */
  submit(write: ResponseWrite): Promise<VoteResult>;
  /**
   * Runs `fn` between batches, never alongside one (for loads that must see either all or none of a
   * batch, e.g. counts). Rejects with `fn`'s error (also one thrown before its first await).
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
}

export interface VoteQueueDeps {
  /** Stores a batch in one transaction (`stores.polls.respondMany`). */
  store(writes: readonly ResponseWrite[]): Promise<ResponseWriteResult[]>;
  /** Called once per committed batch, before any of its callers resolve. Must not throw. */
  onCommitted(writes: readonly ResponseWrite[], results: readonly ResponseWriteResult[]): void;
  onError(err: unknown, batchSize: number): void;
  /**
   * Largest batch per transaction (default 1,000): bounds how long one commit holds the database
   * (reads of connecting clients wait behind it on SQLite) while still turning a burst into few commits.
   */
  maxBatch?: number;
}

type Job = { kind: "write"; write: ResponseWrite; resolve: (r: VoteResult) => void } | { kind: "exclusive"; run: () => Promise<void> };

/**
 * One queue per process (polls.ts): every session's answers share it, so one transaction stores a
 * burst whatever the session. Batches run one at a time, in arrival order, with `exclusive` jobs
 * between them.
 */
export function createVoteQueue(deps: VoteQueueDeps): VoteQueue {
  const maxBatch = deps.maxBatch ?? 1000;
  const jobs: Job[] = [];
  let busy = false;
  let scheduled = false;

  const schedule = () => {
    if (busy || scheduled || jobs.length === 0) return;
    scheduled = true;
    // setImmediate, not a microtask: every packet read in this I/O turn joins the batch first.
    setImmediate(() => {
      scheduled = false;
      void drain();
    });
  };

  async function drain() {
    if (busy) return;
    busy = true;
    try {
      while (jobs.length) {
        if (jobs[0].kind === "exclusive") {
          await (jobs.shift() as Extract<Job, { kind: "exclusive" }>).run();
          continue;
        }
        let size = 0;
        while (size < maxBatch && size < jobs.length && jobs[size].kind === "write") size++;
        const batch = jobs.splice(0, size) as Extract<Job, { kind: "write" }>[];
        const list = batch.map((j) => j.write);
        let results: VoteResult[];
        try {
          results = await deps.store(list);
        } catch (err) {
          deps.onError(err, batch.length);
          results = batch.map(() => ({ ok: false, error: "server-error" }) as const);
        }
        if (results.length !== batch.length) {
          deps.onError(new Error(`store answered ${results.length} results for ${batch.length} writes`), batch.length);
          results = batch.map(() => ({ ok: false, error: "server-error" }) as const);
        } else if (results.some((r) => r.ok)) {
          try {
            deps.onCommitted(list, results as ResponseWriteResult[]);
          } catch (err) {
            deps.onError(err, batch.length);
          }
        }
        batch.forEach((j, i) => j.resolve(results[i]));
        // Let the event loop read more packets before the next batch, so it is a full one.
        if (jobs.length) await new Promise((r) => setImmediate(r));
      }
    } finally {
      busy = false;
      schedule();
    }
  }

  return {
    submit(write) {
      return new Promise((resolve) => {
        jobs.push({ kind: "write", write, resolve });
        schedule();
      });
    },
    exclusive(fn) {
      return new Promise((resolve, reject) => {
        // Through a promise, so a synchronous throw in `fn` rejects the caller instead of escaping drain().
        jobs.push({ kind: "exclusive", run: () => Promise.resolve().then(fn).then(resolve, reject) });
        schedule();
      });
    },
  };
}
