/**
 * Replay seek benchmark: `npx tsx bench/replay.ts [--updates 100000] [--seeks 50] [--hours 3]`.
 *
 * 1. A real SQLite database (fresh temp file, migrated by `createDatabase`) and the real stores.
 * 2. A synthetic 3-hour session: agenda events (panels every 30 min, polls opened/closed with
 *    tallies, participants joining) through `stores.sessions.appendEvent`; two rapporteurs' Yjs edits
 *    (mostly one-keystroke inserts, some pastes, backspaces, new paragraphs, takeaways) appended one
 *    update at a time through `createKyselyNoteStore` with createdAt spread over the 3 hours, and a
 *    checkpoint (`Y.encodeStateAsUpdate` of a `gc:false` server doc) every 500 updates, as the notes
 *    server writes them.
 * 3. A fresh replay service: one cold "open" (first seek: the doc and its time index are loaded once
 *    per process, see server/replay/notes.ts), then `--seeks` random seeks, each = event state + notes
 *    of the current panel (what the JSON route computes); then play-back at 60× (15 s of session per step).
 * Prints p50/p99 and, as the last line, a JSON object with replaySeekP50Ms and replaySeekP99Ms.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { addTakeaway, notesDocName, panelNotesFragment } from "../app/domain/notes/model";
import { createDatabase, createStores } from "../server/storage";
import { createKyselyNoteStore } from "../server/notes/store";
import { createReplayService } from "../server/replay/service";
import { seedTemplates } from "../seed/load";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const UPDATES = arg("updates", 100_000);
const SEEKS = arg("seeks", 50);
const HOURS = arg("hours", 3);
/** The notes server's default (server/notes/types.ts `compactEvery`). */
const CHECKPOINT_EVERY = 500;

/** mulberry32, seeded so runs are comparable. */
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
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x: number) => Math.round(x * 100) / 100;

