/** Workshop staff (members) and the invitation links that add them. */
import { INVITATION_TTL_MS, invitationState, type Invitation, type InvitationListing, type Member, type MemberRole } from "../../../app/domain/workshop";
import { ConflictError, ExpiredError, guard, NotFoundError, RevokedError } from "../errors";
import { hashInvitationToken } from "../migrations/005_invitation_token_hash";
import type { InvitationsTable } from "../schema";
import { inTransaction, randomToken, type StoreContext } from "./context";

export interface MemberOps {
  /** Adds `userId` to the workshop with `role`, or changes the role of an existing member. @throws ConflictError (`reference`) for unknown workshop/user. */
  addMember(workshopId: string, userId: string, role: MemberRole): Promise<void>;
  /** Members with name and e-mail, organisers first, then by name. */
  listMembers(workshopId: string): Promise<Member[]>;
  /** The member's role, or null when not a member. */
  getMemberRole(workshopId: string, userId: string): Promise<MemberRole | null>;
  /**
   * True when `userId` may act as an organiser outside any one workshop (import templates): the
   * first account (made by first-run setup, the earliest `created_at`) or an organiser of any workshop.
   */
  isOrganiser(userId: string): Promise<boolean>;
  /**
   * Creates a single-use invitation valid for {@link INVITATION_TTL_MS} (14 days).
   * Token: 32 random bytes, base64url (43 chars), returned here only: the store keeps its SHA-256
   * ({@link hashInvitationToken}), so the link can be shown once and never again.
   * @throws ConflictError (`reference`) for an unknown workshop.
   */
  createInvitation(workshopId: string, role: MemberRole, createdBy: string): Promise<Invitation>;
  /** The invitation whose link carries `token` (looked up by its hash), or null. */
  getInvitation(token: string): Promise<Invitation | null>;
  /** The workshop's invitations, newest first, without their tokens (organisers' list, S4). */
  listInvitations(workshopId: string): Promise<InvitationListing[]>;
  /**
   * Revokes the pending invitation with listing id `id` of `workshopId`; its link stops working.
   * @throws NotFoundError (no such invitation on this workshop), ConflictError (`state`) when it was
   * already used or revoked (an expired one may still be revoked: nothing changes for its holder).
   */
  revokeInvitation(workshopId: string, id: string): Promise<InvitationListing>;
  /**
   * Marks the invitation used by `userId` and makes them a member with its role (an organiser is never
   * demoted). Accepting again by the same user returns the invitation unchanged (double submit).
   * @throws NotFoundError (unknown token), RevokedError (revoked by an organiser), ExpiredError (past
   * `expiresAt`), ConflictError (`state`) when used by someone else.
   */
  acceptInvitation(token: string, userId: string): Promise<Invitation>;
}

/** `token` is the caller's (from the link or just made): the row holds only its hash. */
const toInvitation = (r: InvitationsTable, token: string): Invitation => ({
  token,
  workshopId: r.workshop_id,
  role: r.role as MemberRole,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  acceptedBy: r.accepted_by,
  acceptedAt: r.accepted_at,
  revokedAt: r.revoked_at,
});

/**
 * Listing id of an invitation: the first 16 base64url characters (96 bits) of the token's SHA-256
 * (so of the stored hash). Naming an invitation in a page or form must not reveal the token.
 */
const listingIdOfHash = (tokenHash: string): string => tokenHash.slice(0, 16);
export const invitationListingId = (token: string): string => listingIdOfHash(hashInvitationToken(token));

const ROLE_ORDER: Record<MemberRole, number> = { organiser: 0, facilitator: 1, rapporteur: 2 };

