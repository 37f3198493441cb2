/** Writing output files safely: to a temporary sibling first, then renamed, so a failed export never leaves half a file. */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CliError, RefusedError } from "./io";

/** Writes `data` to `file` atomically (same directory rename). @throws CliError on I/O errors. */
export function writeOutput(file: string, data: string | Uint8Array): number {
  const target = path.resolve(file);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new CliError(`cannot write ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
}

/** The `--force` option of commands that write files, and its schema field (false when absent). */
export const FORCE_OPTION = { force: { type: "boolean" } } as const;

/**
 * Refuses to overwrite files that exist, unless `force`: checked before any work, so nothing is
 * written (like `template-import` without `--replace`).
 * @throws RefusedError (exit code 2) naming every existing file.
 */
export function refuseOverwrite(files: (string | undefined)[], force: boolean | undefined): void {
  if (force) return;
  const existing = files.filter((f): f is string => !!f && existsSync(path.resolve(f)));
  if (existing.length) throw new RefusedError(`${existing.join(", ")} already exists: nothing was written. Run again with --force to overwrite it, or choose another file.`);
}
