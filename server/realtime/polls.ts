/**
 * Live polls over Socket.io: facilitator controls, votes, coalesced tally broadcasts and the
 * per-connection poll state. Sub-rooms split the session room by what each may see:
 * `session:<id>:staff` (facilitator, rapporteur), `session:<id>:room` (participants, observers),
 * `session:<id>:projector`. See docs/protocol.md, "Polls".
 */
import type { Logger } from "pino";
import { PollCreate, PollProject, PollRef, PollRespond, PollSetVisibility } from "../../app/domain/polls/events";
import type { PollsStateView, PollView } from "../../app/domain/polls/events";
import { Empty } from "../../app/domain/events";
import type { Stores } from "../storage";
import { createEventLimiter, type EventLimiter } from "./limits";
import { createPollsCache, type PollsCache } from "./polls-cache";
import { fail, isFacilitator, route } from "./polls-command";
import { controlPoll, type PollControl } from "./polls-control";
import { createPoll } from "./polls-create";
import { installPacketGuard } from "./polls-guard";
import { respond } from "./polls-respond";
import { createTallyBroadcasts } from "./polls-broadcast";
import { createRunCounts } from "./polls-counts";
import { createVoteQueue } from "./polls-votes";
import { audienceOf, computeAll, pollViews, shownRuns, stateView, tallyRun, talliedView, type Audience, type Computed } from "./polls-views";
import { closeOpenPolls } from "../outcome/close-polls";
import { routerOf } from "./router";
import { createLocalBus, type Bus } from "./bus";
import { hasLocalConnections, localSocketsOf, roomOf, type RoundtableServer, type RoundtableSocket } from "./session";

/** The Socket.io room of one audience (staff, room, projector) of a session; every connection joins its own. */
export const subRoomOf = (sessionId: string, audience: Audience) => `${roomOf(sessionId)}:${audience}`;

export interface PollsRealtime {
  cache: PollsCache;
  /** Sends every local connection of the session its full poll state (after an out-of-band change). */
  broadcastState(sessionId: string): Promise<void>;
  /**
   * Session-end hook: closes the session's open runs (logging `poll.closed` and the final
   * `poll.tallied`, as a facilitator's close does), then sends every connection the closed state, so
   * phones stop offering the polls at once. Run it before slower end-of-session work.
   */
  sessionEnded(sessionId: string, at: number): Promise<void>;
  /**
   * A workshop or agenda edit was committed (HTTP routes; another instance's edit in scale-out):
   * every cached session reloads its poll definitions and local connections get the new state.
   */
  agendaEdited(): Promise<void>;
  /**
   * Scale-out, after the bus was cut (Redis came back): notices may have been lost, so every cached
   * session reloads its polls and counts and local connections get fresh states.
   */
  catchUp(): Promise<void>;
  /** Stops timers; resolves once running tally broadcasts and snapshots have finished and queued answers are stored (or refused). */
  close(): Promise<void>;
}

export interface PollsRealtimeDeps {
  stores: Stores;
  logger: Logger;
  /** Per-participant event limiter; default 40 events / 2 s (server/realtime/limits.ts). */
  limiter?: EventLimiter;
  /** Minimum ms between two tally broadcasts of a session (default 250). */
  tallyIntervalMs?: number;
  /** Minimum ms between two `poll.tallied` log snapshots of a session while its polls are open (default 2,000). */
  snapshotIntervalMs?: number;
  /** The instance bus (scale-out); default: the local bus, which tells no one. */
  bus?: Bus;
}

/**
 * How long a participant count read for a connection's state is reused: during a connect storm of
 * N people, one count per second instead of N counts. Joins in that second show up on the next state.
 */
const PARTICIPANT_COUNT_TTL_MS = 1_000;

