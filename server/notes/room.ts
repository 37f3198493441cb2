/**
 * One loaded notes document: its Y.Doc, awareness, peers, the ordered write queue and compaction.
 * Knows nothing about WebSockets: peers are anything with send/close (see {@link RoomPeer}).
 */
import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { awarenessFrame, syncFrame } from "./protocol";
import type { NoteStore } from "./store";
import type { NotesLogger } from "./types";
import { CloseCode } from "./types";
import { loadNotesDoc } from "./load";
import { dropPending, pendingBytes } from "./update-check";

/** At most this many awareness client ids per connection: y-websocket uses one per tab; this stops a client from flooding presence with fake users. */
const MAX_AWARENESS_IDS_PER_PEER = 4;

/** Group-commit bounds: one transaction and one relayed frame hold at most this many updates / bytes. */
const MAX_BATCH_UPDATES = 1000;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** What a room needs from a connection. */
export interface RoomPeer {
  readonly participantId: string;
  readonly attached: boolean;
  /** Awareness client ids this peer introduced (maintained by the room). */
  readonly owned: Set<number>;
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface RoomDeps {
  name: string;
  store: NoteStore;
  logger: NotesLogger;
  compactEvery: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxPendingStructBytes: number;
  /** Registers a background promise that `close()` must await. */
  track(p: Promise<unknown>): void;
  /**
   * Called once per committed batch, just before it is applied and relayed, with how long each of its
   * updates waited since it was accepted (ms): the latency durability adds.
   */
  onAppended(waitedMs: number[]): void;
  /** Called once when the room leaves the registry (unloaded or failed to load). */
  onGone(room: NotesRoom): void;
  /** Scale-out: sends stored updates and local awareness changes to other instances (NotesRelay). */
  relay?: (kind: "update" | "awareness", bytes: Uint8Array) => void;
}

/** Transaction origin of changes that came from another instance: relayed to local peers, never published back. */
const REMOTE = Symbol("remote instance");
/** Remote messages kept while the doc loads (the load may or may not include them; applying twice is a no-op). */
const MAX_REMOTE_WHILE_LOADING = 10_000;

interface QueuedWrite {
  update: Uint8Array;
  origin: RoomPeer | null;
  /** `performance.now()` when accepted. */
  at: number;
}

/**
 * One loaded notes doc and its peers: loads from the store (peers wait; a failed load closes them with
 * 4500), stores each accepted update before applying and relaying it (group commit, retried with
 * backoff on failure), writes checkpoints every `compactEvery` updates, and unloads when the last peer
 * left and nothing is queued.
 */
export class NotesRoom {
  /**
   * `gc: false`: with garbage collection Yjs replaces deleted content by tombstones without content, and
   * a checkpoint encoded from such a doc can no longer render earlier states (`Y.createDocFromSnapshot`
   * needs the deleted items). Replay scrubs through past versions, so the server keeps them.
   */
  doc = new Y.Doc({ gc: false }); // placeholder until load() swaps in the loaded doc
  awareness!: awarenessProtocol.Awareness;
  state: "loading" | "ready" | "failed" | "unloaded" = "loading";
  readonly peers = new Set<RoomPeer>();
  readonly ready: Promise<void>;
  pendingWriteBytes = 0;
  private readonly owners = new Map<number, RoomPeer>();
  private readonly queue: QueuedWrite[] = [];
  private draining = false;
  private drainScheduled = false;
  private stopped = false;
  private wakeRetry: (() => void) | null = null;
  private drainWaiters: Array<() => void> = [];
  private lastUpdateId = 0;
  private scheduledUptoId = 0;
  private sinceCheckpoint = 0;
  private compaction: Promise<void> = Promise.resolve();
  private compacting = false;
  /** `uptoId` of the newest checkpoint known stored (the loaded one, then each written). */
  private writtenUptoId = 0;
  private remoteWhileLoading: Array<{ kind: "update" | "awareness"; bytes: Uint8Array }> = [];
  /** Remote messages dropped while loading (past MAX_REMOTE_WHILE_LOADING): the load then ends with a catch-up. */
  private droppedWhileLoading = 0;

  constructor(private readonly deps: RoomDeps) {
    this.ready = this.load();
    this.ready.catch(() => {}); // failures are handled inside load(); this only silences the unhandled rejection
  }

