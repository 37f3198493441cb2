/**
 * Notes at t: the snapshot-based seek equals building a fresh doc from every update with createdAt ≤ t
 * (seeded random edits by two writers, with checkpoints), shows nothing later, and leaks no client ids.
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addTakeaway, panelNotesFragment, removeTakeaway, listTakeaways, setPlainText } from "~/domain/notes/model";
import { panelNotesView } from "~/domain/replay/notes";
import type { CheckpointRetention } from "../../server/notes/retention";
import { createMemoryNoteStore, type NoteStore } from "../../server/notes/store";
import { createNotesReplay, frameKey, type FrameStore } from "../../server/replay/notes";

/** A string key/value store like the settings store, counting reads. */
function memoryFrames(): FrameStore & { data: Map<string, string>; reads: number } {
  const data = new Map<string, string>();
  const f = {
    data,
    reads: 0,
    async get(key: string) {
      f.reads++;
      return data.get(key) ?? null;
    },
    async set(key: string, value: string) {
      data.set(key, value);
    },
  };
  return f;
}

function rng(seed: number) {
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

/**
 * Two writers editing; every update appended (clock advancing), a checkpoint every `every` updates.
 * `retention` is the store's checkpoint rule (default: the app's; null keeps every checkpoint).
 */
async function history(seed: number, n: number, every: number, retention?: CheckpointRetention | null) {
  const r = rng(seed);
  let clock = 1_000;
  const store = createMemoryNoteStore(() => clock, { retention });
  const server = new Y.Doc({ gc: false });
  const writers = [new Y.Doc(), new Y.Doc()];
  const log: Array<{ at: number; update: Uint8Array }> = [];
  let pending: Uint8Array[] = [];
  for (const w of writers) w.on("update", (u: Uint8Array, origin: unknown) => origin !== "remote" && pending.push(u));
  for (let i = 0; i < n; i++) {
    clock += Math.floor(r() * 3); // same-ms updates happen
    const w = writers[r() < 0.6 ? 0 : 1];
    const panel = PANELS[Math.floor(r() * PANELS.length)];
    const frag = panelNotesFragment(w, panel);
    const x = r();
    if (x < 0.05 || frag.length === 0) {
      const p = new Y.XmlElement(r() < 0.2 ? "heading" : "paragraph");
      if (p.nodeName === "heading") p.setAttribute("level", String(1 + Math.floor(r() * 3)));
      p.insert(0, [new Y.XmlText("")]);
      frag.insert(Math.floor(r() * (frag.length + 1)), [p]);
    } else if (x < 0.08) frag.delete(Math.floor(r() * frag.length), 1);
    else if (x < 0.1) addTakeaway(w, panel, `take ${i}`);
    else if (x < 0.11) {
      const ids = listTakeaways(w, panel).map((t) => t.id);
      if (ids.length) removeTakeaway(w, panel, ids[Math.floor(r() * ids.length)]);
    } else if (x < 0.12) setPlainText(frag, `reset ${i}\nline two`);
    else {
      const p = frag.get(Math.floor(r() * frag.length)) as Y.XmlElement;
      const text = p.get(0) as Y.XmlText | undefined;
      if (text && x < 0.35 && text.length > 0) text.delete(Math.floor(r() * text.length), 1 + Math.floor(r() * Math.min(3, text.length - 1)));
      else if (text) text.insert(Math.floor(r() * (text.length + 1)), "xyz ".slice(0, 1 + Math.floor(r() * 4)));
    }
    for (const u of pending) {
      Y.applyUpdate(server, u, "remote");
      for (const o of writers) if (o !== w) Y.applyUpdate(o, u, "remote");
      const id = await store.appendUpdate("doc", u);
      log.push({ at: clock, update: u });
      if (id % every === 0) await store.writeCheckpoint("doc", id, Y.encodeStateAsUpdate(server));
    }
    pending = [];
  }
  return { store, log, end: clock };
}

/**
 * Another way to read the notes at t: the newest checkpoint whose updates all have at ≤ t, plus the
 * updates after it up to t. Exact as long as every update is kept, whichever checkpoints remain.
 */
async function fromNearestCheckpoint(store: NoteStore, t: number) {
  const all = await store.updatesBetween("doc", 0);
  const k = all.filter((u) => u.createdAt <= t).at(-1)?.id ?? 0; // createdAt ≤ t is a prefix of the log
  const cp = (await store.listCheckpoints("doc")).filter((c) => c.uptoId <= k).at(-1);
  const doc = new Y.Doc({ gc: false });
  if (cp) Y.applyUpdate(doc, (await store.readCheckpoint("doc", cp.uptoId))!.state);
  for (const u of all) if (u.id > (cp?.uptoId ?? 0) && u.id <= k) Y.applyUpdate(doc, u.update);
  return PANELS.map((p) => panelNotesView(doc, p));
}

/** Reference: a fresh doc from every update with at ≤ t. */
function reference(log: Array<{ at: number; update: Uint8Array }>, t: number) {
  const doc = new Y.Doc({ gc: false });
  for (const u of log) if (u.at <= t) Y.applyUpdate(doc, u.update);
  return PANELS.map((p) => panelNotesView(doc, p));
}

describe("notesAt", () => {
  it("equals a doc rebuilt from the updates at or before t (seeded)", async () => {
    const base = Number(process.env.REPLAY_SEED ?? Date.now() % 1_000_000);
    for (let k = 0; k < 6; k++) {
      const seed = base + k;
      const r = rng(seed * 7);
      const { store, log, end } = await history(seed, 300 + Math.floor(r() * 300), 1 + Math.floor(r() * 80));
      const replay = createNotesReplay(store, { docs: 2 });
      // Random order: forward and backward seeks share one loaded doc.
      const probes = [0, end + 1, ...Array.from({ length: 30 }, () => 1_000 + Math.floor(r() * (end - 1_000)))];
      for (const t of probes) {
        const got = await replay.notesAt("doc", t, PANELS);
        expect(got.panels, `seed ${seed} (REPLAY_SEED=${seed}), t ${t}`).toEqual(reference(log, t));
      }
    }
  });

  it("stays exact after older checkpoints are thinned: replay and 'nearest earlier checkpoint + updates' at 20 random t (seeded)", async () => {
    const base = Number(process.env.REPLAY_SEED ?? Date.now() % 1_000_000);
    for (let k = 0; k < 4; k++) {
      const seed = base + 200 + k;
      const r = rng(seed * 13);
      // Every checkpoint kept while writing (the quadratic case), a checkpoint every 5–20 updates.
      const { store, log, end } = await history(seed, 400 + Math.floor(r() * 200), 5 + Math.floor(r() * 15), null);
      const probes = Array.from({ length: 20 }, () => 1_000 + Math.floor(r() * (end - 1_000)));
      const ids = (await store.updatesBetween("doc", 0)).map((u) => u.id);
      // Loads read the log in pages of at most 40 rows, however far apart the kept checkpoints are.
      let largestPage = 0;
      const paged: NoteStore = {
        ...store,
        updatesBetween: async (...args) => {
          const rows = await store.updatesBetween(...args);
          largestPage = Math.max(largestPage, rows.length);
          return rows;
        },
      };
      const check = async (when: string) => {
        const replay = createNotesReplay(paged, { docs: 1, pageRows: 40 });
        for (const t of probes) {
          const why = `${when}: seed ${seed} (REPLAY_SEED=${seed - 200}), t ${t}`;
          expect((await replay.notesAt("doc", t, PANELS)).panels, why).toEqual(reference(log, t));
          expect(await fromNearestCheckpoint(store, t), why).toEqual(reference(log, t));
        }
      };
      const before = await store.listCheckpoints("doc");
      await check("before pruning");
      // Ages span ~0.5–1 s of the fake clock: a 20 ms first band thins them to a handful.
      expect(await store.pruneCheckpoints("doc", { baseMs: 20 })).toBeGreaterThan(0);
      const after = await store.listCheckpoints("doc");
      const span = before.at(-1)!.createdAt - before[0].createdAt;
      expect(after.length).toBeLessThanOrEqual(3 + Math.floor(Math.log2(Math.max(span, 20) / 20)));
      expect(after.length).toBeLessThan(before.length);
      expect(after.at(-1)).toEqual(before.at(-1)); // the newest stays
      expect((await store.updatesBetween("doc", 0)).map((u) => u.id)).toEqual(ids); // no update goes
      await check("after pruning");
      expect(largestPage).toBe(40);
    }
  });

  it("a fresh process answers from the frozen history exactly as from the loaded doc, without loading it (seeded)", async () => {
    const base = Number(process.env.REPLAY_SEED ?? Date.now() % 1_000_000);
    for (let k = 0; k < 6; k++) {
      const seed = base + 100 + k;
      const r = rng(seed * 11);
      const { store, log, end } = await history(seed, 300 + Math.floor(r() * 300), 1 + Math.floor(r() * 80));
      const frames = memoryFrames();
      await createNotesReplay(store, { frames }).prepare("doc", PANELS);
      expect([...frames.data.keys()].sort()).toEqual(PANELS.map((p) => frameKey("doc", p)).sort());
      // Loading the doc in the cold process would read the log: fail loudly if it does.
      const cold = createNotesReplay(
        {
          ...store,
          listCheckpoints: () => Promise.reject(new Error("cold seek loaded the doc")),
          readCheckpoint: () => Promise.reject(new Error("cold seek loaded the doc")),
          updatesBetween: (doc, after, upto) => (upto === undefined ? store.updatesBetween(doc, after) : Promise.reject(new Error("cold seek loaded the doc"))),
        },
        { frames },
      );
      const probes = [0, end + 1, ...Array.from({ length: 30 }, () => 1_000 + Math.floor(r() * (end - 1_000)))];
      for (const t of probes) {
        const got = await cold.notesAt("doc", t, PANELS);
        expect(got.panels, `seed ${seed} (REPLAY_SEED=${seed - 100}), t ${t}`).toEqual(reference(log, t));
      }
      expect(JSON.stringify([...frames.data.values()])).not.toMatch(/client/i);
    }
  });

  it("falls back to the log when updates were appended after the frozen history", async () => {
    let clock = 10;
    const store = createMemoryNoteStore(() => clock);
    const w = new Y.Doc();
    w.on("update", (u: Uint8Array) => void store.appendUpdate("d", u));
    setPlainText(panelNotesFragment(w, "p1"), "frozen");
    const frames = memoryFrames();
    await createNotesReplay(store, { frames }).prepare("d", ["p1"]);
    clock = 20;
    setPlainText(panelNotesFragment(w, "p1"), "typed later");
    const cold = createNotesReplay(store, { frames });
    expect((await cold.notesAt("d", 25, ["p1"])).panels[0].text).toBe("typed later");
    expect((await cold.notesAt("d", 15, ["p1"])).panels[0].text).toBe("frozen");
    // A damaged frame is ignored, never thrown.
    frames.data.set(frameKey("d", "p1"), "{not json");
    expect((await createNotesReplay(store, { frames }).notesAt("d", 15, ["p1"])).panels[0].text).toBe("frozen");
  });

  it("validates stored frozen panels: a corrupt row is reported clearly and the seek reads the log instead (no crash, no empty panel)", async () => {
    let clock = 10;
    const store = createMemoryNoteStore(() => clock);
    const w = new Y.Doc();
    w.on("update", (u: Uint8Array) => void store.appendUpdate("d", u));
    setPlainText(panelNotesFragment(w, "p1"), "first line");
    clock = 20;
    addTakeaway(w, "p1", "a takeaway");
    const frames = memoryFrames();
    await createNotesReplay(store, { frames }).prepare("d", ["p1"]);
    const key = frameKey("d", "p1");
    const good = JSON.parse(frames.data.get(key)!);
    const expected = { 15: (await createNotesReplay(store).notesAt("d", 15, ["p1"])).panels, 25: (await createNotesReplay(store).notesAt("d", 25, ["p1"])).panels };
    expect(expected[25][0].text).toBe("first line");
    const broken: Array<[string, string, RegExp]> = [
      ["truncated JSON", frames.data.get(key)!.slice(0, 40), /frozen notes replay-notes:v1:d:p1: not JSON/],
      ["shape without its history", JSON.stringify({ uptoId: good.uptoId, panel: { v: 1, panelId: "p1" } }), /invalid at panel\.notes/],
      ["a text piece that is not text", JSON.stringify({ ...good, panel: { ...good.panel, notes: [{ l: [10, -1], n: "paragraph", a: {}, c: [{ l: [10, -1], r: [[10, -1, 42]] }] }] } }), /invalid at panel\.notes\.0/],
      ["a frame of another panel", JSON.stringify({ ...good, panel: { ...good.panel, panelId: "p2" } }), /holds panel p2, not p1/],
      ["an unknown version", JSON.stringify({ ...good, panel: { ...good.panel, v: 2 } }), /invalid at panel\.v/],
    ];
    for (const [what, raw, message] of broken) {
      frames.data.set(key, raw);
      const skipped: Array<{ what: string; id: number | string; err: unknown }> = [];
      const cold = createNotesReplay(store, { frames, onSkipped: (info) => skipped.push(info) });
      for (const t of [15, 25] as const) expect((await cold.notesAt("d", t, ["p1"])).panels, what).toEqual(expected[t]);
      expect(skipped.map((x) => [x.what, x.id]), what).toEqual([["frame", key]]);
      expect(String((skipped[0].err as Error).message), what).toMatch(message);
    }
    // The valid frame is still used without loading the doc.
    frames.data.set(key, JSON.stringify(good));
    const skipped: unknown[] = [];
    const cold = createNotesReplay({ ...store, listCheckpoints: () => Promise.reject(new Error("loaded the doc")) }, { frames, onSkipped: (i) => skipped.push(i) });
    expect((await cold.notesAt("d", 25, ["p1"])).panels).toEqual(expected[25]);
    expect(skipped).toEqual([]);
  });

  it("shows nothing written after t, and no client ids", async () => {
    let clock = 100;
    const store = createMemoryNoteStore(() => clock);
    const w = new Y.Doc();
    w.on("update", (u: Uint8Array) => void store.appendUpdate("d", u));
    setPlainText(panelNotesFragment(w, "p1"), "Before");
    clock = 101;
    setPlainText(panelNotesFragment(w, "p1"), "After, at t+1");
    addTakeaway(w, "p1", "Later takeaway");
    await Promise.resolve();
    const replay = createNotesReplay(store);
    const at = await replay.notesAt("d", 100, ["p1"]);
    expect(at.panels[0]).toEqual({ panelId: "p1", blocks: [{ kind: "paragraph", text: "Before" }], text: "Before", takeaways: [] });
    expect(JSON.stringify(at)).not.toContain(String(w.clientID));
    expect((await replay.notesAt("d", 101, ["p1"])).panels[0]).toMatchObject({ text: "After, at t+1", takeaways: ["Later takeaway"] });
    expect((await replay.notesAt("d", 99, ["p1"])).panels[0].text).toBe("");
    expect((await replay.notesAt("never-written", 99, ["p1"])).panels[0].text).toBe("");
  });

  it("picks up updates appended after the doc was loaded (live session)", async () => {
    let clock = 10;
    let wall = 0;
    const store = createMemoryNoteStore(() => clock);
    const w = new Y.Doc();
    w.on("update", (u: Uint8Array) => void store.appendUpdate("d", u));
    setPlainText(panelNotesFragment(w, "p1"), "one");
    const replay = createNotesReplay(store, { refreshMs: 1000, now: () => wall });
    expect((await replay.notesAt("d", 1e12, ["p1"])).panels[0].text).toBe("one");
    clock = 20;
    setPlainText(panelNotesFragment(w, "p1"), "two");
    expect((await replay.notesAt("d", 1e12, ["p1"])).panels[0].text).toBe("one");
    wall = 1000;
    expect((await replay.notesAt("d", 1e12, ["p1"])).panels[0].text).toBe("two");
    expect((await replay.notesAt("d", 15, ["p1"])).panels[0].text).toBe("one");
  });

  it("handles overlapping concurrent deletions (earliest deletion wins per character)", async () => {
    let clock = 0;
    const store = createMemoryNoteStore(() => clock);
    const a = new Y.Doc();
    const b = new Y.Doc();
    setPlainText(panelNotesFragment(a, "p1"), "hello wide world");
    const base = Y.encodeStateAsUpdate(a);
    Y.applyUpdate(b, base);
    await store.appendUpdate("d", base);
    const text = (d: Y.Doc) => (panelNotesFragment(d, "p1").get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const sv = Y.encodeStateVector(a);
    text(a).delete(5, 6); // " wide " → "helloworld"
    text(b).delete(8, 8); // "de world" → "hello wi"
    clock = 10;
    await store.appendUpdate("d", Y.encodeStateAsUpdate(a, sv));
    clock = 20;
    await store.appendUpdate("d", Y.encodeStateAsUpdate(b, sv));
    const replay = createNotesReplay(store);
    expect((await replay.notesAt("d", 0, ["p1"])).panels[0].text).toBe("hello wide world");
    expect((await replay.notesAt("d", 10, ["p1"])).panels[0].text).toBe("helloworld");
    expect((await replay.notesAt("d", 20, ["p1"])).panels[0].text).toBe("hello");
    expect((await replay.notesAt("d", 15, ["p1"])).panels[0].text).toBe("helloworld");
  });
});
