/**
 * `PollStore.respondMany`: many answers in ONE transaction (group commit). Rules as in
 * `PollStore.respond`, applied in array order: one row per (run, participant), backed by the
 * unique constraint (rows are written with an upsert on it); a repeated `responseId` changes
 * nothing; the run must be open (read first; Postgres `FOR SHARE`, and existing rows `FOR UPDATE`).
 * Reads and writes go in chunks of multi-row statements, so a 10,000-answer burst is a few dozen
 * statements, not 20,000.
 */
import { CompiledQuery, sql, type RawBuilder, type SqlBool } from "kysely";
import type { ResponseValue } from "../../../app/domain/polls";
import type { Sector } from "../../../app/domain/workshop";
import { canonicalJson, fromJson, inTransaction, type StoreContext } from "./context";
import type { ResponseWrite, ResponseWriteResult } from "./polls";

/**
 * Rows per multi-row statement in `respondMany`: 512 rows × 8 columns = 4,096 bound parameters, far
 * under SQLite's 32,766 and Postgres' 65,535, and short enough statements to prepare quickly.
 */
const WRITE_CHUNK = 512;

/** The columns of a stored answer, in the order of `upsertSql`'s placeholders. */
const UPSERT_COLUMNS = ["id", "poll_run_id", "participant_id", "response_id", "value", "sector", "created_at", "updated_at"] as const;

const upsertTexts = new Map<string, string>();
/**
 * The upsert of `rows` answers as SQL text (`?` for SQLite, `$n` for Postgres). Written out rather
 * than through Kysely's builder: building and compiling 8 nodes per row was ~10% of the server's CPU
 * in a 10,000-answer burst (bench:polls profile). Texts for a power of two of rows are kept (at most
 * 10 per dialect): on SQLite every chunk is one (see `powerOfTwoChunks`), so the driver's statement
 * cache (db.ts) holds each prepared once; Postgres prepares per statement anyway and gets fewer,
 * larger chunks, its remainder's text built each time.
 */
function upsertSql(dialect: StoreContext["dialect"], rows: number): string {
  const key = `${dialect}:${rows}`;
  let text = upsertTexts.get(key);
  if (text) return text;
  const keep = (rows & (rows - 1)) === 0;
  let n = 0;
  const slot = () => (dialect === "postgres" ? `$${++n}` : "?");
  const tuples = Array.from({ length: rows }, () => `(${UPSERT_COLUMNS.map(slot).join(", ")})`);
  text =
    `insert into "responses" (${UPSERT_COLUMNS.map((c) => `"${c}"`).join(", ")}) values ${tuples.join(", ")} ` +
    `on conflict ("poll_run_id", "participant_id") do update set "response_id" = excluded."response_id", ` +
    `"value" = excluded."value", "sector" = excluded."sector", "updated_at" = excluded."updated_at"`;
  if (keep) upsertTexts.set(key, text);
  return text;
}

/** `items` cut into chunks of WRITE_CHUNK, then the rest into descending powers of two (700 → 512, 128, 32, 16, 8, 4). */
function powerOfTwoChunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  let i = 0;
  for (let size = WRITE_CHUNK; size >= 1; size /= 2) {
    while (items.length - i >= size) {
      out.push(items.slice(i, i + size));
      i += size;
    }
  }
  return out;
}

/**
 * `column IN (…ids)` with the ids bound as ONE JSON parameter (SQLite `json_each`, Postgres
 * `jsonb_array_elements_text`). Kysely's `where(col, "in", ids)` builds and compiles one node per id:
 * in the 4,000-vote bench profile that was ~15% of the server's CPU during the burst.
 */
