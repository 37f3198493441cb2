/** Invitations can be revoked by an organiser before anyone uses them (S4): `revoked_at` (ms) or null. */
import type { Kysely } from "kysely";
import { MS, type MigrationFactory } from "./types";

export const invitationRevocation: MigrationFactory = () => ({
  async up(db: Kysely<any>) {
    await db.schema.alterTable("invitations").addColumn("revoked_at", MS).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable("invitations").dropColumn("revoked_at").execute();
  },
});
