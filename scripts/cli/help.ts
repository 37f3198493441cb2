/** The `help` text (also shown, on stderr, after a usage error). */
export const HELP = `Roundtable command line (same DATA_DIR / DATABASE_URL as the app)

Usage: npm run roundtable -- <command> [options]

Commands:
  export-summary --session <id> [--version N] --format docx|pdf|md|html|json|csv [--lang en|fr] --out <file> [--force]
      Export a published summary version (default: the latest). json/csv = the research dataset.
      --lang sets the language of labels, numbers and dates (default en); notes stay as written.
  export-dataset (--workshop <id> [--workshop <id>...] | --all) --out <file.json> [--csv <file.csv>] [--force]
                 [--visibility public,unlisted,private]
      Dataset of the latest published version of each session (default: every visibility).
  template-import <file.json|yaml> [--replace]
      Validate a template file and store it by its key. Prints every problem as
      file:line:col: path: message and exits with 1 when the file is invalid.
      A different template already stored under the same key is kept (exit 2)
      unless --replace is given.
  template-export --key <key> --out <file.json|yaml> [--force]
      Write a stored template as JSON (or YAML for .yaml/.yml).
  help
      Show this text.

An existing --out (or --csv) file is never overwritten without --force (exit 2, nothing written).

Exit codes: 0 done, 1 the command failed, 2 usage error or refused overwrite.
`;
