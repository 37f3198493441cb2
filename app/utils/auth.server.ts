/**
 * Route helpers for identity: who is signed in, which workshop role they hold, which participant
 * this browser is in a session. Errors are thrown as Responses (Remix convention).
 */
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { MemberRole } from "~/domain/workshop";
import { httpError } from "~/utils/errors.server";

type Ctx = { request: Request; context: AppLoadContext };

export async function getCookieSession({ request, context }: Ctx) {
  return context.services.auth.cookies.getSession(request.headers.get("cookie"));
}

export async function commitCookieSession(context: AppLoadContext, session: Awaited<ReturnType<typeof getCookieSession>>) {
  return { "Set-Cookie": await context.services.auth.cookies.commitSession(session) };
}

/** The signed-in staff user, or null (also null when the account no longer exists). */
export async function getOptionalUser(request: Request, context: AppLoadContext) {
  if (!context.services) return null;
  const session = await getCookieSession({ request, context });
  const userId = session.get("userId");
  return userId ? context.services.stores.users.get(userId) : null;
}

/** The signed-in user; redirects to /login?redirectTo=<this page> otherwise. */
export async function requireUser(request: Request, context: AppLoadContext) {
  const user = await getOptionalUser(request, context);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/**
 * The signed-in user when they are an organiser (`isOrganiser`: the first account, or an organiser of
 * any workshop): DESIGN.md gives creating workshops and importing templates to organisers only.
 * Redirects to sign in when nobody is signed in; throws a 403 whose body is the translated
 * `messageKey` (shown by the root error boundary) for any other staff account.
 */
export async function requireOrganiser(request: Request, context: AppLoadContext, messageKey: string) {
  const user = await requireUser(request, context);
  if (!(await context.services.stores.workshops.isOrganiser(user.id))) {
    throw httpError(request, 403, messageKey);
  }
  return user;
}

/**
 * The user and their role on `workshopId`; 404 when the workshop does not exist or the user is not
 * a member (no hint that it exists), 403 when their role is not in `roles`.
 */
export async function requireWorkshopRole(
  request: Request,
  context: AppLoadContext,
  workshopId: string,
  roles: readonly MemberRole[] = ["organiser", "facilitator", "rapporteur"],
) {
  const user = await requireUser(request, context);
  const { workshops } = context.services.stores;
  const [workshop, role] = await Promise.all([workshops.get(workshopId), workshops.getMemberRole(workshopId, user.id)]);
  // Translated bodies: the root error boundary shows a string body as the page's message.
  if (!workshop || !role) throw httpError(request, 404);
  if (!roles.includes(role)) throw httpError(request, 403);
  return { user, role, workshop };
}

/** Safe same-site redirect target: only local absolute paths (blocks `//evil.example` and `javascript:`). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
