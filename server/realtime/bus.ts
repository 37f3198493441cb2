/**
 * The instance bus: small typed messages that keep per-process caches and memos coherent when
 * several Roundtable instances serve the same Postgres database (scale-out, docs/scale-out.md).
 *
 * - Default mode (one process, SQLite or Postgres): {@link createLocalBus}. `publish` does nothing:
 *   the process that made a change already updated its own caches, and there is nobody else.
 * - Scale-out (`REDIS_URL`): {@link createRedisBus}, one Redis pub/sub channel `<prefix>bus`. Each
 *   message carries the sender's instance id; an instance never handles its own messages. Every
 *   message is validated with zod on receipt (a malformed one is logged and dropped): Redis is a
 *   boundary like any other.
 *
 * Messages say *what changed*, never who did it (no participant ids, no answers): the receiver
 * re-reads what it needs from storage, which stays the single source of truth. The exceptions are
 * notes updates and awareness (relayed bytes: the sender already stored them) and presence messages,
 * which carry a count and up to 200 display names of the people connected to the sender (staff see them).
 * Redis pub/sub is at-most-once: a message lost while Redis is down leaves a cache stale until the
 * next change or until the session's room empties on that instance (docs/scale-out.md, "Failure").
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { z } from "zod";

const Id = z.string().min(1).max(200);
/** Base64 of a Yjs update or awareness update; bounded by the notes server's 1 MiB frame limit (+ base64's 4/3). */
const Bytes = z.string().max(2 * 1024 * 1024);

export const BusMessage = z.discriminatedUnion("type", [
  /** A workshop or its agenda (panels, poll definitions) was edited: drop agenda and poll caches. */
  z.object({ type: z.literal("agenda.edited") }),
  /** A session's run state changed (panel, start, end): drop shared session states of it. */
  z.object({ type: z.literal("session.changed"), sessionId: Id }),
  /** A session ended on the sender: freeze its notes here too. */
  z.object({ type: z.literal("session.ended"), sessionId: Id }),
  /** A poll control or poll creation: reload the session's poll cache and resend local poll states. */
  z.object({ type: z.literal("polls.changed"), sessionId: Id }),
  /** Answers to these runs were committed by the sender: reload their counts, re-tally (coalesced). */
  z.object({
    type: z.literal("polls.voted"),
    runs: z.array(z.object({ sessionId: Id, pollId: Id, runId: Id })).min(1).max(10_000),
  }),
  /** The Q&A of a session changed on the sender (`projected`: its display flag, kept in memory). */
  z.object({ type: z.literal("questions.changed"), sessionId: Id, projected: z.boolean().optional() }),
  /** The sender's own presence in a session (its local connections): merged with the others'. */
  z.object({
    type: z.literal("presence"),
    sessionId: Id,
    /** People connected to the sender (all tabs of one person on one instance count once). */
    connected: z.number().int().min(0),
    names: z.array(z.string().max(200)).max(200),
  }),
  /** A notes update the sender accepted and stored (never stored again by receivers). */
  z.object({ type: z.literal("notes.update"), doc: Id, update: Bytes }),
  /** An awareness change of a notes doc on the sender. */
  z.object({ type: z.literal("notes.awareness"), doc: Id, update: Bytes }),
]);
export type BusMessage = z.infer<typeof BusMessage>;
export type BusType = BusMessage["type"];
export type BusOf<T extends BusType> = Extract<BusMessage, { type: T }>;

export interface Bus {
  readonly mode: "local" | "redis";
  /** This process's id (random per start), sent with each message. */
  readonly instanceId: string;
  /** Sends `msg` to every other instance. Never throws; a failed send is logged. */
  publish(msg: BusMessage): void;
  /** Handles `type` messages from other instances, with the sender's instance id (handlers must not throw; errors are logged). */
  on<T extends BusType>(type: T, handler: (msg: BusOf<T>, from: string) => void): void;
  /** Unsubscribes; later publishes are dropped. */
  close(): Promise<void>;
}

type Handler = (msg: BusMessage, from: string) => void;
type Handlers = Map<BusType, Handler[]>;

function register(handlers: Handlers, type: BusType, handler: (msg: never, from: string) => void) {
  const list = handlers.get(type) ?? [];
  list.push(handler as Handler);
  handlers.set(type, list);
}

/** One process: nothing to tell anyone. */
export function createLocalBus(): Bus {
  return {
    mode: "local",
    instanceId: "local",
    publish: () => undefined,
    on: () => undefined,
    close: async () => undefined,
  };
}

/** The parts of a node-redis client the bus uses (a connected client; `sub` in subscriber mode). */
export interface RedisPubSub {
  publish(channel: string, message: string): Promise<unknown>;
  subscribe(channel: string, listener: (message: string) => void): Promise<unknown>;
  unsubscribe(channel: string): Promise<unknown>;
}

const Envelope = z.object({ from: z.string().min(1).max(100), msg: z.unknown() });

/**
 * @param pub a connected client for commands (shared with the rest of the process).
 * @param sub a connected client dedicated to subscriptions.
 * @param prefix key/channel prefix (REDIS_PREFIX), so several deployments or test runs share one Redis.
 */
export async function createRedisBus(opts: { pub: RedisPubSub; sub: RedisPubSub; prefix: string; logger: Logger }): Promise<Bus> {
  const { pub, sub, logger } = opts;
  const channel = `${opts.prefix}bus`;
  const instanceId = randomUUID();
  const handlers: Handlers = new Map();
  let closed = false;

  await sub.subscribe(channel, (raw) => {
    let envelope: z.infer<typeof Envelope>;
    try {
      envelope = Envelope.parse(JSON.parse(raw));
    } catch (err) {
      return logger.warn({ err }, "bus: unreadable message dropped");
    }
    if (envelope.from === instanceId) return;
    const parsed = BusMessage.safeParse(envelope.msg);
    if (!parsed.success) return logger.warn({ issues: parsed.error.issues.slice(0, 3) }, "bus: invalid message dropped");
    for (const handler of handlers.get(parsed.data.type) ?? []) {
      try {
        handler(parsed.data, envelope.from);
      } catch (err) {
        logger.error({ err, type: parsed.data.type }, "bus: handler failed");
      }
    }
  });

  return {
    mode: "redis",
    instanceId,
    publish(msg) {
      if (closed) return;
      pub.publish(channel, JSON.stringify({ from: instanceId, msg })).catch((err: unknown) => logger.error({ err, type: msg.type }, "bus: publish failed"));
    },
    on: (type, handler) => register(handlers, type, handler),
    async close() {
      if (closed) return;
      closed = true;
      await sub.unsubscribe(channel).catch(() => undefined);
    },
  };
}
