/**
 * Live polls and Q&A for one session connection: listens to `polls:state`, `poll:tallied` and
 * `questions:state`, keeps the participant's vote outbox (see outbox.ts) and sends commands.
 *
 * The socket is the one `useSession` opened; this hook only adds listeners, so the console,
 * the phone view and the projector share one connection each.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Ack, ConnectionIdentity } from "~/domain/events";
import type { PollsStateView, PollTalliedView, PollView, QuestionsStateView } from "~/domain/polls/events";
import type { ResponseValue } from "~/domain/polls/response";
import { COMMAND_TIMEOUT_MS, type SessionSocket } from "./socket.client";
import { applyAck, closeLocally, giveAnswer, loadOutbox, outboxKey, pending, reconcile, saveOutbox, type Outbox } from "./outbox";

/** Commands of this feature (events.ts in app/domain/polls). */
export type PollCommand =
  | "poll:open"
  | "poll:close"
  | "poll:reopen"
  | "poll:reset"
  | "poll:visibility"
  | "poll:project"
  | "poll:create"
  | "poll:respond"
  | "question:ask"
  | "question:upvote"
  | "question:unvote"
  | "question:moderate"
  | "question:project"
  | "polls:sync"
  | "questions:sync";

/**
 * The socket seen through string event names, so one small helper can emit every command with
 * a timeout (the typed `emit` overloads do not compose with `timeout()` generically). Payloads
 * are validated by the server's zod schemas either way.
 */
interface LooseSocket {
  connected: boolean;
  on(event: string, fn: (...args: never[]) => void): unknown;
  off(event: string, fn: (...args: never[]) => void): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  timeout(ms: number): { emit(event: string, payload: unknown, cb: (err: unknown, res: Ack<unknown>) => void): unknown };
}

/** Re-send queued answers this often after a retryable failure (server busy, rate limit). */
const RETRY_MS = 3_000;

function emitCommand(socket: LooseSocket, event: PollCommand, payload: unknown): Promise<Ack<unknown>> {
  return new Promise((resolve) => {
    socket.timeout(COMMAND_TIMEOUT_MS).emit(event, payload, (err, res) => resolve(err ? { ok: false, error: "server-error" } : res));
  });
}

const browserStorage = () => {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // storage disabled (some private modes throw on access)
  }
};

/**
 * A v4 UUID. `crypto.randomUUID` exists only in secure contexts (HTTPS or localhost); a workshop
 * served over plain HTTP on a venue LAN still has `getRandomValues`, so build one from that.
 */
export function newResponseId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface PollsApi {
  /** False until the first `polls:state` arrives. */
  ready: boolean;
  connected: boolean;
  polls: PollView[];
  participantCount: number;
  questions: QuestionsStateView["questions"];
  questionsProjected: boolean;
  outbox: Outbox;
  /** Gives (or changes) this participant's answer; queued until the server acknowledges it. */
  respond(poll: PollView, value: ResponseValue): void;
  /** Sends a facilitator or Q&A command and resolves with its ack. */
  send(event: Exclude<PollCommand, "poll:respond">, payload: unknown): Promise<Ack<unknown>>;
}

