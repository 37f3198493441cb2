/**
 * Poll burst benchmark: `npm run bench:polls -- --participants N [--workers W] [--concurrency C]`.
 *
 * 1. Starts a real server process (`tsx server/index.ts`, fresh data dir) with bench/polls-stats.ts
 *    preloaded (SIGUSR2 → heap and event-loop stats on stdout; nothing exposed on the network).
 * 2. Fixtures are written straight into its SQLite file through the stores — including the N
 *    participants, whose cookies are signed with the server's secret. Joining 10k people through
 *    POST /j/<code> would measure the join route (and its per-join event-log write), not polls.
 * 3. N participants connect over websocket from W worker threads; the facilitator opens and projects
 *    one poll; a projector client watches `poll:tallied`; everyone votes in one burst.
 * 4. Same N clients against a bare Socket.io server that only acks (bench/polls-bare.ts).
 * Prints a table and, as the last line, one JSON object with the figures.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
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

/** Connects `cookies` across the workers, votes in one burst, and returns the merged figures. */
async function burst(pool: ReturnType<typeof workers>, url: string, sessionId: string, cookies: string[], pollId: string, options: string[], between?: () => Promise<void>) {
  const t0 = now();
  const connected = await pool.all<Extract<FromWorker, { type: "connected" }>>((i) => ({ type: "connect", url, sessionId, cookies: share(cookies, i, WORKERS), concurrency: CONCURRENCY }));
  const connectSeconds = (now() - t0) / 1000;
  const connectFailed = connected.reduce((a, c) => a + c.failed, 0);
  await between?.();
  let offset = 0;
  const voted = await pool.all<Extract<FromWorker, { type: "voted" }>>((i) => ({ type: "vote", pollId, options, offset: (offset += i === 0 ? 0 : share(cookies, i - 1, WORKERS).length) }));
  const latencies = voted.flatMap((v) => v.latencies).sort((a, b) => a - b);
  const firstEmit = Math.min(...voted.map((v) => v.firstEmit));
  const lastAck = Math.max(...voted.map((v) => v.lastAck));
  return {
    connectSeconds,
    connectFailed,
    connectErrors: connected.flatMap((c) => c.errors),
    acked: latencies.length,
    voteFailed: voted.reduce((a, v) => a + v.failed, 0),
    voteErrors: voted.flatMap((v) => v.errors),
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    p99: pct(latencies, 99),
    votesPerSecond: latencies.length / ((lastAck - firstEmit) / 1000),
    lastAck,
  };
}

async function main() {
  // The machine is shared: the 1-minute load average is part of every figure.
  const loadAtStart = os.loadavg()[0];
  const secret = randomBytes(48).toString("base64url");
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile our server (as bench/notes.ts).
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const server = start([...extra, "--expose-gc", "--import", "./bench/polls-stats.ts", "server/index.ts"], { PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, SESSION_SECRET: secret, LOG_LEVEL: "warn", NODE_ENV: "production" }, /Roundtable is running at (\S+)/);
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
  let afterConnect = before;
  const real = await burst(pool, url, session.id, cookies, poll.id, options, async () => void (afterConnect = await server.stats()));
  log(`burst done: ${real.acked} acked, ${real.voteFailed} failed; waiting for the final tally`);
  const deadline = Date.now() + 60_000;
  while (!finalAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const afterBurst = await server.stats();
  const run = (await stores.polls.latestRun(session.id, poll.id))!;
  const stored = await stores.polls.listResponses(run.id);
  const expected = tally(poll, stored, { rule: "chatham-house", minCellSize: 5 });
  const tallyExact = stored.length === N && JSON.stringify((projected as PollTalliedView | null)?.tally) === JSON.stringify(expected);
  await pool.all(() => ({ type: "close" }));
  facilitator.disconnect();
  projector.disconnect();
  await storage.close();
  await stop(server.child);

  log("bare Socket.io baseline");
  const bareServer = start(["--expose-gc", "--import", "./bench/polls-stats.ts", "bench/polls-bare.ts"], {}, /BARE_PORT (\d+)/);
  const bareUrl = `http://127.0.0.1:${(await bareServer.match)[1]}`;
  let bareBefore = { cpuMs: 0 };
  const bare = await burst(pool, bareUrl, "bare", cookies.map(() => ""), poll.id, options, async () => void (bareBefore = await bareServer.stats()));
  const bareAfter = await bareServer.stats();
  await pool.all(() => ({ type: "close" }));
  await pool.terminate();
  await stop(bareServer.child);

  const r = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
  const result = {
    participants: N,
    workers: WORKERS,
    connectSeconds: r(real.connectSeconds, 2),
    connectFailed: real.connectFailed,
    acked: real.acked,
    voteFailed: real.voteFailed,
    ackP50Ms: r(real.p50),
    ackP95Ms: r(real.p95),
    ackP99Ms: r(real.p99),
    votesPerSecond: Math.round(real.votesPerSecond),
    bareConnectSeconds: r(bare.connectSeconds, 2),
    bareAckP99Ms: r(bare.p99),
    bareVotesPerSecond: Math.round(bare.votesPerSecond),
    ratioVsBare: r(real.votesPerSecond / bare.votesPerSecond, 2),
    // Server CPU (user + system) per vote, from just before the burst to the final tally (ours) or
    // the last ack (bare): what each vote costs the server, much less swayed by other load on the
    // machine than wall-clock rates are.
    serverCpuMsPerVote: r((afterBurst.cpuMs - afterConnect.cpuMs) / N, 3),
    bareCpuMsPerVote: r((bareAfter.cpuMs - bareBefore.cpuMs) / N, 3),
    finalTallyLagMs: finalAt ? Math.round(finalAt - real.lastAck) : null,
    tallyBroadcasts: broadcasts,
    tallyExact,
    heapPerParticipantKb: r((afterConnect.heapUsed - before.heapUsed) / N / 1024, 2),
    rssAfterConnectMb: Math.round(afterConnect.rss / 2 ** 20),
    eventLoopP99Ms: afterBurst.loopP99Ms,
    eventLoopMaxMs: afterBurst.loopMaxMs,
    errors: [...new Set([...real.connectErrors, ...real.voteErrors, ...bare.voteErrors])],
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
