/**
 * Event-loop and heap probe for the bench's server processes: answers `stats` and `reset` lines on
 * stdin with one JSON line on stdout. Bench-only; production entries do not load it.
 */
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { createInterface } from "node:readline";

/**
 * Starts the probe; `extra()` adds fields to each stats line (e.g. notes server counters) and `onReset()`
 * runs on each `reset` line (e.g. to start a new window for the server's own histograms).
 */
export function startProbe(extra: () => Record<string, unknown> = () => ({}), onReset: () => void = () => {}): void {
  // 10 ms resolution: fine enough for a p99 target of 100 ms propagation, cheap to run.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let cpuFrom = process.cpuUsage();
  let wallFrom = performance.now();
  createInterface({ input: process.stdin }).on("line", (line) => {
    if (line === "reset") {
      loop.reset();
      onReset();
      cpuFrom = process.cpuUsage();
      wallFrom = performance.now();
    }
    if (line === "stats" || line === "reset") {
      const cpu = process.cpuUsage(cpuFrom);
      // cpuPercent: CPU time of this process since the last reset over wall time (100 = one core).
      const cpuPercent = ((cpu.user + cpu.system) / 1000 / Math.max(1, performance.now() - wallFrom)) * 100;
      const stats = { eventLoopP99Ms: loop.percentile(99) / 1e6, eventLoopMaxMs: loop.max / 1e6, cpuPercent, heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20, ...extra() };
      process.stdout.write(`STATS ${JSON.stringify(stats)}\n`);
    }
  });
}
