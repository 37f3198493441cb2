/**
 * Poll burst benchmark: `npm run bench:polls -- --participants N [--workers W] [--concurrency C] [--arrival-ms A]`.
 *
 * 1. Starts a real server process (`tsx server/index.ts`, fresh data dir) with bench/polls-stats.ts
 *    preloaded (SIGUSR2 → heap and event-loop stats on stdout; nothing exposed on the network).
 * 2. Fixtures are written straight into its SQLite file through the stores — including the N
 *    participants, whose cookies are signed with the server's secret. Joining 10k people through
 *    POST /j/<code> would measure the join route (and its per-join event-log write), not polls.
 * 3. N participants connect over websocket from W worker threads; the facilitator opens and projects
 *    one poll; a projector client watches `poll:tallied`; everyone votes in one burst (throughput,
 *    ack latency, final tally lag, exactness); then everyone changes their answer at a random moment
 *    within `--arrival-ms` (paced ack latency; the projector must reach the new exact tally).
 * 4. Store-before-ack alone: the same answers through `PollStore.respondMany` in this process.
 * 5. Same N clients, same two phases, against a bare Socket.io server that only acks (bench/polls-bare.ts).
 * Prints a table and, as the last line, one JSON object with the figures.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { io as ioClient, type Socket } from "socket.io-client";
import { tally } from "../app/domain/polls";
import type { PollTalliedView } from "../app/domain/polls/events";
import { createAuthService } from "../server/auth/service";
import { createDatabase, createStores } from "../server/storage";
import { Sector } from "../app/domain/workshop";
import type { FromWorker, ToWorker } from "./polls-client";

const ROOT = path.resolve(import.meta.dirname, "..");
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg("participants", 2000);
const WORKERS = arg("workers", Math.max(2, Math.ceil(N / 2500)));
const CONCURRENCY = arg("concurrency", 50);
/**
 * The paced phase's window (ms): each participant answers at a uniformly random moment within it.
 * 2,000 ms for 10,000 people is 5,000 answers a second, far faster than a room answers; an
 * instantaneous burst (the first phase) measures the queue more than the latency: there even the
 * bare server's p99 is the time to drain 10,000 acks (300–600 ms on a 2-core machine).
 */
const ARRIVAL_MS = arg("arrival-ms", 2000);
const now = () => performance.timeOrigin + performance.now();

/**
 * Open files: this process holds N client sockets (its worker threads share its table) and the
 * server N accepted ones, each plus ~1,000 for the rest (SQLite, workers, pipes). Node raises its
 * soft limit to the hard one at start (so `ulimit -n` in a script cannot add more), and the server
 * it spawns does the same: only a hard limit below N + 1,024 stops the run, and then at once, with
 * what to change, instead of as EMFILE errors minutes into the connect phase.
 */
