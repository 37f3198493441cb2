/**
 * The bench's "ours" server: the real Roundtable composition (createRoundtable: Express, Remix, Socket.io,
 * notes server persisting every update to SQLite) plus the stats probe. Env as for server/index.ts.
 * Prints `LISTENING <url>`; SIGTERM closes gracefully (flush, checkpoints) and exits 0.
 */
import { parseEnv } from "../server/config/env";
import { createLogger } from "../server/config/logger";
import { createRoundtable } from "../server/app";
import { startProbe } from "./server-probe";

const env = parseEnv();
const app = await createRoundtable(env, createLogger(env.LOG_LEVEL));
await app.listen();
startProbe(
  () => ({ notes: app.notes.stats() }),
  () => app.notes.resetCommitWait(),
);
process.stdout.write(`LISTENING ${app.baseUrl()}\n`);
process.on("SIGTERM", () => {
  void app.close().then(() => process.exit(0), () => process.exit(1));
});