export function createMemberOps({ db, now }: StoreContext): MemberOps {
  const addMember = (workshopId: string, userId: string, role: MemberRole, q = db) =>
    guard(
      q
        .insertInto("workshop_members")
        .values({ workshop_id: workshopId, user_id: userId, role })
        .onConflict((oc) => oc.columns(["workshop_id", "user_id"]).doUpdateSet({ role }))
        .execute(),
    ).then(() => undefined);
  const getInvitation = async (token: string, q = db) => {
    const r = await q.selectFrom("invitations").selectAll().where("token_hash", "=", hashInvitationToken(token)).executeTakeFirst();
    return r ? toInvitation(r, token) : null;
  };
  const getMemberRole = async (workshopId: string, userId: string, q = db) => {
    const r = await q
      .selectFrom("workshop_members")
      .select("role")
      .where("workshop_id", "=", workshopId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return (r?.role as MemberRole | undefined) ?? null;
  };
  const listInvitations = async (workshopId: string, q = db): Promise<InvitationListing[]> => {
    const rows = await q
      .selectFrom("invitations as i")
      .leftJoin("users as u", "u.id", "i.accepted_by")
      .selectAll("i")
      .select("u.name as accepted_by_name")
      .where("i.workshop_id", "=", workshopId)
      .orderBy("i.created_at", "desc")
      .execute();
    const at = now();
    return rows.map(({ accepted_by_name, ...r }) => {
      const inv = toInvitation(r, "");
      return {
        id: listingIdOfHash(r.token_hash),
        role: inv.role,
        createdAt: inv.createdAt,
        expiresAt: inv.expiresAt,
        acceptedByName: accepted_by_name ?? null,
        acceptedAt: inv.acceptedAt,
        revokedAt: inv.revokedAt,
        state: invitationState(inv, at),
      };
    });
  };

  return {
    addMember: (workshopId, userId, role) => addMember(workshopId, userId, role),
    async listMembers(workshopId) {
      const rows = await db
        .selectFrom("workshop_members as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(["m.workshop_id", "m.user_id", "m.role", "u.name", "u.email"])
        .where("m.workshop_id", "=", workshopId)
        .execute();
      return rows
        .map((r): Member => ({ workshopId: r.workshop_id, userId: r.user_id, role: r.role as MemberRole, name: r.name, email: r.email }))
        .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name));
    },
    getMemberRole: (workshopId, userId) => getMemberRole(workshopId, userId),
    async isOrganiser(userId) {
      const membership = await db
        .selectFrom("workshop_members")
        .select("user_id")
        .where("user_id", "=", userId)
        .where("role", "=", "organiser")
        .executeTakeFirst();
      if (membership) return true;
      const first = await db.selectFrom("users").select("id").orderBy("created_at").orderBy("id").limit(1).executeTakeFirst();
      return first?.id === userId;
    },
    async createInvitation(workshopId, role, createdBy) {
      const at = now();
      const token = randomToken(32);
      const row: InvitationsTable = {
        token_hash: hashInvitationToken(token),
        workshop_id: workshopId,
        role,
        created_by: createdBy,
        created_at: at,
        expires_at: at + INVITATION_TTL_MS,
        accepted_by: null,
        accepted_at: null,
        revoked_at: null,
      };
      await guard(db.insertInto("invitations").values(row).execute());
      return toInvitation(row, token);
    },
    getInvitation: (token) => getInvitation(token),
    listInvitations: (workshopId) => listInvitations(workshopId),
    revokeInvitation: (workshopId, id) =>
      inTransaction(db, async (tx) => {
        const rows = await tx.selectFrom("invitations").select("token_hash").where("workshop_id", "=", workshopId).execute();
        const tokenHash = rows.find((r) => listingIdOfHash(r.token_hash) === id)?.token_hash;
        if (!tokenHash) throw new NotFoundError("invitation", id);
        // Conditional update: a concurrent accept or revoke makes this one change nothing.
        const res = await tx
          .updateTable("invitations")
          .set({ revoked_at: now() })
          .where("token_hash", "=", tokenHash)
          .where("accepted_by", "is", null)
          .where("revoked_at", "is", null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new ConflictError("invitation already used or revoked", "state");
        return (await listInvitations(workshopId, tx)).find((l) => l.id === id)!;
      }),
    acceptInvitation: (token, userId) =>
      inTransaction(db, async (tx) => {
        const inv = await getInvitation(token, tx);
        if (!inv) throw new NotFoundError("invitation", token.slice(0, 6) + "…");
        if (inv.acceptedBy === userId) return inv;
        if (inv.acceptedBy) throw new ConflictError("invitation already used", "state");
        if (inv.revokedAt !== null) throw new RevokedError("invitation", inv.revokedAt);
        const at = now();
        if (at >= inv.expiresAt) throw new ExpiredError("invitation", inv.expiresAt);
        // Conditional update: of two concurrent accepts exactly one changes the row.
        const res = await tx
          .updateTable("invitations")
          .set({ accepted_by: userId, accepted_at: at })
          .where("token_hash", "=", hashInvitationToken(token))
          .where("accepted_by", "is", null)
          .where("revoked_at", "is", null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new ConflictError("invitation already used", "state");
        const current = await getMemberRole(inv.workshopId, userId, tx);
        if (current !== "organiser") await addMember(inv.workshopId, userId, inv.role, tx);
        return { ...inv, acceptedBy: userId, acceptedAt: at };
      }),
  };
}
