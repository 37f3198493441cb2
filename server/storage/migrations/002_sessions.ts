/** Sessions, participants, the event log, poll runs, responses and questions. */
import { sql, type Kysely } from "kysely";
import { MS, type MigrationFactory } from "./types";

export const sessions: MigrationFactory = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("sessions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("workshop_id", "text", (c) => c.notNull().references("workshops.id"))
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("join_code", "text", (c) => c.notNull().unique())
      .addColumn("projector_key", "text", (c) => c.notNull())
      .addColumn("panel_ids", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("current_panel_index", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("panel_started_at", MS)
      .addColumn("elapsed_ms", "text", (c) => c.notNull())
      .addColumn("started_at", MS)
      .addColumn("ended_at", MS)
      .addColumn("event_seq", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
      .addColumn("created_at", MS, (c) => c.notNull())
      .addCheckConstraint("sessions_status", sql`status in ('ready', 'live', 'ended')`)
      .execute();
    await db.schema.createIndex("sessions_workshop").on("sessions").columns(["workshop_id", "created_at"]).execute();

    // Deliberately no IP address or user-agent columns (Chatham House Rule, DESIGN.md).
    await db.schema
      .createTable("participants")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id").onDelete("cascade"))
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("display_name", "text")
      .addColumn("sector", "text")
      .addColumn("user_id", "text", (c) => c.references("users.id"))
      .addColumn("token_hash", "text")
      .addColumn("joined_at", MS, (c) => c.notNull())
      .execute();
    await db.schema.createIndex("participants_session").on("participants").columns(["session_id", "joined_at"]).execute();
    // One participant per staff account per session (anonymous joiners have user_id null and are not limited).
    await db.schema
      .createIndex("participants_session_user")
      .unique()
      .on("participants")
      .columns(["session_id", "user_id"])
      .where("user_id", "is not", null)
      .execute();

    await db.schema
      .createTable("session_events")
      .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id"))
      .addColumn("seq", "integer", (c) => c.notNull())
      .addColumn("at", MS, (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("session_events_pk", ["session_id", "seq"])
      .execute();

    await db.schema
      .createTable("poll_runs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id"))
      // No cascade: deleting a poll that has runs would erase results; the store reports a conflict.
      .addColumn("poll_id", "text", (c) => c.notNull().references("polls.id"))
      .addColumn("run_number", "integer", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("visibility", "text", (c) => c.notNull())
      .addColumn("projected", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("opened_at", MS)
      .addColumn("closed_at", MS)
      .addUniqueConstraint("poll_runs_session_poll_run", ["session_id", "poll_id", "run_number"])
      .addCheckConstraint("poll_runs_state", sql`state in ('draft', 'open', 'closed')`)
      .execute();
    await db.schema.createIndex("poll_runs_poll").on("poll_runs").column("poll_id").execute();

    await db.schema
      .createTable("responses")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("poll_run_id", "text", (c) => c.notNull().references("poll_runs.id").onDelete("cascade"))
      .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
      .addColumn("response_id", "text", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("sector", "text")
      .addColumn("created_at", MS, (c) => c.notNull())
      .addColumn("updated_at", MS, (c) => c.notNull())
      // One vote per participant per run; a changed vote updates this row.
      .addUniqueConstraint("responses_run_participant", ["poll_run_id", "participant_id"])
      .execute();
    await db.schema.createIndex("responses_participant").on("responses").column("participant_id").execute();

    await db.schema
      .createTable("questions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("session_id", "text", (c) => c.notNull().references("sessions.id"))
      .addColumn("participant_id", "text", (c) => c.references("participants.id").onDelete("set null"))
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("anonymous", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("created_at", MS, (c) => c.notNull())
      .addCheckConstraint("questions_status", sql`status in ('pending', 'approved', 'hidden', 'answered')`)
      .execute();
    await db.schema.createIndex("questions_session").on("questions").columns(["session_id", "created_at"]).execute();

    await db.schema
      .createTable("question_votes")
      .addColumn("question_id", "text", (c) => c.notNull().references("questions.id").onDelete("cascade"))
      .addColumn("participant_id", "text", (c) => c.notNull().references("participants.id"))
      .addPrimaryKeyConstraint("question_votes_pk", ["question_id", "participant_id"])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ["question_votes", "questions", "responses", "poll_runs", "session_events", "participants", "sessions"]) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
});
