/** Shared types of the notes server (no runtime code). */
import type { IncomingMessage } from "node:http";
import type { ParticipantRole } from "../../app/domain/session";
import type { NoteStore } from "./store";

/** Who is on a connection, as decided by {@link NotesAuthorize}. */
export interface NotesIdentity {
  participantId: string;
  /** Shown to peers as live presence only (Chatham House: never stored with the notes). */
  name: string;
  /** CSS colour of the caret, e.g. "#1f77b4". */
  color: string;
  role: ParticipantRole;
  /** False: the connection receives sync and awareness, but any change it sends closes it with 4403. */
  canWrite: boolean;
}

/** Outcome of authorisation; a refusal is answered with that HTTP status before any WebSocket exists. */
export type NotesAuthResult = { ok: true; identity: NotesIdentity } | { ok: false; status: 401 | 403 | 404 };

/** Called once per upgrade request, before the WebSocket handshake. May throw (answered with 500). */
export type NotesAuthorize = (req: IncomingMessage, docName: string) => Promise<NotesAuthResult>;

/** The subset of pino's logger the notes server uses. */
export interface NotesLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Options of `createNotesServer`. Sizes in bytes, durations in ms. */
export interface NotesServerOptions {
  store: NoteStore;
  authorize: NotesAuthorize;
  logger: NotesLogger;
  /**
   * Largest accepted WebSocket frame; larger frames close the connection with 1009 before they are buffered.
   * Default 1 MiB: a keystroke update is tens of bytes and pasting a long report (~100 KB of text) stays
   * well below it, while a hostile 20 MB frame never reaches memory.
   */
  maxPayloadBytes?: number;
  /** Write a checkpoint every N accepted updates per doc (default 500). */
  compactEvery?: number;
  /** Ping period; a peer that has not answered the previous ping is dropped (default 30 000, as y-websocket). */
  pingIntervalMs?: number;
  /** First retry delay after a failed append, doubling up to `retryMaxMs` (defaults 100 and 5 000). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Bound on a doc's updates waiting for missing dependencies (Yjs pending structs); default 1 MiB. */
  maxPendingStructBytes?: number;
  /**
   * Bound on a doc's accepted-but-not-yet-stored update bytes (e.g. while the database is down); writers
   * beyond it are closed with 4503 and resend on reconnect (their client keeps the edits). Default 16 MiB.
   */
  maxPendingWriteBytes?: number;
  /** Awareness messages per second per connection (default 20, burst 2×). */
  awarenessPerSecond?: number;
  /** How long `close()` waits for pending writes before giving up and logging them as lost (default 10 000). */
  closeTimeoutMs?: number;
  /** Relay to the notes servers of other instances (scale-out); absent: this process is alone. */
  relay?: NotesRelay;
}

/**
 * Carries a doc's changes between instances (scale-out, over Redis: server/scale-out.ts). The instance
 * that accepted an update stores it, then publishes it; receivers apply it to their loaded copy and
 * relay it to their peers, never store it (a doc loaded later reads it from storage).
 */
export interface NotesRelay {
  /** Sends an update this server stored (`update`) or an awareness update of its peers (`awareness`). */
  publish(docName: string, kind: "update" | "awareness", bytes: Uint8Array): void;
  /** Registers the receiver of other instances' messages (called once, by the notes server). */
  onRemote(handler: (docName: string, kind: "update" | "awareness", bytes: Uint8Array) => void): void;
}

/** Counters for tests and benchmarks. */
export interface NotesStats {
  loadedDocs: number;
  connections: number;
  /** Updates appended to the store since the server started. */
  appendedUpdates: number;
  /** Transactions those appends took (group commit: `appendedUpdates / appendBatches` updates per write). */
  appendBatches: number;
  /** Updates accepted but not yet stored (and so not yet applied or relayed). */
  pendingWrites: number;
  /** How long an accepted update waited until its batch was stored and relayed (ms, p50/p99), since start or `resetCommitWait()`. */
  commitWaitP50Ms: number;
  commitWaitP99Ms: number;
}

/** WebSocket close codes. 44xx tell y-websocket not to reconnect; 45xx mean "try again later". */
export const CloseCode = {
  goingAway: 1001,
  malformed: 4400,
  readOnly: 4403,
  loadFailed: 4500,
  storageBusy: 4503,
  slowConsumer: 4508,
} as const;

export type { NoteStore };
