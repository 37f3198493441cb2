/**
 * Static migration list. An in-code provider (not kysely's FileMigrationProvider) so migrations
 * work under tsx, in the Remix/esbuild bundle and in tests alike. Names sort in apply order;
 * never rename or edit a released one, add a new file.
 */
import type { Migration, MigrationProvider } from "kysely";
import { accountsAgenda } from "./001_accounts_agenda";
import { sessions } from "./002_sessions";
import { notesSummaries } from "./003_notes_summaries";
import { invitationRevocation } from "./004_invitation_revocation";
import { invitationTokenHash } from "./005_invitation_token_hash";
import { questionAskerTag } from "./006_question_asker_tag";
import type { Dialect, MigrationFactory } from "./types";

export type { Dialect } from "./types";

const MIGRATIONS: Record<string, MigrationFactory> = {
  "001_accounts_agenda": accountsAgenda,
  "002_sessions": sessions,
  "003_notes_summaries": notesSummaries,
  "004_invitation_revocation": invitationRevocation,
  "005_invitation_token_hash": invitationTokenHash,
  "006_question_asker_tag": questionAskerTag,
};

/** The provider for kysely's `Migrator`, with each migration built for `dialect`. */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(Object.entries(MIGRATIONS).map(([name, make]) => [name, make(dialect)]));
    },
  };
}
