/**
 * Where a committed vote's effects go, coalesced per session (never per vote, never individual
 * answers):
 * - `poll:tallied` to staff consoles and the projector at most every 250 ms (few connections);
 * - `poll:tallied` to the room (phones), paced by its cost, see `room` below;
 * - `poll.tallied` aggregate snapshots in the session event log while a poll is open, at most one
 *   per session every 2 s, so replay shows tallies as they evolved (the close writes the final one).
 * See docs/protocol.md, "Polls".
 */
import { performance } from "node:perf_hooks";
import type { Logger } from "pino";
import type { Tally } from "../../app/domain/polls";
import type { Poll } from "../../app/domain/workshop";
import type { PollRun, Stores } from "../storage";
import { createTallyCoalescer } from "./polls-tally";
import { talliedView, type Audience } from "./polls-views";
import type { RoundtableServer } from "./session";

/** Largest share of this process's time that tally broadcasts to phones may take (see `room` below). */
const ROOM_BROADCAST_SHARE = 0.2;
/** A session is "in a burst" while an answer was committed less than this long ago (ms). */
const ROOM_QUIET_MS = 250;
/** Longest a room tally broadcast waits for a lull in a burst (ms). */
const ROOM_MAX_DELAY_MS = 5_000;
/** Guessed cost of one frame of a room broadcast (ms) until one was timed: measured 0.05–0.2 ms on a loaded 2-core box. */
const ROOM_FRAME_COST_MS = 0.1;
/**
 * Connections written per event-loop turn in a room broadcast (default of `roomSliceSize`): 500
 * frames take ~25–100 ms, so answers arriving meanwhile are stored and acked between slices
 * instead of waiting behind all 10,000 writes of a big room (≈0.5–1 s in one piece).
 */
export const ROOM_SLICE_SIZE = 500;

export interface TallyBroadcasts {
  /** A vote for `pollId` of `sessionId` was committed. O(1), no I/O. */
  committed(sessionId: string, pollId: string): void;
  /** Broadcast the current tally of `pollId` (e.g. after a control change), without logging a snapshot. */
  markDirty(sessionId: string, pollId: string): void;
  /** Drops what is kept about a session (its room emptied). */
  forget(sessionId: string): void;
  /** Stops timers; later marks are ignored. Resolves once broadcasts and snapshot writes already running have finished. */
  close(): Promise<void>;
}

export interface TallyBroadcastDeps {
  io: RoundtableServer;
  stores: Stores;
  logger: Logger;
  /** The current run, poll and tally of each of `pollIds` (tallies from the in-memory counts). */
  currentTallies(sessionId: string, pollIds: string[]): Promise<Array<{ run: PollRun; poll: Poll; computed: { tally: Tally; responseCount: number } }>>;
  /** Participants in the session (sent with each tally). */
  participantCount(sessionId: string): Promise<number>;
  subRoomOf(sessionId: string, audience: Audience): string;
  /** Minimum ms between two broadcasts of a session to staff and projector (default 250). */
  tallyIntervalMs?: number;
  /** Minimum ms between two log snapshots of a session (default 2,000). */
  snapshotIntervalMs?: number;
  /** Connections written per event-loop turn in a room broadcast (default ROOM_SLICE_SIZE). */
  roomSliceSize?: number;
}

/**
 * One per process (polls.ts); each session is coalesced on its own. Tallies go to this process's
 * connections only (`io.local`): with the Redis adapter a room broadcast reaches every instance, and
 * each instance tallies its own followers from counts it reloads when others commit (polls.voted).
 */
