/**
 * Outcome benchmark: `npm run bench:outcome` (`npx tsx bench/outcome.ts [--participants 5000] [--updates 100000] [--seeks 50] [--keep FILE]`).
 *
 * Builds a synthetic 3-hour, 6-panel session in a fresh SQLite file through the real stores:
 * 5,000 participants with sectors; 20 polls of every kind, each answered by ~90% of the room;
 * ~2,000 words of notes per panel typed as ~100,000 small Yjs updates (createdAt spread over the
 * 3 hours) with a checkpoint every 500 updates, as the notes server writes them; a 3-hour event log.
 * Then measures: summary build (gatherSummaryInput + buildSummary), DOCX export, the replay preparation
 * the session end runs, and replay seeks at random times in a fresh service (event state + current
 * panel's notes, what the replay route computes; the first seek is the cold one).
 * Prints a table and, as the LAST line, one JSON object with the figures.
 * `--keep FILE` copies the built fixture database to FILE (for profiling the measured steps alone).
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import * as Y from "yjs";
import { z } from "zod";
import { addTakeaway, notesDocName, panelNotesFragment } from "../app/domain/notes/model";
import type { ResponseValue } from "../app/domain/polls";
import { buildSummary } from "../app/domain/summary";
import type { PollDefinitionInput, Template } from "../app/domain/template";
import { Template as TemplateSchema } from "../app/domain/template";
import { Sector, type Poll } from "../app/domain/workshop";
import { toDocx } from "../server/exports/docx";
import { createKyselyNoteStore } from "../server/notes/store";
import { gatherSummaryInput } from "../server/outcome/gather";
import { createReplayService } from "../server/replay/service";
import { createDatabase, createStores } from "../server/storage";
import { seedTemplates } from "../seed/load";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PARTICIPANTS = arg("participants", 5_000);
const UPDATES = arg("updates", 100_000);
const SEEKS = arg("seeks", 50);
/** `--keep FILE`: where to copy the fixture database (SQLite file), or null. */
const KEEP = (() => {
  const i = process.argv.indexOf("--keep");
  if (i < 0) return null;
  const file = z.string().min(1).safeParse(process.argv[i + 1]);
  if (!file.success) throw new Error("--keep needs a file path");
  return path.resolve(file.data);
})();
/** The notes server's default (server/notes/types.ts `compactEvery`). */
const CHECKPOINT_EVERY = 500;
/** Share of the room answering each poll ("most participants"). */
const ANSWER_RATE = 0.9;
const HOURS = 3;

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
const r = rng(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const round = (x: number) => Math.round(x * 10) / 10;
const opts = (...keys: string[]) => keys.map((k) => ({ key: k, label: `Option ${k}` }));

/** 8 polls added to the seed's 12 so every kind appears and the session has 20. */
const EXTRA: PollDefinitionInput[][] = [
  [
    { key: "x-statements-a", question: "Statements A", kind: "statements", statements: ["s1", "s2", "s3", "s4", "s5"].map((k) => ({ key: k, text: `Statement ${k}` })) },
    { key: "x-scale-a", question: "Scale A", kind: "scale", min: 0, max: 10, minLabel: "Low", maxLabel: "High" },
  ],
  [{ key: "x-statements-b", question: "Statements B", kind: "statements", statements: ["t1", "t2", "t3"].map((k) => ({ key: k, text: `Statement ${k}` })) }],
  [{ key: "x-ranking", question: "Rank these", kind: "ranking", options: opts("a", "b", "c", "d", "e") }],
  [{ key: "x-single", question: "Pick one", kind: "single", options: opts("a", "b", "c") }],
  [{ key: "x-multiple", question: "Pick some", kind: "multiple", options: opts("a", "b", "c", "d"), maxChoices: 2 }],
  [
    { key: "x-open", question: "One word?", kind: "open" },
    { key: "x-scale-b", question: "Scale B", kind: "scale", min: 1, max: 7, minLabel: "Binding", maxLabel: "Non-binding" },
  ],
];

const WORDS = "norms rules principles responsible behaviour space security treaty verification transparency confidence building measures debris satellites orbit states industry civil society dialogue consensus binding voluntary".split(" ");

function answer(poll: Poll): ResponseValue {
  switch (poll.kind) {
    case "single":
      return { choice: pick(poll.options).key };
    case "multiple":
      return { choices: [...new Set([pick(poll.options).key, pick(poll.options).key])].slice(0, poll.maxChoices) };
    case "scale":
      return { score: poll.min + Math.floor(r() * (poll.max - poll.min + 1)) };
    case "ranking":
      return { order: [...poll.options].sort(() => r() - 0.5).map((o) => o.key) };
    case "open":
      return { text: `${pick(WORDS)} ${pick(WORDS)}` };
    case "statements":
      return { votes: Object.fromEntries(poll.statements.map((s) => [s.key, pick(["agree", "disagree", "pass"] as const)])) };
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), "rt-bench-outcome-"));
const sqlitePath = path.join(dir, "bench.sqlite");
const opened = [await createDatabase({ sqlitePath })];
try {
  const storage = opened[0];
  let stores = createStores(storage);
  await seedTemplates(stores.templates);
  const seed = (await stores.templates.getByKey("space-security-norms"))!;
  const body: Template = TemplateSchema.parse({ ...seed.body, panels: seed.body.panels.map((p, i) => ({ ...p, polls: [...p.polls, ...EXTRA[i]] })) });
  const user = await stores.users.create({ email: "bench@example.org", name: "Bench", passwordHash: "x" });
  const workshop = await stores.workshops.createFromTemplate(
    { title: "Bench workshop", region: "Bench", timeZone: "Europe/Zurich", startsOn: "2026-01-01", endsOn: "2026-01-01", rule: "chatham-house", minCellSize: 5 },
    { id: seed.id, body },
    user.id,
  );
  const agenda = await stores.workshops.getAgenda(workshop.id);
  const panelIds = agenda.map((p) => p.id);
  const polls = agenda.flatMap((p) => p.polls.map((poll) => ({ panelIndex: p.position, poll })));
  const session = await stores.sessions.create({ workshopId: workshop.id, title: "Bench session", panelIds, createdBy: user.id });
  const start = Date.UTC(2026, 0, 1, 8);
  const end = start + HOURS * 3_600_000;
  const panelStart = (i: number) => start + Math.floor(((end - start) * i) / panelIds.length);
  const t0 = performance.now();

  // Room, event log and polls, in one transaction per step so building takes seconds (each row is still a store call).
  const people = await stores.transaction(async (tx) => {
    await tx.sessions.updateStateWithEvent(session.id, { status: "live", startedAt: start }, { type: "session.started", payload: { panelId: panelIds[0], index: 0 }, at: start });
    const out = [];
    for (let i = 0; i < PARTICIPANTS; i++) {
      const joinedAt = start + Math.floor(r() * 1_800_000);
      out.push(await tx.sessions.addParticipant({ sessionId: session.id, role: "participant", displayName: null, sector: r() < 0.08 ? null : pick(Sector.options), userId: null, joinedAt }));
      await tx.sessions.appendEvent(session.id, "participant.joined", {}, joinedAt);
    }
    return out;
  });
  for (const [i, { panelIndex, poll }] of polls.entries()) {
    const openedAt = panelStart(panelIndex) + 600_000 + i * 60_000;
    const closedAt = openedAt + 300_000;
    await stores.transaction(async (tx) => {
      if (i > 0 && polls[i - 1].panelIndex !== panelIndex) {
        await tx.sessions.appendEvent(session.id, "panel.entered", { panelId: panelIds[panelIndex], index: panelIndex }, panelStart(panelIndex));
      }
      const run = await tx.polls.createRun({ sessionId: session.id, pollId: poll.id, run: 1, status: "open", visibility: "live", projected: false, openedAt });
      await tx.sessions.appendEvent(session.id, "poll.opened", { pollId: poll.id, pollKey: poll.key, run: 1, panelId: poll.panelId, visibility: "live" }, openedAt);
      for (const p of people) if (r() < ANSWER_RATE) await tx.polls.respond(run.id, p.id, `${p.id}-${i}`, answer(poll), p.sector);
      await tx.polls.setRunState(run.id, { status: "closed", closedAt });
      await tx.sessions.appendEvent(session.id, "poll.closed", { pollId: poll.id, run: 1, responseCount: await tx.polls.countResponses(run.id) }, closedAt);
    });
  }

  // In a function, so the writers' and the server's docs (hundreds of MB of gc-off history) are garbage
  // once it returns: the measurements below run without them in the heap, as a server would.
  const { words, written } = await (async () => {
    // Notes: two rapporteurs typing words into the current panel; the server doc keeps history (gc off) like the notes server.
    const docName = notesDocName(session.id);
    const server = new Y.Doc({ gc: false });
    const writers = [new Y.Doc(), new Y.Doc()];
    let pending: Uint8Array | null = null;
    for (const w of writers) w.on("update", (u: Uint8Array, origin: unknown) => origin !== "remote" && (pending = u));
    let clock = start;
    let written = 0;
    let lastId = 0;
    let typing = "";
    // Logged after the loop: SQLite has one connection, which the notes transaction holds (the log is replayed in (at, seq) order anyway).
    const checkpointTimes: number[] = [];
    while (written < UPDATES) {
      await storage.db.transaction().execute(async (trx) => {
        const notes = createKyselyNoteStore(trx, () => clock);
        for (let i = 0; i < CHECKPOINT_EVERY && written < UPDATES; i++) {
          clock = start + Math.floor(((written + 1) * (end - start)) / (UPDATES + 1));
          const panelId = panelIds[Math.min(panelIds.length - 1, Math.floor(((clock - start) / (end - start)) * panelIds.length))];
          const w = writers[r() < 0.7 ? 0 : 1];
          const frag = panelNotesFragment(w, panelId);
          const x = r();
          w.transact(() => {
            let para = frag.length ? (frag.get(frag.length - 1) as Y.XmlElement) : null;
            if (!para || x < 0.02) {
              para = new Y.XmlElement("paragraph");
              para.insert(0, [new Y.XmlText("")]);
              frag.insert(frag.length, [para]);
            }
            const text = para.get(0) as Y.XmlText;
            if (x < 0.05 && text.length > 2) text.delete(text.length - 1, 1);
            else if (x < 0.052) addTakeaway(w, panelId, `Takeaway: ${pick(WORDS)} ${pick(WORDS)}`);
            else {
              if (!typing) typing = `${pick(WORDS)} `;
              text.insert(text.length, typing[0]);
              typing = typing.slice(1);
            }
          });
          const u = pending!;
          pending = null;
          Y.applyUpdate(server, u, "remote");
          for (const other of writers) if (other !== w) Y.applyUpdate(other, u, "remote");
          lastId = await notes.appendUpdate(docName, u);
          written++;
          if (written % CHECKPOINT_EVERY === 0) {
            await notes.writeCheckpoint(docName, lastId, Y.encodeStateAsUpdate(server));
            checkpointTimes.push(clock);
          }
        }
      });
    }
    await stores.transaction(async (tx) => {
      for (const at of checkpointTimes) await tx.sessions.appendEvent(session.id, "notes.checkpoint", {}, at);
    });
    await stores.sessions.updateStateWithEvent(session.id, { status: "ended", endedAt: end }, { type: "session.ended", payload: {}, at: end });
    const words = panelIds.map((id) => panelNotesFragment(server, id).toString().replace(/<[^>]+>/g, " ").split(/\s+/).filter(Boolean).length);
    for (const d of [server, ...writers]) d.destroy();
    return { words, written };
  })();
  const buildS = (performance.now() - t0) / 1000;
  // Measure on the database as a server reopens it (the bulk load's write-ahead log checkpointed on
  // close), not through the connection that just wrote 400k rows.
  await storage.close();
  if (KEEP) copyFileSync(sqlitePath, KEEP);
  opened.push(await createDatabase({ sqlitePath }));
  stores = createStores(opened[1]);
  const noteStore = createKyselyNoteStore(opened[1].db);

  // 1. Summary build: gather from storage + buildSummary.
  const s0 = performance.now();
  const input = await gatherSummaryInput(stores, noteStore, session.id);
  const summary = buildSummary(input);
  const summaryBuildMs = performance.now() - s0;
  // 2. DOCX export of that body.
  const d0 = performance.now();
  const docx = await toDocx(summary, { version: 1, publishedAt: end + 3_600_000 });
  const docxExportMs = performance.now() - d0;
  // A second export shows the steady state once the docx library's code is compiled (a server exports many).
  const w0 = performance.now();
  await toDocx(summary, { version: 1, publishedAt: end + 3_600_000 });
  const docxWarmMs = performance.now() - w0;
  // 3. Session end prepares the replay (server/app.ts does this in the background when a session ends).
  const p0 = performance.now();
  await createReplayService({ events: stores.sessions, notes: noteStore, frames: stores.settings }).prepare(session.id, panelIds);
  const replayPrepareMs = performance.now() - p0;
  // 4. Replay seeks at random times in a fresh service, as in a new process: nothing loaded in memory.
  const replay = createReplayService({ events: stores.sessions, notes: noteStore, frames: stores.settings });
  const seeks: number[] = [];
  for (let i = 0; i < SEEKS; i++) {
    const t = start + Math.floor(r() * (end - start));
    const a = performance.now();
    const state = await replay.stateAt(session.id, t);
    if (state.panel?.panelId) await replay.notesAt(session.id, t, [state.panel.panelId]);
    seeks.push(performance.now() - a);
  }

  const responses = polls.length * Math.round(PARTICIPANTS * ANSWER_RATE);
  const rows: [string, string][] = [
    ["fixture", `${PARTICIPANTS} participants, ${polls.length} polls (~${responses} responses), ${written} note updates, ${Math.floor(written / CHECKPOINT_EVERY)} checkpoints, ${await stores.sessions.lastEventSeq(session.id)} events; built in ${round(buildS)} s`],
    ["notes words per panel", words.join(", ")],
    // Figures on a shared machine are only comparable at similar load: print it next to them.
    ["machine", `${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}`],
    ["summary build (gather + build)", `${round(summaryBuildMs)} ms`],
    ["DOCX export (first, warm)", `${round(docxExportMs)} ms, ${round(docxWarmMs)} ms; ${docx.byteLength} bytes`],
    ["summary + DOCX", `${round(summaryBuildMs + docxExportMs)} ms (target < 2000 ms)`],
    ["replay prepared at session end", `${round(replayPrepareMs)} ms (in the background, once per session)`],
    [`replay seek (n=${SEEKS}, cold start)`, `first ${round(seeks[0])} ms; p50 ${round(pct(seeks, 50))} ms, p99 ${round(pct(seeks, 99))} ms (target p99 < 150 ms)`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  console.log(
    JSON.stringify({
      summaryBuildMs: round(summaryBuildMs),
      docxExportMs: round(docxExportMs),
      docxExportWarmMs: round(docxWarmMs),
      summaryPlusDocxMs: round(summaryBuildMs + docxExportMs),
      replaySeekP50Ms: round(pct(seeks, 50)),
      replaySeekP99Ms: round(pct(seeks, 99)),
      replayFirstSeekMs: round(seeks[0]),
      replayPrepareMs: round(replayPrepareMs),
      docxBytes: docx.byteLength,
      participants: PARTICIPANTS,
      polls: polls.length,
      noteUpdates: written,
      loadAverage1m: round(os.loadavg()[0]),
    }),
  );
} finally {
  for (const db of opened) await db.close();
  rmSync(dir, { recursive: true, force: true });
}
