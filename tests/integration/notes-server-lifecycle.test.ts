import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createMemoryNoteStore, type NoteStore } from "../../server/notes/store";
import { connectClient, startNotesServer, synced, waitFor, type TestClient, type TestNotesServer } from "../helpers/notes-harness";
import { rawUpgrade } from "../helpers/notes-raw-socket";

let server: TestNotesServer | undefined;
const clients: TestClient[] = [];
const client = (...args: Parameters<typeof connectClient>) => {
  const c = connectClient(...args);
  clients.push(c);
  return c;
};
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  await server?.close();
  server = undefined;
});

async function seed(store: NoteStore, name: string, text: string): Promise<void> {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, text);
  await store.appendUpdate(name, Y.encodeStateAsUpdate(doc));
}

describe("notes server: lifecycle", () => {
  it("unloads every doc after 1,000 rooms are opened, edited and left", async () => {
    const store = createMemoryNoteStore();
    server = await startNotesServer({ store });
    const ROOMS = 1_000;
    const AT_ONCE = 50;
    let peakLoaded = 0;
    for (let batch = 0; batch < ROOMS / AT_ONCE; batch++) {
      const batchClients = Array.from({ length: AT_ONCE }, (_, i) => client(server!.url, `session-r${batch * AT_ONCE + i}`, { as: `p${i}` }));
      await Promise.all(batchClients.map(synced));
      batchClients.forEach((c, i) => c.doc.getText("t").insert(0, `room ${batch * AT_ONCE + i}`));
      await waitFor(() => server!.notes.stats().appendedUpdates === (batch + 1) * AT_ONCE, "appends");
      peakLoaded = Math.max(peakLoaded, server.notes.loadedDocCount());
      batchClients.forEach((c) => c.destroy());
      clients.splice(0);
    }
    expect(peakLoaded).toBeGreaterThanOrEqual(AT_ONCE); // the rooms really were loaded together
    await waitFor(() => server!.notes.loadedDocCount() === 0, "all docs unloaded", 10_000);
    expect(server.notes.stats()).toMatchObject({ connections: 0, pendingWrites: 0, appendedUpdates: ROOMS });
    expect(store.updateCount()).toBe(ROOMS);
    // Unloading wrote a checkpoint per room, holding that room's edit.
    await waitFor(async () => (await store.listCheckpoints(`session-r${ROOMS - 1}`)).length === 1, "checkpoint on unload");
    const last = new Y.Doc();
    Y.applyUpdate(last, (await store.load(`session-r${ROOMS - 1}`)).checkpoint!.state);
    expect(last.getText("t").toString()).toBe(`room ${ROOMS - 1}`);
  }, 60_000);

  it("writes a checkpoint every compactEvery updates and keeps every update", async () => {
    const store = createMemoryNoteStore();
    server = await startNotesServer({ store, compactEvery: 5 });
    const a = client(server.url, "session-c", { as: "a" });
    await synced(a);
    for (let i = 0; i < 12; i++) {
      a.doc.getText("t").insert(i, String(i % 10));
      await waitFor(() => server!.notes.stats().appendedUpdates === i + 1, "append"); // one update per edit
    }
    await waitFor(async () => (await store.listCheckpoints("session-c")).length === 2, "two checkpoints");
    const all = await store.updatesBetween("session-c", 0);
    expect(all).toHaveLength(12); // compaction never deletes updates (replay needs them)
    const checkpoints = await store.listCheckpoints("session-c");
    expect(checkpoints.map((c) => c.uptoId)).toEqual([all[4].id, all[9].id]);
    // The second checkpoint holds exactly the first 10 edits.
    const at = new Y.Doc();
    Y.applyUpdate(at, (await store.readCheckpoint("session-c", all[9].id))!.state);
    expect(at.getText("t").toString()).toBe("0123456789");
    const { checkpoint, updates } = await store.load("session-c");
    expect(checkpoint!.uptoId).toBe(all[9].id);
    expect(updates).toHaveLength(2);
  });

  it("never serves an empty doc when loading fails: peers get 4500, reconnect and then see the content", async () => {
    const inner = createMemoryNoteStore();
    await seed(inner, "session-f", "precious");
    let loads = 0;
    const store: NoteStore = {
      ...inner,
      async load(name) {
        if (loads++ === 0) throw new Error("database unavailable");
        return inner.load(name);
      },
    };
    server = await startNotesServer({ store });
    const a = client(server.url, "session-f", { as: "a" });
    const textAtFirstSync: string[] = [];
    a.provider.on("sync", (ok: boolean) => ok && textAtFirstSync.push(a.text()));
    await waitFor(() => a.closeCodes.includes(4500), "load failure close");
    await waitFor(() => textAtFirstSync.length > 0, "sync after reconnect");
    expect(textAtFirstSync[0]).toBe("precious");
    expect(loads).toBe(2);
    expect(server.logs.some((l) => l.level === "error" && /load failed/.test(l.msg ?? ""))).toBe(true);
  });

  it("close() flushes a write that is still waiting for the store", async () => {
    const inner = createMemoryNoteStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const store: NoteStore = {
      ...inner,
      async appendUpdates(name, updates) {
        started = true;
        await gate;
        return inner.appendUpdates(name, updates);
      },
    };
    server = await startNotesServer({ store });
    const a = client(server.url, "session-x", { as: "a" });
    await synced(a);
    a.doc.getText("t").insert(0, "last words");
    await waitFor(() => started, "append started");
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    server = undefined;
    // The client has seen its 1001 close (a network round trip later), yet close() still waits for the store.
    await waitFor(() => a.closeCodes.includes(1001), "client closed");
    expect(closed).toBe(false);
    release();
    await closing;
    const { checkpoint } = await inner.load("session-x");
    const doc = new Y.Doc();
    Y.applyUpdate(doc, checkpoint!.state);
    expect(doc.getText("t").toString()).toBe("last words");
  });

  it("drops a peer that stops answering pings", async () => {
    server = await startNotesServer({ pingIntervalMs: 30 });
    const live = client(server.url, "session-p", { as: "live" });
    await synced(live);
    const dead = await rawUpgrade(server.port, "/yjs/session-p?as=dead"); // never answers pings
    await waitFor(() => server!.notes.stats().connections === 2, "both connected");
    await dead.closed;
    expect(server.notes.stats().connections).toBe(1);
    expect(live.provider.wsconnected).toBe(true); // ws answers pings automatically
  });
});
