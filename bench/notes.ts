/**
 * Notes load benchmark: N real y-websocket editors type ~5 keystrokes/s each into one session document
 * for a fixed time, first against our server PROCESS (the real app, every update appended to SQLite
 * before it is relayed), then against the reference @y/websocket-server (in memory) in the same run.
 *
 *   npm run bench:notes -- --editors 100 [--seconds 20] [--rate 5] [--workers 4] [--observers 2] [--client-nice 10]
 *   (script: node --expose-gc --import tsx bench/notes.ts)
 *
 * Prints a table, then as the LAST line one JSON object: editors, updatesPerSecond, propagationP50Ms,
 * propagationP99Ms, referenceUpdatesPerSecond, ratioVsReference, converged, storedEqualsMemory,
 * heapPerLoadedDocKb, eventLoopP99Ms. Propagation = keystroke typed in one worker process → applied by an
 * observer: a real WebsocketProvider that reads only, each in its own process (`--observers`, at least 1, as on a
 * rapporteur's own device), so the figure includes the server, both network hops and a receiving client.
 * The same is also measured at one editor inside each typing worker ("co-hosted": it waits behind the
 * ~25 other docs of its process applying every update, a load no real device carries) and printed as
 * propagationCoHostedP50Ms/P99Ms.
 */
import { rmSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { notesDocName } from "../app/domain/notes/model";
import { hashPassword } from "../server/auth/passwords";
import { createDatabase } from "../server/storage";
import { openProcessFixtures } from "../tests/helpers/notes-app-fixtures";
import { measureHeapPerDoc, reloadStored } from "./notes-heap";
import { spawnLines, type LineProcess } from "./spawn-lines";

const { values: args } = parseArgs({
  options: {
    editors: { type: "string", default: "50" },
    seconds: { type: "string", default: "20" },
    rate: { type: "string", default: "5" },
    workers: { type: "string" },
    observers: { type: "string", default: "2" },
    "client-nice": { type: "string", default: "10" },
  },
});
const editors = Number(args.editors);
const seconds = Number(args.seconds);
const rate = Number(args.rate);
// ~25 editors per worker process; at most 4 so the server keeps most of this 2-core machine.
const workerCount = Number(args.workers ?? Math.min(4, Math.max(1, Math.ceil(editors / 25))));
/** Dedicated observer processes (one reading editor each), on top of the typing editors. */
const observerCount = Number(args.observers);
// The latencies (p50, p99, max) are measured at the observers: with none they would be empty (null in the JSON).
if (!Number.isInteger(observerCount) || observerCount < 1) {
  console.error(`--observers must be a whole number of at least 1 (the latencies are measured at the observers); got ${JSON.stringify(args.observers)}`);
  process.exit(2);
}
/**
 * Niceness of the typing processes (0–19). Load generators belong on other machines; on this one they
 * run at a lower priority so the server under test and the observers get the CPU first. 0 = equal.
 */
const clientNice = Number(args["client-nice"]);
const ROOT = path.resolve(import.meta.dirname, "..");
/** How long all editors may take to reach the same state after typing stops. */
const SETTLE_MS = 120_000;

interface RunResult {
  label: string;
  typed: number;
  updatesPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** The same keystrokes' arrival at the editor co-hosted in each typing worker (see the module comment). */
  coHostedP50: number;
  coHostedP99: number;
  converged: boolean;
  snapshot: string;
  textHash: string;
  eventLoopP99Ms: number;
  settleMs: number;
  /** Server process CPU over the typing window (100 = one core). */
  serverCpuPercent: number;
  /** Sum of the client worker processes' CPU over the typing window (100 = one core). */
  clientCpuPercent: number;
  /** Worst delay between a keystroke's planned time and when its worker typed it. */
  typingLagMs: number;
  /** Ours: stored updates per transaction while typing (group commit); NaN for the reference. */
  updatesPerCommit: number;
  /** Ours: p99 of accepted → stored and relayed inside the server (ms); NaN for the reference. */
  commitWaitP99Ms: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
/** Progress on stderr, so the table and the final JSON line stay alone on stdout. */
const stage = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Drives one load run against a server already listening at `baseUrl`. */
async function runLoad(label: string, server: LineProcess, wsUrl: string, docName: string, panelId: string, cookies: Array<string | null>): Promise<RunResult> {
  const workers: LineProcess[] = [];
  // BENCH_WORKER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the client processes.
  const workerArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const spawnWorker = () => spawnLines(process.execPath, [...workerArgs, "--import", "tsx", path.join(ROOT, "bench/notes-worker.ts")]);
  // The last `observerCount` cookies are the observers'; the others type.
  const typists = cookies.slice(0, cookies.length - observerCount);
  const per = Math.ceil(typists.length / workerCount);
  for (let w = 0; w < workerCount; w++) {
    const share = typists.slice(w * per, (w + 1) * per);
    if (share.length === 0) break;
    const proc = spawnWorker();
    workers.push(proc);
    proc.send({ type: "init", wsUrl, docName, panelId, cookies: share, firstIndex: w * per, nice: clientNice });
  }
  for (const cookie of cookies.slice(typists.length)) {
    const proc = spawnWorker();
    workers.push(proc);
    proc.send({ type: "init", wsUrl, docName, panelId, cookies: [cookie], firstIndex: 0, typist: false });
  }
  try {
    await Promise.all(workers.map((p) => p.next((m) => m.type === "ready", 120_000)));
    stage(`${label}: ${cookies.length} editors synced, typing for ${seconds} s`);
    server.sendLine("reset");
    type Probe = { eventLoopP99Ms: number; cpuPercent: number; notes?: { appendedUpdates: number; appendBatches: number; commitWaitP99Ms: number } };
    const before = JSON.parse((await server.nextLine((l) => l.startsWith("STATS "), 60_000)).slice(6)) as Probe;
    const startedAt = performance.timeOrigin + performance.now();
    workers.forEach((p) => p.send({ type: "start", ratePerSecond: rate, seconds }));
    const typedMsgs = await Promise.all(workers.map((p) => p.next((m) => m.type === "typed", (seconds + 30) * 1000)));
    const typed = typedMsgs.reduce((n, m) => n + (m.typed as number), 0);
    const clientCpuPercent = typedMsgs.reduce((n, m) => n + (m.cpuPercent as number), 0);
    const typingLagMs = Math.max(...typedMsgs.map((m) => m.maxLagMs as number));
    server.sendLine("stats");
    // A server that fell minutes behind cannot even read its stdin: report NaN rather than abort the run.
    const stats = await server
      .nextLine((l) => l.startsWith("STATS "), 120_000)
      .then((l) => JSON.parse(l.slice(6)) as Probe)
      .catch((): Probe => ({ eventLoopP99Ms: NaN, cpuPercent: NaN }));
    const updatesPerCommit =
      stats.notes && before.notes ? (stats.notes.appendedUpdates - before.notes.appendedUpdates) / Math.max(1, stats.notes.appendBatches - before.notes.appendBatches) : NaN;

    // Settle: every editor in every worker has the same snapshot (state vector + delete set).
    const settleStart = Date.now();
    let converged = false;
    while (Date.now() - settleStart < SETTLE_MS) {
      workers.forEach((p) => p.send({ type: "state" }));
      const states = await Promise.all(workers.map((p) => p.next((m) => m.type === "state", 30_000))).catch(() => null);
      const all = new Set((states ?? []).flatMap((s) => s.snapshots as string[]));
      if (states && all.size === 1) {
        converged = true;
        break;
      }
      await sleep(100);
    }
    const settleMs = Date.now() - settleStart;

    workers.forEach((p) => p.send({ type: "report" }));
    const reports = await Promise.all(workers.map((p) => p.next((m) => m.type === "report", 120_000)));
    const sent = new Map<string, number>();
    for (const r of reports) for (const [k, t] of r.sent as Array<[string, number]>) sent.set(k, t);
    const latencies: number[] = [];
    const coHosted: number[] = [];
    let lastArrival = startedAt;
    const deliveredEverywhere = new Map<string, number>();
    for (const r of reports) {
      const received = new Map(r.received as Array<[string, number]>);
      for (const [k, t] of received) {
        const at = sent.get(k);
        if (at === undefined) continue; // paragraph set-up structs, not keystrokes
        (r.typist ? coHosted : latencies).push(t - at);
        lastArrival = Math.max(lastArrival, t);
        deliveredEverywhere.set(k, (deliveredEverywhere.get(k) ?? 0) + 1);
      }
    }
    // A keystroke counts once it reached every observer except its own worker's (which typed it locally or received it).
    const delivered = [...deliveredEverywhere.values()].filter((n) => n >= reports.length - 1).length;
    latencies.sort((a, b) => a - b);
    coHosted.sort((a, b) => a - b);
    if (process.env.BENCH_DEBUG) console.error(label, [50, 75, 90, 95, 98, 99, 99.9].map((p) => `p${p}=${percentile(latencies, p).toFixed(1)}`).join(" "), "n", latencies.length);
    return {
      label,
      typed,
      updatesPerSecond: delivered / ((lastArrival - startedAt) / 1000),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1] ?? NaN,
      coHostedP50: percentile(coHosted, 50),
      coHostedP99: percentile(coHosted, 99),
      converged,
      snapshot: reports[0].snapshot as string,
      textHash: reports[0].textHash as string,
      eventLoopP99Ms: stats.eventLoopP99Ms,
      settleMs,
      serverCpuPercent: stats.cpuPercent,
      updatesPerCommit,
      commitWaitP99Ms: stats.notes?.commitWaitP99Ms ?? NaN,
      clientCpuPercent,
      typingLagMs,
    };
  } finally {
    for (const p of workers) {
      p.send({ type: "exit" });
      await p.exited(5_000);
    }
  }
}

async function runOurs() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "rt-bench-"));
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile our server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const server = spawnLines(process.execPath, [...nodeArgs, "--import", "tsx", path.join(ROOT, "bench/notes-server.ts")], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", NODE_ENV: "production" },
  });
  try {
    const baseUrl = (await server.nextLine((l) => l.startsWith("LISTENING "), 120_000)).slice(10);
    stage(`our server at ${baseUrl}; creating ${editors} rapporteur accounts`);
    const fx = await openProcessFixtures(dataDir, hashPassword);
    const s = await fx.makeSession();
    const cookies: string[] = [];
    for (let i = 0; i < editors + observerCount; i++) cookies.push((await fx.addStaff(s.workshopId, "rapporteur", `Rapporteur ${i + 1}`)).cookie);
    await fx.close();
    const docName = notesDocName(s.sessionId);
    const result = await runLoad("ours (app process, SQLite, append-before-relay)", server, `${baseUrl.replace(/^http/, "ws")}/yjs`, docName, s.panelIds[0], cookies);
    server.kill("SIGTERM");
    const code = await server.exited(15_000);
    const storage = await createDatabase({ sqlitePath: path.join(dataDir, "roundtable.sqlite") });
    const stored = await reloadStored(storage.db, docName, s.panelIds[0]);
    await storage.close();
    return { result, stored, cleanExit: code === 0, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
  } catch (err) {
    server.kill("SIGKILL");
    throw err;
  }
}

