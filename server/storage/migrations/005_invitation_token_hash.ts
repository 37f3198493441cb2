/**
 * Invitation links are credentials: the database keeps only their SHA-256 (base64url, 43 chars) in
 * `token_hash`, so a leaked backup or SQL dump cannot be turned into working links. Existing rows
 * are hashed in place; their links keep working (lookups hash the token from the URL) and their
 * listing ids stay the same (the first 16 characters of that hash, as before).
 * `down` renames the column back but cannot un-hash: links made before it stop working.
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { MigrationFactory } from "./types";

/** SHA-256 of an invitation token, base64url: what `invitations.token_hash` holds. */
export const hashInvitationToken = (token: string): string => createHash("sha256").update(token).digest("base64url");

export const invitationTokenHash: MigrationFactory = () => ({
  async up(db: Kysely<any>) {
    await db.schema.alterTable("invitations").renameColumn("token", "token_hash").execute();
    const rows = (await db.selectFrom("invitations").select("token_hash").execute()) as Array<{ token_hash: string }>;
    for (const { token_hash: token } of rows) {
      await db.updateTable("invitations").set({ token_hash: hashInvitationToken(token) }).where("token_hash", "=", token).execute();
    }
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable("invitations").renameColumn("token_hash", "token").execute();
  },
});
