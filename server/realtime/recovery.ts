/**
 * Connection-state recovery without keeping per-connection full states.
 *
 * With `connectionStateRecovery`, Socket.io's SessionAwareAdapter keeps EVERY event packet it sends
 * for `maxDisconnectionDuration` (2 min here), including those sent to one connection with
 * `socket.emit`, so a client back from a short cut can be replayed what it missed. The full states
 * this app sends to one connection (`FULL_STATES`: session, polls, Q&A) are sent again to every
 * connection — recovered or not — when it (re)connects (docs/protocol.md), so keeping them buys
 * nothing and costs ~3 full states per person for 2 minutes (several KB each, ×10,000 phones).
 *
 * `keepRoomBroadcastsOnly` swaps in a subclass of the server's own adapter that sends those events
 * to a single connection, and tallies (`SUPERSEDED`) to any room, without storing them. Everything
 * else is stored as before: room broadcasts, and `session:identity`, the small first packet of each connection, whose stored
 * offset is what lets the client be recovered at all (Socket.io restores a session only from an
 * offset it still holds).
 */
import type { RoundtableServer } from "./session";

interface BroadcastOptions {
  rooms: Set<string>;
  except?: Set<string>;
}
interface AdapterLike {
  broadcast(packet: unknown, opts: BroadcastOptions): void;
  nsp: { sockets: Map<string, unknown> };
}
type AdapterClass = new (...args: never[]) => AdapterLike;

/** Events that are complete states of one connection's view, re-sent on every (re)connect. */
const FULL_STATES: ReadonlySet<string> = new Set(["session:state", "polls:state", "questions:state"]);
/**
 * Room broadcasts that the full state of a (re)connect supersedes: `poll:tallied` is a poll's whole
 * tally, and every connection's polls:state carries the current tallies. Sent, never stored (a
 * 10,000-phone room's tallies go out in slices, polls-broadcast.ts, which would otherwise store
 * one packet per slice).
 */
const SUPERSEDED: ReadonlySet<string> = new Set(["poll:tallied"]);

/**
 * Call once, before any connection. Does nothing when recovery is off (the adapter keeps no
 * packets) or the adapter is not the in-memory one (e.g. a Redis adapter, which stores nothing).
 */
export function keepRoomBroadcastsOnly(io: RoundtableServer): void {
  const current = io.of("/").adapter as unknown as { packets?: unknown[]; constructor: AdapterClass };
  if (!Array.isArray(current.packets)) return;
  const Base = current.constructor;
  // The in-memory Adapter's broadcast: sends, never stores (SessionAwareAdapter.broadcast = store + this).
  const found: unknown = Object.getPrototypeOf(Base.prototype)?.broadcast;
  if (typeof found !== "function") return;
  const sendOnly = found as AdapterLike["broadcast"];
  class RoomBroadcastRecovery extends Base {
    override broadcast(packet: unknown, opts: BroadcastOptions) {
      const [only] = opts.rooms;
      const event = (packet as { data?: unknown[] }).data?.[0];
      const unstored =
        typeof event === "string" && (SUPERSEDED.has(event) || (FULL_STATES.has(event) && opts.rooms.size === 1 && !opts.except?.size && this.nsp.sockets.has(only)));
      return unstored ? sendOnly.call(this, packet, opts) : super.broadcast(packet, opts);
    }
  }
  io.adapter(RoomBroadcastRecovery as never);
}
