/** Accounts, settings, templates and workshops with their agenda, members and invitations. */
import { sql, type Kysely } from "kysely";
import { MS, type MigrationFactory } from "./types";

export const accountsAgenda: MigrationFactory = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("email", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("password_hash", "text", (c) => c.notNull())
      .addColumn("created_at", MS, (c) => c.notNull())
      // Lower-casing happens in the store; the check makes a forgotten lower() fail loudly.
      .addCheckConstraint("users_email_lower", sql`email = lower(email)`)
      .execute();

    await db.schema
      .createTable("settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("templates")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("key", "text", (c) => c.notNull().unique())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("content_hash", "text", (c) => c.notNull())
      .addColumn("created_at", MS, (c) => c.notNull())
      .addColumn("updated_at", MS, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("workshops")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("template_id", "text", (c) => c.references("templates.id").onDelete("set null"))
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("region", "text", (c) => c.notNull())
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addColumn("starts_on", "text", (c) => c.notNull())
      .addColumn("ends_on", "text", (c) => c.notNull())
      .addColumn("rule", "text", (c) => c.notNull())
      .addColumn("min_cell_size", "integer", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
      .addColumn("created_at", MS, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("workshop_members")
      .addColumn("workshop_id", "text", (c) => c.notNull().references("workshops.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
      .addColumn("role", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("workshop_members_pk", ["workshop_id", "user_id"])
      .execute();
    await db.schema.createIndex("workshop_members_user").on("workshop_members").column("user_id").execute();

    await db.schema
      .createTable("invitations")
      .addColumn("token", "text", (c) => c.primaryKey())
      .addColumn("workshop_id", "text", (c) => c.notNull().references("workshops.id").onDelete("cascade"))
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
      .addColumn("created_at", MS, (c) => c.notNull())
      .addColumn("expires_at", MS, (c) => c.notNull())
      .addColumn("accepted_by", "text", (c) => c.references("users.id"))
      .addColumn("accepted_at", MS)
      .execute();
    await db.schema.createIndex("invitations_workshop").on("invitations").column("workshop_id").execute();

    await db.schema
      .createTable("panels")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workshop_id", "text", (c) => c.notNull().references("workshops.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("framing", "text", (c) => c.notNull())
      .addColumn("prompts", "text", (c) => c.notNull())
      .addColumn("duration_minutes", "integer", (c) => c.notNull())
      // Not unique on position: renumbering would collide mid-update. The store keeps 0..n-1.
      .addUniqueConstraint("panels_workshop_key", ["workshop_id", "key"])
      .execute();
    await db.schema.createIndex("panels_workshop_position").on("panels").columns(["workshop_id", "position"]).execute();

    await db.schema
      .createTable("polls")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("panel_id", "text", (c) => c.notNull().references("panels.id").onDelete("cascade"))
      .addColumn("workshop_id", "text", (c) => c.notNull().references("workshops.id").onDelete("cascade"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("question", "text", (c) => c.notNull())
      .addColumn("visibility", "text", (c) => c.notNull())
      .addColumn("definition", "text", (c) => c.notNull())
      .addUniqueConstraint("polls_panel_key", ["panel_id", "key"])
      // Poll keys are the cross-workshop comparison key, so unique across the whole agenda.
      .addUniqueConstraint("polls_workshop_key", ["workshop_id", "key"])
      .execute();
    await db.schema.createIndex("polls_panel_position").on("polls").columns(["panel_id", "position"]).execute();
    // Comparison across workshops looks polls up by key.
    await db.schema.createIndex("polls_key").on("polls").column("key").execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ["polls", "panels", "invitations", "workshop_members", "workshops", "templates", "settings", "users"]) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
});
