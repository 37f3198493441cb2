/**
 * Q&A over Socket.io: participants ask (optionally anonymously), upvote others' questions once each
 * and may withdraw that upvote; the facilitator moderates (approve / hide / answered) and projects. `questions:state` goes to each
 * connection on connect and, coalesced (≤ 4/s per session), after every change.
 * See docs/protocol.md, "Q&A".
 */
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { Empty } from "../../app/domain/events";
import { QuestionAsk, QuestionModerate, QuestionProject, QuestionRef } from "../../app/domain/polls/events";
import { ConflictError, NotFoundError, type Stores } from "../storage";
import { createEventLimiter, type EventLimiter } from "./limits";
import { fail, isFacilitator, route } from "./polls-command";
import { createTallyCoalescer } from "./polls-tally";
import { createAskerTags } from "./question-askers";
import { addAnonymousAsker, askerOf, questionsState, questionView, visibleTo, type QuestionsSnapshot } from "./questions-views";
import { routerOf } from "./router";
import { createLocalBus, type Bus } from "./bus";
import { hasLocalConnections, localSocketsOf, type RoundtableServer, type RoundtableSocket } from "./session";

export interface QuestionsRealtime {
  /**
   * Session `sessionId` ended: erases its questions' stored asker tags (`QuestionStore.clearAskerTags`), so the stored
   * rows can no longer be tested against participants. Call after its polls closed. Never throws (logs).
   */
  sessionEnded(sessionId: string): Promise<void>;
  /**
   * Scale-out, after Redis was unreachable (`questions.changed` messages lost): forgets every cached
   * snapshot and re-sends `questions:state` to this instance's connections from storage. Publishes
   * nothing: the `projected` flag stays what this instance last saw (a flag set elsewhere meanwhile is
   * not known here, and announcing a guess would overwrite the others').
   */
  catchUp(): void;
  /** Stops timers. */
  close(): void;
}

/** Roles that ask and upvote: participants. Staff run the Q&A, observers only watch. */
const ASKERS = new Set(["participant"]);

