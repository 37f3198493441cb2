/**
 * One command table per Socket.io server, shared by every connection. Each connection gets a single
 * listener (`onAny`, the same function object for all of them, which finds its socket in `this`)
 * instead of one closure per command per connection: with ~20 commands, per-connection closures,
 * their contexts and the per-socket listener table cost ~8 KB per connection (heap snapshots of the
 * polls bench), i.e. 80 MB for 10,000 phones.
 *
 * Also the packet guard's first line (see polls-guard.ts): a packet whose event has neither a route
 * nor a listener is counted as rejected (and acknowledged `{ok:false, error:"unknown-event"}` when
 * it carries an ack), and `MAX_REJECTED` of them close the connection; more than
 * `FLOOD_PACKETS_PER_SECOND` packets of any kind in one second close it too.
 *
 * Order: Socket.io calls `onAny` listeners when the packet is decoded, before `socket.use`
 * middlewares and plain listeners; commands need neither.
 */
import type { Ack } from "../../app/domain/events";
import type { RoundtableServer, RoundtableSocket } from "./session";

/** A command handler: the connection, the first argument sent and the ack callback (if any, else not a function). */
export type RouteHandler = (socket: RoundtableSocket, payload: unknown, ack: unknown) => unknown;

export interface CommandRouter {
  /**
   * Routes `event` to `handler` for every connection of the server (present and future).
   * Handlers must catch their own errors (a rejection is logged as `onError`).
   * @throws Error when `event` already has a route.
   */
  on(event: string, handler: RouteHandler): void;
}

/** Rejected packets tolerated per connection (a stale client after a deploy may send a few unknown names). */
export const MAX_REJECTED = 20;

/**
 * Packets one connection may send in one second before it is closed as a flood. A person sends ~5 a
 * second; the per-participant event limit (limits.ts) allows 20 a second with a burst of 40; a phone
 * back online flushes one queued answer per poll. Refusing a flood's events one by one still costs
 * the server a decode, a limiter call and an ack each (≈17,000 a second from 12 scripted tabs took
 * most of a core and slowed other sessions' votes 90-fold), so past this the connection goes.
 */
export const FLOOD_PACKETS_PER_SECOND = 100;
/** How long (ms) the participant (or the session's projectors) of a connection closed as a flood may not reconnect. */
export const FLOOD_COOLDOWN_MS = 10_000;

const packetWindows = new WeakMap<RoundtableSocket, { start: number; n: number }>();
/**
 * Whose cool-down a connection's flood starts: its participant (staff connections carry one too),
 * else, for a projector, its session's projectors. Not its address: behind nginx every connection
 * comes from the proxy (Socket.io does not apply TRUST_PROXY), so one flooding projector would
 * lock out every projector of every session.
 */
export const floodKey = (socket: RoundtableSocket) => socket.data.participantId ?? `${socket.data.role}:${socket.data.sessionId}`;

/**
 * Ms left before a connection closed as a flood may reconnect, for a `floodKey`; 0 when it may.
 * The handshake (session.ts) refuses it meanwhile.
 */
export function floodCoolDownLeft(io: RoundtableServer, key: string, now = Date.now()): number {
  const until = routers.get(io)?.coolDowns.get(key);
  return until && until > now ? until - now : 0;
}

/** Counts one packet of `socket`; true (and the connection closed) once it is a flood. */
function flooding(socket: RoundtableSocket, coolDowns: Map<string, number>, onFlood: (socket: RoundtableSocket) => void): boolean {
  if (!socket.connected) return true;
  const now = Date.now();
  let w = packetWindows.get(socket);
  if (!w || now - w.start >= 1_000) packetWindows.set(socket, (w = { start: now, n: 0 }));
  if (++w.n <= FLOOD_PACKETS_PER_SECOND) return false;
  for (const [key, until] of coolDowns) if (until <= now) coolDowns.delete(key);
  coolDowns.set(floodKey(socket), now + FLOOD_COOLDOWN_MS);
  onFlood(socket);
  socket.disconnect(true);
  return true;
}

const routers = new WeakMap<
  RoundtableServer,
  CommandRouter & { onError: (err: unknown) => void; onFlood: (socket: RoundtableSocket) => void; coolDowns: Map<string, number> }
>();
const rejectedCounts = new WeakMap<RoundtableSocket, number>();

/** Counts one rejected packet of `socket`; closes the connection past `MAX_REJECTED`. */
export function reject(socket: RoundtableSocket): void {
  const n = (rejectedCounts.get(socket) ?? 0) + 1;
  rejectedCounts.set(socket, n);
  if (n > MAX_REJECTED) socket.disconnect(true);
}

/**
 * The router of `io`, created on first use (the session, polls and Q&A modules each register their
 * commands on it without the composition root passing it around).
 * @param onError where handler rejections go (the first caller's wins; later ones are ignored).
 * @param onFlood told when a connection is closed as a flood (first caller's wins), e.g. to log it.
 */
export function routerOf(io: RoundtableServer, onError: (err: unknown) => void = () => undefined, onFlood: (socket: RoundtableSocket) => void = () => undefined): CommandRouter {
  const existing = routers.get(io);
  if (existing) return existing;
  const routes = new Map<string, RouteHandler>();

  function dispatch(this: RoundtableSocket, event: unknown, ...args: unknown[]) {
    if (flooding(this, router.coolDowns, router.onFlood)) return;
    const handler = typeof event === "string" ? routes.get(event) : undefined;
    if (!handler) {
      if (typeof event !== "string" || this.listeners(event as never).length === 0) {
        reject(this);
        // Commands are always acknowledged (docs/protocol.md), unknown ones too: a client on an
        // older or newer protocol gets an answer instead of waiting for its timeout.
        const ack = args[args.length - 1];
        if (typeof ack === "function") ack({ ok: false, error: "unknown-event" } satisfies Ack);
      }
      return;
    }
    const [payload, ack] = args;
    try {
      const result = handler(this, payload, ack) as Promise<unknown> | undefined;
      if (result && typeof result.catch === "function") result.catch(router.onError);
    } catch (err) {
      router.onError(err);
    }
  }

  const router = {
    onError,
    onFlood,
    // Cool-down ends (epoch ms) by floodKey; expired entries go at the next flood.
    coolDowns: new Map<string, number>(),
    on(event: string, handler: RouteHandler) {
      if (routes.has(event)) throw new Error(`two routes for "${event}"`);
      routes.set(event, handler);
    },
  };
  io.on("connection", (socket) => void socket.onAny(dispatch));
  routers.set(io, router);
  return router;
}
