/**
 * Process entry: parse the environment, compose the app, listen, print the URL (and the one-time
 * setup link on first start, and a notice when the URL is a loopback address phones cannot open),
 * stop gracefully on SIGINT/SIGTERM.
 */
import { parseEnv, EnvError } from "./config/env";
import { createLogger } from "./config/logger";
import { loopbackNotice } from "./config/public-url";
import { createRoundtable } from "./app";

async function main() {
  let env;
  try {
    env = parseEnv();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const logger = createLogger(env.LOG_LEVEL);
  let app;
  try {
    app = await createRoundtable(env, logger);
  } catch (err) {
    // A combination of settings that cannot work (e.g. REDIS_URL without Postgres): same exit as a bad variable.
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const port = await app.listen();
  const url = app.baseUrl();
  logger.info({ url, storage: app.storage.dialect }, "Roundtable listening");
  // Plain lines as well as JSON logs: these are for the person who just ran `npm start`.
  console.log(`\nRoundtable is running at ${url}`);
  const setupToken = await app.auth.issueSetupToken();
  if (setupToken) console.log(`First run: create the organiser account at ${url}/setup?token=${setupToken}\n`);
  const notice = await loopbackNotice(url, port);
  if (notice) {
    logger.warn({ url, publicUrlSet: env.PUBLIC_URL !== undefined }, "join links use a loopback address: phones cannot open them (set HOST and PUBLIC_URL)");
    console.log(`${notice}\n`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // A hard deadline so a stuck connection cannot keep the process alive forever (10 s).
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    try {
      await app.close();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
