/**
 * Preloaded into the server process by `bench/polls.ts` only (`tsx --expose-gc --import
 * ./bench/polls-stats.ts server/index.ts`): on SIGUSR2 it prints one line
 * `BENCH_STATS {"heapUsed":…,"rss":…,"loopP50Ms":…,"loopP99Ms":…,"loopMaxMs":…,"cpuMs":…}` to stdout
 * (`cpuMs`: the process's user + system CPU time so far) and resets the event-loop histogram. Nothing is exposed over the network, and a normal start never
 * loads this file.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";

// 10 ms sampling resolution: fine enough for a p99 in the tens of ms, negligible overhead.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

/**
 * BENCH_PROFILE_DIR set: a CPU profile from the BENCH_PROFILE_FROM-th stats request to the next one
 * (the burst only, not connects or shutdown) is written there as `<pid>.cpuprofile` (open it in
 * Chrome DevTools or speedscope).
 */
const profileDir = process.env.BENCH_PROFILE_DIR;
const profileFrom = Number(process.env.BENCH_PROFILE_FROM ?? 0);
const inspector = profileDir ? new Session() : null;
/** BENCH_PROFILE_KIND=heap: a sampling heap profile (allocations, 4 KiB interval) instead of CPU. */
const heap = process.env.BENCH_PROFILE_KIND === "heap";
let requests = 0;
function toggleProfile() {
  if (!inspector) return;
  requests++;
  if (requests === profileFrom) {
    inspector.connect();
    if (heap) inspector.post("HeapProfiler.startSampling", { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    // 250 µs sampling: a burst lasts about a second, so ~4,000 samples.
    else inspector.post("Profiler.enable", () => inspector.post("Profiler.setSamplingInterval", { interval: 250 }, () => inspector.post("Profiler.start")));
  } else if (requests === profileFrom + 1) {
    const write = (name: string, data: unknown) => writeFileSync(path.join(profileDir!, `${process.pid}.${name}`), JSON.stringify(data));
    if (heap) {
      inspector.post("HeapProfiler.stopSampling", (err, res) => {
        if (!err) write("heapprofile", res.profile);
        inspector.disconnect();
      });
    } else {
      inspector.post("Profiler.stop", (err, res) => {
        if (!err) write("cpuprofile", res.profile);
        inspector.disconnect();
      });
    }
  }
}

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
  toggleProfile();
});
