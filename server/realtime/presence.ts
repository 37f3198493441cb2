/**
 * Live presence per session: who is connected, kept incrementally (a counter per person, +1 on
 * connect, −1 on disconnect) and broadcast coalesced — a connect or disconnect only marks the
 * session dirty, and one timer sends `presence:updated` at most every `intervalMs`, to staff only
 * (the facilitator's console and the rapporteur show it; phones and the projector do not, and the
 * names of who is in the room need not reach every phone).
 *
 * Why: a broadcast per connect to the whole room, each built from `fetchSockets()`, costs O(N) per
 * join, so O(N²) frames while N people arrive (10,000 joins ⇒ 50 million frames). Now an arrival
 * costs O(1) and presence ≤ 4 small frames per second per staff connection, whatever the join rate.
 *
 * Counts are of this process's connections (as the poll cache, see docs/protocol.md "Scale-out").
 */
import type { PresenceView } from "../../app/domain/events";
import { createTallyCoalescer } from "./polls-tally";
import type { SocketData } from "./identity";

/**
 * Display names sent with a presence update: enough to read out a small room; in a hall of
 * thousands the count says it and a name list would make every update N names × N phones.
 */
export const PRESENCE_NAMES_MAX = 50;

export interface Presence {
  /** Counts a connection (projectors are not people and are ignored). O(1). */
  join(data: SocketData, socketId: string): void;
  /** Uncounts a connection joined before. O(1). */
  leave(data: SocketData, socketId: string): void;
  /** The session's current view. O(people) when names are present. */
  view(sessionId: string): PresenceView;
  /** Sends the session's view again (coalesced), e.g. after another instance's count changed. O(1). */
  touch(sessionId: string): void;
  close(): void;
}

interface Room {
  /** Connections per person (all tabs of one participant count once). */
  people: Map<string, number>;
  /** Names of connected people who gave one. */
  names: Map<string, string>;
  /** The first PRESENCE_NAMES_MAX names in collation order; null after `names` changed. */
  shown: string[] | null;
}

/**
 * @param emit sends the view to the session's staff.
 * @param opts.intervalMs minimum gap between two updates of one session (default 250 ms ⇒ ≤ 4/s).
 */
export function createPresence(emit: (sessionId: string, view: PresenceView) => void, opts: { intervalMs?: number; onError?: (err: unknown) => void } = {}): Presence {
  const rooms = new Map<string, Room>();
  const keyOf = (data: SocketData, socketId: string) => data.participantId ?? `socket:${socketId}`;

  function view(sessionId: string): PresenceView {
    const room = rooms.get(sessionId);
    if (!room) return { connected: 0, names: [] };
    // Sorted again only when someone with a name came or went, not at every coalesced update
    // (10,000 names take ≈5 ms to sort; at 4 updates/s per session that was 2 % of a core for nothing).
    room.shown ??= [...room.names.values()].sort((a, b) => a.localeCompare(b)).slice(0, PRESENCE_NAMES_MAX);
    return { connected: room.people.size, names: room.shown };
  }

  const coalescer = createTallyCoalescer(async (sessionId) => emit(sessionId, view(sessionId)), { intervalMs: opts.intervalMs, onError: opts.onError });

  return {
    join(data, socketId) {
      if (data.role === "projector") return;
      let room = rooms.get(data.sessionId);
      if (!room) rooms.set(data.sessionId, (room = { people: new Map(), names: new Map(), shown: null }));
      const key = keyOf(data, socketId);
      room.people.set(key, (room.people.get(key) ?? 0) + 1);
      if (data.displayName && room.names.get(key) !== data.displayName) {
        room.names.set(key, data.displayName);
        room.shown = null;
      }
      coalescer.markDirty(data.sessionId, "presence");
    },
    leave(data, socketId) {
      if (data.role === "projector") return;
      const room = rooms.get(data.sessionId);
      const key = keyOf(data, socketId);
      const n = room?.people.get(key);
      if (!room || n === undefined) return;
      if (n > 1) room.people.set(key, n - 1);
      else {
        room.people.delete(key);
        if (room.names.delete(key)) room.shown = null;
      }
      if (room.people.size === 0) rooms.delete(data.sessionId);
      coalescer.markDirty(data.sessionId, "presence");
    },
    view,
    touch: (sessionId) => coalescer.markDirty(sessionId, "presence"),
    close: () => coalescer.close(),
  };
}