export function usePolls(socket: SessionSocket | null, identity: ConnectionIdentity | null, opts: { sessionId: string }): PollsApi {
  const loose = socket as unknown as LooseSocket | null;
  const [state, setState] = useState<PollsStateView | null>(null);
  const [questions, setQuestions] = useState<QuestionsStateView>({ questions: [], projected: false });
  const [connected, setConnected] = useState(false);
  const [outbox, setOutbox] = useState<Outbox>({});
  const [retryTick, setRetryTick] = useState(0);
  const inFlight = useRef(new Set<string>());
  const storageKey = identity?.participantId ? outboxKey(opts.sessionId, identity.participantId) : null;
  const loadedKey = useRef<string | null>(null);

  useEffect(() => {
    if (!loose) return;
    const onState = (next: PollsStateView) => setState(next);
    const onTallied = (t: PollTalliedView) =>
      setState((prev) =>
        prev
          ? {
              ...prev,
              participantCount: t.participantCount ?? prev.participantCount,
              polls: prev.polls.map((p) => (p.id === t.pollId && p.run === t.run ? { ...p, tally: t.tally, responseCount: t.responseCount } : p)),
            }
          : prev,
      );
    const onQuestions = (q: QuestionsStateView) => setQuestions(q);
    const onConnect = () => setConnected(true);
    const onDisconnect = () => {
      setConnected(false);
      inFlight.current.clear(); // their acks will never come; the flush re-sends with the same ids
    };
    loose.on("polls:state", onState);
    loose.on("poll:tallied", onTallied);
    loose.on("questions:state", onQuestions);
    loose.on("connect", onConnect);
    loose.on("disconnect", onDisconnect);
    // Listeners attach one render after useSession opened the socket: if it is already
    // connected, the on-connect states may have been missed, so ask for them.
    if (loose.connected) {
      setConnected(true);
      void emitCommand(loose, "polls:sync", {}).then((res) => res.ok && res.data && onState(res.data as PollsStateView));
      void emitCommand(loose, "questions:sync", {}).then((res) => res.ok && res.data && onQuestions(res.data as QuestionsStateView));
    }
    return () => {
      loose.off("polls:state", onState);
      loose.off("poll:tallied", onTallied);
      loose.off("questions:state", onQuestions);
      loose.off("connect", onConnect);
      loose.off("disconnect", onDisconnect);
    };
  }, [loose]);

  // Load the saved outbox once we know who we are; entries given before that (none in practice) win.
  useEffect(() => {
    if (!storageKey || loadedKey.current === storageKey) return;
    loadedKey.current = storageKey;
    const saved = loadOutbox(browserStorage(), storageKey);
    setOutbox((mem) => ({ ...saved, ...mem }));
  }, [storageKey]);

  useEffect(() => {
    if (storageKey && loadedKey.current === storageKey) saveOutbox(browserStorage(), storageKey, outbox);
  }, [outbox, storageKey]);

  useEffect(() => {
    if (state) setOutbox((box) => reconcile(box, state.polls));
  }, [state]);

  // Flush: send every queued answer not already in flight.
  useEffect(() => {
    if (!loose || !connected) return;
    for (const entry of pending(outbox)) {
      if (inFlight.current.has(entry.responseId)) continue;
      inFlight.current.add(entry.responseId);
      void emitCommand(loose, "poll:respond", { pollId: entry.pollId, value: entry.value, responseId: entry.responseId }).then((ack) => {
        inFlight.current.delete(entry.responseId);
        setOutbox((box) => applyAck(box, entry.pollId, entry.responseId, ack.ok ? { ok: true } : { ok: false, error: ack.error }));
        // The run closed while this answer waited (B2): show it closed now, before the next state arrives.
        if (!ack.ok && ack.error === "poll-closed") setState((prev) => closeLocally(prev, entry.pollId, entry.run));
        if (!ack.ok && (ack.error === "server-error" || ack.error === "rate-limited")) {
          setTimeout(() => setRetryTick((n) => n + 1), RETRY_MS);
        }
      });
    }
  }, [loose, connected, outbox, retryTick]);

  const respond = useCallback(
    (poll: PollView, value: ResponseValue) =>
      setOutbox((box) => giveAnswer(box, poll.id, poll.run, value, newResponseId, poll.myResponse?.responseId)),
    [],
  );

  const send = useCallback(
    (event: Exclude<PollCommand, "poll:respond">, payload: unknown) =>
      loose ? emitCommand(loose, event, payload) : Promise.resolve<Ack<unknown>>({ ok: false, error: "server-error" }),
    [loose],
  );

  return useMemo(
    () => ({
      ready: state !== null,
      connected,
      polls: state?.polls ?? [],
      participantCount: state?.participantCount ?? 0,
      questions: questions.questions,
      questionsProjected: questions.projected,
      outbox,
      respond,
      send,
    }),
    [state, connected, questions, outbox, respond, send],
  );
}
