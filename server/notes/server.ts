/**
 * The notes server: y-websocket protocol over `ws`, with authorisation before the handshake,
 * append-before-relay durability, read-only identities, guarded awareness and background compaction.
 *
 * @example
 * const notes = createNotesServer({ store: createKyselyNoteStore(db), authorize, logger });
 * httpServer.on("upgrade", (req, socket, head) => {
 *   const m = /^\/yjs\/([^/?]+)/.exec(req.url ?? "");
 *   if (m) notes.handleUpgrade(req, socket, head, decodeURIComponent(m[1]));
 * });
 * // on shutdown: await notes.close();
 */
import type { IncomingMessage } from "node:http";
import { STATUS_CODES } from "node:http";
import { createHistogram } from "node:perf_hooks";
import type { Duplex } from "node:stream";
import type * as Y from "yjs";
import { WebSocketServer } from "ws";
import { NotesConnection } from "./connection";
import { NotesRoom } from "./room";
import { CloseCode, type NotesIdentity, type NotesServerOptions, type NotesStats } from "./types";

export * from "./types";

/** Doc names are path segments chosen by clients: keep them to a safe, bounded alphabet. */
const DOC_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export interface NotesServer {
  /**
   * Authorises and upgrades one request for `docName`. Never throws; a refusal is answered with a plain
   * HTTP status (400 bad name, 401/403/404 from `authorize`, 500 if it threw, 503 while closing) and the
   * socket destroyed.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, docName: string): void;
  /** Closes every connection (1001), flushes queued writes (up to `closeTimeoutMs`), writes checkpoints. */
  close(): Promise<void>;
  loadedDocCount(): number;
  /** The live doc, if loaded and ready (read-only use: tests, summaries of a running session). */
  getDoc(docName: string): Y.Doc | undefined;
  stats(): NotesStats;
  /** Starts a new measuring window for the commit-wait percentiles in {@link NotesServer.stats} (counters keep counting). */
  resetCommitWait(): void;
  /**
   * Freezes `docName` (its session ended): open connections lose the right to write (a later update
   * closes them with 4403), connections being upgraded now are opened read-only, and the promise
   * resolves once every update accepted before is stored, or after `timeoutMs` (default 5 s) if the
   * store is failing (those updates stay queued and retried). Never rejects.
   */
  freeze(docName: string, timeoutMs?: number): Promise<void>;
  /**
   * Scale-out, after the relay was cut: every loaded doc catches up with storage ({@link NotesRoom.catchUp}),
   * then each one `ended` says belongs to an ended session is frozen (the `session.ended` message that
   * would have frozen it may have been lost meanwhile). Never rejects (`ended` errors are logged).
   */
  catchUp(ended?: (docName: string) => Promise<boolean>): Promise<void>;
}

/** Frozen doc names remembered for upgrades racing a freeze; older ones are re-checked by the authoriser. */
const MAX_FROZEN_REMEMBERED = 1_000;

