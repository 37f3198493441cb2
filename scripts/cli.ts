/**
 * Roundtable CLI entry: `npm run roundtable -- <command> [options]` (see scripts/cli/help.ts).
 * Only dispatches; each command parses its own options with zod and returns an exit code.
 */
import { exportDataset } from "./cli/export-dataset";
import { exportSummary } from "./cli/export-summary";
import { HELP } from "./cli/help";
import { CliError, EXIT, processIo, RefusedError, UsageError, type CliIo } from "./cli/io";
import { templateExport, templateImport } from "./cli/templates";

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  "export-summary": exportSummary,
  "export-dataset": exportDataset,
  "template-import": templateImport,
  "template-export": templateExport,
  help: async (_argv, io) => {
    io.out(HELP);
    return EXIT.ok;
  },
};

/** Runs one command line; never throws (errors become messages and exit codes). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === "--help" || name === "-h" ? COMMANDS.help : name ? COMMANDS[name] : undefined;
  try {
    if (!command) throw new UsageError(name ? `unknown command "${name}"` : "no command given");
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`roundtable ${name ?? ""}: ${err.message}\nRun "npm run roundtable -- help" for usage.\n`);
      return EXIT.usage;
    }
    if (err instanceof RefusedError) {
      io.err(`roundtable ${name}: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof CliError) {
      io.err(`roundtable ${name}: ${err.message}\n`);
      return EXIT.failed;
    }
    io.err(`roundtable ${name}: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.failed;
  }
}

process.exitCode = await main(process.argv.slice(2), processIo());
