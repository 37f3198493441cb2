/** Sessions (live runs of an agenda), their run state, participants and event log. */
import type { Session, SessionEvent, SessionEventType, SessionStatus } from "../../../app/domain/session";
import { JoinCode } from "../../../app/domain/session";
import { ConflictError, guard, NotFoundError } from "../errors";
import type { SessionsTable } from "../schema";
import { fromJson, inTransaction, randomToken, type StoreContext } from "./context";
import { createParticipantOps, type ParticipantOps } from "./participants";
import { createSessionEventOps, type SessionEventOps } from "./session-events";

/** Run-state fields a facilitator's actions change (see app/domain/run.ts). */
export type SessionStatePatch = Partial<
  Pick<Session, "status" | "currentPanelIndex" | "panelStartedAt" | "elapsedMs" | "startedAt" | "endedAt">
>;

export interface SessionStore extends ParticipantOps, SessionEventOps {
  /**
   * Creates a `ready` session with a fresh unique join code and a 24-byte base64url projector key.
   * @throws ConflictError (`reference`) for unknown workshop/user; ConflictError (`unique`) if no free join code after 10 tries.
   */
  create(input: { workshopId: string; title: string; panelIds: string[]; createdBy: string }): Promise<Session>;
  get(id: string): Promise<Session | null>;
  /** Accepts any spelling `JoinCode` accepts (`abc-def`); null for invalid or unknown codes. */
  getByJoinCode(code: string): Promise<Session | null>;
  /** Newest first. */
  listForWorkshop(workshopId: string): Promise<Session[]>;
  /** Applies the patch and returns the updated session. @throws NotFoundError */
  updateState(id: string, patch: SessionStatePatch): Promise<Session>;
  /** `updateState` and `appendEvent` in one transaction: both happen or neither. @throws NotFoundError */
  updateStateWithEvent(
    id: string,
    patch: SessionStatePatch,
    event: { type: SessionEventType; payload: Record<string, unknown>; at: number },
  ): Promise<{ session: Session; event: SessionEvent }>;
}

/**
 * Join-code attempts before giving up. With ~1.5e8 codes even 100k live sessions collide with
 * probability < 1e-3 per try, so 10 tries failing means a broken generator, not bad luck.
 */
const JOIN_CODE_TRIES = 10;

const toSession = (r: SessionsTable): Session => ({
  id: r.id,
  workshopId: r.workshop_id,
  title: r.title,
  joinCode: r.join_code,
  projectorKey: r.projector_key,
  panelIds: fromJson<string[]>(r.panel_ids),
  status: r.status as SessionStatus,
  currentPanelIndex: r.current_panel_index,
  panelStartedAt: r.panel_started_at,
  elapsedMs: fromJson<Record<string, number>>(r.elapsed_ms),
  startedAt: r.started_at,
  endedAt: r.ended_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

function patchColumns(p: SessionStatePatch): Partial<SessionsTable> {
  const cols: Partial<SessionsTable> = {};
  if (p.status !== undefined) cols.status = p.status;
  if (p.currentPanelIndex !== undefined) cols.current_panel_index = p.currentPanelIndex;
  if (p.panelStartedAt !== undefined) cols.panel_started_at = p.panelStartedAt;
  if (p.elapsedMs !== undefined) cols.elapsed_ms = JSON.stringify(p.elapsedMs);
  if (p.startedAt !== undefined) cols.started_at = p.startedAt;
  if (p.endedAt !== undefined) cols.ended_at = p.endedAt;
  return cols;
}

export function createSessionStore(ctx: StoreContext): SessionStore {
  const { db, now, newId, joinCode } = ctx;
  const events = createSessionEventOps(db);
  const get = async (id: string, q = db) => {
    const r = await q.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
    return r ? toSession(r) : null;
  };
  const updateState = async (id: string, patch: SessionStatePatch, q = db) => {
    const cols = patchColumns(patch);
    if (Object.keys(cols).length) await q.updateTable("sessions").set(cols).where("id", "=", id).execute();
    const s = await get(id, q);
    if (!s) throw new NotFoundError("session", id);
    return s;
  };

  return {
    ...createParticipantOps(db, now, newId),
    ...events,
    async create({ workshopId, title, panelIds, createdBy }) {
      for (let i = 0; i < JOIN_CODE_TRIES; i++) {
        const row: SessionsTable = {
          id: newId(),
          workshop_id: workshopId,
          title,
          join_code: joinCode(),
          projector_key: randomToken(24),
          panel_ids: JSON.stringify(panelIds),
          status: "ready",
          current_panel_index: 0,
          panel_started_at: null,
          elapsed_ms: "{}",
          started_at: null,
          ended_at: null,
          event_seq: 0,
          created_by: createdBy,
          created_at: now(),
        };
        // DO NOTHING instead of catching the violation: a failed statement would abort a caller's Postgres transaction.
        const inserted = await guard(
          db.insertInto("sessions").values(row).onConflict((oc) => oc.column("join_code").doNothing()).returning("id").executeTakeFirst(),
        );
        if (inserted) return toSession(row);
      }
      throw new ConflictError(`no free join code after ${JOIN_CODE_TRIES} tries`, "unique");
    },
    get: (id) => get(id),
    async getByJoinCode(code) {
      const parsed = JoinCode.safeParse(code);
      if (!parsed.success) return null;
      const r = await db.selectFrom("sessions").selectAll().where("join_code", "=", parsed.data).executeTakeFirst();
      return r ? toSession(r) : null;
    },
    async listForWorkshop(workshopId) {
      const rows = await db.selectFrom("sessions").selectAll().where("workshop_id", "=", workshopId).orderBy("created_at", "desc").orderBy("id").execute();
      return rows.map(toSession);
    },
    updateState: (id, patch) => updateState(id, patch),
    updateStateWithEvent: (id, patch, event) =>
      inTransaction(db, async (tx) => {
        const session = await updateState(id, patch, tx);
        const appended = await createSessionEventOps(tx).appendEvent(id, event.type, event.payload, event.at);
        return { session, event: appended };
      }),
  };
}
