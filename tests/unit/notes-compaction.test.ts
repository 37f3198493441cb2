/**
 * Compaction of a notes room (NotesRoom, no sockets): checkpoints are written every `compactEvery`
 * stored updates and on unload, hold exactly the content up to their update id, never replace the update
 * log, and keep deleted content so earlier versions can still be rendered from them (replay).
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { NotesRoom, type RoomPeer } from "../../server/notes/room";
import { createMemoryNoteStore } from "../../server/notes/store";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

function openRoom(store = createMemoryNoteStore(), compactEvery = 5) {
  const background: Array<Promise<unknown>> = [];
  let gone = false;
  const room = new NotesRoom({
    name: "session-compact",
    store,
    logger: silent,
    compactEvery,
    retryBaseMs: 1,
    retryMaxMs: 1,
    maxPendingStructBytes: 1 << 20,
    track: (p) => background.push(p),
    onAppended: () => {},
    onGone: () => (gone = true),
  });
  const settled = async () => {
    await room.whenDrained();
    await Promise.all(background);
  };
  return { room, store, settled, isGone: () => gone };
}

const peer = (): RoomPeer => ({ participantId: "p", attached: true, owned: new Set(), send() {}, close() {} });

/** A writer whose every edit is one Yjs update, collected in order. */
function writer() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  return { doc, text: doc.getText("t"), updates };
}

describe("notes compaction", () => {
  it("writes a checkpoint every compactEvery updates holding exactly that prefix, and keeps every update", async () => {
    const { room, store, settled } = openRoom();
    room.addPeer(peer()); // as a connection does: before the load finishes, else the room unloads at once
    await room.ready;
    const w = writer();
    const expected: string[] = [];
    for (let i = 0; i < 12; i++) {
      w.text.insert(i, String(i % 10));
      expected.push(w.text.toString());
      room.submit(w.updates[i], null);
      await settled(); // one update per transaction, so checkpoints fall on exact counts
    }
    const all = await store.updatesBetween("session-compact", 0);
    expect(all).toHaveLength(12); // compaction never deletes updates
    const checkpoints = await store.listCheckpoints("session-compact");
    expect(checkpoints.map((c) => c.uptoId)).toEqual([all[4].id, all[9].id]);
    for (const [n, c] of [
      [5, checkpoints[0]],
      [10, checkpoints[1]],
    ] as const) {
      const at = new Y.Doc();
      Y.applyUpdate(at, (await store.readCheckpoint("session-compact", c.uptoId))!.state);
      expect(at.getText("t").toString()).toBe(expected[n - 1]);
    }
    // Loading = newest checkpoint + the updates after it, and gives the full content.
    const { checkpoint, updates } = await store.load("session-compact");
    expect(checkpoint!.uptoId).toBe(all[9].id);
    expect(updates.map((u) => u.id)).toEqual([all[10].id, all[11].id]);
    expect(room.doc.getText("t").toString()).toBe(w.text.toString());
  });

  it("keeps deleted content in checkpoints so earlier versions can be rendered from them (replay)", async () => {
    const { room, store, settled, isGone } = openRoom(createMemoryNoteStore(), 1_000);
    const p = peer();
    room.addPeer(p);
    await room.ready;
    const w = writer();
    w.text.insert(0, "Verification first, norms later.");
    room.submit(w.updates[0], null);
    await settled();
    const versionOne = Y.snapshot(room.doc); // what replay would record as "after the first edit"
    w.text.delete(0, "Verification first, ".length);
    w.text.insert(0, "Norms first. ");
    room.submit(w.updates[1], null);
    room.submit(w.updates[2], null);
    await settled();

    // Unloading (last peer left) writes the final checkpoint; it covers every stored update.
    room.removePeer(p);
    await settled();
    expect(isGone()).toBe(true);
    const all = await store.updatesBetween("session-compact", 0);
    const [final] = (await store.listCheckpoints("session-compact")).slice(-1);
    expect(final.uptoId).toBe(all[all.length - 1].id);

    const fromCheckpoint = new Y.Doc({ gc: false });
    Y.applyUpdate(fromCheckpoint, (await store.readCheckpoint("session-compact", final.uptoId))!.state);
    expect(fromCheckpoint.getText("t").toString()).toBe("Norms first. norms later.");
    // The deleted words are still in the checkpoint: the earlier version renders from it alone.
    expect(Y.createDocFromSnapshot(fromCheckpoint, versionOne).getText("t").toString()).toBe("Verification first, norms later.");

    // Control: the same history in a garbage-collected doc loses them (why the server uses gc: false).
    const collected = new Y.Doc({ gc: true });
    all.forEach((u) => Y.applyUpdate(collected, u.update));
    expect(() => Y.createDocFromSnapshot(collected, versionOne)).toThrow();
  });
});
