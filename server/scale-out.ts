/**
 * Scale-out mode (docs/scale-out.md, decision 008): with `REDIS_URL`, several instances share one
 * Postgres database behind a load balancer. This module connects Redis (one client for commands and
 * publishing, one in subscriber mode), attaches the official Socket.io Redis adapter, and creates the
 * instance bus (realtime/bus.ts). Without `REDIS_URL` everything here is a no-op: the local bus, no
 * adapter, in-memory rate limits — exactly the single-process behaviour.
 */
import type { Logger } from "pino";
import { createClient } from "redis";
import { createAdapter } from "@socket.io/redis-adapter";
import { EnvError, type Env } from "./config/env";
import { createLocalBus, createRedisBus, type Bus } from "./realtime/bus";
import type { NotesRelay } from "./notes/types";

/** The node-redis client type, as created here (commands, publish). */
export type RedisClient = ReturnType<typeof createClient>;

export interface ScaleOut {
  readonly mode: "single" | "scale-out";
  readonly bus: Bus;
  /** Connected command client (rate limiters use it); null in the single-process mode. */
  readonly redis: RedisClient | null;
  /** Key and channel prefix every Redis name of this deployment starts with (REDIS_PREFIX). */
  readonly prefix: string;
  /** Carries notes updates and awareness between instances; undefined when single (nothing to relay). */
  readonly notesRelay: NotesRelay | undefined;
  /** Installs the Redis adapter on `io` (call before anything else touches its adapter). No-op when single. */
  attach(io: { adapter(factory: unknown): unknown }): void;
  /**
   * Registers what to do when Redis answers again after a loss: messages published meanwhile are
   * lost (pub/sub is at-most-once), so caches must re-read storage. Never called in the single mode.
   */
  onResume(handler: () => void): void;
  /** Unsubscribes and disconnects Redis. Idempotent; never rejects. */
  close(): Promise<void>;
}

/**
 * How long start-up waits for Redis (ms). node-redis retries a first connection forever; an instance
 * that silently hangs at start is worse than one that exits saying why.
 */
const REDIS_START_TIMEOUT_MS = 10_000;

