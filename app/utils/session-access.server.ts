/**
 * Who may see which session page: staff by workshop role, participants by the id this browser
 * got when joining (in the signed cookie). Errors are thrown as Responses.
 */
import { redirect, type AppLoadContext } from "@remix-run/node";
import { JoinCode, looksLikeJoinCode, startPageError } from "~/domain/session";
import type { MemberRole } from "~/domain/workshop";
import { getCookieSession, requireWorkshopRole } from "./auth.server";
import { httpError } from "./errors.server";
export { sameSecret } from "./secrets.server";

/** Loads a session or throws a translated 404. */
export async function loadSession(request: Request, context: AppLoadContext, sessionId: string) {
  const session = await context.services.stores.sessions.get(sessionId);
  if (!session) throw httpError(request, 404);
  return session;
}

/** The session plus the staff user and role; 404/403 as in `requireWorkshopRole`. */
export async function requireSessionStaff(
  request: Request,
  context: AppLoadContext,
  sessionId: string,
  roles: readonly MemberRole[] = ["organiser", "facilitator"],
) {
  const session = await loadSession(request, context, sessionId);
  const access = await requireWorkshopRole(request, context, session.workshopId, roles);
  return { session, ...access };
}

/** The participant this browser is in `sessionId`, or null. */
export async function getSessionParticipant(request: Request, context: AppLoadContext, sessionId: string) {
  const cookie = await getCookieSession({ request, context });
  const participantId = cookie.get("participants")?.[sessionId];
  if (!participantId) return null;
  const participant = await context.services.stores.sessions.getParticipant(participantId);
  return participant && participant.sessionId === sessionId ? participant : null;
}

/** Absolute join link for a code, e.g. `https://host/j/ABCDEF`. */
export function joinLink(context: AppLoadContext, joinCode: string) {
  return `${context.services.publicUrl ?? ""}/j/${joinCode}`;
}


/**
 * The session a typed join code names, or a redirect (thrown) to the start page with the error:
 * `unknown` for a well-formed code no session has (see `looksLikeJoinCode`), `invalid` for
 * anything else. Each miss counts against the door rate limit (`context.joinMiss`).
 */
export async function sessionByTypedCode(context: AppLoadContext, typed: string) {
  const code = JoinCode.safeParse(typed);
  const session = code.success ? await context.services.stores.sessions.getByJoinCode(code.data) : null;
  if (session) return session;
  await context.joinMiss();
  throw redirect(startPageError(code.success || looksLikeJoinCode(typed) ? "unknown" : "invalid", typed));
}
