/**
 * Preloaded into the server process by `bench/polls.ts` only (`tsx --expose-gc --import
 * ./bench/polls-stats.ts server/index.ts`): on SIGUSR2 it prints one line
 * `BENCH_STATS {"heapUsed":…,"rss":…,"loopP50Ms":…,"loopP99Ms":…,"loopMaxMs":…,"cpuMs":…}` to stdout
 * (`cpuMs`: the process's user + system CPU time so far) and resets the event-loop histogram. Nothing is exposed over the network, and a normal start never
 * loads this file.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";

// 10 ms sampling resolution: fine enough for a p99 in the tens of ms, negligible overhead.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

process.on("SIGUSR2", () => {
  // CPU time (user + system) before the forced GC below, so that GC is not counted in a difference.
  const cpu = process.cpuUsage();
  // A full GC first so heap figures compare live objects, not garbage awaiting collection.
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const stats = { heapUsed: mem.heapUsed, rss: mem.rss, loopP50Ms: ms(loop.percentile(50)), loopP99Ms: ms(loop.percentile(99)), loopMaxMs: ms(loop.max), cpuMs: (cpu.user + cpu.system) / 1000 };
  loop.reset();
  process.stdout.write(`BENCH_STATS ${JSON.stringify(stats)}\n`);
});
