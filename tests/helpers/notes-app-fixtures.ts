/**
 * Fixtures for notes tests against a real app: staff, sessions and participants made through the real
 * stores, cookies signed like the app's own, and y-websocket clients that send that cookie.
 *
 * Works in-process (pass the app's stores and cookie storage) or against a server PROCESS by opening its
 * SQLite file and secret in DATA_DIR ({@link openProcessFixtures}); WAL mode lets both write. Test-only:
 * production code has no fixture endpoints.
 */
import path from "node:path";
import * as Y from "yjs";
import { WebSocket } from "ws";
import { cookieWebSocket } from "../../scripts/lib/cookie-websocket";
import { WebsocketProvider } from "y-websocket";
import { createAuthCookieStorage, type CookieSessionStorage } from "../../server/auth/cookie";
import { loadOrCreateSecret } from "../../server/config/secret";
import { createDatabase, createStores, type Storage, type Stores } from "../../server/storage";
import { notesDocName } from "../../app/domain/notes/model";
import type { ParticipantRole } from "../../app/domain/session";

export { cookieWebSocket };

export interface NotesFixtures {
  stores: Stores;
  /** A `Cookie` header value for the given cookie data. */
  cookie(data: { userId?: string; participants?: Record<string, string> }): Promise<string>;
  /** An organiser, a workshop from the seeded template and a session over all its panels. */
  makeSession(): Promise<{ sessionId: string; workshopId: string; panelIds: string[]; organiserCookie: string; organiserId: string }>;
  /** A staff account with `role` on the workshop, signed in. */
  addStaff(workshopId: string, role: "facilitator" | "rapporteur", name?: string): Promise<{ userId: string; cookie: string; email: string; password: string }>;
  /** A joined participant (no account) of `sessionId`. */
  addParticipant(sessionId: string, opts?: { role?: ParticipantRole; displayName?: string | null }): Promise<{ participantId: string; cookie: string }>;
}

/** Password given to every fixture account (argon2 hashing is slow, so hash it once). */
export const FIXTURE_PASSWORD = "correct horse battery staple";

export function createNotesFixtures(stores: Stores, cookies: CookieSessionStorage, hashPassword: (p: string) => Promise<string>): NotesFixtures {
  let hash: Promise<string> | null = null;
  const passwordHash = () => (hash ??= hashPassword(FIXTURE_PASSWORD));
  const rnd = () => Math.random().toString(36).slice(2, 10);
  const cookie: NotesFixtures["cookie"] = async (data) => {
    const s = await cookies.getSession();
    if (data.userId) s.set("userId", data.userId);
    if (data.participants) s.set("participants", data.participants);
    return (await cookies.commitSession(s)).split(";")[0];
  };
  return {
    stores,
    cookie,
    async makeSession() {
      const user = await stores.users.create({ email: `org-${rnd()}@example.org`, name: "Org Aniser", passwordHash: await passwordHash() });
      const template = await stores.templates.getByKey("space-security-norms");
      if (!template) throw new Error("seed template missing (SEED_TEMPLATES off?)");
      const workshop = await stores.workshops.createFromTemplate(
        { title: "Notes workshop", region: "East Africa", timeZone: "Africa/Nairobi", startsOn: "2026-12-01", endsOn: "2026-12-02", rule: "chatham-house", minCellSize: 5 },
        { id: template.id, body: template.body },
        user.id,
      );
      const panelIds = (await stores.workshops.getAgenda(workshop.id)).map((p) => p.id);
      const session = await stores.sessions.create({ workshopId: workshop.id, title: "Day 1", panelIds, createdBy: user.id });
      return { sessionId: session.id, workshopId: workshop.id, panelIds, organiserId: user.id, organiserCookie: await cookie({ userId: user.id }) };
    },
    async addStaff(workshopId, role, name) {
      const email = `${role}-${rnd()}@example.org`;
      const user = await stores.users.create({ email, name: name ?? `${role} ${rnd()}`, passwordHash: await passwordHash() });
      await stores.workshops.addMember(workshopId, user.id, role);
      return { userId: user.id, email, password: FIXTURE_PASSWORD, cookie: await cookie({ userId: user.id }) };
    },
    async addParticipant(sessionId, opts = {}) {
      const p = await stores.sessions.addParticipant({ sessionId, role: opts.role ?? "participant", displayName: opts.displayName ?? null, sector: null, userId: null });
      return { participantId: p.id, cookie: await cookie({ participants: { [sessionId]: p.id } }) };
    },
  };
}

/** Fixtures over a running server process's DATA_DIR (its SQLite file and cookie secret). */
export async function openProcessFixtures(dataDir: string, hashPassword: (p: string) => Promise<string>): Promise<NotesFixtures & { close(): Promise<void>; storage: Storage }> {
  const storage = await createDatabase({ sqlitePath: path.join(dataDir, "roundtable.sqlite") });
  const secret = await loadOrCreateSecret(dataDir);
  const fixtures = createNotesFixtures(createStores(storage), createAuthCookieStorage({ secret, secure: false }), hashPassword);
  return { ...fixtures, storage, close: () => storage.close() };
}

export interface NotesTestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closeCodes: number[];
  destroy(): void;
}

/** A real y-websocket client on a session's notes (Node: `ws`, no BroadcastChannel). */
export function notesClient(baseUrl: string, sessionId: string, cookie: string | null, opts: { params?: Record<string, string>; connect?: boolean } = {}): NotesTestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, "ws")}/yjs`, notesDocName(sessionId), doc, {
    WebSocketPolyfill: cookieWebSocket(cookie),
    disableBc: true,
    params: opts.params ?? {},
    maxBackoffTime: 200,
    connect: opts.connect ?? true,
  });
  const closeCodes: number[] = [];
  provider.on("connection-close", (event) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    doc,
    provider,
    closeCodes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Opens a raw WebSocket upgrade and resolves with the HTTP status of a refusal, or 101 when accepted. */
export function upgradeStatus(baseUrl: string, docName: string, headers: Record<string, string> = {}, query = ""): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/yjs/${docName}${query}`, { headers });
    ws.on("error", () => {});
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once("open", () => {
      resolve(101);
      ws.close();
    });
  });
}
