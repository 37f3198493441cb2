/**
 * Live polls over Socket.io: facilitator controls, votes, coalesced tally broadcasts and the
 * per-connection poll state. Sub-rooms split the session room by what each may see:
 * `session:<id>:staff` (facilitator, rapporteur), `session:<id>:room` (participants, observers),
 * `session:<id>:projector`. See docs/protocol.md, "Polls".
 */
import type { Logger } from "pino";
import { PollCreate, PollProject, PollRef, PollRespond, PollSetVisibility } from "../../app/domain/polls/events";
import type { PollsStateView } from "../../app/domain/polls/events";
import { Empty } from "../../app/domain/events";
import type { Stores } from "../storage";
import { createEventLimiter, type EventLimiter } from "./limits";
import { createPollsCache, type PollsCache } from "./polls-cache";
import { command, fail, isFacilitator } from "./polls-command";
import { controlPoll, type PollControl } from "./polls-control";
import { createPoll } from "./polls-create";
import { installPacketGuard } from "./polls-guard";
import { respond } from "./polls-respond";
import { createTallyCoalescer, type TallyCoalescer } from "./polls-tally";
import { audienceOf, computeAll, pollViews, stateView, tallyRun, talliedView, type Audience } from "./polls-views";
import { roomOf, type RoundtableServer, type RoundtableSocket } from "./session";

export const subRoomOf = (sessionId: string, audience: Audience) => `${roomOf(sessionId)}:${audience}`;

export interface PollsRealtime {
  cache: PollsCache;
  tallies: TallyCoalescer;
  /** Sends every local connection of the session its full poll state (after an out-of-band change). */
  broadcastState(sessionId: string): Promise<void>;
  /** Stops timers. */
  close(): void;
}

export interface PollsRealtimeDeps {
  stores: Stores;
  logger: Logger;
  /** Per-participant event limiter; default 40 events / 2 s (server/realtime/limits.ts). */
  limiter?: EventLimiter;
  /** Minimum ms between two tally broadcasts of a session (default 250). */
  tallyIntervalMs?: number;
}