function refuse(socket: Duplex, status: number): void {
  if (!socket.writable) return void socket.destroy();
  const text = STATUS_CODES[status] ?? "Error";
  socket.once("finish", () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

/** Creates a notes server. Holds no module-level state: every instance is independent. */
export function createNotesServer(options: NotesServerOptions): NotesServer {
  const { store, authorize, logger } = options;
  const compactEvery = options.compactEvery ?? 500;
  const closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes ?? 1024 * 1024 });
  const rooms = new Map<string, NotesRoom>();
  const conns = new Set<NotesConnection>();
  const background = new Set<Promise<unknown>>();
  let appendedUpdates = 0;
  let appendBatches = 0;
  /** Accepted → stored-and-relayed wait per update, in µs (perf_hooks histogram: native, constant memory). */
  const commitWait = createHistogram();
  let closing = false;

  const track = (p: Promise<unknown>) => {
    const settled = p.catch(() => {}).finally(() => background.delete(settled));
    background.add(settled);
  };

  // Other instances' changes reach only docs loaded here; a doc loaded later reads them from storage.
  options.relay?.onRemote((docName, kind, bytes) => rooms.get(docName)?.applyRemote(kind, bytes));

  const openRoom = (name: string): NotesRoom => {
    const existing = rooms.get(name);
    if (existing) return existing;
    const room = new NotesRoom({
      name,
      store,
      logger,
      compactEvery,
      retryBaseMs: options.retryBaseMs ?? 100,
      retryMaxMs: options.retryMaxMs ?? 5_000,
      maxPendingStructBytes: options.maxPendingStructBytes ?? 1024 * 1024,
      track,
      relay: options.relay && ((kind, bytes) => options.relay!.publish(name, kind, bytes)),
      onAppended: (waitedMs) => {
        appendedUpdates += waitedMs.length;
        appendBatches++;
        for (const ms of waitedMs) commitWait.record(Math.max(1, Math.round(ms * 1000)));
      },
      onGone: (r) => {
        if (rooms.get(r.name) === r) rooms.delete(r.name);
      },
    });
    rooms.set(name, room);
    track(room.ready);
    return room;
  };

  /** Docs frozen by this process, oldest first (a Set keeps insertion order), at most MAX_FROZEN_REMEMBERED. */
  const frozen = new Set<string>();

  const connect = (ws: import("ws").WebSocket, docName: string, authorised: NotesIdentity) => {
    // Authorised before a freeze, upgraded after it: read-only all the same.
    const identity = frozen.has(docName) ? { ...authorised, canWrite: false } : authorised;
    const room = openRoom(docName);
    const conn = new NotesConnection(ws, identity, room, {
      logger,
      awarenessPerSecond: options.awarenessPerSecond ?? 20,
      maxPendingWriteBytes: options.maxPendingWriteBytes ?? 16 * 1024 * 1024,
      onDetach: (c) => conns.delete(c),
    });
    conns.add(conn);
    // A failed load closes its peers itself (4500); it never attaches them to an empty doc.
    room.ready.then(() => conn.attach(), () => {});
  };

  const pingTimer = setInterval(() => {
    for (const conn of [...conns]) conn.heartbeat();
  }, options.pingIntervalMs ?? 30_000);
  pingTimer.unref();

  return {
    handleUpgrade(req, socket, head, docName) {
      const onError = (err: Error) => logger.debug({ err }, "notes: socket error during upgrade");
      socket.on("error", onError);
      const run = async () => {
        if (closing) return refuse(socket, 503);
        if (!DOC_NAME.test(docName)) return refuse(socket, 400);
        let result;
        try {
          result = await authorize(req, docName);
        } catch (err) {
          logger.error({ err, docName }, "notes: authorize threw");
          return refuse(socket, 500);
        }
        if (!result.ok) return refuse(socket, result.status);
        if (closing) return refuse(socket, 503);
        if (socket.destroyed) return;
        const identity = result.identity;
        socket.off("error", onError);
        wss.handleUpgrade(req, socket, head, (ws) => connect(ws, docName, identity));
      };
      run().catch((err) => {
        logger.error({ err, docName }, "notes: upgrade failed");
        socket.destroy();
      });
    },

    async close() {
      if (closing) return;
      closing = true;
      clearInterval(pingTimer);
      for (const conn of [...conns]) conn.close(CloseCode.goingAway, "server shutting down");
      const all = [...rooms.values()];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, closeTimeoutMs)));
      await Promise.race([Promise.all(all.map((r) => r.whenDrained())), deadline]);
      clearTimeout(timer);
      for (const room of all) room.stop();
      while (background.size > 0) await Promise.all([...background]);
      // Give peers a moment to complete the close handshake, then cut whatever is left.
      const open = [...wss.clients].map((ws) => new Promise<void>((resolve) => ws.once("close", () => resolve())));
      await Promise.race([Promise.all(open), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },

    loadedDocCount: () => rooms.size,

    async catchUp(ended) {
      await Promise.all(
        [...rooms.entries()].map(async ([docName, room]) => {
          await room.catchUp();
          try {
            if (ended && (await ended(docName))) await this.freeze(docName);
          } catch (err) {
            logger.error({ err, docName }, "notes: catch-up could not check whether the session ended");
          }
        }),
      );
    },

    getDoc(docName) {
      const room = rooms.get(docName);
      return room?.state === "ready" ? room.doc : undefined;
    },

    resetCommitWait: () => commitWait.reset(),

    async freeze(docName, timeoutMs = 5_000) {
      frozen.delete(docName);
      frozen.add(docName);
      if (frozen.size > MAX_FROZEN_REMEMBERED) frozen.delete(frozen.values().next().value!);
      for (const conn of conns) if (conn.room.name === docName) conn.revokeWrite();
      const room = rooms.get(docName);
      if (!room) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([room.whenDrained(), late]);
      clearTimeout(timer);
    },

    stats() {
      let pendingWrites = 0;
      for (const room of rooms.values()) pendingWrites += room.pendingWrites;
      const ms = (p: number) => (commitWait.count === 0 ? 0 : commitWait.percentile(p) / 1000);
      return { loadedDocs: rooms.size, connections: conns.size, appendedUpdates, appendBatches, pendingWrites, commitWaitP50Ms: ms(50), commitWaitP99Ms: ms(99) };
    },
  };
}
