/** A child process spoken to in lines: commands on stdin, replies (text or JSON) on stdout. Bench-only. */
import { spawn, type SpawnOptions } from "node:child_process";
import { createInterface } from "node:readline";

export interface LineProcess {
  sendLine(line: string): void;
  send(msg: object): void;
  /** Next (unconsumed) stdout line matching `pred`; rejects after `timeoutMs` (default 30 s) or on exit. */
  nextLine(pred: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Next JSON line matching `pred`. */
  next(pred: (msg: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  kill(signal?: NodeJS.Signals): void;
  /** Exit code (null when killed by a signal or still running after `timeoutMs`, then SIGKILLed). */
  exited(timeoutMs: number): Promise<number | null>;
}

export function spawnLines(cmd: string, args: string[], opts: SpawnOptions = {}): LineProcess {
  const child = spawn(cmd, args, { ...opts, stdio: ["pipe", "pipe", "pipe"] });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let exitCode: number | null | undefined;
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve((exitCode = code))));
  void exit.then(() => waiters.forEach((w) => w()));
  createInterface({ input: child.stdout! }).on("line", (line) => {
    lines.push(line);
    waiters.forEach((w) => w());
  });
  child.stderr!.on("data", (d: Buffer) => process.stderr.write(d));

  const nextLine = (pred: (line: string) => boolean, timeoutMs = 30_000) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const i = lines.findIndex(pred);
        if (i >= 0) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(lines.splice(i, 1)[0]);
        } else if (exitCode !== undefined) {
          waiters.delete(check);
          clearTimeout(timer);
          reject(new Error(`${args.join(" ")} exited (${exitCode}) before the expected line`));
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for a line from ${args.join(" ")}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    sendLine: (line) => void child.stdin!.write(`${line}\n`),
    send: (msg) => void child.stdin!.write(`${JSON.stringify(msg)}\n`),
    nextLine,
    async next(pred, timeoutMs) {
      const line = await nextLine((l) => {
        if (!l.startsWith("{")) return false;
        try {
          return pred(JSON.parse(l));
        } catch {
          return false;
        }
      }, timeoutMs);
      return JSON.parse(line);
    },
    kill: (signal = "SIGTERM") => void (exitCode === undefined && child.kill(signal)),
    async exited(timeoutMs) {
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}
