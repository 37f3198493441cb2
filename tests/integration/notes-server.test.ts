import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addTakeaway, listTakeaways } from "../../app/domain/notes/model";
import { createMemoryNoteStore, type NoteStore } from "../../server/notes/store";
import { connectClient, rawClient, startNotesServer, synced, waitFor, type TestClient, type TestNotesServer } from "../helpers/notes-harness";

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

/** Rebuilds a doc from what the store holds (checkpoint + later updates). */
async function docFromStore(store: NoteStore, name: string): Promise<Y.Doc> {
  const { checkpoint, updates } = await store.load(name);
  const doc = new Y.Doc();
  if (checkpoint) Y.applyUpdate(doc, checkpoint.state);
  updates.forEach((u) => Y.applyUpdate(doc, u.update));
  return doc;
}

describe("notes server: sync and durability", () => {
  it("two clients converge, and the server doc matches", async () => {
    server = await startNotesServer();
    const a = client(server.url, "session-1", { as: "a" });
    const b = client(server.url, "session-1", { as: "b" });
    await Promise.all([synced(a), synced(b)]);
    a.doc.getText("t").insert(0, "hello ");
    b.doc.getText("t").insert(0, "world");
    await waitFor(() => a.text() === b.text() && a.text().length === 11, "convergence");
    expect(a.text()).toMatch(/hello |world/);
    expect(server.notes.getDoc("session-1")!.getText("t").toString()).toBe(a.text());
    expect(server.notes.stats()).toMatchObject({ loadedDocs: 1, connections: 2, pendingWrites: 0 });
  });

  it("appends an update to the store before any peer receives it", async () => {
    const inner = createMemoryNoteStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    let finished = 0;
    const store: NoteStore = {
      ...inner,
      async appendUpdates(name, updates) {
        started++;
        await gate;
        const ids = await inner.appendUpdates(name, updates);
        finished++;
        return ids;
      },
    };
    server = await startNotesServer({ store });
    const a = client(server.url, "session-2", { as: "a" });
    const b = client(server.url, "session-2", { as: "b" });
    await Promise.all([synced(a), synced(b)]);
    const storedWhenReceived: number[] = [];
    b.doc.on("update", () => storedWhenReceived.push(finished));
    a.doc.getText("t").insert(0, "durable");
    await waitFor(() => started === 1, "append to start");
    // The append is stuck: nothing may have been applied on the server or relayed to b.
    expect(b.text()).toBe("");
    expect(server.notes.getDoc("session-2")!.getText("t").toString()).toBe("");
    expect(server.notes.stats().pendingWrites).toBe(1);
    release();
    await waitFor(() => b.text() === "durable", "relay");
    expect(storedWhenReceived[0]).toBe(1);
    expect((await docFromStore(inner, "session-2")).getText("t").toString()).toBe("durable");
  });

  it("group-commits updates that arrive while a write is in flight and relays none before its batch is stored", async () => {
    const inner = createMemoryNoteStore();
    let release!: () => void;
    let gate = new Promise<void>((resolve) => (release = resolve));
    const batches: number[] = [];
    let storedCount = 0;
    const store: NoteStore = {
      ...inner,
      async appendUpdates(name, updates) {
        batches.push(updates.length);
        await gate;
        const ids = await inner.appendUpdates(name, updates);
        storedCount += updates.length;
        return ids;
      },
    };
    server = await startNotesServer({ store });
    const a = client(server.url, "session-g", { as: "a" });
    const b = client(server.url, "session-g", { as: "b" });
    await Promise.all([synced(a), synced(b)]);
    // What b has received, checked against what was stored at that moment: every struct b sees must be stored.
    const violations: string[] = [];
    b.doc.on("update", () => {
      if (b.text().length > storedCount) violations.push(`b has ${b.text().length} chars, ${storedCount} stored`);
    });
    const text = a.doc.getText("t");
    text.insert(0, "x"); // first write: held at the gate
    await waitFor(() => batches.length === 1, "first append started");
    for (let i = 0; i < 29; i++) text.insert(text.length, String(i % 10)); // 29 more keystrokes queue up
    await waitFor(() => server!.notes.stats().pendingWrites === 30, "30 queued");
    expect(b.text()).toBe("");
    release();
    gate = Promise.resolve();
    await waitFor(() => b.text() === a.text(), "relay");
    expect(batches).toEqual([1, 29]); // one transaction for everything that queued behind the first
    expect(violations).toEqual([]);
    expect(server.notes.stats()).toMatchObject({ pendingWrites: 0, appendedUpdates: 30 });
    expect((await docFromStore(inner, "session-g")).getText("t").toString()).toBe(a.text());
  });

  it("keeps running when an append fails, retries, and stores the edit", async () => {
    const inner = createMemoryNoteStore();
    let failures = 0;
    const store: NoteStore = {
      ...inner,
      async appendUpdates(name, updates) {
        if (failures++ === 0) throw new Error("disk full");
        return inner.appendUpdates(name, updates);
      },
    };
    server = await startNotesServer({ store, retryBaseMs: 10 });
    const a = client(server.url, "session-3", { as: "a" });
    const b = client(server.url, "session-3", { as: "b" });
    await Promise.all([synced(a), synced(b)]);
    a.doc.getText("t").insert(0, "survives");
    await waitFor(() => b.text() === "survives", "relay after retry");
    expect(failures).toBe(2);
    expect(server.logs.some((l) => l.level === "error" && /append failed/.test(l.msg ?? ""))).toBe(true);
    expect((await docFromStore(inner, "session-3")).getText("t").toString()).toBe("survives");
    expect(server.notes.stats()).toMatchObject({ pendingWrites: 0, appendedUpdates: 1 });
    const c = client(server.url, "session-3", { as: "c" }); // still serving
    await waitFor(() => c.text() === "survives", "late joiner sync");
  });

  it("drops a read-only client's write, closes it with 4403 and leaves the doc unchanged", async () => {
    server = await startNotesServer();
    const w = client(server.url, "session-4", { as: "w", role: "rapporteur" });
    await synced(w);
    w.doc.getText("t").insert(0, "abcdef");
    w.doc.getText("t").delete(0, 1); // gives readers a delete set, sent back in every sync step 2
    const r = client(server.url, "session-4", { as: "r", role: "observer" });
    await waitFor(() => r.text() === "bcdef", "reader sync");
    // Reconnecting makes the reader send a step 2 with its (redundant) delete set: not a write.
    r.provider.disconnect();
    r.provider.connect();
    await synced(r);
    w.doc.getText("t").insert(5, "g");
    await waitFor(() => r.text() === "bcdefg", "reader still receiving");
    expect(r.closeCodes).toEqual([]);
    const storedBefore = (await server.store.load("session-4")).updates.length;

    r.doc.getText("t").insert(0, "HACK");
    await waitFor(() => r.closeCodes.includes(4403), "4403 close");
    expect(r.provider.shouldConnect).toBe(false); // 44xx: y-websocket does not retry
    expect(server.notes.getDoc("session-4")!.getText("t").toString()).toBe("bcdefg");
    w.doc.getText("t").insert(0, ">");
    await waitFor(async () => (await server!.store.load("session-4")).updates.length === storedBefore + 1, "writer append");
    expect(w.text()).toBe(">bcdefg");
    expect((await docFromStore(server.store, "session-4")).getText("t").toString()).toBe(">bcdefg");
  });

  it("refuses unauthorised upgrades with a plain HTTP status and opens no connection", async () => {
    const seen: string[] = [];
    server = await startNotesServer({
      authorize: async (req, doc) => {
        seen.push(doc);
        return req.url?.includes("who=nobody") ? { ok: false, status: 401 } : { ok: false, status: 403 };
      },
    });
    await expect(rawClient(`${server.url}/session-5`).opened).rejects.toThrow("HTTP 403");
    await expect(rawClient(`${server.url}/session-5?who=nobody`).opened).rejects.toThrow("HTTP 401");
    await expect(rawClient(`${server.url}/bad%20name!`).opened).rejects.toThrow("HTTP 400");
    expect(seen).toEqual(["session-5", "session-5"]); // bad names never reach authorize
    expect(server.notes.stats()).toMatchObject({ connections: 0, loadedDocs: 0 });
  });

  it("reloads a doc from the store after close with the same content", async () => {
    const store = createMemoryNoteStore();
    server = await startNotesServer({ store });
    const a = client(server.url, "session-6", { as: "a" });
    await synced(a);
    a.doc.getText("t").insert(0, "panel notes");
    addTakeaway(a.doc, "p1", "first");
    addTakeaway(a.doc, "p1", "second");
    await waitFor(() => server!.notes.getDoc("session-6")?.getText("t").toString() === "panel notes" && server!.notes.stats().appendedUpdates === 3);
    const expected = Y.encodeStateVector(a.doc);
    await server.close();
    expect((await store.listCheckpoints("session-6")).length).toBe(1); // written on shutdown
    server = await startNotesServer({ store });
    const fresh = client(server.url, "session-6", { as: "b" });
    await waitFor(() => fresh.text() === "panel notes", "reload");
    await waitFor(() => listTakeaways(fresh.doc, "p1").length === 2, "takeaways");
    expect(listTakeaways(fresh.doc, "p1").map((t) => t.text)).toEqual(["first", "second"]);
    expect(Y.encodeStateVector(fresh.doc)).toEqual(expected);
  });
});