  get name(): string {
    return this.deps.name;
  }

  get pendingWrites(): number {
    return this.queue.length;
  }

  /** Loads checkpoint + later updates. On failure closes waiting peers (4500): never serves an empty doc. */
  private async load(): Promise<void> {
    const { name, store, logger, maxPendingStructBytes } = this.deps;
    try {
      const loaded = await loadNotesDoc(store, name, { logger, maxPendingStructBytes });
      this.lastUpdateId = loaded.lastUpdateId;
      this.scheduledUptoId = loaded.checkpointUptoId;
      this.writtenUptoId = loaded.checkpointUptoId;
      this.sinceCheckpoint = loaded.updatesAfterCheckpoint;
      this.wire(loaded.doc);
      this.state = "ready";
      for (const m of this.remoteWhileLoading.splice(0)) this.applyRemote(m.kind, m.bytes);
      if (this.droppedWhileLoading > 0) {
        // Updates were dropped: storage holds them (their senders stored them first), so read it again.
        this.droppedWhileLoading = 0;
        void this.catchUp();
      }
    } catch (err) {
      this.state = "failed";
      logger.error({ err, docName: name }, "notes: load failed");
      for (const peer of [...this.peers]) peer.close(CloseCode.loadFailed, "notes unavailable, retry later");
      this.peers.clear();
      this.doc.destroy();
      this.deps.onGone(this);
      throw err;
    }
    this.maybeUnload();
  }

