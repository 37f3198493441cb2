/**
 * Runs before `npm run bench:polls` / `bench:notes` / `bench:outcome` (package.json): the poll and
 * notes benches start a real server, which imports the Remix server build (build/index.js). On a
 * fresh clone there is none, and after an edit under app/ it is stale, so a bench would fail with
 * ERR_MODULE_NOT_FOUND or measure old code. This builds first (`npm run build`) when build/index.js
 * is missing or older than any file under app/, remix.config.js or package.json (what `remix build`
 * reads). bench:outcome runs storage and exporters in-process and needs no build, but goes through
 * the same check so all three behave alike.
 *
 * Build output goes to stderr, so a bench's stdout still ends with its one JSON line.
 * Exit codes: 0 when the build is (now) current; 2 when building failed (Remix prints why above,
 * one line here says what to do).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const BUILD = path.join(ROOT, "build/index.js");

/** Newest modification time (epoch ms) of the files under `dir`, recursively; 0 when it does not exist. */
function newestUnder(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestUnder(full));
    else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Why the build must be (re)made, or null when build/index.js is newer than every source. */
function staleReason(root = ROOT): string | null {
  const build = path.join(root, "build/index.js");
  if (!existsSync(build)) return "build/index.js is missing";
  const built = statSync(build).mtimeMs;
  const sources = Math.max(
    newestUnder(path.join(root, "app")),
    ...["remix.config.js", "package.json"].map((f) => (existsSync(path.join(root, f)) ? statSync(path.join(root, f)).mtimeMs : 0)),
  );
  return sources > built ? "build/index.js is older than the sources under app/" : null;
}

const reason = staleReason();
if (reason) {
  console.error(`bench: ${reason}; running \`npm run build\` first.`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["run", "build"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  if (result.status !== 0 || !existsSync(BUILD)) {
    console.error("bench: `npm run build` failed; fix the build (see above), then run the bench again.");
    process.exit(2);
  }
}
