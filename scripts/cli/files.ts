/** Writing output files safely: to a temporary sibling first, then renamed, so a failed export never leaves half a file. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CliError } from "./io";

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
