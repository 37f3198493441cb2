/**
 * The Socket.io event map shared by client and server, with a zod schema for every client payload.
 * Commands are `noun:verb` and acknowledged `{ok:true, data}` or `{ok:false, error, issues?}`;
 * broadcasts are past tense. See docs/protocol.md.
 */
import { z } from "zod";
import type { SessionStatus, ParticipantRole } from "./session";
import type { PollsStateView, PollTalliedView, QuestionView, QuestionsStateView } from "./polls/events";
import { describeIssue } from "./issues";

/** Acknowledgement of every command. `error` is a stable machine code; `issues` lists validation problems. */
export type Ack<T = undefined> =
  | ({ ok: true } & (T extends undefined ? { data?: undefined } : { data: T }))
  | { ok: false; error: AckError; issues?: AckIssue[] };

/**
 * One validation problem in an ack. `message` is zod's (English, for logs and tools); `code` and
 * `values` are {@link describeIssue}'s, so a client shows `organiser.errors.<code>` in the reader's
 * language (app/components/polls/useCommand.ts). Both are absent on `poll:respond` value issues.
 */
export interface AckIssue {
  path: string;
  message: string;
  code?: string;
  values?: Record<string, unknown>;
}

export type AckError =
  | "invalid-payload"
  | "forbidden"
  | "not-found"
  | "rate-limited"
  | "not-live"
  | "already-live"
  | "ended"
  | "out-of-range"
  | "poll-closed"
  | "conflict"
  | "server-error"
  /** No command has this name (a client on another protocol version); counts as a rejected packet. */
  | "unknown-event";

/** Handshake `auth` object sent by the client. Projector clients also send the key from their link. */
export const HandshakeAuth = z.object({
  sessionId: z.string().min(1).max(64),
  projectorKey: z.string().min(1).max(128).optional(),
});
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;

export const PanelGoto = z.object({ index: z.number().int().min(0).max(1000) }).strict();
export const Empty = z.object({}).strict().optional();

/** Panel as sent to the room: agenda content only. */
export interface PanelView {
  id: string;
  title: string;
  framing: string;
  prompts: string[];
  durationMinutes: number;
}

/** Full session state, sent on connect and after every change. Contains no participant names. */
export interface SessionStateView {
  sessionId: string;
  title: string;
  workshopTitle: string;
  rule: "chatham-house" | "attributed";
  status: SessionStatus;
  joinCode: string;
  currentPanelIndex: number;
  panelStartedAt: number | null;
  elapsedMs: Record<string, number>;
  startedAt: number | null;
  endedAt: number | null;
  panels: PanelView[];
  /** Last event-log sequence number applied: clients ignore states older than what they have. */
  seq: number;
  /** Server clock (ms) when sent, so clients can correct timer skew. */
  serverNow: number;
}

/** Who this connection is, as the server resolved it from the signed cookie or projector key. */
export interface ConnectionIdentity {
  role: ParticipantRole | "projector";
  participantId: string | null;
}

export interface PresenceView {
  /** People connected now (each participant counted once across tabs). */
  connected: number;
  /** Display names of connected people who gave one (at most 50, sorted); sent to staff only, never stored in the log. */
  names: string[];
}

export interface ServerToClientEvents {
  "session:state": (state: SessionStateView) => void;
  "session:identity": (identity: ConnectionIdentity) => void;
  /** To staff only (facilitator, rapporteur), coalesced to at most one every 250 ms per session. */
  "presence:updated": (presence: PresenceView) => void;
  // Polls and Q&A (app/domain/polls/events.ts, docs/protocol.md "Polls" and "Q&A").
  /** Full poll state for this connection: on every connect (recovered or not), after every facilitator change and at session end. */
  "polls:state": (state: PollsStateView) => void;
  /** Aggregate of one poll's current run, coalesced to at most ~4 per second per session. */
  "poll:tallied": (tally: PollTalliedView) => void;
  /** Full Q&A state for this connection: on connect and (coalesced) after every change. */
  "questions:state": (state: QuestionsStateView) => void;
}

export interface ClientToServerEvents {
  "session:sync": (payload: unknown, ack: (res: Ack<SessionStateView>) => void) => void;
  "session:start": (payload: unknown, ack: (res: Ack) => void) => void;
  "session:end": (payload: unknown, ack: (res: Ack) => void) => void;
  "panel:advance": (payload: unknown, ack: (res: Ack) => void) => void;
  "panel:rewind": (payload: unknown, ack: (res: Ack) => void) => void;
  "panel:goto": (payload: unknown, ack: (res: Ack) => void) => void;
  // Polls: `poll:respond` by participants and staff; the rest facilitator only.
  "polls:sync": (payload: unknown, ack: (res: Ack<PollsStateView>) => void) => void;
  "poll:respond": (payload: unknown, ack: (res: Ack<{ responseId: string; changed: boolean }>) => void) => void;
  "poll:open": (payload: unknown, ack: (res: Ack) => void) => void;
  "poll:close": (payload: unknown, ack: (res: Ack) => void) => void;
  "poll:reopen": (payload: unknown, ack: (res: Ack) => void) => void;
  "poll:reset": (payload: unknown, ack: (res: Ack) => void) => void;
  "poll:visibility": (payload: unknown, ack: (res: Ack) => void) => void;
  "poll:project": (payload: unknown, ack: (res: Ack) => void) => void;
  "poll:create": (payload: unknown, ack: (res: Ack<{ pollId: string }>) => void) => void;
  // Q&A: ask/upvote/unvote by participants (not on their own questions); moderate/project facilitator only.
  "questions:sync": (payload: unknown, ack: (res: Ack<QuestionsStateView>) => void) => void;
  "question:ask": (payload: unknown, ack: (res: Ack<QuestionView>) => void) => void;
  "question:upvote": (payload: unknown, ack: (res: Ack<{ changed: boolean }>) => void) => void;
  "question:unvote": (payload: unknown, ack: (res: Ack<{ changed: boolean }>) => void) => void;
  "question:moderate": (payload: unknown, ack: (res: Ack) => void) => void;
  "question:project": (payload: unknown, ack: (res: Ack) => void) => void;
}

/** Formats zod issues for an ack, each with its translatable `code`/`values` (see {@link AckIssue}). */
export function toIssues(error: z.ZodError): AckIssue[] {
  return error.issues.map((i) => ({ path: i.path.join(".") || "(root)", message: i.message, ...describeIssue(i) }));
}
