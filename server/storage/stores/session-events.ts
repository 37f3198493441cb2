/**
 * A session's append-only event log. `seq` is gap-free per session from 1: each append increments
 * `sessions.event_seq` with `UPDATE … RETURNING` and inserts the event in the same transaction. The
 * update takes the session's row lock on Postgres (SQLite has one writer), so concurrent appends
 * queue instead of racing for the same number, and a rolled-back append gives its number back.
 */
import type { Kysely } from "kysely";
import type { SessionEvent, SessionEventType } from "../../../app/domain/session";
import { NotFoundError } from "../errors";
import type { Database, SessionEventsTable } from "../schema";
import { fromJson, inTransaction } from "./context";

export interface SessionEventOps {
  /**
   * Appends one event; `at` in epoch ms. Payloads must not hold names (Chatham House Rule).
   * @throws NotFoundError for an unknown session.
   */
  appendEvent(sessionId: string, type: SessionEventType, payload: Record<string, unknown>, at: number): Promise<SessionEvent>;
  /** Events with `seq > afterSeq` (default 0), ascending, at most `limit` (default 1000, to bound a replay page). */
  listEvents(sessionId: string, opts?: { afterSeq?: number; limit?: number }): Promise<SessionEvent[]>;
  /** Highest seq so far (0 when none or unknown session). */
  lastEventSeq(sessionId: string): Promise<number>;
}

/** Default and maximum page size of `listEvents` (rows). */
export const EVENT_PAGE = 1000;

const toEvent = (r: SessionEventsTable): SessionEvent => ({
  sessionId: r.session_id,
  seq: r.seq,
  at: r.at,
  type: r.type as SessionEventType,
  payload: fromJson<Record<string, unknown>>(r.payload),
});

export function createSessionEventOps(db: Kysely<Database>): SessionEventOps {
  return {
    appendEvent: (sessionId, type, payload, at) =>
      inTransaction(db, async (tx) => {
        const next = await tx
          .updateTable("sessions")
          .set((eb) => ({ event_seq: eb("event_seq", "+", 1) }))
          .where("id", "=", sessionId)
          .returning("event_seq")
          .executeTakeFirst();
        if (!next) throw new NotFoundError("session", sessionId);
        const row: SessionEventsTable = { session_id: sessionId, seq: Number(next.event_seq), at, type, payload: JSON.stringify(payload) };
        await tx.insertInto("session_events").values(row).execute();
        return toEvent(row);
      }),
    async listEvents(sessionId, opts = {}) {
      const limit = Math.min(Math.max(Math.trunc(opts.limit ?? EVENT_PAGE), 1), EVENT_PAGE);
      const rows = await db
        .selectFrom("session_events")
        .selectAll()
        .where("session_id", "=", sessionId)
        .where("seq", ">", opts.afterSeq ?? 0)
        .orderBy("seq")
        .limit(limit)
        .execute();
      return rows.map(toEvent);
    },
    async lastEventSeq(sessionId) {
      const r = await db.selectFrom("sessions").select("event_seq").where("id", "=", sessionId).executeTakeFirst();
      return Number(r?.event_seq ?? 0);
    },
  };
}