function checkFileLimit(): void {
  const need = N + 1_024;
  let text = "";
  try {
    text = readFileSync("/proc/self/limits", "utf8");
  } catch {
    return; // not Linux: nothing to read
  }
  const m = /Max open files\s+(\d+|unlimited)/.exec(text);
  const limit = !m || m[1] === "unlimited" ? Infinity : Number(m[1]);
  if (limit < need) {
    throw new Error(`${N} participants need ${need} open files per process; this one may open ${limit}. Raise the hard limit (ulimit -Hn as root, LimitNOFILE, /etc/security/limits.conf).`);
  }
}
checkFileLimit();
/** Progress on stderr, so stdout stays the table and the JSON line. */
const log = (msg: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

/**
 * Spawns `node --import tsx …args` (node itself, not the tsx CLI, which would not relay SIGUSR2)
 * and resolves once stdout matches `ready`.
 */
const children = new Set<ChildProcess>();
const dataDir = mkdtempSync(path.join(os.tmpdir(), "rt-bench-"));
// A failed or interrupted run must not leave a server process or its data behind.
process.on("exit", () => {
  children.forEach((c) => c.exitCode === null && c.kill("SIGKILL"));
  rmSync(dataDir, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));

function start(args: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let out = "";
  const lines: ((line: string) => void)[] = [];
  child.stdout!.on("data", (d: Buffer) => {
    out += d;
    for (const line of d.toString().split("\n")) lines.forEach((f) => f(line));
  });
  child.stderr!.on("data", (d: Buffer) => (out += d));
  if (process.env.BENCH_DEBUG) child.stderr!.pipe(process.stderr);
  const match = new Promise<RegExpExecArray>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited ${code}:\n${out}`)));
    lines.push((line) => {
      const m = ready.exec(line);
      if (m) resolve(m);
    });
  });
  /** Sends SIGUSR2 and resolves with the next BENCH_STATS line. */
  const stats = () =>
    new Promise<{ heapUsed: number; rss: number; loopP99Ms: number; loopMaxMs: number; cpuMs: number }>((resolve) => {
      lines.push((line) => line.startsWith("BENCH_STATS ") && resolve(JSON.parse(line.slice(12))));
      child.kill("SIGUSR2");
    });
  return { child, match, stats };
}

const stop = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : (child.once("exit", () => resolve()), child.kill("SIGTERM"))));

function workers(count: number) {
  // Node 20 does not apply the main thread's tsx loader to workers: each worker loads the TS client via tsx's API.
  const client = JSON.stringify(new URL("./polls-client.ts", import.meta.url).href);
  const boot = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${client}, ${JSON.stringify(import.meta.url)}))`;
  const list = Array.from({ length: count }, () => new Worker(boot, { eval: true }));
  const call = (w: Worker, msg: ToWorker) => new Promise<FromWorker>((resolve) => (w.once("message", resolve), w.postMessage(msg)));
  return {
    all: <T extends FromWorker>(make: (i: number) => ToWorker) => Promise.all(list.map((w, i) => call(w, make(i)))) as Promise<T[]>,
    terminate: () => Promise.all(list.map((w) => w.terminate())),
  };
}

const share = <T>(items: T[], i: number, k: number) => items.filter((_, j) => j % k === i);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const connectSock = (url: string, opts: Record<string, unknown>) =>
  new Promise<Socket>((resolve, reject) => {
    const s = ioClient(url, { transports: ["websocket"], reconnection: false, forceNew: true, ...opts });
    s.once("connect", () => resolve(s));
    s.once("connect_error", reject);
    setTimeout(() => reject(new Error(`connect to ${url} timed out`)), 30_000).unref();
  });
const emitAck = (s: Socket, event: string, payload: unknown) => s.timeout(30_000).emitWithAck(event, payload) as Promise<{ ok: boolean; error?: string }>;

/**
 * CPU of storing `participants`' answers to a fresh run of `pollId` (ms per answer, wall time of
 * this single thread: the writes are synchronous SQLite calls), in batches of 1,000 as the vote
 * queue groups a burst (server/realtime/polls-votes.ts).
 */
async function measureStore(stores: ReturnType<typeof createStores>, sessionId: string, pollId: string, participants: string[]) {
  const run = await stores.polls.createRun({ sessionId, pollId, run: 1, status: "open", visibility: "live", projected: false });
  const writes = participants.map((participantId, i) => ({ runId: run.id, participantId, responseId: randomUUID(), value: { choice: `o${i % 3}` }, sector: Sector.options[i % 6] }));
  const t0 = performance.now();
  for (let i = 0; i < writes.length; i += 1000) await stores.polls.respondMany(writes.slice(i, i + 1000));
  return (performance.now() - t0) / writes.length;
}

/** Connects `cookies` across the workers (each holds its share). */
async function connectAll(pool: ReturnType<typeof workers>, url: string, sessionId: string, cookies: string[]) {
  const t0 = now();
  const connected = await pool.all<Extract<FromWorker, { type: "connected" }>>((i) => ({ type: "connect", url, sessionId, cookies: share(cookies, i, WORKERS), concurrency: CONCURRENCY }));
  return { connectSeconds: (now() - t0) / 1000, connectFailed: connected.reduce((a, c) => a + c.failed, 0), connectErrors: connected.flatMap((c) => c.errors) };
}

/**
 * Every connected participant answers once (all at once, or spread over `spreadMs`; `shift` moves
 * each one's choice, so a second phase changes every answer) and the merged figures come back.
 */
async function vote(pool: ReturnType<typeof workers>, cookies: string[], pollId: string, options: string[], shift: number, spreadMs: number) {
  let offset = 0;
  const voted = await pool.all<Extract<FromWorker, { type: "voted" }>>((i) => ({ type: "vote", pollId, options, shift, spreadMs, offset: (offset += i === 0 ? 0 : share(cookies, i - 1, WORKERS).length) }));
  const latencies = voted.flatMap((v) => v.latencies).sort((a, b) => a - b);
  const firstEmit = Math.min(...voted.map((v) => v.firstEmit));
  const lastAck = Math.max(...voted.map((v) => v.lastAck));
  const choices: Record<string, number> = {};
  for (const v of voted) for (const [k, n] of Object.entries(v.choices)) choices[k] = (choices[k] ?? 0) + n;
  return {
    acked: latencies.length,
    voteFailed: voted.reduce((a, v) => a + v.failed, 0),
    voteErrors: voted.flatMap((v) => v.errors),
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    votesPerSecond: latencies.length / ((lastAck - firstEmit) / 1000),
    lastAck,
    choices,
  };
}

async function main() {
  // The machine is shared: the 1-minute load average is part of every figure.
  const loadAtStart = os.loadavg()[0];
  const secret = randomBytes(48).toString("base64url");
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile our server (as bench/notes.ts).
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const server = start([...extra, "--expose-gc", "--import", "./bench/polls-stats.ts", "server/index.ts"], { BENCH_PROFILE_FROM: "2", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, SESSION_SECRET: secret, LOG_LEVEL: "warn", NODE_ENV: "production" }, /Roundtable is running at (\S+)/);
  const url = (await server.match)[1];
  log(`server at ${url}; writing ${N} participants`);
  const storage = await createDatabase({ sqlitePath: path.join(dataDir, "roundtable.sqlite") });
  const stores = createStores(storage);
  const auth = createAuthService({ stores, secret, secureCookies: false });
  const user = await stores.users.create({ email: "bench@example.org", name: "Bench", passwordHash: "not-a-real-hash" });
  const template = (await stores.templates.getByKey("space-security-norms"))!;
  const workshop = await stores.workshops.createFromTemplate({ title: "Bench", region: "Bench", timeZone: "UTC", startsOn: "2026-01-01", endsOn: "2026-01-01", rule: "chatham-house", minCellSize: 5 }, template, user.id);
  const agenda = await stores.workshops.getAgenda(workshop.id);
  const session = await stores.sessions.create({ workshopId: workshop.id, title: "Bench", panelIds: agenda.map((p) => p.id), createdBy: user.id });
  const poll = agenda[0].polls.find((p) => p.kind === "single")!;
  if (poll.kind !== "single") throw new Error("seed poll changed");
  const options = poll.options.map((o) => o.key);
  const participants = await stores.transaction(async (tx) => {
    const out: string[] = [];
    for (let i = 0; i < N; i++) out.push((await tx.sessions.addParticipant({ sessionId: session.id, role: "participant", displayName: null, sector: Sector.options[i % 6], userId: null })).id);
    return out;
  });
  const sign = async (data: Record<string, unknown>) => {
    const c = await auth.cookies.getSession();
    for (const [k, v] of Object.entries(data)) c.set(k as "userId", v as string);
    return (await auth.cookies.commitSession(c)).split(";")[0];
  };
  const cookies = await Promise.all(participants.map((id) => sign({ participants: { [session.id]: id } })));
  log("fixtures written; opening the poll");
  const facilitator = await connectSock(url, { auth: { sessionId: session.id }, extraHeaders: { cookie: await sign({ userId: user.id }) } });
  for (const [event, payload] of [["session:start", {}], ["poll:open", { pollId: poll.id }], ["poll:project", { pollId: poll.id, projected: true }]] as const) {
    log(`facilitator ${event}`);
    const ack = await emitAck(facilitator, event, payload);
    if (!ack.ok) throw new Error(`${event}: ${ack.error}`);
  }
  log("projector connecting");
  const projector = await connectSock(url, { auth: { sessionId: session.id, projectorKey: session.projectorKey } });
  let finalAt = 0;
  let projected: PollTalliedView | null = null;
  let broadcasts = 0;
  projector.on("poll:tallied", (v: PollTalliedView) => {
    broadcasts++;
    projected = v;
    if (v.tally?.n === N && !finalAt) finalAt = now();
  });

  const before = await server.stats();
  log(`connecting ${N} participants from ${WORKERS} workers`);
  const pool = workers(WORKERS);
  const connect = await connectAll(pool, url, session.id, cookies);
  const afterConnect = await server.stats();
  const real = await vote(pool, cookies, poll.id, options, 0, 0);
  log(`burst done: ${real.acked} acked, ${real.voteFailed} failed; waiting for the final tally`);
  const deadline = Date.now() + 60_000;
  while (!finalAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const afterBurst = await server.stats();
  const run = (await stores.polls.latestRun(session.id, poll.id))!;
  const shown = () => JSON.stringify((projected as PollTalliedView | null)?.tally);
  /** Shown tally = tally of the stored rows, and stored rows = the answers acked, option by option. */
  const exact = async (acked: Record<string, number>) => {
    const stored = await stores.polls.listResponses(run.id);
    const storedChoices: Record<string, number> = {};
    for (const row of stored) {
      const choice = (row.value as { choice: string }).choice;
      storedChoices[choice] = (storedChoices[choice] ?? 0) + 1;
    }
    const sameChoices = options.every((o) => (storedChoices[o] ?? 0) === (acked[o] ?? 0));
    return stored.length === N && sameChoices && shown() === JSON.stringify(tally(poll, stored, { rule: "chatham-house", minCellSize: 5 }));
  };
  const tallyExact = await exact(real.choices);

  // Paced: everyone changes their answer at a random moment within ARRIVAL_MS (latency under a
  // heavy but not instantaneous load), then the projector must show the new exact tally.
  log(`paced phase: ${N} changed answers over ${ARRIVAL_MS} ms`);
  const paced = await vote(pool, cookies, poll.id, options, 1, ARRIVAL_MS);
  let pacedExact = false;
  for (const until = Date.now() + 10_000; !pacedExact && Date.now() < until; ) {
    await new Promise((r) => setTimeout(r, 100));
    pacedExact = await exact(paced.choices);
  }
  await pool.all(() => ({ type: "close" }));
  facilitator.disconnect();
  projector.disconnect();
  await stop(server.child);
  const storeMsPerVote = await measureStore(stores, session.id, agenda.flatMap((p) => p.polls).find((p) => p.id !== poll.id)!.id, participants);
  await storage.close();

  log("bare Socket.io baseline");
  const bareServer = start(["--expose-gc", "--import", "./bench/polls-stats.ts", "bench/polls-bare.ts"], { BENCH_PROFILE_FROM: "1" }, /BARE_PORT (\d+)/);
  const bareUrl = `http://127.0.0.1:${(await bareServer.match)[1]}`;
  const bareCookies = cookies.map(() => "");
  const bareConnect = await connectAll(pool, bareUrl, "bare", bareCookies);
  const bareBefore = await bareServer.stats();
  const bare = await vote(pool, bareCookies, poll.id, options, 0, 0);
  const bareAfter = await bareServer.stats();
  const barePaced = await vote(pool, bareCookies, poll.id, options, 1, ARRIVAL_MS);
  await pool.all(() => ({ type: "close" }));
  await pool.terminate();
  await stop(bareServer.child);

  const r = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
  const bareCpuPerVote = (bareAfter.cpuMs - bareBefore.cpuMs) / N;
  const result = {
    participants: N,
    workers: WORKERS,
    connectSeconds: r(connect.connectSeconds, 2),
    connectFailed: connect.connectFailed,
    acked: real.acked,
    voteFailed: real.voteFailed,
    ackP50Ms: r(real.p50),
    ackP95Ms: r(real.p95),
    ackP99Ms: r(real.p99),
    votesPerSecond: Math.round(real.votesPerSecond),
    bareConnectSeconds: r(bareConnect.connectSeconds, 2),
    bareAckP99Ms: r(bare.p99),
    bareVotesPerSecond: Math.round(bare.votesPerSecond),
    ratioVsBare: r(real.votesPerSecond / bare.votesPerSecond, 2),
    // Server CPU (user + system) per vote, from just before the burst to the final tally (ours) or
    // the last ack (bare): what each vote costs the server, much less swayed by other load on the
    // machine than wall-clock rates are.
    serverCpuMsPerVote: r((afterBurst.cpuMs - afterConnect.cpuMs) / N, 3),
    bareCpuMsPerVote: r(bareCpuPerVote, 3),
    // Store-before-ack alone: PollStore.respondMany of N answers in batches like the server's group
    // commit, on the same SQLite file, in this process. Were everything else of ours free, each vote
    // would still cost the bare server's CPU plus this, hence the ceiling below for ratioVsBare.
    storeMsPerVote: r(storeMsPerVote, 3),
    ratioCeilingWithStore: r(bareCpuPerVote / (bareCpuPerVote + storeMsPerVote), 2),
    arrivalMs: ARRIVAL_MS,
    pacedAckP50Ms: r(paced.p50),
    pacedAckP99Ms: r(paced.p99),
    barePacedAckP99Ms: r(barePaced.p99),
    pacedFailed: paced.voteFailed,
    pacedTallyExact: pacedExact,
    finalTallyLagMs: finalAt ? Math.round(finalAt - real.lastAck) : null,
    tallyBroadcasts: broadcasts,
    tallyExact,
    heapPerParticipantKb: r((afterConnect.heapUsed - before.heapUsed) / N / 1024, 2),
    rssAfterConnectMb: Math.round(afterConnect.rss / 2 ** 20),
    eventLoopP99Ms: afterBurst.loopP99Ms,
    eventLoopMaxMs: afterBurst.loopMaxMs,
    errors: [...new Set([...connect.connectErrors, ...real.voteErrors, ...paced.voteErrors, ...bare.voteErrors, ...barePaced.voteErrors])],
    loadAverage1m: [r(loadAtStart, 2), r(os.loadavg()[0], 2)],
    cpus: os.cpus().length,
  };
  console.table(Object.entries(result).map(([metric, value]) => ({ metric, value: Array.isArray(value) ? value.join("; ") : value })));
  console.log(JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