/** Connects `clients`, or destroys them and throws once `ms` passed without a connection. */
async function connectOrFail(clients: RedisClient[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis at REDIS_URL did not answer within ${ms / 1000} s; scale-out cannot start without it`)), ms);
  });
  try {
    await Promise.race([Promise.all(clients.map((c) => c.connect())), late]);
  } catch (err) {
    for (const c of clients) if (c.isOpen) c.destroy();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** Thrown when REDIS_URL is set without a Postgres DATABASE_URL (an EnvError: the process exits 78). */
const SCALE_OUT_NEEDS_POSTGRES =
  "REDIS_URL is set but DATABASE_URL is not a postgres:// URL: scale-out needs Postgres, because several instances cannot share one SQLite file. Set DATABASE_URL=postgres://… or unset REDIS_URL to run one process on SQLite.";

/**
 * Connects what the mode needs. Refuses SQLite with REDIS_URL (before any storage is opened).
 * @throws EnvError (scale-out without Postgres); the Redis client's error when Redis is unreachable at start.
 */
export async function startScaleOut(env: Pick<Env, "REDIS_URL" | "DATABASE_URL" | "REDIS_PREFIX">, logger: Logger): Promise<ScaleOut> {
  if (!env.REDIS_URL) {
    const bus = createLocalBus();
    return { mode: "single", bus, redis: null, prefix: env.REDIS_PREFIX, notesRelay: undefined, attach: () => undefined, onResume: () => undefined, close: async () => undefined };
  }
  if (!env.DATABASE_URL) throw new EnvError(SCALE_OUT_NEEDS_POSTGRES);
  const prefix = env.REDIS_PREFIX;
  const redis: RedisClient = createClient({ url: env.REDIS_URL });
  const sub = redis.duplicate();
  // node-redis emits "error" on every failed reconnect; without a listener that would crash the process.
  // It reconnects by itself; meanwhile broadcasts to other instances and bus messages are lost (pub/sub
  // is at-most-once) and rate limits fall back to memory (http/limiters.ts).
  for (const [name, client] of [["commands", redis], ["subscriber", sub]] as const) {
    client.on("error", (err: unknown) => logger.error({ err, client: name }, "redis error"));
  }
  await connectOrFail([redis, sub], REDIS_START_TIMEOUT_MS);
  // The subscriber is the one whose loss loses messages; node-redis re-subscribes when it reconnects.
  const resumeHandlers: Array<() => void> = [];
  let lost = false;
  sub.on("reconnecting", () => (lost = true));
  sub.on("ready", () => {
    if (!lost) return;
    lost = false;
    logger.warn("redis is back: caches and loaded notes catch up with storage");
    for (const handler of resumeHandlers) handler();
  });
  const bus = await createRedisBus({
    pub: redis,
    sub: { publish: (c, m) => sub.publish(c, m), subscribe: (c, l) => sub.subscribe(c, l), unsubscribe: (c) => sub.unsubscribe(c) },
    prefix,
    logger,
  });
  let closing: Promise<void> | null = null;
  return {
    mode: "scale-out",
    bus,
    redis,
    prefix,
    notesRelay: notesRelayOver(bus),
    onResume: (handler) => void resumeHandlers.push(handler),
    attach(io) {
      io.adapter(createAdapter(redis, sub, { key: `${prefix}socket.io` }));
    },
    close: () =>
      (closing ??= (async () => {
        await bus.close();
        for (const client of [sub, redis]) {
          await client.close().catch((err: unknown) => logger.warn({ err }, "redis close failed"));
        }
      })()),
  };
}

/** Notes relay over the instance bus: Yjs bytes as base64 in `notes.update` / `notes.awareness` messages. */
function notesRelayOver(bus: Bus): NotesRelay {
  return {
    publish(docName, kind, bytes) {
      const update = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
      bus.publish(kind === "update" ? { type: "notes.update", doc: docName, update } : { type: "notes.awareness", doc: docName, update });
    },
    onRemote(handler) {
      bus.on("notes.update", (m) => handler(m.doc, "update", new Uint8Array(Buffer.from(m.update, "base64"))));
      bus.on("notes.awareness", (m) => handler(m.doc, "awareness", new Uint8Array(Buffer.from(m.update, "base64"))));
    },
  };
}

/** What {@link wireBus} keeps coherent; each part's hook only touches this process's caches and connections. */
export interface BusParts {
  /** Session agenda cache and shared states (realtime/session.ts). */
  sessionAgendaEdited(): void;
  /** Poll definitions (realtime/polls.ts). */
  pollsAgendaEdited(): Promise<void>;
  /** Freezes a notes doc (session ended elsewhere). */
  freezeNotes(sessionId: string): Promise<void>;
  logger: Logger;
}

/**
 * Connects the cross-cutting bus messages to the parts that own the caches, and returns the hook to
 * call after an agenda or workshop edit committed here (HTTP routes, poll:create): it clears this
 * process's caches and tells the other instances to clear theirs. Fixes, in both modes, poll
 * definitions edited during a live session never reaching the poll cache.
 */
export function wireBus(bus: Bus, parts: BusParts): { agendaEdited(): void; sessionEnded(sessionId: string): void } {
  const local = () => {
    parts.sessionAgendaEdited();
    void parts.pollsAgendaEdited().catch((err: unknown) => parts.logger.error({ err }, "agenda edit: refreshing polls failed"));
  };
  bus.on("agenda.edited", local);
  bus.on("session.ended", ({ sessionId }) => {
    // A writer connected here would otherwise keep typing into notes the summary was already drafted from.
    void parts.freezeNotes(sessionId).catch((err: unknown) => parts.logger.error({ err, sessionId }, "session ended elsewhere: freezing notes failed"));
  });
  return {
    agendaEdited() {
      local();
      bus.publish({ type: "agenda.edited" });
    },
    sessionEnded: (sessionId) => bus.publish({ type: "session.ended", sessionId }),
  };
}
