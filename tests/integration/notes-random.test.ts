/**
 * Randomized convergence test in the style of Yjs's own random tests (yjs/tests/testHelper.js): several
 * real y-websocket clients make random edits to a session's notes (panel rich text, takeaways: add, edit,
 * move, remove) while a chaos proxy delays chunks, reorders them across connections and cuts connections,
 * and clients go offline and come back. At the end every client, the server's live doc and the doc
 * reloaded from the SQLite store must be identical.
 *
 * Reproduce a failure with the printed seed: `NOTES_RANDOM_SEED=<seed> npx vitest run tests/integration/notes-random.test.ts`.
 */
import { afterEach, expect, it } from "vitest";
import * as Y from "yjs";
import { addTakeaway, listTakeaways, moveTakeaway, panelNotesFragment, removeTakeaway, takeawayFragment } from "../../app/domain/notes/model";
import { createKyselyNoteStore } from "../../server/notes/store-kysely";
import { startChaosProxy } from "../helpers/chaos-proxy";
import { connectClient, startNotesServer, waitFor, type TestClient } from "../helpers/notes-harness";
import { openNotesSqlite, tempSqlitePath } from "../helpers/notes-sqlite";

/** mulberry32: tiny seeded PRNG, enough for test choices. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PANELS = ["p1", "p2"];
const WORDS = ["norms", "verification", "debris", "ASAT", "transparency", "treaty", "é", "🚀", " ", "\n"];

/** A plain snapshot of everything the notes model holds, for readable diffs. */
function snapshot(doc: Y.Doc) {
  return PANELS.map((p) => ({ notes: panelNotesFragment(doc, p).toString(), takeaways: listTakeaways(doc, p) }));
}

/** The first XmlText of a fragment, creating a paragraph holding one if there is none. */
function firstText(fragment: Y.XmlFragment): Y.XmlText {
  const paragraph = fragment.toArray().find((n): n is Y.XmlElement => n instanceof Y.XmlElement);
  const existing = paragraph?.toArray().find((n): n is Y.XmlText => n instanceof Y.XmlText);
  if (existing) return existing;
  const text = new Y.XmlText();
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [text]);
  fragment.insert(fragment.length, [p]);
  return text;
}

function randomEdit(doc: Y.Doc, rnd: () => number): void {
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const panel = pick(PANELS);
  const r = rnd();
  if (r < 0.45) {
    const text = firstText(panelNotesFragment(doc, panel));
    text.insert(Math.floor(rnd() * (text.length + 1)), pick(WORDS));
  } else if (r < 0.6) {
    const text = firstText(panelNotesFragment(doc, panel));
    if (text.length > 0) {
      const at = Math.floor(rnd() * text.length);
      text.delete(at, Math.min(1 + Math.floor(rnd() * 5), text.length - at));
    }
  } else if (r < 0.65) {
    const fragment = panelNotesFragment(doc, panel);
    const p = new Y.XmlElement(rnd() < 0.5 ? "paragraph" : "blockquote");
    if (p.nodeName === "paragraph") p.insert(0, [new Y.XmlText(pick(WORDS))]);
    fragment.insert(Math.floor(rnd() * (fragment.length + 1)), [p]);
  } else if (r < 0.75) {
    const items = listTakeaways(doc, panel);
    addTakeaway(doc, panel, pick(WORDS).trim(), { beforeId: items.length > 0 && rnd() < 0.5 ? pick(items).id : null });
  } else if (r < 0.87) {
    const items = listTakeaways(doc, panel);
    if (items.length > 1) moveTakeaway(doc, panel, pick(items).id, rnd() < 0.2 ? null : pick(items).id);
  } else if (r < 0.92) {
    const items = listTakeaways(doc, panel);
    if (items.length > 0) removeTakeaway(doc, panel, pick(items).id);
  } else {
    const items = listTakeaways(doc, panel);
    const fragment = items.length > 0 ? takeawayFragment(doc, panel, pick(items).id) : undefined;
    if (fragment) {
      const text = firstText(fragment);
      text.insert(Math.floor(rnd() * (text.length + 1)), pick(WORDS).trim());
    }
  }
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

it("random edits through a delaying, reordering, dropping network converge in every client and in storage", async () => {
  const seed = Number(process.env.NOTES_RANDOM_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const rnd = prng(seed);
  try {
    const tmp = tempSqlitePath();
    cleanups.push(() => tmp.cleanup());
    const db = await openNotesSqlite(tmp.file);
    cleanups.push(() => db.destroy());
    // A small compaction interval so checkpoints are written (and loaded) during the run.
    const server = await startNotesServer({ store: createKyselyNoteStore(db), compactEvery: 40 });
    cleanups.push(() => server.close());
    const proxy = await startChaosProxy(server.port, rnd, 40);
    cleanups.push(() => proxy.close());

    const docName = "session-random";
    const url = `ws://127.0.0.1:${proxy.port}/yjs`;
    const clients: TestClient[] = Array.from({ length: 5 }, (_, i) => connectClient(url, docName, { as: `c${i}`, role: "rapporteur" }));
    cleanups.push(() => clients.forEach((c) => c.destroy()));

    let drops = 0;
    let offlines = 0;
    for (let step = 0; step < 1200; step++) {
      const c = clients[Math.floor(rnd() * clients.length)];
      const r = rnd();
      if (r < 0.03) {
        if (proxy.dropRandom()) drops++;
      } else if (r < 0.05) {
        // A phone leaving the room's Wi-Fi: edits continue locally, then it reconnects.
        if (c.provider.shouldConnect) {
          c.provider.disconnect();
          offlines++;
        } else c.provider.connect();
      } else {
        randomEdit(c.doc, rnd);
      }
      if (rnd() < 0.3) await new Promise((resolve) => setTimeout(resolve, Math.floor(rnd() * 8)));
    }

    // Heal the network and let everyone sync.
    proxy.setMaxDelay(0);
    clients.forEach((c) => c.provider.shouldConnect || c.provider.connect());
    const sv = (d: Y.Doc) => Buffer.from(Y.encodeStateVector(d)).toString("base64");
    await waitFor(
      () => {
        const live = server.notes.getDoc(docName);
        return !!live && clients.every((c) => c.provider.synced && sv(c.doc) === sv(live));
      },
      "convergence",
      10_000,
    );
    const live = server.notes.getDoc(docName)!;
    for (const c of clients) expect(snapshot(c.doc)).toEqual(snapshot(live));
    expect(drops + offlines).toBeGreaterThan(0);

    // Reload from storage (checkpoint + later updates) after a graceful close: byte-identical state.
    clients.forEach((c) => c.provider.disconnect());
    await server.close();
    const stored = await createKyselyNoteStore(db).load(docName);
    const reloaded = new Y.Doc();
    if (stored.checkpoint) Y.applyUpdate(reloaded, stored.checkpoint.state);
    for (const u of stored.updates) Y.applyUpdate(reloaded, u.update);
    expect(sv(reloaded)).toBe(sv(clients[0].doc));
    // Same state vector and same delete set = same CRDT state (update bytes may differ only in how
    // structs happen to be split, which depends on each replica's edit history).
    expect(Y.equalSnapshots(Y.snapshot(reloaded), Y.snapshot(clients[0].doc))).toBe(true);
    for (const c of clients) expect(Y.equalSnapshots(Y.snapshot(c.doc), Y.snapshot(live))).toBe(true);
    expect(snapshot(reloaded)).toEqual(snapshot(clients[0].doc));
  } catch (err) {
    console.error(`notes-random failed with NOTES_RANDOM_SEED=${seed}`);
    throw err;
  }
}, 20_000);
