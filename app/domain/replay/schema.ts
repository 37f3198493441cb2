/**
 * Zod schemas for the session event log as replay reads it. Payload schemas are plain (non-strict)
 * objects on purpose: zod strips unknown keys, so a stray field a writer should never have logged
 * (a name, a participant id) cannot reach a replay view even if it was stored.
 */
import { z } from "zod";
import { SessionEventType } from "../session";
import { PollDefinition, ResultsVisibility } from "../template";

const Id = z.string().min(1).max(128);
const Run = z.number().int().min(1);

/** Envelope of one stored event; `at` is epoch ms, `seq` gap-free from 1 per session. */
export const ReplayEventEnvelope = z.object({
  sessionId: z.string().min(1),
  seq: z.number().int().min(1),
  at: z.number().int().min(0),
  type: SessionEventType,
  payload: z.record(z.string(), z.unknown()),
});

/** A tally snapshot as logged by the poll server (`poll.tallied`): aggregate only, kept as given. */
export const LoggedTally = z.looseObject({ kind: z.string(), n: z.number().int().min(0) });

/** Payload schema per event type (what replay needs; everything else is dropped). */
export const ReplayPayloads = {
  "session.started": z.object({ panelId: Id.optional(), index: z.number().int().min(0).default(0) }),
  "session.ended": z.object({}),
  "panel.entered": z.object({ panelId: Id.optional(), index: z.number().int().min(0) }),
  "participant.joined": z.object({}),
  "poll.opened": z.object({
    pollId: Id,
    pollKey: z.string().optional(),
    run: Run,
    reopened: z.boolean().optional(),
    panelId: Id.optional(),
    visibility: ResultsVisibility.optional(),
    // A definition that no longer parses (schema changed since) degrades to "no definition", not a lost event.
    definition: PollDefinition.optional().catch(undefined),
  }),
  "poll.closed": z.object({ pollId: Id, run: Run, responseCount: z.number().int().min(0).optional() }),
  "poll.reset": z.object({ pollId: Id, run: Run, previousRun: Run.optional() }),
  "poll.visibility": z.object({ pollId: Id, run: Run, visibility: ResultsVisibility }),
  "poll.projected": z.object({ pollId: Id, run: Run, projected: z.boolean() }),
  "poll.tallied": z.object({ pollId: Id, run: Run, tally: LoggedTally }),
  "notes.checkpoint": z.object({}),
  "question.asked": z.object({ questionId: Id }),
  "question.moderated": z.object({
    questionId: Id,
    status: z.enum(["pending", "approved", "hidden", "answered"]),
    text: z.string().max(2000).optional(),
  }),
} as const satisfies Record<SessionEventType, z.ZodType>;

type Payloads = { [K in keyof typeof ReplayPayloads]: z.infer<(typeof ReplayPayloads)[K]> };

/** A validated event: discriminated by `type`, payload narrowed to what replay uses. */
export type ReplayEvent = {
  [K in SessionEventType]: { seq: number; at: number; type: K; payload: Payloads[K] };
}[SessionEventType];

/** Why an event was left out of a timeline. */
export interface TimelineIssue {
  /** The event's seq, or null when even that was unreadable. */
  seq: number | null;
  message: string;
}

/**
 * Validates one raw event.
 * @returns the event, or an issue (never throws).
 */
export function parseReplayEvent(raw: unknown): { ok: true; event: ReplayEvent } | { ok: false; issue: TimelineIssue } {
  const env = ReplayEventEnvelope.safeParse(raw);
  if (!env.success) {
    const seq = typeof (raw as { seq?: unknown })?.seq === "number" ? (raw as { seq: number }).seq : null;
    return { ok: false, issue: { seq, message: z.prettifyError(env.error) } };
  }
  const { seq, at, type, payload } = env.data;
  const parsed = ReplayPayloads[type].safeParse(payload);
  if (!parsed.success) return { ok: false, issue: { seq, message: `${type}: ${z.prettifyError(parsed.error)}` } };
  return { ok: true, event: { seq, at, type, payload: parsed.data } as ReplayEvent };
}
