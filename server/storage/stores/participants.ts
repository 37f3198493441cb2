/** Session participants: pseudonymous ids with optional display name and sector. No IPs, no user agents. */
import type { Kysely } from "kysely";
import type { Participant, ParticipantRole } from "../../../app/domain/session";
import type { Sector } from "../../../app/domain/workshop";
import { guard } from "../errors";
import type { Database, ParticipantsTable } from "../schema";

export interface NewParticipant {
  sessionId: string;
  role: ParticipantRole;
  displayName: string | null;
  sector: Sector | null;
  /** Staff account behind a facilitator/rapporteur; null for anonymous joiners. */
  userId: string | null;
  /** Hash of a bearer token if one is issued (never the token). */
  tokenHash?: string | null;
  /** Epoch ms; default now. */
  joinedAt?: number;
}

export interface ParticipantOps {
  /**
   * Adds a participant. A staff account has one participant per session: with a `userId` that already
   * has one, the existing participant is returned unchanged (so concurrent first connects cannot duplicate it).
   * @throws ConflictError (`reference`) for an unknown session or user.
   */
  addParticipant(input: NewParticipant): Promise<Participant>;
  getParticipant(id: string): Promise<Participant | null>;
  findParticipantByUser(sessionId: string, userId: string): Promise<Participant | null>;
  /** In join order. */
  listParticipants(sessionId: string): Promise<Participant[]>;
  /** Count, optionally of one role only. */
  countParticipants(sessionId: string, role?: ParticipantRole): Promise<number>;
  /**
   * Head counts per (role, sector), one grouped query: what aggregate views (the summary's sector
   * mix) need without reading anyone's row. Sector null = not given. Order unspecified.
   */
  countParticipantsBySector(sessionId: string): Promise<Array<{ role: ParticipantRole; sector: Sector | null; count: number }>>;
}

const toParticipant = (r: ParticipantsTable): Participant => ({
  id: r.id,
  sessionId: r.session_id,
  role: r.role as ParticipantRole,
  displayName: r.display_name,
  sector: r.sector as Sector | null,
  userId: r.user_id,
  joinedAt: r.joined_at,
});

/** Participant rows of sessions (join, list, counts); `now` gives epoch ms, `newId` the row ids. */
export function createParticipantOps(db: Kysely<Database>, now: () => number, newId: () => string): ParticipantOps {
  const findByUser = async (sessionId: string, userId: string) => {
    const r = await db
      .selectFrom("participants")
      .selectAll()
      .where("session_id", "=", sessionId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return r ? toParticipant(r) : null;
  };
  return {
    async addParticipant(p) {
      const row: ParticipantsTable = {
        id: newId(),
        session_id: p.sessionId,
        role: p.role,
        display_name: p.displayName,
        sector: p.sector,
        user_id: p.userId,
        token_hash: p.tokenHash ?? null,
        joined_at: p.joinedAt ?? now(),
      };
      const inserted = await guard(
        db
          .insertInto("participants")
          .values(row)
          // Matches the partial unique index participants_session_user (user_id not null).
          .onConflict((oc) => oc.columns(["session_id", "user_id"]).where("user_id", "is not", null).doNothing())
          .returning("id")
          .executeTakeFirst(),
      );
      if (inserted) return toParticipant(row);
      return (await findByUser(p.sessionId, p.userId!))!;
    },
    async getParticipant(id) {
      const r = await db.selectFrom("participants").selectAll().where("id", "=", id).executeTakeFirst();
      return r ? toParticipant(r) : null;
    },
    findParticipantByUser: findByUser,
    async listParticipants(sessionId) {
      const rows = await db.selectFrom("participants").selectAll().where("session_id", "=", sessionId).orderBy("joined_at").orderBy("id").execute();
      return rows.map(toParticipant);
    },
    async countParticipants(sessionId, role) {
      const r = await db
        .selectFrom("participants")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("session_id", "=", sessionId)
        .$if(role !== undefined, (q) => q.where("role", "=", role!))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async countParticipantsBySector(sessionId) {
      const rows = await db
        .selectFrom("participants")
        .select(["role", "sector", (eb) => eb.fn.countAll<number>().as("n")])
        .where("session_id", "=", sessionId)
        .groupBy(["role", "sector"])
        .execute();
      return rows.map((r) => ({ role: r.role as ParticipantRole, sector: r.sector as Sector | null, count: Number(r.n) }));
    },
  };
}
