/**
 * Poll runs and responses. A run is one asking of a poll in a session (run 1, 2, … after resets);
 * a response is one participant's current answer in one run (unique(poll_run_id, participant_id)).
 *
 * Concurrency: `respond` runs in one transaction that first reads the run's state (Postgres
 * `FOR SHARE`, so a concurrent close waits for it, and a response committed before the close is in
 * the closing tally), then inserts with `ON CONFLICT DO NOTHING` and falls back to an update. A
 * conflicting concurrent insert therefore never aborts the transaction; it becomes an update.
 */
import type { Kysely } from "kysely";
import type { ResultsVisibility } from "../../../app/domain/template";
import type { PollRunStatus, ResponseValue, TallyResponse } from "../../../app/domain/polls";
import type { Sector } from "../../../app/domain/workshop";
import { ConflictError, guard, isUniqueViolation, NotFoundError } from "../errors";
import type { Database, PollRunsTable } from "../schema";
import { canonicalJson, fromJson, inTransaction, type StoreContext } from "./context";
import { createRespondMany } from "./poll-responses";

/** One run of a poll in a session. Times are epoch ms. */
export interface PollRun {
  id: string;
  sessionId: string;
  pollId: string;
  /** 1-based run number. */
  run: number;
  status: PollRunStatus;
  visibility: ResultsVisibility;
  projected: boolean;
  openedAt: number | null;
  closedAt: number | null;
}

/** How many people answered, from `PollStore.groupedResponses` rows (each counts `count` answers). */
export const responseCountOf = (grouped: readonly { count: number }[]): number => grouped.reduce((n, g) => n + g.count, 0);

export type PollRunPatch = Partial<Pick<PollRun, "status" | "visibility" | "projected" | "openedAt" | "closedAt">>;

/** A participant's own stored answer (sent back to that participant only). */
export interface OwnResponse {
  runId: string;
  participantId: string;
  responseId: string;
  value: ResponseValue;
}

/** One answer to store with {@link PollStore.respondMany}; `value` already validated (`parseResponse`). */
export interface ResponseWrite {
  runId: string;
  participantId: string;
  responseId: string;
  value: ResponseValue;
  sector: Sector | null;
}

/**
 * Outcome of one {@link ResponseWrite}, as if the writes of the batch had been applied one after another:
 * - `ok` with `changed` (the stored value or sector differs from before) and, when changed, the
 *   participant's answer `before` it (null for a first answer), so callers can keep counts in step;
 * - `closed` (the run is not open) or `not-found` (no such run): nothing stored for that write.
 */
export type ResponseWriteResult =
  | { ok: true; changed: boolean; before: { value: ResponseValue; sector: Sector | null } | null }
  | { ok: false; error: "closed" | "not-found" };