/** Registers poll handlers on `io` (and the packet guard, which protects every handler). */
export function createPollsRealtime(io: RoundtableServer, deps: PollsRealtimeDeps): PollsRealtime {
  const { stores, logger } = deps;
  const limiter = deps.limiter ?? createEventLimiter();
  const cache = createPollsCache(stores);
  const bus = deps.bus ?? createLocalBus();
  installPacketGuard(io, logger);

  /** Session and poll of each run answers were queued for (for the commit hook). */
  const runOwners = new Map<string, { sessionId: string; pollId: string }>();
  const queue = createVoteQueue({
    store: (writes) => stores.polls.respondMany(writes),
    onCommitted(writes, results) {
      const touched = new Set<string>();
      const told: Array<{ sessionId: string; pollId: string; runId: string }> = [];
      results.forEach((r, i) => {
        if (!r.ok || !r.changed) return;
        const w = writes[i];
        counts.apply(w.runId, r.before, { value: w.value, sector: w.sector });
        touched.add(w.runId);
      });
      for (const runId of touched) {
        const owner = runOwners.get(runId);
        if (!owner) continue;
        invalidate(owner.sessionId);
        broadcasts.committed(owner.sessionId, owner.pollId);
        told.push({ ...owner, runId });
      }
      // Other instances reload these runs' counts from storage (the commit is visible now) and re-tally.
      if (told.length) bus.publish({ type: "polls.voted", runs: told });
    },
    onError: (err, batchSize) => logger.error({ err, batchSize }, "storing poll responses failed; the batch was answered server-error"),
  });
  const counts = createRunCounts(stores, queue.exclusive);

  /**
   * Run ids this process holds anything of (loaded counts, an owner noted by an answer), per session:
   * `forget` drops them all, including runs a re-ask or reset superseded meanwhile (no longer in the
   * cache's latest/previous, so otherwise never freed).
   */
  const loadedRuns = new Map<string, Set<string>>();
  function noteLoaded(sessionId: string, runIds: Iterable<string>) {
    let ids = loadedRuns.get(sessionId);
    if (!ids) loadedRuns.set(sessionId, (ids = new Set()));
    for (const id of runIds) ids.add(id);
  }
  function ensureCounts(sessionId: string, runIds: string[]) {
    noteLoaded(sessionId, runIds);
    return counts.ensure(runIds);
  }

  /** The tallies of `pollIds`' current runs, from loaded counts. */
  async function currentTallies(sessionId: string, pollIds: string[]) {
    const ctx = await cache.get(sessionId);
    if (!ctx) return [];
    const runs = pollIds.flatMap((id) => {
      const run = ctx.runs.get(id);
      const poll = ctx.polls.get(id);
      return run && poll ? [{ run, poll }] : [];
    });
    await ensureCounts(sessionId, runs.map((r) => r.run.id));
    return runs.map(({ run, poll }) => ({ run, poll, computed: tallyRun(counts, ctx, poll, run) }));
  }

  const broadcasts = createTallyBroadcasts({
    io,
    stores,
    logger,
    currentTallies,
    participantCount: (sessionId) => participantCount(sessionId),
    subRoomOf,
    tallyIntervalMs: deps.tallyIntervalMs,
    snapshotIntervalMs: deps.snapshotIntervalMs,
  });

  /**
   * Tallies of the session's runs for full states, shared by every connection until the next commit
   * or control change: a reconnect storm of N clients must not tally N times.
   */
  const computedMemo = new Map<string, { computed: Computed; views: Map<Audience, PollView[]> }>();
  const invalidate = (sessionId: string) => computedMemo.delete(sessionId);

  /**
   * People who joined the session as participants (role `participant`: not staff, observers or the
   * projector; one row per person however many tabs they open). Sent with states and tallies (QA B7).
   */
  const participantCounts = new Map<string, { at: number; count: Promise<number> }>();
  const participantCount = (sessionId: string) => {
    const hit = participantCounts.get(sessionId);
    if (hit && Date.now() - hit.at < PARTICIPANT_COUNT_TTL_MS) return hit.count;
    const count = stores.sessions.countParticipants(sessionId, "participant");
    const entry = { at: Date.now(), count };
    participantCounts.set(sessionId, entry);
    count.catch(() => participantCounts.get(sessionId) === entry && participantCounts.delete(sessionId));
    return count;
  };

  /** Local sockets of the session (this process serves them; see polls-cache.ts on scale-out). */
  const localSockets = (sessionId: string): RoundtableSocket[] => localSocketsOf(io, sessionId);

  /**
   * Full states for `sockets` of one session: `myResponse` from one query, tallies from the counts.
   * Everything is read before the views are built, and nothing is awaited after: a state is never
   * older than a `poll:tallied` sent before it.
   */
  async function statesFor(sessionId: string, sockets: RoundtableSocket[]): Promise<Map<RoundtableSocket, PollsStateView>> {
    const out = new Map<RoundtableSocket, PollsStateView>();
    const ctx = await cache.get(sessionId);
    if (!ctx) return out;
    const currentRunIds = [...ctx.runs.values()].map((r) => r.id);
    const voters = sockets.filter((s) => s.data.participantId && s.data.role !== "projector");
    const [people, own] = await Promise.all([
      participantCount(sessionId),
      voters.length ? stores.polls.ownResponses(currentRunIds, voters.length === 1 ? voters[0].data.participantId! : undefined) : [],
      ensureCounts(sessionId, shownRuns(ctx).map((r) => r.id)),
    ]);
    // The cache may have been reloaded meanwhile (a control command): build from the newest view.
    const fresh = (await cache.get(sessionId)) ?? ctx;
    if (fresh !== ctx) await ensureCounts(sessionId, shownRuns(fresh).map((r) => r.id));
    // Shared by every state built until the next change: the views (and their definitions) are the
    // same objects in every connection's state, not a copy per person.
    let memo = computedMemo.get(sessionId);
    if (!memo) computedMemo.set(sessionId, (memo = { computed: computeAll(counts, fresh), views: new Map() }));
    const { computed: tallied, views } = memo;
    const mine = new Map<string, Map<string, { value: unknown; responseId: string }>>();
    const pollOfRun = new Map([...fresh.runs.values()].map((r) => [r.id, r.pollId]));
    for (const r of own) {
      const pollId = pollOfRun.get(r.runId);
      if (!pollId) continue;
      if (!mine.has(r.participantId)) mine.set(r.participantId, new Map());
      mine.get(r.participantId)!.set(pollId, { value: r.value, responseId: r.responseId });
    }
    for (const socket of sockets) {
      const audience = audienceOf(socket.data.role);
      if (!views.has(audience)) views.set(audience, pollViews(audience, fresh, tallied));
      const my = mine.get(socket.data.participantId ?? "");
      const polls = my ? views.get(audience)!.map((p) => ({ ...p, myResponse: (my.get(p.id) as typeof p.myResponse) ?? null })) : views.get(audience)!;
      out.set(socket, stateView(sessionId, polls, people));
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

  const control = <P extends { pollId: string }>(toControl: (p: P) => PollControl) => async (socket: RoundtableSocket, payload: P) => {
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
      if (r.ok) [r.run, ...(r.unprojected ?? [])].forEach((run) => cache.setRun(run));
      invalidate(sessionId);
      return r;
    });
    if (!result.ok) return fail(result.error);
    bus.publish({ type: "polls.changed", sessionId });
    await broadcastState(sessionId);
    return { ok: true } as const;
  };

  /**
   * The session's polls changed outside this process's commands (an agenda edit, or a command on
   * another instance): drop the cached view and memo (the next read reloads), resend local states.
   */
  async function refresh(sessionId: string) {
    await serial(sessionId, async () => {
      cache.evict(sessionId);
      invalidate(sessionId);
    });
    if (hasLocalConnections(io, sessionId)) await broadcastState(sessionId);
  }
  const refreshLogged = (sessionId: string) => refresh(sessionId).catch((err) => logger.error({ err, sessionId }, "polls refresh failed"));
  bus.on("polls.changed", ({ sessionId }) => void refreshLogged(sessionId));
  bus.on("polls.voted", ({ runs }) => {
    counts.invalidate(runs.map((r) => r.runId));
    for (const { sessionId, pollId } of runs) {
      invalidate(sessionId);
      // Only sessions someone follows here: the flush reloads the counts and sends to local connections.
      if (hasLocalConnections(io, sessionId)) broadcasts.markDirty(sessionId, pollId);
    }
  });

  async function sessionEnded(sessionId: string, at: number) {
    const closed = await serial(sessionId, async () => {
      const n = await closeOpenPolls(stores, sessionId, at);
      if (n > 0) await cache.reload(sessionId);
      invalidate(sessionId);
      return n;
    });
    if (closed > 0) {
      bus.publish({ type: "polls.changed", sessionId });
      await broadcastState(sessionId);
    }
  }

  // Commands: one shared route each (router.ts), not closures per connection.
  const cmd = { limiter, logger };
  const router = routerOf(io);
  router.on("polls:sync", route(cmd, "polls:sync", Empty, async (socket) => {
    const state = (await statesFor(socket.data.sessionId, [socket])).get(socket);
    return state ? { ok: true, data: state } : fail("not-found");
  }));
  router.on("poll:respond", route(cmd, "poll:respond", PollRespond, (socket, p) => respond(respondDeps, socket, p)));
  for (const type of ["open", "close", "reopen", "reset"] as const) {
    router.on(`poll:${type}`, route(cmd, `poll:${type}`, PollRef, control(() => ({ type }))));
  }
  router.on("poll:visibility", route(cmd, "poll:visibility", PollSetVisibility, control((p) => ({ type: "visibility", visibility: p.visibility }))));
  router.on("poll:project", route(cmd, "poll:project", PollProject, control((p) => ({ type: p.projected ? "show-results" : "hide-results" }))));
  router.on("poll:create", route(cmd, "poll:create", PollCreate, async (socket, p) => {
    if (!isFacilitator(socket)) return fail("forbidden");
    const { sessionId } = socket.data;
    const result = await serial(sessionId, () => createPoll(stores, cache, sessionId, p));
    invalidate(sessionId);
    if (result.ok) {
      bus.publish({ type: "polls.changed", sessionId });
      await broadcastState(sessionId);
    }
    return result;
  }));

  function onDisconnect(this: RoundtableSocket) {
    const { sessionId } = this.data;
    if (!hasLocalConnections(io, sessionId)) void forget(sessionId);
  }

  io.on("connection", (socket) => {
    const { sessionId } = socket.data;
    void socket.join(subRoomOf(sessionId, audienceOf(socket.data.role)));
    // Every connection gets the full state, recovered ones too: recovery replays room broadcasts
    // only, and polls:state is emitted per socket (a poll opened or closed during a cut would be missed).
    void statesFor(sessionId, [socket])
      .then((m) => m.has(socket) && socket.emit("polls:state", m.get(socket)!))
      .catch((err) => logger.error({ err }, "polls state failed"));
    socket.on("disconnect", onDisconnect);
  });

  /** The session's room emptied: drop what this process kept of it (reloaded from storage on the next connection). */
  async function forget(sessionId: string) {
    if (hasLocalConnections(io, sessionId)) return;
    cache.evict(sessionId);
    invalidate(sessionId);
    participantCounts.delete(sessionId);
    broadcasts.forget(sessionId);
    const runIds = loadedRuns.get(sessionId);
    if (!runIds) return;
    // Only after queued answers of these runs are stored, so no commit hook finds them half-dropped.
    await queue.exclusive(async () => {
      if (hasLocalConnections(io, sessionId)) return;
      counts.drop(runIds);
      runIds.forEach((id) => runOwners.delete(id));
      loadedRuns.delete(sessionId);
    });
  }

  const respondDeps = {
    cache,
    votes: queue,
    noteRun(runId: string, sessionId: string, pollId: string) {
      runOwners.set(runId, { sessionId, pollId });
      noteLoaded(sessionId, [runId]);
    },
  };

  return {
    cache,
    broadcastState,
    sessionEnded,
    async agendaEdited() {
      await Promise.all(cache.sessionIds().map(refreshLogged));
    },
    async catchUp() {
      counts.invalidateAll();
      await Promise.all(cache.sessionIds().map(refreshLogged));
    },
    async close() {
      await broadcasts.close();
      await queue.exclusive(async () => undefined);
    },
  };
}
