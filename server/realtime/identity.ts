/**
 * Resolves who a realtime connection is from the same signed cookie the Remix routes use, or from
 * the projector key in the projector link. Shared by the Socket.io handshake and the Yjs upgrade.
 */
import { sameSecret } from "../../app/utils/secrets.server";
import type { ParticipantRole } from "../../app/domain/session";
import type { Sector } from "../../app/domain/workshop";
import type { AuthService } from "../auth/service";
import type { Stores } from "../storage";

export interface SocketData {
  sessionId: string;
  role: ParticipantRole | "projector";
  /** Null for projector connections, which are not participants. */
  participantId: string | null;
  /** Shown only as live presence in the room. */
  displayName: string | null;
  /** The participant's sector, fixed when joining: copied onto each response (no read per vote). */
  sector: Sector | null;
}


/**
 * @returns the identity, or null when the cookie/key gives no access to `sessionId`.
 * Staff (organiser/facilitator → `facilitator`, rapporteur → `rapporteur`) get a participant row
 * on first connect so presence and notes authorship stay pseudonymous ids.
 */
export async function resolveIdentity(
  cookieHeader: string | null,
  auth: { sessionId: string; projectorKey?: string },
  deps: { stores: Stores; auth: AuthService },
): Promise<SocketData | null> {
  const { stores } = deps;
  const session = await stores.sessions.get(auth.sessionId);
  if (!session) return null;
  if (auth.projectorKey !== undefined) {
    return sameSecret(auth.projectorKey, session.projectorKey)
      ? { sessionId: session.id, role: "projector", participantId: null, displayName: null, sector: null }
      : null;
  }
  const cookie = await deps.auth.cookies.getSession(cookieHeader);
  const userId = cookie.get("userId");
  if (userId) {
    const memberRole = await stores.workshops.getMemberRole(session.workshopId, userId);
    if (memberRole) {
      const role: ParticipantRole = memberRole === "rapporteur" ? "rapporteur" : "facilitator";
      const user = await stores.users.get(userId);
      const participant = await ensureStaffParticipant(stores, session.id, userId, role, user?.name ?? null);
      return { sessionId: session.id, role, participantId: participant.id, displayName: user?.name ?? null, sector: participant.sector };
    }
  }
  const participantId = cookie.get("participants")?.[session.id];
  if (!participantId) return null;
  const participant = await stores.sessions.getParticipant(participantId);
  if (!participant || participant.sessionId !== session.id) return null;
  return { sessionId: session.id, role: participant.role, participantId: participant.id, displayName: participant.displayName, sector: participant.sector };
}

async function ensureStaffParticipant(stores: Stores, sessionId: string, userId: string, role: ParticipantRole, name: string | null) {
  const existing = await stores.sessions.findParticipantByUser(sessionId, userId);
  if (existing) return existing;
  return stores.sessions.addParticipant({ sessionId, role, displayName: name, sector: null, userId });
}
