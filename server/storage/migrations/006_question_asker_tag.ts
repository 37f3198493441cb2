/**
 * Anonymous questions get `asker_tag`: a keyed hash of (question id, asker's participant id), never the
 * id itself, so the server can refuse a self-upvote after a restart without storing who asked
 * (server/realtime/question-askers.ts). Null for named questions and those asked before this migration.
 */
import type { Kysely } from "kysely";
import type { MigrationFactory } from "./types";

export const questionAskerTag: MigrationFactory = () => ({
  async up(db: Kysely<any>) {
    await db.schema.alterTable("questions").addColumn("asker_tag", "text").execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable("questions").dropColumn("asker_tag").execute();
  },
});
