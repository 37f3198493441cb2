/** What CLI commands need from the outside world, injectable so commands are testable in-process. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether stderr is an interactive terminal (progress bars only then). */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  now(): number;
}

export const processIo = (): CliIo => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: process.stderr.isTTY === true,
  env: process.env,
  now: Date.now,
});

/**
 * Exit codes: 0 done, 1 the command failed (not found, invalid file, I/O), 2 the command line was
 * wrong, or it would overwrite stored data or a file without the flag that allows it
 * (`template-import --replace`, `--force` for an existing `--out` file).
 */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A command-line mistake: printed with a hint to `help`, exit code 2. */
export class UsageError extends Error {
  name = "UsageError";
}

/** The command would overwrite something (a file given to --out) without the flag that allows it: exit code 2. */
export class RefusedError extends Error {
  name = "RefusedError";
}

/** A failure the user can act on (unknown session, invalid template): printed without a stack, exit code 1. */
export class CliError extends Error {
  name = "CliError";
}

/**
 * Parses `argv` with node's strict `parseArgs`, then validates the values with `schema`.
 * @throws UsageError for unknown options, missing values or values the schema rejects (message lists each).
 */
export function parseCommand<S extends z.ZodType>(argv: string[], options: NonNullable<ParseArgsConfig["options"]>, schema: S, allowPositionals = false): z.infer<S> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals }) as typeof parsed;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message.replace(/\. To specify a positional.*$/s, "") : String(err));
  }
  const result = schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!result.success) {
    throw new UsageError(result.error.issues.map((i) => `${i.path.length ? `--${i.path.join(".")}` : "arguments"}: ${i.message}`).join("\n"));
  }
  return result.data;
}
