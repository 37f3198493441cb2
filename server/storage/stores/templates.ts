/** Reusable agendas. Seeding calls `upsert` at every boot, so it must be cheap and idempotent. */
import { createHash } from "node:crypto";
import type { Template } from "../../../app/domain/template";
import type { TemplatesTable } from "../schema";
import { canonicalJson, fromJson, inTransaction, type StoreContext } from "./context";

/** A stored template. Times in epoch ms. */
export interface TemplateRecord {
  id: string;
  key: string;
  title: string;
  body: Template;
  /** sha256 hex of the canonical JSON of `{title, body}`. */
  contentHash: string;
  createdAt: number;
  updatedAt: number;
}

export interface TemplateStore {
  /**
   * Inserts or updates by `key`. Same content (by hash) → no write and `changed: false`.
   * `body` must already be parsed with the `Template` schema.
   */
  upsert(input: { key: string; title: string; body: Template }): Promise<{ template: TemplateRecord; changed: boolean }>;
  /**
   * Inserts a template under a new `key`; never touches an existing row (imports use this, so a
   * seeded or earlier template is never overwritten). `created`: stored now; `unchanged`: the key holds
   * this very content already (no write); `taken`: the key holds other content (no write).
   */
  insertNew(input: { key: string; title: string; body: Template }): Promise<{ template: TemplateRecord; outcome: "created" | "unchanged" | "taken" }>;
  /** All templates, by title. */
  list(): Promise<TemplateRecord[]>;
  get(id: string): Promise<TemplateRecord | null>;
  getByKey(key: string): Promise<TemplateRecord | null>;
}

const toRecord = (r: TemplatesTable): TemplateRecord => ({
  id: r.id,
  key: r.key,
  title: r.title,
  body: fromJson<Template>(r.body),
  contentHash: r.content_hash,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The kysely-backed {@link TemplateStore}. */
export function createTemplateStore({ db, now, newId }: StoreContext): TemplateStore {
  const getByKey = async (key: string, q = db) => {
    const r = await q.selectFrom("templates").selectAll().where("key", "=", key).executeTakeFirst();
    return r ? toRecord(r) : null;
  };
  const hashOf = (title: string, body: Template) => createHash("sha256").update(canonicalJson({ title, body })).digest("hex");
  /** Inserts a new row unless `key` is taken (then does nothing); the row, and whether it was stored. */
  const insertIfAbsent = async (key: string, title: string, body: Template, hash: string, q = db) => {
    const at = now();
    const row: TemplatesTable = { id: newId(), key, title, body: JSON.stringify(body), content_hash: hash, created_at: at, updated_at: at };
    const inserted = await q.insertInto("templates").values(row).onConflict((oc) => oc.column("key").doNothing()).returning("id").executeTakeFirst();
    return { row: toRecord(row), inserted: Boolean(inserted) };
  };
  return {
    async upsert({ key, title, body }) {
      const hash = hashOf(title, body);
      return inTransaction(db, async (tx) => {
        const existing = await getByKey(key, tx);
        if (existing && existing.contentHash === hash) return { template: existing, changed: false };
        const at = now();
        if (existing) {
          await tx
            .updateTable("templates")
            .set({ title, body: JSON.stringify(body), content_hash: hash, updated_at: at })
            .where("id", "=", existing.id)
            .execute();
          return { template: { ...existing, title, body, contentHash: hash, updatedAt: at }, changed: true };
        }
        // Two processes seeding at once: the loser's insert does nothing and it reads the winner's row.
        const { row, inserted } = await insertIfAbsent(key, title, body, hash, tx);
        return inserted ? { template: row, changed: true } : { template: (await getByKey(key, tx))!, changed: false };
      });
    },
    async insertNew({ key, title, body }) {
      const hash = hashOf(title, body);
      const { row, inserted } = await insertIfAbsent(key, title, body, hash);
      if (inserted) return { template: row, outcome: "created" };
      const existing = (await getByKey(key))!;
      return { template: existing, outcome: existing.contentHash === hash ? "unchanged" : "taken" };
    },
    async list() {
      const rows = await db.selectFrom("templates").selectAll().orderBy("title").orderBy("key").execute();
      return rows.map(toRecord);
    },
    async get(id) {
      const r = await db.selectFrom("templates").selectAll().where("id", "=", id).executeTakeFirst();
      return r ? toRecord(r) : null;
    },
    getByKey: (key) => getByKey(key),
  };
}