async function runReference() {
  const server = spawnLines(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/notes-reference-server.ts")], { cwd: ROOT });
  try {
    const baseUrl = (await server.nextLine((l) => l.startsWith("LISTENING "), 60_000)).slice(10);
    return await runLoad("reference @y/websocket-server (memory)", server, `${baseUrl.replace(/^http/, "ws")}/yjs`, "session-bench", "bench-panel", Array(editors + observerCount).fill(null));
  } finally {
    server.kill("SIGTERM");
    await server.exited(5_000);
  }
}

const ours = await runOurs();
const reference = await runReference();
const heap = await measureHeapPerDoc(ours.stored.state);
ours.cleanup();

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "—");
const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
console.log(`\nNotes bench: ${editors} editors × ${rate} keystrokes/s × ${seconds} s, ${workerCount} typing processes + ${observerCount} observer processes (offered ${editors * rate}/s), ${os.cpus().length} cores, load average ${load}\n`);
console.log("| server | typed | updates/s | p50 ms | p99 ms | max ms | co-hosted p50 / p99 ms | loop p99 ms | server CPU % | clients CPU % | typing lag ms | updates/commit | commit wait p99 ms | converged | settle ms |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
for (const r of [ours.result, reference]) {
  console.log(
    `| ${r.label} | ${r.typed} | ${fmt(r.updatesPerSecond)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.max)} | ${fmt(r.coHostedP50)} / ${fmt(r.coHostedP99)} | ${fmt(r.eventLoopP99Ms)} | ${fmt(r.serverCpuPercent)} | ${fmt(r.clientCpuPercent)} | ${fmt(r.typingLagMs)} | ${fmt(r.updatesPerCommit)} | ${fmt(r.commitWaitP99Ms)} | ${r.converged} | ${r.settleMs} |`,
  );
}
console.log(
  "\nBoth runs type the same keystrokes (open-loop schedule, see notes-worker.ts). p50/p99 are measured at the observer processes, co-hosted figures at an editor inside each typing process; " +
    "when 'clients CPU %' approaches the machine's cores × 100 the clients, not the server, bound the figures. " +
    "'commit wait' is what durability adds inside our server: accepted → stored (one transaction per batch) → relayed.",
);
const storedEqualsMemory = ours.stored.snapshot === ours.result.snapshot && ours.stored.textHash === ours.result.textHash;
console.log(`\nstored doc (reloaded from SQLite after SIGTERM, clean exit: ${ours.cleanExit}) equals clients: ${storedEqualsMemory}`);
console.log(`heap per loaded doc (this doc's final state, ${heap.docs} docs loaded in a notes server): ${heap.kb.toFixed(1)} KB${heap.gc ? "" : " (no --expose-gc: rough)"}`);
console.log(
  JSON.stringify({
    editors,
    updatesPerSecond: Math.round(ours.result.updatesPerSecond * 10) / 10,
    propagationP50Ms: Math.round(ours.result.p50 * 10) / 10,
    propagationP99Ms: Math.round(ours.result.p99 * 10) / 10,
    propagationCoHostedP50Ms: Math.round(ours.result.coHostedP50 * 10) / 10,
    propagationCoHostedP99Ms: Math.round(ours.result.coHostedP99 * 10) / 10,
    referencePropagationP99Ms: Math.round(reference.p99 * 10) / 10,
    observers: observerCount,
    clientNice,
    referenceUpdatesPerSecond: Math.round(reference.updatesPerSecond * 10) / 10,
    ratioVsReference: Math.round((ours.result.updatesPerSecond / reference.updatesPerSecond) * 1000) / 1000,
    // Ours: every editor has the same CRDT state, and the doc reloaded from SQLite equals it.
    converged: ours.result.converged && storedEqualsMemory,
    referenceConverged: reference.converged,
    storedEqualsMemory,
    heapPerLoadedDocKb: Math.round(heap.kb * 10) / 10,
    eventLoopP99Ms: Math.round(ours.result.eventLoopP99Ms * 10) / 10,
    commitWaitP99Ms: Math.round(ours.result.commitWaitP99Ms * 10) / 10,
    serverCpuPercent: Math.round(ours.result.serverCpuPercent),
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
  }),
);
process.exit(0);