export interface PollStore {
  /** The highest-numbered run of `pollId` in `sessionId`, or null when it was never opened. */
  latestRun(sessionId: string, pollId: string): Promise<PollRun | null>;
  /** Every run of every poll of the session, ordered by poll then run number. */
  listRuns(sessionId: string): Promise<PollRun[]>;
  /** @throws ConflictError (`unique`) when that run number exists, (`reference`) for unknown session/poll. */
  createRun(input: Omit<PollRun, "id" | "openedAt" | "closedAt"> & Partial<Pick<PollRun, "openedAt" | "closedAt">>): Promise<PollRun>;
  /** Applies `patch` and returns the run. @throws NotFoundError */
  setRunState(runId: string, patch: PollRunPatch): Promise<PollRun>;
  /**
   * Stores `participantId`'s answer in run `runId` (one transaction). A repeated `responseId`
   * changes nothing (`changed: false`, an idempotent retry); another `responseId` replaces the
   * stored value (`changed` is true when the value or sector differs). `sector` is the
   * participant's at vote time. `value` must already be validated (`parseResponse`).
   * @throws ConflictError (`state`) when the run is not open; NotFoundError for an unknown run.
   */
  respond(runId: string, participantId: string, responseId: string, value: ResponseValue, sector: Sector | null): Promise<{ changed: boolean }>;
  /**
   * Group commit: stores many answers (any runs, any participants) in ONE transaction, with the same
   * rules as `respond` applied in array order — one row per (run, participant) (the unique constraint
   * backs it: rows are written with an upsert on it), a repeated `responseId` changes nothing, the run
   * must be open (read first; Postgres `FOR SHARE`). Per-write refusals come back as results; any
   * other failure rejects the whole call and stores nothing.
   * @returns one result per write, in order.
   */
  respondMany(writes: readonly ResponseWrite[]): Promise<ResponseWriteResult[]>;
  /** Values and sectors of a run, for `tally`. No participant ids, in no particular order. */
  listResponses(runId: string): Promise<TallyResponse[]>;
  countResponses(runId: string): Promise<number>;
  /** Response counts per run id (runs without responses are absent). */
  countResponsesByRun(runIds: string[]): Promise<Map<string, number>>;
  /**
   * Responses of `runIds` grouped by (run, stored value, sector) with their count: one grouped query
   * instead of one row per person, for tallies of finished runs (the summary). Equal answers share one
   * `value` object per run. Order unspecified.
   */
  groupedResponses(runIds: string[]): Promise<Array<{ runId: string; value: ResponseValue; sector: Sector | null; count: number }>>;
  /** The stored answers in `runIds`, optionally of one participant: for each connection's own `myResponse`. */
  ownResponses(runIds: string[], participantId?: string): Promise<OwnResponse[]>;
}

const toRun = (r: PollRunsTable): PollRun => ({
  id: r.id,
  sessionId: r.session_id,
  pollId: r.poll_id,
  run: Number(r.run_number),
  status: r.state,
  visibility: r.visibility as ResultsVisibility,
  projected: r.projected === 1,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
});

/** How often `respond` retries after a unique violation the upsert could not absorb (SQLite busy races across processes). */
const RESPOND_RETRIES = 3;

