/**
 * Sessions: a live run of (part of) a workshop's agenda, its participants and its event log.
 * Times are epoch milliseconds (UTC).
 */
import { z } from "zod";
import { Sector } from "./workshop";

export const SessionStatus = z.enum(["ready", "live", "ended"]);
export type SessionStatus = z.infer<typeof SessionStatus>;

/** Roles inside a session. Facilitators and rapporteurs are staff accounts; the rest join without one. */
export const ParticipantRole = z.enum(["facilitator", "rapporteur", "participant", "observer"]);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

/**
 * Join codes: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 5/S, 2/Z),
 * shown as `ABC-DEF`. 26^6 / 2 ≈ 1.5e8 codes: guessing one live session by brute force is
 * bounded by the join rate limit, not by the code space.
 */
export const JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXY346789";
export const JOIN_CODE_LENGTH = 6;

/** A typed code as it is checked: upper case, without spaces and dashes (` abc-def ` → `ABCDEF`). */
const normaliseJoinCode = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, "");

/** Accepts `abc-def`, `ABCDEF`, ` abc def `; normalises to `ABCDEF`. */
export const JoinCode = z
  .string()
  .transform(normaliseJoinCode)
  .pipe(
    z
      .string()
      .length(JOIN_CODE_LENGTH, "a join code has 6 characters")
      .regex(new RegExp(`^[${JOIN_CODE_ALPHABET}]+$`), "not a valid join code"),
  );

/**
 * Does a typed code look like a join code (six letters or digits once spaces and dashes are
 * dropped), even with letters the generator never uses (`ZZZ999`)? Then a miss means "no open
 * session has this code", not "this is not a code" (trial: `/j/ZZZ999` said "six letters or digits").
 */
export const looksLikeJoinCode = (typed: string): boolean => /^[A-Z0-9]{6}$/.test(normaliseJoinCode(typed));

/** Displays `ABCDEF` as `ABC-DEF`. */
export const formatJoinCode = (code: string) => `${code.slice(0, 3)}-${code.slice(3)}`;

/** Longest typed code echoed back to the start page (the field's `maxLength`). */
export const TYPED_CODE_MAX = 12;

/**
 * Where a wrong join code sends the person: the start page with the error (`invalid`: not a code
 * at all, `unknown`: no open session has it) and what they typed, cut to {@link TYPED_CODE_MAX}
 * characters, so the field can show it again.
 */
export function startPageError(error: "invalid" | "unknown", typed: string): string {
  const code = typed.trim().slice(0, TYPED_CODE_MAX);
  return code ? `/?error=${error}&code=${encodeURIComponent(code)}` : `/?error=${error}`;
}

/** Random join code using the platform's CSPRNG (`crypto.getRandomValues`, Node ≥ 19 and browsers). */
export function generateJoinCode(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const bytes = random(JOIN_CODE_LENGTH * 2);
  let out = "";
  // Rejection sampling avoids modulo bias (256 is not a multiple of the alphabet size).
  const limit = 256 - (256 % JOIN_CODE_ALPHABET.length);
  for (const b of bytes) {
    if (b < limit) out += JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length];
    if (out.length === JOIN_CODE_LENGTH) return out;
  }
  return generateJoinCode(random);
}

export interface Session {
  id: string;
  workshopId: string;
  title: string;
  joinCode: string;
  /** Secret in the projector link; lets a room PC show the projector view without an account. */
  projectorKey: string;
  /** Panel ids of the workshop agenda this session runs, in order. */
  panelIds: string[];
  status: SessionStatus;
  /** Index into `panelIds` of the current panel. */
  currentPanelIndex: number;
  /** When the current panel was entered (ms), null before start. */
  panelStartedAt: number | null;
  /** Accumulated elapsed ms per panel id, for planned-vs-elapsed display. */
  elapsedMs: Record<string, number>;
  startedAt: number | null;
  endedAt: number | null;
  createdBy: string;
  createdAt: number;
}

export const DisplayName = z.string().trim().max(60);

/** What a participant gives when joining: everything optional but consent. */
export const JoinFields = z.object({
  displayName: DisplayName.optional().transform((s) => (s ? s : undefined)),
  sector: Sector.optional(),
  consent: z.literal(true, { error: "please accept the rule of the meeting to join" }),
});
export type JoinFields = z.infer<typeof JoinFields>;

export interface Participant {
  id: string;
  sessionId: string;
  role: ParticipantRole;
  displayName: string | null;
  sector: Sector | null;
  /** Staff account behind a facilitator/rapporteur participant; null for anonymous joiners. */
  userId: string | null;
  joinedAt: number;
}

/** Types of entries in a session's append-only event log. */
export const SessionEventType = z.enum([
  "session.started",
  "session.ended",
  "panel.entered",
  "participant.joined",
  "poll.opened",
  "poll.closed",
  "poll.reset",
  "poll.visibility",
  "poll.projected",
  "poll.tallied",
  "notes.checkpoint",
  "question.asked",
  "question.moderated",
]);
export type SessionEventType = z.infer<typeof SessionEventType>;

/** One entry of the event log. `seq` is gap-free per session, starting at 1. Payloads never hold names. */
export interface SessionEvent {
  sessionId: string;
  seq: number;
  at: number;
  type: SessionEventType;
  payload: Record<string, unknown>;
}