  private wire(doc: Y.Doc): void {
    this.doc.destroy();
    this.doc = doc;
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null); // the server has no presence of its own
    const relay = this.deps.relay;
    doc.on("update", (update: Uint8Array, origin: unknown) => {
      this.broadcast(syncFrame(syncProtocol.messageYjsUpdate, update));
      // Only batches this room stored (applyStored): the merged update of a batch, one message per batch.
      if (relay && origin !== REMOTE) relay("update", update);
    });
    this.awareness.on("update", ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      const changed = added.concat(updated, removed);
      const encoded = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
      this.broadcast(awarenessFrame(encoded));
      if (relay && origin !== REMOTE) relay("awareness", encoded);
    });
  }

  private broadcast(frame: Uint8Array): void {
    for (const peer of this.peers) if (peer.attached) peer.send(frame);
  }

  /**
   * Queues an update for append → apply → relay, in arrival order. Nothing is applied or relayed
   * before its append resolved; a failed append is retried with backoff while the room stays loaded.
   *
   * Group commit: the queue is drained on `setImmediate`, so every update that arrived in the same
   * event-loop turn (one socket read can carry many frames; 100 typists produce several per turn), plus
   * whatever arrives while a write is in flight, is appended in ONE transaction and then relayed as ONE
   * merged frame per peer. There is no timer window: an update waits only for the write that stores it.
   */
  submit(update: Uint8Array, origin: RoomPeer | null): void {
    this.queue.push({ update, origin, at: performance.now() });
    this.pendingWriteBytes += update.byteLength;
    if (this.draining || this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      void this.drain();
    });
  }

  /** The longest prefix of the queue that fits one batch (at least one item). */
  private nextBatch(): QueuedWrite[] {
    let bytes = 0;
    let n = 0;
    while (n < this.queue.length && n < MAX_BATCH_UPDATES && (n === 0 || bytes + this.queue[n].update.byteLength <= MAX_BATCH_BYTES)) {
      bytes += this.queue[n].update.byteLength;
      n++;
    }
    return this.queue.slice(0, n);
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    const { name, store, logger } = this.deps;
    let attempt = 0;
    try {
      while (this.queue.length > 0 && !this.stopped) {
        // Re-taken after a failure: nothing of a failed transaction is stored, and the retry also carries
        // what arrived meanwhile. (If a commit succeeded but its answer was lost, the retry stores the
        // updates twice; applying a Yjs update twice is a no-op, so replay and load are unaffected.)
        const batch = this.nextBatch();
        let ids: number[];
        try {
          ids = await store.appendUpdates(
            name,
            batch.map((item) => item.update),
          );
        } catch (err) {
          attempt++;
          const delayMs = Math.min(this.deps.retryMaxMs, this.deps.retryBaseMs * 2 ** (attempt - 1));
          logger.error({ err, docName: name, attempt, delayMs, pending: this.queue.length }, "notes: append failed, retrying");
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, delayMs);
            this.wakeRetry = () => (clearTimeout(timer), resolve());
          });
          this.wakeRetry = null;
          continue;
        }
        if (this.stopped) break;
        attempt = 0;
        this.queue.splice(0, batch.length);
        for (const item of batch) this.pendingWriteBytes -= item.update.byteLength;
        for (const id of ids) this.lastUpdateId = Math.max(this.lastUpdateId, id);
        const now = performance.now();
        this.deps.onAppended(batch.map((item) => now - item.at));
        this.applyStored(batch);
      }
    } finally {
      this.draining = false;
      if (this.queue.length === 0) for (const resolve of this.drainWaiters.splice(0)) resolve();
    }
    this.maybeUnload();
  }

  /**
   * Applies a stored batch in one Yjs transaction, so the doc emits one "update" and peers get one
   * merged frame (one write per socket instead of one per keystroke: the relay was bounded by writev
   * syscalls). An update that fails to integrate closes its sender only.
   */
  private applyStored(batch: QueuedWrite[]): void {
    const { name, logger, maxPendingStructBytes } = this.deps;
    Y.transact(this.doc, () => {
      for (const item of batch) {
        try {
          Y.applyUpdate(this.doc, item.update, item.origin);
        } catch (err) {
          logger.error({ err, docName: name }, "notes: stored update could not be applied");
          item.origin?.close(CloseCode.malformed, "update could not be applied");
        }
        // Checked per update (Yjs sets pendingStructs inside applyUpdate), so only the sender that
        // pushed the doc over the bound is closed; its client resyncs what it has on reconnect.
        if (pendingBytes(this.doc) > maxPendingStructBytes) {
          logger.warn({ docName: name, bytes: pendingBytes(this.doc) }, "notes: too many updates with missing dependencies, dropped");
          dropPending(this.doc);
          item.origin?.close(CloseCode.malformed, "too many updates with missing dependencies");
        }
      }
    });
    this.sinceCheckpoint += batch.length;
    if (this.sinceCheckpoint >= this.deps.compactEvery && !this.compacting) this.checkpoint();
  }

  /** Schedules a checkpoint of the current state (covering `lastUpdateId`) after any in-flight one. */
  private checkpoint(): void {
    if (this.lastUpdateId <= this.scheduledUptoId) return;
    const uptoId = this.lastUpdateId;
    const state = Y.encodeStateAsUpdate(this.doc); // captured now, so it matches uptoId exactly
    this.scheduledUptoId = uptoId;
    this.sinceCheckpoint = 0;
    this.compacting = true;
    const { store, name } = this.deps;
    const relayed = this.deps.relay !== undefined;
    this.compaction = this.compaction
      .then(async () => {
        let bytes = state;
        // Scale-out: another instance's update stored with an id ≤ uptoId may still be on its way here over
        // Redis, so the state alone may miss it; merging the stored range in makes the checkpoint cover
        // every id ≤ uptoId, as loads assume (applying an update twice is a no-op).
        if (relayed) {
          const stored = await store.updatesBetween(name, this.writtenUptoId, uptoId);
          if (stored.length) bytes = Y.mergeUpdates([state, ...stored.map((u) => u.update)]);
        }
        await store.writeCheckpoint(name, uptoId, bytes);
        this.writtenUptoId = Math.max(this.writtenUptoId, uptoId);
      })
      .then(
        () => this.deps.logger.debug({ docName: this.deps.name, uptoId, bytes: state.byteLength }, "notes: checkpoint written"),
        // Not fatal: the updates are stored; the next checkpoint (or unload) covers this range again.
        (err) => {
          this.deps.logger.error({ err, docName: this.deps.name, uptoId }, "notes: checkpoint failed");
          this.scheduledUptoId = Math.min(this.scheduledUptoId, uptoId - 1);
        },
      )
      .finally(() => (this.compacting = false));
    this.deps.track(this.compaction);
  }

  /**
   * Applies another instance's stored update or awareness change (scale-out) and relays it to this
   * room's peers. Never stored here: the instance that accepted it stored it before publishing. Kept
   * while the doc loads (applied after); ignored once unloaded (a later load reads storage).
   */
  applyRemote(kind: "update" | "awareness", bytes: Uint8Array): void {
    if (this.state === "loading") {
      if (this.remoteWhileLoading.length < MAX_REMOTE_WHILE_LOADING) this.remoteWhileLoading.push({ kind, bytes });
      else if (this.droppedWhileLoading++ === 0) {
        this.deps.logger.warn({ docName: this.deps.name, kept: MAX_REMOTE_WHILE_LOADING }, "notes: too many updates from other instances during a load; the rest are read from storage once it finishes");
      }
      return;
    }
    if (this.state !== "ready") return;
    try {
      if (kind === "update") Y.applyUpdate(this.doc, bytes, REMOTE);
      else awarenessProtocol.applyAwarenessUpdate(this.awareness, bytes, REMOTE);
    } catch (err) {
      this.deps.logger.error({ err, docName: this.deps.name, kind }, "notes: update from another instance could not be applied");
    }
  }

  /**
   * Catches up with storage after the relay was cut (scale-out: Redis came back): reads the newest
   * checkpoint and the updates after it and applies them as remote changes, so what other instances
   * stored meanwhile reaches this room's peers (what the doc already holds is a no-op). Never rejects.
   */
  async catchUp(): Promise<void> {
    if (this.state !== "ready") return;
    const { name, store, logger } = this.deps;
    try {
      const { checkpoint, updates } = await store.load(name);
      if (this.state !== "ready") return;
      Y.transact(
        this.doc,
        () => {
          if (checkpoint) Y.applyUpdate(this.doc, checkpoint.state);
          for (const u of updates) Y.applyUpdate(this.doc, u.update);
        },
        REMOTE,
      );
    } catch (err) {
      logger.error({ err, docName: name }, "notes: catching up with storage failed");
    }
  }

  /**
   * Awareness ownership: a peer may only touch client ids it introduced. A new id is claimed by the first
   * peer that sets a state for it; the same participant reconnecting (the old socket not yet timed out)
   * takes over its id. Returns whether `peer` may apply this entry.
   */
  claimAwareness(clientId: number, peer: RoomPeer, removing: boolean): boolean {
    const owner = this.owners.get(clientId);
    if (owner === peer) return true;
    if (owner) {
      if (owner.participantId !== peer.participantId) return false;
      owner.owned.delete(clientId);
    } else if (removing || peer.owned.size >= MAX_AWARENESS_IDS_PER_PEER) {
      return false;
    }
    this.owners.set(clientId, peer);
    peer.owned.add(clientId);
    return true;
  }

  addPeer(peer: RoomPeer): void {
    this.peers.add(peer);
  }

  /** Removes a peer and the awareness states it owns; unloads the room when it was the last one. */
  removePeer(peer: RoomPeer): void {
    if (!this.peers.delete(peer)) return;
    const ids = [...peer.owned].filter((id) => this.owners.get(id) === peer);
    ids.forEach((id) => this.owners.delete(id));
    peer.owned.clear();
    if (this.state === "ready" && ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
    this.maybeUnload();
  }

  /** Unloads when no peer is left and nothing is waiting to be stored; writes a final checkpoint if needed. */
  maybeUnload(): void {
    if (this.state !== "ready" || this.peers.size > 0 || this.queue.length > 0 || this.draining) return;
    this.state = "unloaded";
    this.deps.onGone(this);
    this.checkpoint();
    this.doc.destroy(); // also destroys the awareness and its timer
  }

  /** Resolves once no write is queued (immediately if none is). */
  whenDrained(): Promise<void> {
    if (this.queue.length === 0 && !this.draining) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Gives up on queued writes (shutdown deadline passed), logs what is lost, and unloads if no peer is left. */
  stop(): void {
    if (this.queue.length > 0) {
      this.deps.logger.error({ docName: this.deps.name, lost: this.queue.length }, "notes: shutting down with unstored updates");
    }
    this.stopped = true;
    this.queue.length = 0;
    this.pendingWriteBytes = 0;
    this.wakeRetry?.();
    this.draining = false;
    for (const resolve of this.drainWaiters.splice(0)) resolve();
    this.maybeUnload();
  }
}
