/**
 * Wires the notes server into the app: authorisation of `/yjs/session-<id>` upgrades from the same signed
 * cookie (or projector key) as Socket.io, presence colours and labels, and the kysely store over `storage.db`.
 *
 * @example
 * const notes = createAppNotesServer({ storage, stores, auth, logger });
 * routeUpgrades(httpServer, { yjs: notes.handleUpgrade });
 * // shutdown: await notes.close(); then storage.close()
 */
import type { IncomingMessage } from "node:http";
import type { ParticipantRole } from "../../app/domain/session";
import type { AuthService } from "../auth/service";
import { resolveIdentity } from "../realtime/identity";
import type { Storage, Stores } from "../storage";
import { createNotesServer, type NotesAuthorize, type NotesLogger, type NotesServer, type NotesServerOptions } from "./server";
import { createKyselyNoteStore } from "./store-kysely";
export { notesOpenToAllKey } from "../../app/components/notes/access";

/** Doc names the app serves: `session-<sessionId>` (see app/domain/notes/model.ts `notesDocName`). */
const SESSION_DOC = /^session-([A-Za-z0-9_-]{1,90})$/;

/** The session id of an app doc name (`session-<id>`), or null for any other name. */
export const sessionOfDoc = (docName: string): string | null => SESSION_DOC.exec(docName)?.[1] ?? null;

/**
 * Caret/presence colours. Each has a contrast ratio ≥ 4.5:1 against white (caret labels draw white text on
 * the colour; WCAG 1.4.3) and the set avoids relying on red/green alone: neighbours differ in lightness too.
 */
export const PRESENCE_COLORS = ["#1d4ed8", "#b91c1c", "#047857", "#7c3aed", "#a16207", "#0e7490", "#be185d", "#4d5b0f"] as const;

/** FNV-1a 32-bit: a stable, cheap hash so the same participant keeps the same colour across reconnects. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Colour of a participant: one of {@link PRESENCE_COLORS}, by id hash. */
export const presenceColor = (participantId: string): string => PRESENCE_COLORS[hashId(participantId) % PRESENCE_COLORS.length];

const ROLE_LABEL: Record<ParticipantRole | "projector", string> = {
  facilitator: "Facilitator",
  rapporteur: "Rapporteur",
  participant: "Participant",
  observer: "Observer",
  projector: "Projector",
};

/**
 * Presence label: the display name, or a role label with a short number stable per participant
 * ("Rapporteur 27"), so two anonymous rapporteurs can tell their carets apart without any name.
 */
export function presenceName(role: ParticipantRole | "projector", participantId: string, displayName: string | null): string {
  const name = displayName?.trim();
  if (name) return name.slice(0, 60);
  return role === "projector" ? ROLE_LABEL.projector : `${ROLE_LABEL[role]} ${(hashId(participantId) % 99) + 1}`;
}

/**
 * Refuses cross-site upgrades: browsers send cookies on cross-origin WebSocket handshakes (SameSite=lax
 * does not cover them), so a page elsewhere could otherwise open a rapporteur's notes with their cookie.
 * No Origin (non-browser clients) is allowed: those carry no ambient cookie.
 */
function sameOrigin(req: IncomingMessage, publicUrl: string | null): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  if (host === req.headers.host) return true;
  return publicUrl !== null && host === new URL(publicUrl).host;
}

/** What {@link createNotesAuthorize} needs. */
export interface NotesAuthDeps {
  stores: Stores;
  auth: AuthService;
  /** Public base URL (behind a proxy the Host header may differ from the browser's origin). */
  publicUrl?: string | null;
  /**
   * Whether the facilitator opened this session's notes to participants (they then write too).
   * Default: never. Takes effect on the participant's next connection.
   */
  isOpenToAll?: (sessionId: string) => Promise<boolean>;
}

/** The app's {@link NotesAuthorize}: 404 unknown session/doc, 403 no access, cross-origin or another session's participant. */
export function createNotesAuthorize(deps: NotesAuthDeps): NotesAuthorize {
  return async (req, docName) => {
    const sessionId = sessionOfDoc(docName);
    if (!sessionId) return { ok: false, status: 404 };
    if (!(await deps.stores.sessions.get(sessionId))) return { ok: false, status: 404 };
    if (!sameOrigin(req, deps.publicUrl ?? null)) return { ok: false, status: 403 };
    const key = new URL(req.url ?? "/", "http://x").searchParams.get("key");
    const who = await resolveIdentity(req.headers.cookie ?? null, { sessionId, ...(key !== null ? { projectorKey: key } : {}) }, deps);
    if (!who) return { ok: false, status: 403 };
    const participantId = who.participantId ?? `projector-${sessionId}`;
    const role: ParticipantRole = who.role === "projector" ? "observer" : who.role;
    // Notes freeze when the session ends: the summary is built from them.
    const ended = (await deps.stores.sessions.get(sessionId))?.status === "ended";
    const canWrite =
      !ended &&
      (who.role === "facilitator" || who.role === "rapporteur" || (who.role === "participant" && ((await deps.isOpenToAll?.(sessionId)) ?? false)));
    return {
      ok: true,
      identity: { participantId, role, canWrite, color: presenceColor(participantId), name: presenceName(who.role, participantId, who.displayName) },
    };
  };
}

/** Creates the app's notes server: kysely store over the shared database, cookie authorisation. */
export function createAppNotesServer(
  deps: NotesAuthDeps & { storage: Pick<Storage, "db">; logger: NotesLogger },
  options: Partial<Omit<NotesServerOptions, "store" | "authorize" | "logger">> = {},
): NotesServer {
  // With a relay (scale-out on Postgres), appends of one doc are ordered across instances (store-kysely.ts).
  const store = createKyselyNoteStore(deps.storage.db, Date.now, { lockPerDoc: options.relay !== undefined });
  return createNotesServer({ ...options, store, authorize: createNotesAuthorize(deps), logger: deps.logger });
}