export function createQuestionsRealtime(
  io: RoundtableServer,
  deps: {
    stores: Stores;
    logger: Logger;
    limiter?: EventLimiter;
    intervalMs?: number;
    bus?: Bus;
    /**
     * Key of anonymous askers' stored tags (./question-askers.ts): the app secret, so a restarted process
     * (or another instance) still recognises them. Without it, a random key per process.
     */
    askerKey?: string;
  },
): QuestionsRealtime {
  const { stores, logger } = deps;
  const tags = createAskerTags(deps.askerKey ?? randomBytes(32).toString("base64url"));
  const limiter = deps.limiter ?? createEventLimiter();
  /** Scale-out: changes are announced to other instances, which re-read and resend to their own connections. */
  const bus = deps.bus ?? createLocalBus();
  // Display state, not a record: kept in memory (a restart shows the Q&A unprojected, the safe default).
  const projected = new Map<string, boolean>();
  // Anonymous askers are stored only as keyed tags (./question-askers.ts); this cache, per session,
  // lets the asker alone see their questions as theirs. Filled when they ask and, after a restart, when
  // they connect (recognised from the tags); dropped with the session's snapshot when its room empties.
  const anonymousAskers = new Map<string, Map<string, string>>();
  const askersOf = (sessionId: string) => {
    let m = anonymousAskers.get(sessionId);
    if (!m) anonymousAskers.set(sessionId, (m = new Map()));
    return m;
  };

  /**
   * The session's snapshot, shared until the next change (every change calls `changed`): a crowd
   * connecting at once costs two reads, not two per person. `version` drops a read that a change
   * overtook, so a stale snapshot is never kept.
   */
  const memo = new Map<string, { version: number; snapshot: Promise<QuestionsSnapshot> }>();
  const versions = new Map<string, number>();
  function snapshot(sessionId: string): Promise<QuestionsSnapshot> {
    const version = versions.get(sessionId) ?? 0;
    const hit = memo.get(sessionId);
    if (hit && hit.version === version) return hit.snapshot;
    const entry = { version, snapshot: readSnapshot(sessionId) };
    memo.set(sessionId, entry);
    entry.snapshot.catch(() => memo.get(sessionId) === entry && memo.delete(sessionId));
    return entry.snapshot;
  }

  async function readSnapshot(sessionId: string): Promise<QuestionsSnapshot> {
    const [questions, votes] = await Promise.all([stores.questions.list(sessionId), stores.questions.listVotes(sessionId)]);
    const byParticipant = new Map<string, Set<string>>();
    for (const v of votes) {
      if (!byParticipant.has(v.participantId)) byParticipant.set(v.participantId, new Set());
      byParticipant.get(v.participantId)!.add(v.questionId);
    }
    return { questions, votes: byParticipant, anonymousAskers: askersOf(sessionId), projected: projected.get(sessionId) ?? false };
  }

  const localSockets = (sessionId: string): RoundtableSocket[] => localSocketsOf(io, sessionId);

  const changes = createTallyCoalescer(
    async (sessionId) => {
      const s = await snapshot(sessionId);
      for (const socket of localSockets(sessionId)) socket.emit("questions:state", questionsState(socket.data, s));
    },
    { intervalMs: deps.intervalMs, onError: (err) => logger.error({ err }, "questions broadcast failed") },
  );
  const changed = (sessionId: string, from: "here" | "elsewhere" = "here") => {
    versions.set(sessionId, (versions.get(sessionId) ?? 0) + 1);
    memo.delete(sessionId);
    if (from === "here") bus.publish({ type: "questions.changed", sessionId, projected: projected.get(sessionId) });
    // Another instance's change: only sessions someone follows here are re-read and resent.
    if (from === "here" || hasLocalConnections(io, sessionId)) changes.markDirty(sessionId, "questions");
  };
  bus.on("questions.changed", ({ sessionId, projected: shown }) => {
    if (shown !== undefined) projected.set(sessionId, shown);
    changed(sessionId, "elsewhere");
  });

  /** The session's room emptied: drop its snapshot (read again on the next connection); `projected` is kept. */
  function onDisconnect(this: RoundtableSocket) {
    const { sessionId } = this.data;
    if (hasLocalConnections(io, sessionId)) return;
    memo.delete(sessionId);
    versions.delete(sessionId);
    anonymousAskers.delete(sessionId);
  }

  /**
   * A participant's anonymous questions not yet known in this process (e.g. after a restart), found by
   * their stored tags (one HMAC per unknown anonymous question of the session). They join the session's
   * askers map (shared by its snapshot, so later views carry them) and only this connection's state is
   * built from it: broadcasting a change here, right after the presence update naming the newcomer,
   * would tell staff who asked (nobody else's view changes).
   */
  function recogniseAsker(socket: RoundtableSocket, s: QuestionsSnapshot): QuestionsSnapshot {
    const { sessionId, participantId } = socket.data;
    if (!ASKERS.has(socket.data.role) || !participantId) return s;
    const found = s.questions.filter((q) => q.askerTag && !s.anonymousAskers.has(q.id) && tags.isAsker(q, participantId));
    for (const q of found) {
      addAnonymousAsker(s, q, participantId);
      askersOf(sessionId).set(q.id, participantId); // the same map as s's unless the room emptied meanwhile
    }
    return s;
  }

  io.on("connection", (socket) => {
    socket.on("disconnect", onDisconnect);
    // Every connection gets the full state, recovered ones too: connection-state recovery replays only
    // room broadcasts, and questions:state goes to each socket on its own (it differs per role and
    // asker), so a phone back from a short network cut would otherwise miss every change made meanwhile.
    void snapshot(socket.data.sessionId)
      .then((s) => recogniseAsker(socket, s))
      .then((s) => socket.emit("questions:state", questionsState(socket.data, s)))
      .catch((err) => logger.error({ err }, "questions state failed"));
  });

  // Commands: one shared route each (router.ts), not closures per connection.
  const cmd = { limiter, logger };
  const router = routerOf(io, (err) => logger.error({ err }, "realtime command failed"));
  router.on("questions:sync", route(cmd, "questions:sync", Empty, async (socket) => ({ ok: true, data: questionsState(socket.data, await snapshot(socket.data.sessionId)) })));

  router.on("question:ask", route(cmd, "question:ask", QuestionAsk, async (socket, { text, anonymous }) => {
    const { sessionId } = socket.data;
    if (!ASKERS.has(socket.data.role) || !socket.data.participantId) return fail("forbidden");
    const session = await stores.sessions.get(sessionId);
    if (!session) return fail("not-found");
    if (session.status === "ended") return fail("ended");
    const q = await stores.transaction(async (tx) => {
      const participantId = socket.data.participantId!;
      const asked = await tx.questions.ask({ sessionId, participantId, text, anonymous, askerTag: (id) => tags.tag(id, participantId) });
      // No text and no asker in the log: text enters it only once approved (question.moderated).
      await tx.sessions.appendEvent(sessionId, "question.asked", { questionId: asked.id, anonymous }, asked.createdAt);
      return asked;
    });
    if (anonymous) askersOf(sessionId).set(q.id, socket.data.participantId);
    changed(sessionId);
    return { ok: true, data: questionView(q, socket.data, await snapshot(sessionId)) };
  }));

  /** The question `questionId` when the participant on `socket` may vote on it, else the refusal. */
  async function votable(socket: RoundtableSocket, questionId: string) {
    const { sessionId, participantId } = socket.data;
    if (!ASKERS.has(socket.data.role) || !participantId) return { refused: fail("forbidden") };
    const [q, session] = await Promise.all([stores.questions.get(questionId), stores.sessions.get(sessionId)]);
    const s = { questions: [], votes: new Map(), anonymousAskers: askersOf(sessionId), projected: false };
    if (!q || q.sessionId !== sessionId) return { refused: fail("not-found") };
    // Ended: no more votes (the asker tags that refuse a self-upvote are erased at the end).
    if (session?.status === "ended") return { refused: fail("ended") };
    // One's own question is not upvoted; an anonymous one is recognised by its stored tag too (after a
    // restart, or asked through another instance).
    const mine = askerOf(q, s) === participantId || tags.isAsker(q, participantId);
    if (mine) return { refused: fail("forbidden") };
    if (!visibleTo(q, socket.data, s)) return { refused: fail("not-found") };
    return { participantId, q };
  }

  router.on("question:upvote", route(cmd, "question:upvote", QuestionRef, async (socket, { questionId }) => {
    const v = await votable(socket, questionId);
    if (v.refused) return v.refused;
    if (v.q.status !== "approved") return fail("conflict");
    const result = await stores.questions.upvote(questionId, v.participantId);
    if (result.changed) changed(socket.data.sessionId);
    return { ok: true, data: result };
  }));

  // Withdrawing an upvote works in any visible status (a question answered meanwhile keeps no stray vote).
  router.on("question:unvote", route(cmd, "question:unvote", QuestionRef, async (socket, { questionId }) => {
    const v = await votable(socket, questionId);
    if (v.refused) return v.refused;
    const result = await stores.questions.unvote(questionId, v.participantId);
    if (result.changed) changed(socket.data.sessionId);
    return { ok: true, data: result };
  }));

  router.on("question:moderate", route(cmd, "question:moderate", QuestionModerate, async (socket, { questionId, status }) => {
    const { sessionId } = socket.data;
    if (!isFacilitator(socket)) return fail("forbidden");
    const q = await stores.questions.get(questionId);
    if (!q || q.sessionId !== sessionId) return fail("not-found");
    try {
      await stores.transaction(async (tx) => {
        await tx.questions.moderate(questionId, status);
        const shown = status === "approved" || status === "answered";
        await tx.sessions.appendEvent(sessionId, "question.moderated", { questionId, status, ...(shown ? { text: q.text } : {}) }, Date.now());
      });
    } catch (err) {
      if (err instanceof NotFoundError || err instanceof ConflictError) return fail("not-found");
      throw err;
    }
    changed(sessionId);
    return { ok: true };
  }));

  router.on("question:project", route(cmd, "question:project", QuestionProject, async (socket, { show }) => {
    if (!isFacilitator(socket)) return fail("forbidden");
    projected.set(socket.data.sessionId, show);
    changed(socket.data.sessionId);
    return { ok: true };
  }));

  return {
    catchUp() {
      for (const sessionId of new Set([...memo.keys(), ...versions.keys()])) changed(sessionId, "elsewhere");
    },
    async sessionEnded(sessionId) {
      try {
        await stores.questions.clearAskerTags(sessionId);
        changed(sessionId);
      } catch (err) {
        logger.error({ err, sessionId }, "session ended: erasing asker tags failed");
      }
    },
    close: () => changes.close(),
  };
}