export function createTallyBroadcasts(deps: TallyBroadcastDeps): TallyBroadcasts {
  const { io, stores, logger, currentTallies, participantCount, subRoomOf } = deps;
  const tallyIntervalMs = deps.tallyIntervalMs ?? 250;
  const roomSliceSize = deps.roomSliceSize ?? ROOM_SLICE_SIZE;
  const onError = (err: unknown) => logger.error({ err }, "tally broadcast failed");

  const screens = createTallyCoalescer(
    async (sessionId, pollIds) => {
      const list = await currentTallies(sessionId, pollIds);
      const people = await participantCount(sessionId);
      for (const { run, computed } of list) {
        for (const audience of ["staff", "projector"] as const) {
          io.local.to(subRoomOf(sessionId, audience)).emit("poll:tallied", { ...talliedView(audience, run, computed), participantCount: people });
        }
      }
    },
    { intervalMs: tallyIntervalMs, onError },
  );

  /**
   * Phones: one frame per connection per broadcast, so a broadcast to 10,000 phones costs 10,000
   * socket writes (≈ 1–5 s of this process on a busy 2-core machine). At most every 250 ms, and
   * never more often than keeps these broadcasts under ROOM_BROADCAST_SHARE of the time: the gap
   * grows with the last broadcast's cost (before the first, with the room's size), and the first
   * vote waits one gap too. While answers are still pouring in (one committed in the last
   * ROOM_QUIET_MS), the broadcast waits for a lull, up to ROOM_MAX_DELAY_MS: during a burst the
   * process stores and acks answers first; staff and projector are not delayed.
   */
  const roomCost = new Map<string, number>();
  const lastCommitAt = new Map<string, number>();
  const roomWaitingSince = new Map<string, number>();
  const room = createTallyCoalescer(
    async (sessionId, pollIds) => {
      const now = Date.now();
      const waiting = roomWaitingSince.get(sessionId) ?? now;
      if (now - (lastCommitAt.get(sessionId) ?? 0) < ROOM_QUIET_MS && now - waiting < ROOM_MAX_DELAY_MS) {
        roomWaitingSince.set(sessionId, waiting);
        for (const pollId of pollIds) room.markDirty(sessionId, pollId);
        return;
      }
      roomWaitingSince.delete(sessionId);
      const list = await currentTallies(sessionId, pollIds);
      const people = await participantCount(sessionId);
      // The members as they are now, cut into slices sent one event-loop turn apart. Who joins
      // meanwhile gets the current tallies in its polls:state; who left is skipped by Socket.io.
      const members = [...(io.sockets.adapter.rooms.get(subRoomOf(sessionId, "room")) ?? [])];
      const views = list.map(({ run, computed }) => ({ ...talliedView("room", run, computed), participantCount: people }));
      // Only the sending is timed (synchronous socket writes), not the waits for counts or between slices.
      let cost = 0;
      for (let i = 0; i < members.length; i += roomSliceSize) {
        if (i > 0) await new Promise((resolve) => setImmediate(resolve));
        const started = performance.now();
        const slice = members.slice(i, i + roomSliceSize);
        for (const view of views) io.local.to(slice).emit("poll:tallied", view);
        cost += performance.now() - started;
      }
      roomCost.set(sessionId, cost);
    },
    {
      intervalMs: (sessionId) => {
        const cost = roomCost.get(sessionId) ?? (io.sockets.adapter.rooms.get(subRoomOf(sessionId, "room"))?.size ?? 0) * ROOM_FRAME_COST_MS;
        return Math.max(tallyIntervalMs, cost / ROOM_BROADCAST_SHARE);
      },
      leading: false,
      onError,
    },
  );

  /**
   * Written only if the run is still open inside the writing transaction, so a live snapshot never
   * lands after the close's final one. Aggregates only: the tally, never a participant id.
   */
  const snapshots = createTallyCoalescer(
    async (sessionId, pollIds) => {
      for (const { run, poll, computed } of await currentTallies(sessionId, pollIds)) {
        if (run.status !== "open") continue;
        await stores.transaction(async (tx) => {
          const current = await tx.polls.latestRun(sessionId, poll.id);
          if (current?.id !== run.id || current.status !== "open") return;
          await tx.sessions.appendEvent(sessionId, "poll.tallied", { pollId: poll.id, pollKey: poll.key, run: run.run, tally: computed.tally }, Date.now());
        });
      }
    },
    { intervalMs: deps.snapshotIntervalMs ?? 2_000, onError: (err) => logger.error({ err }, "poll tally snapshot failed") },
  );

  const markDirty = (sessionId: string, pollId: string) => {
    screens.markDirty(sessionId, pollId);
    room.markDirty(sessionId, pollId);
  };

  return {
    committed(sessionId, pollId) {
      lastCommitAt.set(sessionId, Date.now());
      markDirty(sessionId, pollId);
      snapshots.markDirty(sessionId, pollId);
    },
    markDirty,
    forget(sessionId) {
      roomCost.delete(sessionId);
      lastCommitAt.delete(sessionId);
      roomWaitingSince.delete(sessionId);
    },
    async close() {
      await Promise.all([screens.close(), room.close(), snapshots.close()]);
    },
  };
}
