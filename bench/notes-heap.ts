/**
 * Bench helpers: reload a notes doc from storage, and measure the heap a notes server holds per loaded
 * doc (docs seeded with a given state, each opened by one idle raw WebSocket).
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import * as Y from "yjs";
import { WebSocket } from "ws";
import { panelNotesText } from "../app/domain/notes/model";
import { createKyselyNoteStore, createMemoryNoteStore } from "../server/notes/store";
import { startNotesServer, waitFor } from "../tests/helpers/notes-harness";

/** Loads `docName` (checkpoint + updates) and returns its state with the hashes the workers report. */
export async function reloadStored(db: Kysely<any>, docName: string, panelId: string) {
  const loaded = await createKyselyNoteStore(db).load(docName);
  const doc = new Y.Doc();
  if (loaded.checkpoint) Y.applyUpdate(doc, loaded.checkpoint.state);
  for (const u of loaded.updates) Y.applyUpdate(doc, u.update);
  const hash = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");
  return { state: Y.encodeStateAsUpdate(doc), snapshot: hash(Y.encodeSnapshot(Y.snapshot(doc))), textHash: hash(panelNotesText(doc, panelId)), updates: loaded.updates.length };
}

const gc = (globalThis as { gc?: () => void }).gc;
const settleHeap = async () => {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
};

/** Heap (KB) per doc with `state` loaded in a notes server, averaged over `docs` docs. */
export async function measureHeapPerDoc(state: Uint8Array, docs = 100): Promise<{ kb: number; docs: number; gc: boolean }> {
  const store = createMemoryNoteStore();
  for (let i = 0; i < docs; i++) await store.appendUpdate(`session-heap-${i}`, state);
  const server = await startNotesServer({ store });
  const sockets: WebSocket[] = [];
  const before = await settleHeap();
  for (let i = 0; i < docs; i++) sockets.push(new WebSocket(`${server.url}/session-heap-${i}?as=h${i}&role=observer`));
  await waitFor(() => Array.from({ length: docs }, (_, i) => server.notes.getDoc(`session-heap-${i}`)).every(Boolean), "docs loaded", 30_000);
  const after = await settleHeap();
  sockets.forEach((s) => s.terminate());
  await server.close();
  return { kb: (after - before) / docs / 1024, docs, gc: typeof gc === "function" };
}