/** Registers poll handlers on `io` (and the packet guard, which protects every handler). */
export function createPollsRealtime(io: RoundtableServer, deps: PollsRealtimeDeps): PollsRealtime {
  const { stores, logger } = deps;
  const limiter = deps.limiter ?? createEventLimiter();
  const cache = createPollsCache(stores);
  installPacketGuard(io, logger);

  const tallies = createTallyCoalescer(
    async (sessionId, pollIds) => {
      const ctx = await cache.get(sessionId);
      if (!ctx) return;
      for (const pollId of pollIds) {
        const run = ctx.runs.get(pollId);
        const poll = ctx.polls.get(pollId);
        if (!run || !poll) continue;
        const computed = await tallyRun(stores, ctx, poll, run);
        for (const audience of ["staff", "room", "projector"] as const) {
          io.to(subRoomOf(sessionId, audience)).emit("poll:tallied", talliedView(audience, run, computed));
        }
      }
    },
    { intervalMs: deps.tallyIntervalMs, onError: (err) => logger.error({ err }, "tally broadcast failed") },
  );

  /**
   * Tallies of the session's runs for full states, shared by every connection until the next vote
   * or control change: a reconnect storm of N clients must not re-read all responses N times.
   */
  const computedMemo = new Map<string, Promise<Awaited<ReturnType<typeof computeAll>>>>();
  const invalidate = (sessionId: string) => computedMemo.delete(sessionId);
  const computed = (sessionId: string, ctx: NonNullable<Awaited<ReturnType<PollsCache["get"]>>>) => {
    let p = computedMemo.get(sessionId);
    if (!p) {
      p = computeAll(stores, ctx);
      computedMemo.set(sessionId, p);
      p.catch(() => computedMemo.get(sessionId) === p && invalidate(sessionId));
    }
    return p;
  };
  const votes = {
    markDirty(sessionId: string, pollId: string) {
      invalidate(sessionId);
      tallies.markDirty(sessionId, pollId);
    },
    pending: () => tallies.pending(),
    close: () => tallies.close(),
  };

  /** Local sockets of the session (this process serves them; see polls-cache.ts on scale-out). */
  const localSockets = (sessionId: string): RoundtableSocket[] =>
    [...(io.sockets.adapter.rooms.get(roomOf(sessionId)) ?? [])].flatMap((id) => io.sockets.sockets.get(id) ?? []);

  /** Full states for `sockets` of one session: tallies computed once, `myResponse` from one query. */
  async function statesFor(sessionId: string, sockets: RoundtableSocket[]): Promise<Map<RoundtableSocket, PollsStateView>> {
    const out = new Map<RoundtableSocket, PollsStateView>();
    const ctx = await cache.get(sessionId);
    if (!ctx) return out;
    const [tallied, participantCount] = await Promise.all([computed(sessionId, ctx), stores.sessions.countParticipants(sessionId)]);
    const views = new Map<Audience, ReturnType<typeof pollViews>>();
    const currentRunIds = [...ctx.runs.values()].map((r) => r.id);
    const voters = sockets.filter((s) => s.data.participantId && s.data.role !== "projector");
    const own = await stores.polls.ownResponses(currentRunIds, voters.length === 1 ? voters[0].data.participantId! : undefined);
    const mine = new Map<string, Map<string, { value: unknown; responseId: string }>>();
    const pollOfRun = new Map([...ctx.runs.values()].map((r) => [r.id, r.pollId]));
    for (const r of own) {
      if (!mine.has(r.participantId)) mine.set(r.participantId, new Map());
      mine.get(r.participantId)!.set(pollOfRun.get(r.runId)!, { value: r.value, responseId: r.responseId });
    }
    for (const socket of sockets) {
      const audience = audienceOf(socket.data.role);
      if (!views.has(audience)) views.set(audience, pollViews(audience, ctx, tallied));
      const my = mine.get(socket.data.participantId ?? "");
      const polls = my ? views.get(audience)!.map((p) => ({ ...p, myResponse: (my.get(p.id) as typeof p.myResponse) ?? null })) : views.get(audience)!;
      out.set(socket, stateView(sessionId, polls, participantCount));
    }
    return out;
  }

  async function broadcastState(sessionId: string) {
    for (const [socket, state] of await statesFor(sessionId, localSockets(sessionId))) socket.emit("polls:state", state);
  }

  /** Facilitator commands on one session run one at a time, so a double click cannot interleave. */
  const queues = new Map<string, Promise<unknown>>();
  const serial = <T>(sessionId: string, fn: () => Promise<T>): Promise<T> => {
    const next = (queues.get(sessionId) ?? Promise.resolve()).catch(() => undefined).then(fn);
    queues.set(sessionId, next);
    void next.finally(() => queues.get(sessionId) === next && queues.delete(sessionId)).catch(() => undefined);
    return next;
  };

  const control = <P extends { pollId: string }>(socket: RoundtableSocket, toControl: (p: P) => PollControl) => async (payload: P) => {
    if (!isFacilitator(socket)) return fail("forbidden");
    const { sessionId } = socket.data;
    const c = toControl(payload);
    if (c.type === "open" || c.type === "reopen") {
      const session = await stores.sessions.get(sessionId);
      if (session?.status !== "live") return fail(session?.status === "ended" ? "ended" : "not-live");
    }
    const result = await serial(sessionId, async () => {
      const ctx = await cache.get(sessionId);
      if (!ctx) return { ok: false, error: "not-found" } as const;
      const r = await controlPoll(stores, ctx, payload.pollId, c, Date.now());
      if (r.ok) cache.setRun(r.run);
      invalidate(sessionId);
      return r;
    });
    if (!result.ok) return fail(result.error);
    await broadcastState(sessionId);
    return { ok: true } as const;
  };

  io.on("connection", (socket) => {
    const { sessionId } = socket.data;
    const cmd = { limiter, logger };
    void socket.join(subRoomOf(sessionId, audienceOf(socket.data.role)));
    // A recovered connection got the packets it missed; anyone else gets the full state.
    if (!socket.recovered) {
      void statesFor(sessionId, [socket])
        .then((m) => m.has(socket) && socket.emit("polls:state", m.get(socket)!))
        .catch((err) => logger.error({ err }, "polls state failed"));
    }
    socket.on("polls:sync", command(cmd, socket, "polls:sync", Empty, async () => {
      const state = (await statesFor(sessionId, [socket])).get(socket);
      return state ? { ok: true, data: state } : fail("not-found");
    }));
    socket.on("poll:respond", command(cmd, socket, "poll:respond", PollRespond, (p) => respond({ stores, cache, tallies: votes }, socket, p)));
    for (const type of ["open", "close", "reopen", "reset"] as const) {
      socket.on(`poll:${type}`, command(cmd, socket, `poll:${type}`, PollRef, control(socket, () => ({ type }))));
    }
    socket.on("poll:visibility", command(cmd, socket, "poll:visibility", PollSetVisibility,
      control(socket, (p) => ({ type: "visibility", visibility: p.visibility }))));
    socket.on("poll:project", command(cmd, socket, "poll:project", PollProject,
      control(socket, (p) => ({ type: p.projected ? "show-results" : "hide-results" }))));
    socket.on("poll:create", command(cmd, socket, "poll:create", PollCreate, async (p) => {
      if (!isFacilitator(socket)) return fail("forbidden");
      const result = await serial(sessionId, () => createPoll(stores, cache, sessionId, p));
      invalidate(sessionId);
      if (result.ok) await broadcastState(sessionId);
      return result;
    }));
    socket.on("disconnect", () => {
      if (!io.sockets.adapter.rooms.get(roomOf(sessionId))?.size) {
        cache.evict(sessionId);
        invalidate(sessionId);
      }
    });
  });

  return { cache, tallies, broadcastState, close: () => tallies.close() };
}
