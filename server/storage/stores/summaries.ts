/**
 * Summaries: one editable draft per session (version 0) and immutable published versions 1, 2, …
 * A published version's body never changes; only its visibility may (unpublishing a public link
 * must stay possible after the fact).
 */
import type { SummaryBody } from "../../../app/domain/summary/schema";
import type { Rule } from "../../../app/domain/workshop";
import { ConflictError, isUniqueViolation, NotFoundError } from "../errors";
import type { SummariesTable } from "../schema";
import { fromJson, inTransaction, type StoreContext } from "./context";

/** Who may read a published version: staff only, anyone with the link, or listed publicly. */
export type Visibility = "private" | "unlisted" | "public";
export const VISIBILITIES: readonly Visibility[] = ["private", "unlisted", "public"];

/** One stored summary. Times are epoch ms. */
export interface SummaryRecord {
  id: string;
  sessionId: string;
  /** 0 = the draft; published versions count from 1. */
  version: number;
  status: "draft" | "published";
  body: SummaryBody;
  /** Always `private` for the draft. */
  visibility: Visibility;
  /** User id of the publisher; null for the draft. */
  publishedBy: string | null;
  publishedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** Filter of {@link SummaryStore.listPublished}. Every field is optional and they combine with AND. */
export interface PublishedFilter {
  /** Omit for every visibility; public listings pass `["public"]`. */
  visibility?: Visibility[];
  /** Exact region of the workshop. */
  region?: string;
  /** ISO `YYYY-MM-DD`: workshops ending on or after this date. */
  from?: string;
  /** ISO `YYYY-MM-DD`: workshops starting on or before this date. */
  to?: string;
  /** Case-insensitive substring of the workshop title, session title or region. */
  q?: string;
  /** Only summaries containing a poll with this key (the cross-workshop comparison key). */
  pollKey?: string;
}

export interface PublishedEntry {
  record: SummaryRecord;
  workshop: { id: string; title: string; region: string; timeZone: string; rule: Rule };
  /** `startedAt`/`endedAt` epoch ms. */
  session: { id: string; title: string; startedAt: number | null; endedAt: number | null };
}

export interface SummaryStore {
  getDraft(sessionId: string): Promise<SummaryRecord | null>;
  /** Creates or replaces the draft (version 0). `body` must already parse with `SummaryBody`. @throws ConflictError (`reference`) for an unknown session. */
  saveDraft(sessionId: string, body: SummaryBody): Promise<SummaryRecord>;
  /** Stores `body` as the next version (≥ 1) in one transaction. The draft is left as it is. */
  publish(sessionId: string, input: { body: SummaryBody; publishedBy: string; visibility: Visibility; at: number }): Promise<SummaryRecord>;
  /** Published versions, newest first. */
  listVersions(sessionId: string): Promise<SummaryRecord[]>;
  /** A published version (≥ 1), or null. */
  getVersion(sessionId: string, version: number): Promise<SummaryRecord | null>;
  /** Any record (draft or published) by its id, or null. */
  getById(id: string): Promise<SummaryRecord | null>;
  /** The only mutation allowed on a published version. @throws NotFoundError */
  setVisibility(sessionId: string, version: number, visibility: Visibility): Promise<void>;
  latestPublished(sessionId: string): Promise<SummaryRecord | null>;
  /**
   * For each session, its newest published version matching `filter.visibility`, with workshop and
   * session facts; newest publication first.
   */
  listPublished(filter: PublishedFilter): Promise<PublishedEntry[]>;
}

const toRecord = (r: SummariesTable): SummaryRecord => ({
  id: r.id,
  sessionId: r.session_id,
  version: Number(r.version),
  status: r.status,
  body: fromJson<SummaryBody>(r.body),
  visibility: r.visibility,
  publishedBy: r.published_by,
  publishedAt: r.published_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Two publishers racing for the same version number: the loser retries with the next one. */
const PUBLISH_RETRIES = 3;

export function createSummaryStore({ db, now, newId }: StoreContext): SummaryStore {
  const one = async (sessionId: string, version: number) => {
    const r = await db.selectFrom("summaries").selectAll().where("session_id", "=", sessionId).where("version", "=", version).executeTakeFirst();
    return r ? toRecord(r) : null;
  };

  const publishOnce: SummaryStore["publish"] = (sessionId, { body, publishedBy, visibility, at }) =>
    inTransaction(db, async (tx) => {
      const max = await tx
        .selectFrom("summaries")
        .select((eb) => eb.fn.max<number>("version").as("v"))
        .where("session_id", "=", sessionId)
        .executeTakeFirst();
      const row: SummariesTable = {
        id: newId(),
        session_id: sessionId,
        version: Number(max?.v ?? 0) + 1,
        status: "published",
        body: JSON.stringify(body),
        visibility,
        published_by: publishedBy,
        published_at: at,
        created_at: at,
        updated_at: at,
      };
      await tx.insertInto("summaries").values(row).execute();
      return toRecord(row);
    });

  return {
    getDraft: (sessionId) => one(sessionId, 0),
    async saveDraft(sessionId, body) {
      const at = now();
      const json = JSON.stringify(body);
      try {
        await db
          .insertInto("summaries")
          .values({ id: newId(), session_id: sessionId, version: 0, status: "draft", body: json, visibility: "private", published_by: null, published_at: null, created_at: at, updated_at: at })
          .onConflict((oc) => oc.columns(["session_id", "version"]).doUpdateSet({ body: json, updated_at: at }))
          .execute();
      } catch (err) {
        throw new ConflictError("cannot save the draft (unknown session?)", "reference", err);
      }
      return (await one(sessionId, 0))!;
    },
    async publish(sessionId, input) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await publishOnce(sessionId, input);
        } catch (err) {
          if (!isUniqueViolation(err) || attempt >= PUBLISH_RETRIES || db.isTransaction) {
            throw isUniqueViolation(err) ? new ConflictError("version already published", "unique", err) : err;
          }
        }
      }
    },
    async listVersions(sessionId) {
      const rows = await db.selectFrom("summaries").selectAll().where("session_id", "=", sessionId).where("version", ">=", 1).orderBy("version", "desc").execute();
      return rows.map(toRecord);
    },
    getVersion: (sessionId, version) => (version >= 1 ? one(sessionId, version) : Promise.resolve(null)),
    async getById(id) {
      const r = await db.selectFrom("summaries").selectAll().where("id", "=", id).executeTakeFirst();
      return r ? toRecord(r) : null;
    },
    async setVisibility(sessionId, version, visibility) {
      const res = await db
        .updateTable("summaries")
        .set({ visibility, updated_at: now() })
        .where("session_id", "=", sessionId)
        .where("version", "=", version)
        .where("version", ">=", 1)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new NotFoundError("summary version", `${sessionId}@${version}`);
    },
    async latestPublished(sessionId) {
      const r = await db.selectFrom("summaries").selectAll().where("session_id", "=", sessionId).where("version", ">=", 1).orderBy("version", "desc").limit(1).executeTakeFirst();
      return r ? toRecord(r) : null;
    },
    async listPublished(filter) {
      if (filter.visibility && filter.visibility.length === 0) return [];
      const rows = await db
        .selectFrom("summaries as m")
        .innerJoin("sessions as s", "s.id", "m.session_id")
        .innerJoin("workshops as w", "w.id", "s.workshop_id")
        .selectAll("m")
        .select(["w.id as w_id", "w.title as w_title", "w.region as w_region", "w.time_zone as w_tz", "w.rule as w_rule"])
        .select(["s.title as s_title", "s.started_at as s_started", "s.ended_at as s_ended"])
        .where("m.version", ">=", 1)
        .$if(!!filter.visibility, (q) => q.where("m.visibility", "in", filter.visibility!))
        .$if(!!filter.region, (q) => q.where("w.region", "=", filter.region!))
        .$if(!!filter.from, (q) => q.where("w.ends_on", ">=", filter.from!))
        .$if(!!filter.to, (q) => q.where("w.starts_on", "<=", filter.to!))
        .orderBy("m.session_id")
        .orderBy("m.version", "desc")
        .execute();
      const needle = filter.q?.trim().toLocaleLowerCase();
      const seen = new Set<string>();
      const out: PublishedEntry[] = [];
      for (const r of rows) {
        // Rows are newest version first per session: keep the first match only.
        if (seen.has(r.session_id)) continue;
        if (needle && ![r.w_title, r.s_title, r.w_region].some((t) => t.toLocaleLowerCase().includes(needle))) continue;
        const record = toRecord(r);
        if (filter.pollKey && !record.body.panels.some((p) => p.polls.some((poll) => poll.key === filter.pollKey))) continue;
        seen.add(r.session_id);
        out.push({
          record,
          workshop: { id: r.w_id, title: r.w_title, region: r.w_region, timeZone: r.w_tz, rule: r.w_rule as Rule },
          session: { id: r.session_id, title: r.s_title, startedAt: r.s_started, endedAt: r.s_ended },
        });
      }
      return out.sort((a, b) => (b.record.publishedAt ?? 0) - (a.record.publishedAt ?? 0) || (a.record.id < b.record.id ? -1 : 1));
    },
  };
}
