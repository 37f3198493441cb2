/**
 * The kysely `Database` interface: one row type per table, as both drivers return them.
 *
 * Conventions (same in SQLite and Postgres):
 * - ids are text (UUIDs or random tokens); `note_updates.id` is the only auto-increment key;
 * - times are epoch milliseconds in integer/bigint columns (pg's int8 parser is set to return numbers);
 * - JSON is stored as text and parsed in the stores (portable, and SQLite has no JSON column type);
 * - booleans are integers 0/1 (SQLite has no boolean type);
 * - binary (Yjs updates and states) is `blob` / `bytea`, read back as Buffer.
 */
import type { Generated } from "kysely";

/** Epoch milliseconds. */
type Ms = number;
/** JSON text. */
type Json = string;

export interface UsersTable {
  id: string;
  /** Lower-cased on write; unique. */
  email: string;
  name: string;
  password_hash: string;
  created_at: Ms;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface TemplatesTable {
  id: string;
  key: string;
  title: string;
  /** The full `Template` (app/domain/template.ts) as JSON. */
  body: Json;
  /** SHA-256 hex of the canonical body JSON: lets the seeder skip unchanged templates. */
  content_hash: string;
  created_at: Ms;
  updated_at: Ms;
}

export interface WorkshopsTable {
  id: string;
  template_id: string | null;
  title: string;
  region: string;
  time_zone: string;
  /** ISO `YYYY-MM-DD` in the workshop's time zone. */
  starts_on: string;
  ends_on: string;
  rule: string;
  min_cell_size: number;
  created_by: string;
  created_at: Ms;
}

export interface WorkshopMembersTable {
  workshop_id: string;
  user_id: string;
  role: string;
}

export interface InvitationsTable {
  /** SHA-256 of the invitation token, base64url (migration 005): the token itself is never stored. */
  token_hash: string;
  workshop_id: string;
  role: string;
  created_by: string;
  created_at: Ms;
  expires_at: Ms;
  accepted_by: string | null;
  accepted_at: Ms | null;
  /** Set when an organiser revokes a pending invitation (migration 004); a revoked link cannot be used. */
  revoked_at: Ms | null;
}

export interface PanelsTable {
  id: string;
  workshop_id: string;
  /** 0..n-1 within the workshop, kept dense by the store. */
  position: number;
  key: string;
  title: string;
  framing: string;
  /** string[] as JSON. */
  prompts: Json;
  duration_minutes: number;
}

export interface PollsTable {
  id: string;
  panel_id: string;
  /** Denormalised from the panel so unique(workshop_id, key) lets the DB enforce agenda-wide poll keys. */
  workshop_id: string;
  position: number;
  key: string;
  kind: string;
  question: string;
  visibility: string;
  /** The full `PollDefinition` as JSON. */
  definition: Json;
}

export interface SessionsTable {
  id: string;
  workshop_id: string;
  title: string;
  join_code: string;
  projector_key: string;
  /** string[] as JSON. */
  panel_ids: Json;
  status: string;
  current_panel_index: number;
  panel_started_at: Ms | null;
  /** Record<panelId, ms> as JSON. */
  elapsed_ms: Json;
  started_at: Ms | null;
  ended_at: Ms | null;
  /** Highest `session_events.seq` of this session; bumped in the append transaction (row lock = gap-free seq). */
  event_seq: number;
  created_by: string;
  created_at: Ms;
}

/** Never holds IP addresses or user agents (Chatham House guarantee, DESIGN.md). */
export interface ParticipantsTable {
  id: string;
  session_id: string;
  role: string;
  display_name: string | null;
  sector: string | null;
  user_id: string | null;
  /** SHA-256 of a participant rejoin token, if any (never the token itself). */
  token_hash: string | null;
  joined_at: Ms;
}

export interface SessionEventsTable {
  session_id: string;
  seq: number;
  at: Ms;
  type: string;
  payload: Json;
}

export interface PollRunsTable {
  id: string;
  session_id: string;
  poll_id: string;
  run_number: number;
  state: "draft" | "open" | "closed";
  visibility: string;
  /** 0/1 */
  projected: number;
  opened_at: Ms | null;
  closed_at: Ms | null;
}

export interface ResponsesTable {
  id: string;
  poll_run_id: string;
  participant_id: string;
  /** Client idempotency key: a retried vote with the same key counts once. */
  response_id: string;
  value: Json;
  /** Participant's sector copied at vote time, for aggregate breakdowns only. */
  sector: string | null;
  created_at: Ms;
  updated_at: Ms;
}

export interface QuestionsTable {
  id: string;
  session_id: string;
  participant_id: string | null;
  text: string;
  /** 0/1 */
  anonymous: number;
  status: "pending" | "approved" | "hidden" | "answered";
  created_at: Ms;
  /** Anonymous questions: keyed hash of (question id, asker's participant id); never the id itself. */
  asker_tag: string | null;
}

export interface QuestionVotesTable {
  question_id: string;
  participant_id: string;
}

export interface NoteUpdatesTable {
  id: Generated<number>;
  doc_name: string;
  update: Uint8Array;
  created_at: Ms;
}

export interface NoteCheckpointsTable {
  doc_name: string;
  upto_update_id: number;
  state: Uint8Array;
  created_at: Ms;
}

export interface SummariesTable {
  id: string;
  session_id: string;
  version: number;
  status: "draft" | "published";
  body: Json;
  visibility: "private" | "unlisted" | "public";
  published_by: string | null;
  published_at: Ms | null;
  created_at: Ms;
  updated_at: Ms;
}

/** All tables, keyed by table name. */
export interface Database {
  users: UsersTable;
  settings: SettingsTable;
  templates: TemplatesTable;
  workshops: WorkshopsTable;
  workshop_members: WorkshopMembersTable;
  invitations: InvitationsTable;
  panels: PanelsTable;
  polls: PollsTable;
  sessions: SessionsTable;
  participants: ParticipantsTable;
  session_events: SessionEventsTable;
  poll_runs: PollRunsTable;
  responses: ResponsesTable;
  questions: QuestionsTable;
  question_votes: QuestionVotesTable;
  note_updates: NoteUpdatesTable;
  note_checkpoints: NoteCheckpointsTable;
  summaries: SummariesTable;
}
