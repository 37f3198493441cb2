/**
 * Session control over Socket.io: handshake authorisation from the signed cookie (or projector
 * key), the room per session, agenda navigation by facilitators and presence (coalesced, presence.ts).
 *
 * Handler order (CONVENTIONS.md): validate → authorise → domain → persist → ack → broadcast;
 * nothing is broadcast after a failure.
 */
import type { Server, Socket } from "socket.io";
import type { Logger } from "pino";
import { applyRunAction, type RunAction } from "../../app/domain/run";
import {
  Empty,
  HandshakeAuth,
  PanelGoto,
  toIssues,
  type Ack,
  type ClientToServerEvents,
  type ConnectionIdentity,
  type ServerToClientEvents,
  type SessionStateView,
} from "../../app/domain/events";
import type { Stores } from "../storage";
import type { AuthService } from "../auth/service";
import { createEventLimiter } from "./limits";
import { createSessionAgendaCache } from "./session-agenda";
import { resolveIdentity, type SocketData } from "./identity";
import { buildSessionState } from "./state";
import { createPresence } from "./presence";
import { createSharedPresence } from "./presence-shared";
import { createLocalBus, type Bus } from "./bus";
import type { EventLimiter } from "./limits";
import { floodCoolDownLeft, floodKey, routerOf } from "./router";

export type RoundtableServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RoundtableSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SessionRealtime {
  /** Re-sends the full state of `sessionId` to its room (after an HTTP action changed it). */
  broadcastState(sessionId: string): Promise<void>;
  /** The room's current view of `sessionId` (for server-rendered first paint), or null. */
  sessionState(sessionId: string): Promise<SessionStateView | null>;
  /** Forgets cached agendas and shared states: call after any workshop or agenda edit (app.ts does, via watchAgendaEdits). */
  agendaEdited(): void;
  /** Stops the presence timer (graceful shutdown, after io.close). */
  close(): void;
}

/**
 * How long a built session state is shared by connecting clients (ms). Facilitator commands and agenda
 * edits rebuild it at once; other changes (the event number `seq`) show within this time.
 */
const STATE_REUSE_MS = 1_000;

export const roomOf = (sessionId: string) => `session:${sessionId}`;
/** True while this process holds a connection in the session's room (other instances not counted). */
export const hasLocalConnections = (io: RoundtableServer, sessionId: string): boolean => Boolean(io.sockets.adapter.rooms.get(roomOf(sessionId))?.size);
/** This process's connections in the session's room. */
export const localSocketsOf = (io: RoundtableServer, sessionId: string): RoundtableSocket[] =>
  [...(io.sockets.adapter.rooms.get(roomOf(sessionId)) ?? [])].flatMap((id) => io.sockets.sockets.get(id) ?? []);
/** Facilitators and rapporteurs of a session (polls.ts joins every connection to its audience's sub-room). */
export const staffRoomOf = (sessionId: string) => `${roomOf(sessionId)}:staff`;
const isStaff = (role: SocketData["role"]) => role === "facilitator" || role === "rapporteur";

/**
 * Registers the session-control handlers on `io`.
 * @param deps.stores storage; @param deps.auth cookie verification; @param deps.logger pino logger.
 */
