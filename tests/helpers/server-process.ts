/**
 * Starts a real Roundtable process (`tsx server/index.ts`) on a free port with a fresh data dir,
 * and reads its URL and first-run setup link from stdout. Used by e2e global setup and by
 * integration tests that need a separate process (crash/restart tests, benchmarks).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  setupUrl: string | null;
  dataDir: string;
  /** Collected stdout+stderr, for failure messages. */
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const ROOT = path.resolve(import.meta.dirname, "../..");

/** @throws when the process exits or prints no URL within `timeoutMs` (default 60 s: first build load is slow on 2 cores). */
export async function startServerProcess(opts: { env?: Record<string, string>; dataDir?: string; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), "rt-data-"));
  // Node itself with tsx's loader, not the tsx CLI: the CLI runs the server as a grandchild, which a
  // SIGKILL to the CLI leaves running (an orphaned server after every killed test).
  // The exit-with-parent preload ends the server when this test process dies (its stdin pipe closes).
  const child = spawn(process.execPath, ["--import", "tsx", "--import", "./tests/helpers/exit-with-parent.ts", "server/index.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", NODE_ENV: "production", ...opts.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Never leave a half-started server behind.
      child.kill("SIGKILL");
      reject(new Error(`server did not start in time:\n${out}`));
    }, opts.timeoutMs ?? 60_000);
    const check = () => {
      const m = /Roundtable is running at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  // The setup line is printed right after the URL line.
  await new Promise((r) => setTimeout(r, 50));
  const setupUrl = /create the organiser account at (\S+)/.exec(out)?.[1] ?? null;
  return {
    child,
    baseUrl,
    setupUrl,
    dataDir,
    output: () => out,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}