const inIds = (dialect: StoreContext["dialect"], column: string, ids: readonly string[]): RawBuilder<SqlBool> =>
  dialect === "postgres"
    ? sql<SqlBool>`${sql.ref(column)} in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`
    : sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(ids)}))`;

const chunks = <T>(items: readonly T[], size = WRITE_CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** One row per (run, participant) touched by a batch: its state as the batch goes. */
interface Row {
  runId: string;
  participantId: string;
  responseId: string;
  json: string;
  sector: Sector | null;
  /** The row as stored before the batch (null: no row yet). */
  stored: { json: string; sector: Sector | null; updatedAt: number } | null;
  dirty: boolean;
}

/** Builds {@link PollStore.respondMany} over `db` (see the file comment for its rules). */
export function createRespondMany({ db, dialect, now, newId }: Pick<StoreContext, "db" | "dialect" | "now" | "newId">) {
  return (writes: readonly ResponseWrite[]): Promise<ResponseWriteResult[]> =>
    inTransaction(db, async (tx) => {
      if (writes.length === 0) return [];
      const runIds = [...new Set(writes.map((w) => w.runId))];
      const runs = new Map<string, string>();
      for (const ids of chunks(runIds)) {
        const found = await tx.selectFrom("poll_runs").select(["id", "state"]).where(inIds(dialect, "id", ids)).$if(dialect === "postgres", (q) => q.forShare()).execute();
        for (const r of found) runs.set(r.id, r.state);
      }
      const key = (runId: string, participantId: string) => `${runId}\u0000${participantId}`;
      const rows = new Map<string, Row>();
      const wanted = new Map<string, Set<string>>();
      for (const w of writes) if (runs.get(w.runId) === "open") (wanted.get(w.runId) ?? wanted.set(w.runId, new Set()).get(w.runId)!).add(w.participantId);
      for (const [runId, people] of wanted) {
        for (const ids of chunks([...people])) {
          const existing = await tx
            .selectFrom("responses")
            .select(["participant_id", "response_id", "value", "sector", "updated_at"])
            .where("poll_run_id", "=", runId)
            .where(inIds(dialect, "participant_id", ids))
            .$if(dialect === "postgres", (q) => q.forUpdate())
            .execute();
          for (const e of existing) {
            const sector = e.sector as Sector | null;
            rows.set(key(runId, e.participant_id), {
              runId, participantId: e.participant_id, responseId: e.response_id, json: e.value, sector,
              stored: { json: e.value, sector, updatedAt: Number(e.updated_at) }, dirty: false,
            });
          }
        }
      }
      const results: ResponseWriteResult[] = writes.map((w) => {
        const state = runs.get(w.runId);
        if (state === undefined) return { ok: false, error: "not-found" };
        if (state !== "open") return { ok: false, error: "closed" };
        const json = canonicalJson(w.value);
        const k = key(w.runId, w.participantId);
        const row = rows.get(k);
        if (!row) {
          rows.set(k, { runId: w.runId, participantId: w.participantId, responseId: w.responseId, json, sector: w.sector, stored: null, dirty: true });
          return { ok: true, changed: true, before: null };
        }
        if (row.responseId === w.responseId) return { ok: true, changed: false, before: null };
        const changed = row.json !== json || row.sector !== w.sector;
        const before = changed ? { value: fromJson<ResponseValue>(row.json), sector: row.sector } : null;
        Object.assign(row, { responseId: w.responseId, json, sector: w.sector, dirty: true });
        return { ok: true, changed, before };
    });
      const at = now();
      const dirty = [...rows.values()].filter((r) => r.dirty);
      // SQLite: a few cached statement shapes; Postgres: fewest round trips (one per WRITE_CHUNK rows).
      for (const part of dialect === "sqlite" ? powerOfTwoChunks(dirty) : chunks(dirty)) {
        const parameters: unknown[] = [];
        for (const r of part) {
          // Like `respond`: the time moves only when the answer itself changed, not for a new responseId alone.
          const updatedAt = r.stored && r.stored.json === r.json && r.stored.sector === r.sector ? r.stored.updatedAt : at;
          parameters.push(newId(), r.runId, r.participantId, r.responseId, r.json, r.sector, at, updatedAt);
        }
        await tx.executeQuery(CompiledQuery.raw(upsertSql(dialect, part.length), parameters));
      }
      return results;
    });
}
