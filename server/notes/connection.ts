/**
 * One WebSocket peer of a notes room: parses frames strictly, enforces read-only identities,
 * rewrites and polices awareness, and never lets an exception escape a socket handler.
 */
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { WebSocket, type RawData } from "ws";
import { type AwarenessEntry, awarenessFrame, encodeAwarenessEntries, MalformedMessageError, parseClientMessage, syncFrame } from "./protocol";
import { TokenBucket } from "./rate-limit";
import type { NotesRoom, RoomPeer } from "./room";
import { CloseCode, type NotesIdentity, type NotesLogger } from "./types";
import { inspectUpdate } from "./update-check";

/**
 * A peer that has not read this much of what we sent is closed instead of growing server memory;
 * it loses nothing, since on reconnect the state-vector sync sends whatever it missed.
 */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** Frames a client may send while its doc is still loading (y-websocket sends 2: sync step 1 and awareness). */
const MAX_FRAMES_BEFORE_READY = 64;

export interface ConnectionOptions {
  logger: NotesLogger;
  awarenessPerSecond: number;
  maxPendingWriteBytes: number;
  onDetach(conn: NotesConnection): void;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * One y-websocket peer of a {@link NotesRoom}: buffers frames until the doc is loaded, validates every
 * frame, drops writes of read-only identities (4403), rate-limits awareness and owns the awareness ids
 * it introduced. Never throws out of a socket event; a bad frame closes this connection only.
 */
export class NotesConnection implements RoomPeer {
  attached = false;
  detached = false;
  /** Cleared on each ping, set by the pong: still false at the next ping means the peer is gone. */
  alive = true;
  readonly owned = new Set<number>();
  private buffered: Uint8Array[] = [];
  private readonly bucket: TokenBucket;
  private readonly deferred = new Map<number, AwarenessEntry>();
  private deferTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly ws: WebSocket,
    private identity: NotesIdentity,
    readonly room: NotesRoom,
    private readonly opts: ConnectionOptions,
  ) {
    // Awareness: cursors move on every keystroke; 20/s (burst 40) follows a fast typist, and the latest
    // state of a throttled burst is applied when a token frees, so presence is delayed, never stale.
    this.bucket = new TokenBucket(opts.awarenessPerSecond, opts.awarenessPerSecond * 2);
    ws.on("message", (data, isBinary) => this.onFrame(data, isBinary));
    ws.on("close", () => this.detach());
    ws.on("error", (err) => {
      opts.logger.debug({ err, docName: room.name }, "notes: socket error");
      this.detach();
    });
    ws.on("pong", () => (this.alive = true));
    room.addPeer(this);
  }

  get participantId(): string {
    return this.identity.participantId;
  }

  /** Read-only from now on (the doc was frozen): the next update this peer sends closes it with 4403. */
  revokeWrite(): void {
    if (this.identity.canWrite) this.identity = { ...this.identity, canWrite: false };
  }

