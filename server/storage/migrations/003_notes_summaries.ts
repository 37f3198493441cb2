/** Yjs note updates and checkpoints (append-only, see server/notes) and versioned summaries. */
import { sql, type Kysely } from "kysely";
import { binary, MS, serialId, type MigrationFactory } from "./types";

export const notesSummaries: MigrationFactory = (dialect) => ({
  async up(db: Kysely<any>) {
    // `update` is a keyword in both dialects; kysely quotes identifiers, so the column name is safe.
    await serialId(dialect, db.schema.createTable("note_updates"))
      .addColumn("doc_name", "text", (c) => c.notNull())
      .addColumn("update", binary(dialect), (c) => c.notNull())
      .addColumn("created_at", MS, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("note_updates_doc").on("note_updates").columns(["doc_name", "id"]).execute();

    await db.schema
      .createTable("note_checkpoints")
      .addColumn("doc_name", "text", (c) => c.notNull())
      .addColumn("upto_update_id", "bigint", (c) => c.notNull())
      .addColumn("state", binary(dialect), (c) => c.notNull())
      .addColumn("created_at", MS, (c) => c.notNull())
      .addPrimaryKeyConstraint("note_checkpoints_pk", ["doc_name", "upto_update_id"])
      .execute();

    await db.schema
      .createTable("summaries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id"))
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("visibility", "text", (c) => c.notNull().defaultTo("private"))
      .addColumn("published_by", "text", (c) => c.references("users.id"))
      .addColumn("published_at", MS)
      .addColumn("created_at", MS, (c) => c.notNull())
      .addColumn("updated_at", MS, (c) => c.notNull())
      .addUniqueConstraint("summaries_session_version", ["session_id", "version"])
      .addCheckConstraint("summaries_status", sql`status in ('draft', 'published')`)
      .addCheckConstraint("summaries_visibility", sql`visibility in ('private', 'unlisted', 'public')`)
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ["summaries", "note_checkpoints", "note_updates"]) await db.schema.dropTable(t).ifExists().execute();
  },
});
