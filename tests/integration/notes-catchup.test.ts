/**
 * Notes catch-up after a Redis outage (NotesServer.catchUp, called from server/app.ts when Redis is
 * back): a loaded doc whose session ended meanwhile is frozen, since the `session.ended` bus message
 * that would have frozen it may have been lost. Real server, real y-websocket clients.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createMemoryNoteStore, type NoteStore } from "../../server/notes/store";
import { connectClient, startNotesServer, synced, waitFor, type TestClient, type TestNotesServer } from "../helpers/notes-harness";

let server: TestNotesServer | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  await server?.close();
  server = undefined;
});
const storedText = async (store: NoteStore, name: string) => {
  const doc = new Y.Doc();
  for (const u of await store.updatesBetween(name, 0)) Y.applyUpdate(doc, u.update);
  return doc.getText("t").toString();
};

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
});
