/**
 * The signed cookie session shared by Remix routes, the Socket.io handshake and the Yjs upgrade.
 *
 * Holds only ids: the staff user id and, per session joined, the pseudonymous participant id.
 * No names or affiliations are stored in the cookie.
 */
import { createCookieSessionStorage, type Session as CookieSession } from "@remix-run/node";

export interface CookieData {
  /** Staff account id (organiser/facilitator/rapporteur), when signed in. */
  userId?: string;
  /** Session id → participant id, for sessions this browser joined (newest last, capped). */
  participants?: Record<string, string>;
}

export type CookieSessionStorage = ReturnType<typeof createAuthCookieStorage>;
export type AuthCookieSession = CookieSession<CookieData, { flash?: string }>;

/** Creates the cookie storage. `secure` marks the cookie HTTPS-only. Cookie lifetime 30 days (seconds below). */
export function createAuthCookieStorage(opts: { secret: string; secure: boolean }) {
  return createCookieSessionStorage<CookieData, { flash?: string }>({
    cookie: {
      name: "__rt",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: opts.secure,
      secrets: [opts.secret],
      maxAge: 30 * 24 * 60 * 60,
    },
  });
}