/** The kysely-backed {@link PollStore} (SQLite or Postgres, per `dialect`). */
export function createPollStore({ db, dialect, now, newId }: StoreContext): PollStore {
  const getRun = async (q: Kysely<Database>, runId: string) => {
    const r = await q.selectFrom("poll_runs").selectAll().where("id", "=", runId).executeTakeFirst();
    if (!r) throw new NotFoundError("poll run", runId);
    return toRun(r);
  };

  const respondOnce = (runId: string, participantId: string, responseId: string, value: ResponseValue, sector: Sector | null) =>
    inTransaction(db, async (tx) => {
      const run = await tx
        .selectFrom("poll_runs")
        .select("state")
        .where("id", "=", runId)
        .$if(dialect === "postgres", (q) => q.forShare())
        .executeTakeFirst();
      if (!run) throw new NotFoundError("poll run", runId);
      if (run.state !== "open") throw new ConflictError("the poll run is not open", "state");
      const json = canonicalJson(value);
      const at = now();
      const inserted = await tx
        .insertInto("responses")
        .values({ id: newId(), poll_run_id: runId, participant_id: participantId, response_id: responseId, value: json, sector, created_at: at, updated_at: at })
        .onConflict((oc) => oc.columns(["poll_run_id", "participant_id"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted) return { changed: true };
      const existing = await tx
        .selectFrom("responses")
        .select(["id", "response_id", "value", "sector"])
        .where("poll_run_id", "=", runId)
        .where("participant_id", "=", participantId)
        .$if(dialect === "postgres", (q) => q.forUpdate())
        .executeTakeFirstOrThrow();
      if (existing.response_id === responseId) return { changed: false };
      const changed = existing.value !== json || existing.sector !== sector;
      await tx
        .updateTable("responses")
        .set({ response_id: responseId, value: json, sector, ...(changed ? { updated_at: at } : {}) })
        .where("id", "=", existing.id)
        .execute();
      return { changed };
    });

  return {
    respondMany: createRespondMany({ db, dialect, now, newId }),
    async latestRun(sessionId, pollId) {
      const r = await db
        .selectFrom("poll_runs")
        .selectAll()
        .where("session_id", "=", sessionId)
        .where("poll_id", "=", pollId)
        .orderBy("run_number", "desc")
        .limit(1)
        .executeTakeFirst();
      return r ? toRun(r) : null;
    },
    async listRuns(sessionId) {
      const rows = await db.selectFrom("poll_runs").selectAll().where("session_id", "=", sessionId).orderBy("poll_id").orderBy("run_number").execute();
      return rows.map(toRun);
    },
    async createRun(input) {
      const row: PollRunsTable = {
        id: newId(),
        session_id: input.sessionId,
        poll_id: input.pollId,
        run_number: input.run,
        state: input.status,
        visibility: input.visibility,
        projected: input.projected ? 1 : 0,
        opened_at: input.openedAt ?? null,
        closed_at: input.closedAt ?? null,
      };
      await guard(db.insertInto("poll_runs").values(row).execute(), "poll run already exists");
      return toRun(row);
    },
    setRunState: (runId, patch) =>
      inTransaction(db, async (tx) => {
        const cols: Partial<PollRunsTable> = {};
        if (patch.status !== undefined) cols.state = patch.status;
        if (patch.visibility !== undefined) cols.visibility = patch.visibility;
        if (patch.projected !== undefined) cols.projected = patch.projected ? 1 : 0;
        if (patch.openedAt !== undefined) cols.opened_at = patch.openedAt;
        if (patch.closedAt !== undefined) cols.closed_at = patch.closedAt;
        if (Object.keys(cols).length) await tx.updateTable("poll_runs").set(cols).where("id", "=", runId).execute();
        return getRun(tx, runId);
      }),
    async respond(runId, participantId, responseId, value, sector) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await respondOnce(runId, participantId, responseId, value, sector);
        } catch (err) {
          // The upsert absorbs same-transaction-visible conflicts; this catches the rest (e.g. a
          // caller's outer transaction on another connection) by retrying, which then updates.
          if (!isUniqueViolation(err) || attempt >= RESPOND_RETRIES || db.isTransaction) throw err;
        }
      }
    },
    async listResponses(runId) {
      const rows = await db.selectFrom("responses").select(["value", "sector"]).where("poll_run_id", "=", runId).execute();
      return rows.map((r) => ({ value: fromJson<ResponseValue>(r.value), sector: r.sector as Sector | null }));
    },
    async countResponses(runId) {
      const r = await db
        .selectFrom("responses")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("poll_run_id", "=", runId)
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async countResponsesByRun(runIds) {
      if (!runIds.length) return new Map();
      const rows = await db
        .selectFrom("responses")
        .select(["poll_run_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where("poll_run_id", "in", runIds)
        .groupBy("poll_run_id")
        .execute();
      return new Map(rows.map((r) => [r.poll_run_id, Number(r.n)]));
    },
    async groupedResponses(runIds) {
      if (!runIds.length) return [];
      const rows = await db
        .selectFrom("responses")
        .select(["poll_run_id", "value", "sector", (eb) => eb.fn.countAll<number>().as("n")])
        .where("poll_run_id", "in", runIds)
        .groupBy(["poll_run_id", "value", "sector"])
        .execute();
      // Values are stored as canonical JSON, so equal answers have equal text: parse each text once per run.
      const parsed = new Map<string, ResponseValue>();
      return rows.map((r) => {
        const key = `${r.poll_run_id}\u0000${r.value}`;
        let value = parsed.get(key);
        if (value === undefined) parsed.set(key, (value = fromJson<ResponseValue>(r.value)));
        return { runId: r.poll_run_id, value, sector: r.sector as Sector | null, count: Number(r.n) };
      });
    },
    async ownResponses(runIds, participantId) {
      if (!runIds.length) return [];
      const rows = await db
        .selectFrom("responses")
        .select(["poll_run_id", "participant_id", "response_id", "value"])
        .where("poll_run_id", "in", runIds)
        .$if(participantId !== undefined, (q) => q.where("participant_id", "=", participantId!))
        .execute();
      return rows.map((r) => ({ runId: r.poll_run_id, participantId: r.participant_id, responseId: r.response_id, value: fromJson<ResponseValue>(r.value) }));
    },
  };
}