  /** Starts the protocol once the doc is loaded: our sync step 1, current presence, then buffered frames. */
  attach(): void {
    if (this.detached) return;
    this.attached = true;
    this.send(syncFrame(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(this.room.doc)));
    const states = this.room.awareness.getStates();
    if (states.size > 0) {
      this.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, [...states.keys()])));
    }
    const frames = this.buffered;
    this.buffered = [];
    for (const frame of frames) if (!this.detached) this.handle(frame);
  }

  send(frame: Uint8Array): void {
    if (this.detached || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CloseCode.slowConsumer, "too slow");
      return;
    }
    this.ws.send(frame, (err) => {
      if (err) this.detach();
    });
  }

  close(code: number, reason: string): void {
    this.detach();
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
  }

  /** Ping tick: drops a peer that did not answer the previous ping. */
  heartbeat(): void {
    if (!this.alive) {
      this.detach();
      this.ws.terminate();
      return;
    }
    this.alive = false;
    try {
      this.ws.ping();
    } catch {
      this.detach();
    }
  }

  detach(): void {
    if (this.detached) return;
    this.detached = true;
    if (this.deferTimer) clearTimeout(this.deferTimer);
    this.buffered = [];
    this.room.removePeer(this);
    this.opts.onDetach(this);
  }

  private onFrame(data: RawData, isBinary: boolean): void {
    if (this.detached) return;
    if (!isBinary) return this.close(CloseCode.malformed, "binary frames only");
    const bytes = toBytes(data);
    if (!this.attached) {
      if (this.buffered.length >= MAX_FRAMES_BEFORE_READY) return this.close(CloseCode.malformed, "too many frames before sync");
      this.buffered.push(bytes);
      return;
    }
    this.handle(bytes);
  }

  private handle(bytes: Uint8Array): void {
    try {
      const msg = parseClientMessage(bytes);
      switch (msg.kind) {
        case "sync-step1":
          this.send(syncFrame(syncProtocol.messageYjsSyncStep2, Y.encodeStateAsUpdate(this.room.doc, msg.stateVector)));
          return;
        case "update":
          return this.onUpdate(msg.update);
        case "awareness":
          return this.onAwareness(msg.entries);
        case "query-awareness":
          if (!this.bucket.take()) return;
          this.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, [...this.room.awareness.getStates().keys()])));
          return;
      }
    } catch (err) {
      const malformed = err instanceof MalformedMessageError;
      this.opts.logger[malformed ? "debug" : "error"]({ err, docName: this.room.name }, "notes: frame rejected");
      this.close(CloseCode.malformed, malformed ? "malformed message" : "message could not be handled");
    }
  }

  private onUpdate(update: Uint8Array): void {
    // A no-op (e.g. the step 2 every client sends after connecting) is neither a write nor worth storing.
    if (inspectUpdate(this.room.doc, update) === "noop") return;
    if (!this.identity.canWrite) {
      this.opts.logger.info({ docName: this.room.name, role: this.identity.role }, "notes: write from read-only connection dropped");
      return this.close(CloseCode.readOnly, "read-only");
    }
    if (this.room.pendingWriteBytes + update.byteLength > this.opts.maxPendingWriteBytes) {
      this.opts.logger.warn({ docName: this.room.name, pendingBytes: this.room.pendingWriteBytes }, "notes: write backlog full");
      return this.close(CloseCode.storageBusy, "storage busy, retry later");
    }
    this.room.submit(update, this);
  }

  private onAwareness(entries: AwarenessEntry[]): void {
    if (!this.bucket.take()) {
      for (const e of entries) this.deferred.set(e.clientId, e);
      this.deferTimer ??= setTimeout(() => this.flushDeferred(), this.bucket.msUntilToken());
      return;
    }
    this.applyAwareness(entries);
  }

  private flushDeferred(): void {
    this.deferTimer = null;
    if (this.detached || this.deferred.size === 0) return;
    if (!this.bucket.take()) {
      this.deferTimer = setTimeout(() => this.flushDeferred(), this.bucket.msUntilToken());
      return;
    }
    const entries = [...this.deferred.values()];
    this.deferred.clear();
    this.applyAwareness(entries);
  }

  private applyAwareness(entries: AwarenessEntry[]): void {
    const { name, color, role } = this.identity;
    const allowed: AwarenessEntry[] = [];
    for (const e of entries) {
      if (!this.room.claimAwareness(e.clientId, this, e.state === null)) {
        this.opts.logger.debug({ docName: this.room.name, clientId: e.clientId }, "notes: awareness for a foreign client id dropped");
        continue;
      }
      // The server, not the client, says who this is: whatever the client put in `user` is replaced.
      allowed.push(e.state === null ? e : { ...e, state: { ...e.state, user: { name, color, role } } });
    }
    if (allowed.length > 0) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encodeAwarenessEntries(allowed), this);
  }
}
