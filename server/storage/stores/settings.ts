/** Small key/value settings (e.g. the hashed one-time setup token). Values are strings. */
import type { StoreContext } from "./context";

export interface SettingsStore {
  /** The value, or null when unset. */
  get(key: string): Promise<string | null>;
  /** Inserts or replaces. */
  set(key: string, value: string): Promise<void>;
  /** Removes the key; no error when absent. */
  delete(key: string): Promise<void>;
}

export function createSettingsStore({ db }: StoreContext): SettingsStore {
  return {
    async get(key) {
      const r = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
      return r?.value ?? null;
    },
    async set(key, value) {
      await db
        .insertInto("settings")
        .values({ key, value })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
        .execute();
    },
    async delete(key) {
      await db.deleteFrom("settings").where("key", "=", key).execute();
    },
  };
}