export function createSessionRealtime(
  io: RoundtableServer,
  deps: {
    stores: Stores;
    auth: AuthService;
    logger: Logger;
    /** Called after a facilitator ended the session (state persisted and broadcast): closes polls, builds the draft summary. */
    onEnded?: (sessionId: string, at: number) => Promise<void>;
    /** The instance bus (scale-out); default: the local bus, which tells no one. */
    bus?: Bus;
    /** Per-participant command limiter; default 40 events / 2 s in memory (limits.ts). */
    limiter?: EventLimiter;
  },
): SessionRealtime {
  const { stores, logger } = deps;
  const limiter = deps.limiter ?? createEventLimiter();
  const bus = deps.bus ?? createLocalBus();
  const agendas = createSessionAgendaCache(stores);

  io.use(async (socket, next) => {
    try {
      const parsed = HandshakeAuth.safeParse(socket.handshake.auth);
      if (!parsed.success) return next(new Error("invalid-handshake"));
      const identity = await resolveIdentity(socket.request.headers.cookie ?? null, parsed.data, deps);
      if (!identity) return next(new Error("forbidden"));
      socket.data = identity;
      // A connection just closed as a packet flood (router.ts) may not come straight back.
      if (floodCoolDownLeft(io, floodKey(socket)) > 0) return next(new Error("rate-limited"));
      next();
    } catch (err) {
      logger.error({ err }, "socket handshake failed");
      next(new Error("server-error"));
    }
  });

  async function stateOf(sessionId: string): Promise<SessionStateView | null> {
    stateMemo.delete(sessionId);
    return buildSessionState(stores, agendas, sessionId, Date.now());
  }

  /**
   * The state for a connecting client: one build (4 reads) shared by everyone who connects within
   * STATE_REUSE_MS, so a crowd arriving or reconnecting at once costs a handful of reads, not 4 per
   * person. Any facilitator command rebuilds it (`stateOf`); `serverNow` is always fresh.
   */
  const stateMemo = new Map<string, { at: number; state: Promise<SessionStateView | null> }>();
  async function sharedState(sessionId: string): Promise<SessionStateView | null> {
    let hit = stateMemo.get(sessionId);
    if (!hit || Date.now() - hit.at > STATE_REUSE_MS) {
      // Expired entries of other sessions go too: the memo holds only sessions someone joined in the last second.
      for (const [id, old] of stateMemo) if (Date.now() - old.at > STATE_REUSE_MS) stateMemo.delete(id);
      const entry = { at: Date.now(), state: buildSessionState(stores, agendas, sessionId, Date.now()) };
      stateMemo.set(sessionId, (hit = entry));
      entry.state.catch(() => stateMemo.get(sessionId) === entry && stateMemo.delete(sessionId));
    }
    const state = await hit.state;
    return state && { ...state, serverNow: Date.now() };
  }

  async function broadcastState(sessionId: string) {
    const state = await stateOf(sessionId);
    // The room broadcast reaches every instance (Redis adapter); their shared states of it are now old.
    bus.publish({ type: "session.changed", sessionId });
    if (state) io.to(roomOf(sessionId)).emit("session:state", state);
  }
  bus.on("session.changed", ({ sessionId }) => void stateMemo.delete(sessionId));

  // Each instance counts its own connections and tells its own staff the sum over instances (presence-shared.ts);
  // `io.local`: with the Redis adapter a room broadcast would also reach other instances' staff.
  const shared = createSharedPresence(bus, (sessionId) => presence.touch(sessionId));
  const presence = createPresence((sessionId, view) => io.local.to(staffRoomOf(sessionId)).emit("presence:updated", shared.merge(sessionId, view)), {
    onError: (err) => logger.error({ err }, "presence broadcast failed"),
  });

  /** Wraps a facilitator command on the agenda: validate, authorise, apply, persist with its event, ack, broadcast. */
  const runCommand =
    (toAction: (payload: unknown) => { ok: true; action: RunAction } | { ok: false; ack: Ack }) =>
    async (socket: RoundtableSocket, payload: unknown, ack: unknown) => {
      const reply = typeof ack === "function" ? (ack as (res: Ack) => void) : () => undefined;
      try {
        if (!(await limiter.allow(socket.data.participantId ?? socket.id))) return reply({ ok: false, error: "rate-limited" });
        const parsed = toAction(payload);
        if (!parsed.ok) return reply(parsed.ack);
        if (socket.data.role !== "facilitator") return reply({ ok: false, error: "forbidden" });
        const sessionId = socket.data.sessionId;
        const session = await stores.sessions.get(sessionId);
        if (!session) return reply({ ok: false, error: "not-found" });
        const now = Date.now();
        const result = applyRunAction(session, parsed.action, now);
        if (!result.ok) return reply({ ok: false, error: result.error });
        await stores.sessions.updateStateWithEvent(sessionId, result.patch, { ...result.event, at: now });
        reply({ ok: true });
        await broadcastState(sessionId);
        if (parsed.action.type === "end") await deps.onEnded?.(sessionId, now);
      } catch (err) {
        logger.error({ err }, "session command failed");
        reply({ ok: false, error: "server-error" });
      }
    };

  const noPayload = (action: RunAction) => (payload: unknown) => {
    const parsed = Empty.safeParse(payload ?? undefined);
    return parsed.success
      ? ({ ok: true, action } as const)
      : ({ ok: false, ack: { ok: false, error: "invalid-payload", issues: toIssues(parsed.error) } } as const);
  };

  // Commands: one shared route each (router.ts), not closures per connection.
  const router = routerOf(io, (err) => logger.error({ err }, "realtime command failed"));
  // Rate-limited like every command; answered from the cached agenda (two small reads, not the agenda).
  router.on("session:sync", async (socket, _payload, ack) => {
    if (typeof ack !== "function") return;
    try {
      if (!(await limiter.allow(socket.data.participantId ?? socket.id))) return ack({ ok: false, error: "rate-limited" });
      const current = await buildSessionState(stores, agendas, socket.data.sessionId, Date.now());
      ack(current ? { ok: true, data: current } : { ok: false, error: "not-found" });
    } catch (err) {
      logger.error({ err }, "session sync failed");
      ack({ ok: false, error: "server-error" });
    }
  });
  router.on("session:start", runCommand(noPayload({ type: "start" })));
  router.on("session:end", runCommand(noPayload({ type: "end" })));
  router.on("panel:advance", runCommand(noPayload({ type: "advance" })));
  router.on("panel:rewind", runCommand(noPayload({ type: "rewind" })));
  router.on(
    "panel:goto",
    runCommand((payload) => {
      const parsed = PanelGoto.safeParse(payload);
      return parsed.success
        ? { ok: true, action: { type: "goto", index: parsed.data.index } }
        : { ok: false, ack: { ok: false, error: "invalid-payload", issues: toIssues(parsed.error) } };
    }),
  );

  function onDisconnect(this: RoundtableSocket) {
    presence.leave(this.data, this.id);
  }

  io.on("connection", async (socket) => {
    const { sessionId } = socket.data;
    // Counted at once, broadcast coalesced (presence.ts): never a room-wide message per connect.
    presence.join(socket.data, socket.id);
    socket.on("disconnect", onDisconnect);
    try {
      await socket.join(isStaff(socket.data.role) ? [roomOf(sessionId), staffRoomOf(sessionId)] : roomOf(sessionId));
      const identity: ConnectionIdentity = { role: socket.data.role, participantId: socket.data.participantId };
      socket.emit("session:identity", identity);
      const state = await sharedState(sessionId);
      if (state) socket.emit("session:state", state);
    } catch (err) {
      logger.error({ err }, "session state on connect failed");
    }
  });

  const agendaEdited = () => {
    agendas.clear();
    stateMemo.clear();
  };
  const close = () => {
    shared.close();
    presence.close();
  };
  return { broadcastState, sessionState: stateOf, agendaEdited, close };
}
