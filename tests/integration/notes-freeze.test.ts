/**
 * Freezing a doc when its session ends (NotesServer.freeze, called from server/app.ts before the draft
 * summary is built): real server, real y-websocket clients. A writer still connected loses the right to
 * write (4403 on its next update, doc unchanged), and freeze resolves only once every update accepted
 * before it is stored, so the draft reads them all.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryNoteStore, type NoteStore } from "../../server/notes/store";
import { connectClient, startNotesServer, synced, waitFor, type TestClient, type TestNotesServer, storedText } from "../helpers/notes-harness";

let server: TestNotesServer | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  await server?.close();
  server = undefined;
});
const client = (...args: Parameters<typeof connectClient>) => {
  const c = connectClient(...args);
  clients.push(c);
  return c;
};

describe("notes server: freeze at session end", () => {
  it("stores what was accepted before, then refuses the connected writer's next edit with 4403", async () => {
    // A slow store: the edit is accepted but still being written when the session ends.
    const inner = createMemoryNoteStore();
    let release: () => void = () => {};
    let slow = false;
    const store: NoteStore = {
      ...inner,
      appendUpdates: async (name, updates) => {
        if (slow) await new Promise<void>((resolve) => (release = resolve));
        return inner.appendUpdates(name, updates);
      },
    };
    server = await startNotesServer({ store });
    const w = client(server.url, "session-z", { as: "w", role: "rapporteur" });
    await synced(w);
    w.doc.getText("t").insert(0, "before the end");
    await waitFor(() => server!.notes.stats().appendedUpdates === 1, "first append");

    slow = true;
    w.doc.getText("t").insert(14, ", last words");
    await waitFor(() => server!.notes.stats().pendingWrites === 1, "accepted, not yet stored");
    let frozen = false;
    const freezing = server.notes.freeze("session-z").then(() => (frozen = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(frozen).toBe(false); // waits for the write in flight
    release();
    await freezing;
    expect(await storedText(inner, "session-z")).toBe("before the end, last words");

    // The writer is still connected but may no longer write.
    expect(w.closeCodes).toEqual([]);
    w.doc.getText("t").insert(0, "after: ");
    await waitFor(() => w.closeCodes.includes(4403), "4403 close");
    expect(await storedText(inner, "session-z")).toBe("before the end, last words");

    // A writer connecting afterwards (its authorisation raced the end) is read-only too.
    const late = client(server.url, "session-z", { as: "late", role: "rapporteur" });
    await synced(late);
    late.doc.getText("t").insert(0, "late: ");
    await waitFor(() => late.closeCodes.includes(4403), "4403 for the late writer");
    expect(await storedText(inner, "session-z")).toBe("before the end, last words");
  });

  it("resolves after its timeout when the store keeps failing, without rejecting", async () => {
    const inner = createMemoryNoteStore();
    const store: NoteStore = { ...inner, appendUpdates: async () => Promise.reject(new Error("disk full")) };
    server = await startNotesServer({ store, retryBaseMs: 20, retryMaxMs: 50, closeTimeoutMs: 300 });
    const w = client(server.url, "session-y", { as: "w", role: "rapporteur" });
    await synced(w);
    w.doc.getText("t").insert(0, "x");
    await waitFor(() => server!.notes.stats().pendingWrites === 1, "accepted");
    const started = Date.now();
    await server.notes.freeze("session-y", 200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(server.notes.stats().pendingWrites).toBe(1); // still queued, still retried
  });
});
