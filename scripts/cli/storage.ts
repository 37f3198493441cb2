/** Opens the same storage as the app (DATA_DIR / DATABASE_URL from the environment). */
import { parseEnv } from "../../server/config/env";
import { createDatabase, createStores, type Stores } from "../../server/storage";
import type { CliIo } from "./io";
import { CliError } from "./io";

/**
 * Runs `fn` with the stores and closes the database afterwards (also on errors).
 * @throws CliError when the environment is invalid or the database cannot be opened.
 */
export async function withStores<T>(io: CliIo, fn: (stores: Stores) => Promise<T>): Promise<T> {
  let env;
  try {
    env = parseEnv(io.env);
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
  const storage = await createDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: env.sqlitePath }).catch((err: unknown) => {
    throw new CliError(`cannot open the database: ${err instanceof Error ? err.message : String(err)}`);
  });
  try {
    return await fn(createStores(storage));
  } finally {
    await storage.close();
  }
}