const dir = mkdtempSync(path.join(os.tmpdir(), "rt-bench-replay-"));
const storage = await createDatabase({ sqlitePath: path.join(dir, "bench.sqlite") });
try {
  const stores = createStores(storage);
  await seedTemplates(stores.templates);
  const template = (await stores.templates.getByKey("space-security-norms"))!;
  const user = await stores.users.create({ email: "bench@example.org", name: "Bench", passwordHash: "x" });
  const workshop = await stores.workshops.createFromTemplate(
    { title: "Bench", region: "Bench", timeZone: "Europe/Geneva", startsOn: "2026-01-01", endsOn: "2026-01-01", rule: "chatham-house", minCellSize: 5 },
    { id: template.id, body: template.body },
    user.id,
  );
  const agenda = await stores.workshops.getAgenda(workshop.id);
  const panelIds = agenda.map((p) => p.id);
  const session = await stores.sessions.create({ workshopId: workshop.id, title: "Bench", panelIds, createdBy: user.id });
  const docName = notesDocName(session.id);

  const start = Date.UTC(2026, 0, 1, 9);
  const end = start + HOURS * 3_600_000;
  const panelAt = (at: number) => Math.min(panelIds.length - 1, Math.floor(((at - start) / (end - start)) * panelIds.length));
  let clock = start;
  const notes = createKyselyNoteStore(storage.db, () => clock);
  const r = rng(42);

  // Event log: start, panels, polls, joins, end.
  const t0 = performance.now();
  await stores.sessions.appendEvent(session.id, "session.started", { panelId: panelIds[0], index: 0 }, start);
  for (let i = 0; i < 120; i++) await stores.sessions.appendEvent(session.id, "participant.joined", {}, start + Math.floor(r() * 600_000));
  for (let p = 1; p < panelIds.length; p++) {
    await stores.sessions.appendEvent(session.id, "panel.entered", { panelId: panelIds[p], index: p }, start + Math.floor(((end - start) * p) / panelIds.length));
  }
  for (let p = 0; p < panelIds.length; p++) {
    const at = start + Math.floor(((end - start) * (p + 0.5)) / panelIds.length);
    const pollId = `bench-poll-${p}`;
    const definition = { key: pollId, question: `Poll ${p + 1}?`, visibility: "live", kind: "single", options: [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }] };
    await stores.sessions.appendEvent(session.id, "poll.opened", { pollId, pollKey: pollId, run: 1, panelId: panelIds[p], visibility: "live", definition }, at);
    await stores.sessions.appendEvent(session.id, "poll.closed", { pollId, pollKey: pollId, run: 1, responseCount: 80 }, at + 300_000);
    const tally = { kind: "single", n: 80, ignored: 0, options: [{ key: "yes", count: 50, share: 0.625 }, { key: "no", count: 30, share: 0.375 }] };
    await stores.sessions.appendEvent(session.id, "poll.tallied", { pollId, pollKey: pollId, run: 1, tally }, at + 300_000);
  }
  await stores.sessions.appendEvent(session.id, "session.ended", {}, end);

  // Notes history: two rapporteurs editing; the server doc mirrors what the notes server would hold.
  const server = new Y.Doc({ gc: false });
  const writers = [new Y.Doc(), new Y.Doc()];
  let pending: Uint8Array | null = null;
  for (const w of writers) w.on("update", (u: Uint8Array, origin: unknown) => origin !== "remote" && (pending = u));
  const relay = (from: Y.Doc, u: Uint8Array) => {
    Y.applyUpdate(server, u, "remote");
    for (const w of writers) if (w !== from) Y.applyUpdate(w, u, "remote");
  };
  let written = 0;
  let bytes = 0;
  let lastId = 0;
  const BATCH = CHECKPOINT_EVERY;
  while (written < UPDATES) {
    // One transaction per 500 appends only to make building 100k rows take seconds, not minutes; each row is still one appendUpdate.
    await storage.db.transaction().execute(async (trx) => {
      const tx = createKyselyNoteStore(trx, () => clock);
      for (let i = 0; i < BATCH && written < UPDATES; i++) {
        clock = start + Math.floor(((written + 1) * (end - start)) / (UPDATES + 1));
        const w = writers[r() < 0.7 ? 0 : 1];
        const frag = panelNotesFragment(w, panelIds[panelAt(clock)]);
        const x = r();
        w.transact(() => {
          let para = frag.length ? (frag.get(frag.length - 1) as Y.XmlElement) : null;
          if (!para || x < 0.03) {
            // New paragraph (Enter).
            para = new Y.XmlElement("paragraph");
            para.insert(0, [new Y.XmlText("")]);
            frag.insert(frag.length, [para]);
            return;
          }
          const text = para.get(0) as Y.XmlText;
          if (x < 0.15 && text.length > 2) text.delete(text.length - 1 - Math.floor(r() * Math.min(3, text.length - 1)), 1); // backspace near the end
          else if (x < 0.2 && text.length > 10) text.insert(Math.floor(r() * text.length), "ab"); // a fix earlier in the line
          else if (x >= 0.2 && x < 0.2005) addTakeaway(w, panelIds[panelAt(clock)], `Takeaway ${written}`);
          else text.insert(text.length, x < 0.95 ? "abcdefghijklmnopqrstuvwxyz "[Math.floor(r() * 27)] : " norms and rules"); // a keystroke or a short paste
        });
        const u = pending!;
        pending = null;
        relay(w, u);
        lastId = await tx.appendUpdate(docName, u);
        bytes += u.byteLength;
        written++;
        if (written % CHECKPOINT_EVERY === 0) await tx.writeCheckpoint(docName, lastId, Y.encodeStateAsUpdate(server));
      }
    });
  }
  const buildMs = performance.now() - t0;
  const checkpoints = await notes.listCheckpoints(docName);
  const lastCheckpointBytes = checkpoints[checkpoints.length - 1]?.bytes ?? 0;
  console.log(`history: ${written} note updates (${(bytes / 1e6).toFixed(2)} MB), ${checkpoints.length} checkpoints (last ${(lastCheckpointBytes / 1e6).toFixed(2)} MB), ${HOURS} h, built in ${(buildMs / 1000).toFixed(1)} s`);

  // What the JSON route does per seek: event state at t, then notes of the current panel at t.
  const replay = createReplayService({ events: stores.sessions, notes });
  const titles = new Map(agenda.map((p) => [p.id, p.title]));
  const seek = async (t: number) => {
    const state = await replay.stateAt(session.id, t, titles);
    const panel = state.panel?.panelId;
    const result = panel ? await replay.notesAt(session.id, t, [panel]) : null;
    return { state, result };
  };
  const timed = async (t: number) => {
    const a = performance.now();
    const out = await seek(t);
    return { ms: performance.now() - a, out };
  };

  // Opening a replay loads the doc and its time index once (the page loader triggers it); then seeks.
  console.error("history built; opening");
  const first = await timed(start + Math.floor(r() * (end - start)));
  const random: number[] = [];
  console.error(`opened in ${round(first.ms)} ms`);
  for (let i = 0; i < SEEKS; i++) random.push((await timed(start + Math.floor(r() * (end - start)))).ms);
  // Play-back at 60×: the page asks every 250 ms of wall time = 15 s of session.
  const play: number[] = [];
  for (let t = start + 3_600_000, i = 0; i < 200; i++, t += 15_000) play.push((await timed(t)).ms);
  const last = await seek(end);
  const mid = await seek(start + (end - start) * 0.6);
  const heapMb = process.memoryUsage().heapUsed / 1e6;

  console.log(`open (first seek, cold: reads and indexes the whole log, decodes the latest checkpoint): ${round(first.ms)} ms`);
  console.log(`random seeks (n=${random.length}): p50 ${round(pct(random, 50))} ms, p99 ${round(pct(random, 99))} ms, max ${round(Math.max(...random))} ms`);
  console.log(`play-back 60× (n=${play.length}): p50 ${round(pct(play, 50))} ms, p99 ${round(pct(play, 99))} ms`);
  console.log(`mid-session panel: ${mid.result?.panels[0].text.length ?? 0} chars; last panel at the end: ${last.result?.panels[0].text.length ?? 0} chars, ${last.result?.panels[0].takeaways.length ?? 0} takeaways; heap ${heapMb.toFixed(0)} MB`);
  console.log(
    JSON.stringify({
      replaySeekP50Ms: round(pct(random, 50)),
      replaySeekP99Ms: round(pct(random, 99)),
      replayOpenMs: round(first.ms),
      replayPlaybackP99Ms: round(pct(play, 99)),
      noteUpdates: written,
      checkpoints: checkpoints.length,
      seeks: random.length,
    }),
  );
} finally {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
}
