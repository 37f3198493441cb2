/**
 * Notes catch-up after a Redis outage (NotesServer.catchUp, called from server/app.ts when Redis is
 * back): a loaded doc whose session ended meanwhile is frozen, since the `session.ended` bus message
 * that would have frozen it may have been lost. Real server, real y-websocket clients.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createMemoryNoteStore, type NoteStore } from "../../server/notes/store";
import type { NotesRelay } from "../../server/notes/types";
import { connectClient, startNotesServer, synced, waitFor, type TestClient, type TestNotesServer, storedText } from "../helpers/notes-harness";

let server: TestNotesServer | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  await server?.close();
  server = undefined;
});

describe("notes server: catch-up", () => {
  it("freezes the loaded docs of sessions that ended meanwhile, and only those", async () => {
    const store = createMemoryNoteStore();
    server = await startNotesServer({ store });
    const [ended, live] = ["session-ended", "session-live"].map((name) => {
      const c = connectClient(server!.url, name, { as: "w", role: "rapporteur" });
      clients.push(c);
      return c;
    });
    await Promise.all([synced(ended), synced(live)]);
    const asked: string[] = [];
    await server.notes.catchUp(async (docName) => (asked.push(docName), docName === "session-ended"));
    expect(asked.sort()).toEqual(["session-ended", "session-live"]);

    ended.doc.getText("t").insert(0, "after the end");
    await waitFor(() => ended.closeCodes.includes(4403), "4403 close");
    live.doc.getText("t").insert(0, "still live");
    await waitFor(async () => (await storedText(store, "session-live")) === "still live", "live edit stored");
    expect(live.closeCodes).toEqual([]);
    expect(await storedText(store, "session-ended")).toBe("");
  });

  it("past 10,000 messages from other instances during a load, logs a warning and reads the rest from storage once loaded", async () => {
    const inner = createMemoryNoteStore();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let loads = 0;
    // The first load reads storage, then waits: what other instances store meanwhile arrives by the relay only.
    const store: NoteStore = { ...inner, load: async (name) => { const r = await inner.load(name); if (loads++ === 0) await gate; return r; } };
    let deliver: Parameters<NotesRelay["onRemote"]>[0] = () => undefined;
    const relay: NotesRelay = { publish: () => undefined, onRemote: (handler) => void (deliver = handler) };
    server = await startNotesServer({ store, relay });
    const reader = connectClient(server.url, "session-busy", { as: "r", role: "rapporteur" });
    clients.push(reader);
    await waitFor(() => loads === 1, "load started");

    // Another instance stores an edit and relays it, behind 10,000 messages already buffered.
    const elsewhere = new Y.Doc();
    elsewhere.getText("t").insert(0, "typed on another instance");
    const update = Y.encodeStateAsUpdate(elsewhere);
    await inner.appendUpdate("session-busy", update);
    const noop = Y.encodeStateAsUpdate(new Y.Doc());
    for (let i = 0; i < 10_000; i++) deliver("session-busy", "update", noop);
    deliver("session-busy", "update", update);
    release();

    await synced(reader);
    await waitFor(() => reader.doc.getText("t").toString() === "typed on another instance", "dropped update read from storage");
    expect(server.logs.filter((e) => e.level === "warn" && /too many updates from other instances/.test(e.msg ?? ""))).toHaveLength(1);
  });
});
