/**
 * `poll:respond`: validate → authorise (role, poll in this session, run open) → store (group commit:
 * the vote queue writes every answer of a burst in one transaction, re-checking that the run is
 * open) → ack → mark the tally dirty (done by the queue's commit hook; the coalescer broadcasts,
 * never this handler).
 */
import { parseResponse } from "../../app/domain/polls";
import type { PollRespond } from "../../app/domain/polls/events";
import type { z } from "zod";
import type { PollsCache } from "./polls-cache";
import type { CommandResult } from "./polls-command";
import type { VoteQueue } from "./polls-votes";
import type { RoundtableSocket } from "./session";

/** Roles that vote. Staff may vote too (a facilitator is often also a stakeholder); observers and the projector never. */
const VOTERS = new Set(["participant", "facilitator", "rapporteur"]);

export interface RespondDeps {
  cache: PollsCache;
  votes: VoteQueue;
  /** Remembers which session and poll a run belongs to, for the queue's commit hook. */
  noteRun(runId: string, sessionId: string, pollId: string): void;
}

/**
 * @returns ack `{ok:true, data:{responseId, changed}}`; errors: `forbidden` (role), `not-found`
 *   (poll not in the session), `poll-closed` (run not open, also when it closed mid-flight),
 *   `invalid-payload` with issues (value does not fit the poll), `server-error` (storage failed:
 *   nothing of that batch was stored).
 */
export async function respond(deps: RespondDeps, socket: RoundtableSocket, payload: z.infer<typeof PollRespond>): Promise<CommandResult<{ responseId: string; changed: boolean }>> {
  const { sessionId, role, participantId, sector } = socket.data;
  if (!VOTERS.has(role) || !participantId) return { ok: false, error: "forbidden" };
  const ctx = await deps.cache.get(sessionId);
  const poll = ctx?.polls.get(payload.pollId);
  if (!ctx || !poll) return { ok: false, error: "not-found" };
  const run = ctx.runs.get(poll.id);
  if (!run || run.status !== "open") return { ok: false, error: "poll-closed" };
  const parsed = parseResponse(poll, payload.value);
  if (!parsed.ok) {
    return { ok: false, error: "invalid-payload", issues: parsed.issues.map((i) => ({ path: ["value", ...i.path].join("."), message: i.message })) };
  }
  deps.noteRun(run.id, sessionId, poll.id);
  const result = await deps.votes.submit({ runId: run.id, participantId, responseId: payload.responseId, value: parsed.value, sector });
  if (result.ok) return { ok: true, data: { responseId: payload.responseId, changed: result.changed } };
  // "not-found": the run vanished under us (it cannot be deleted today); the answer was not taken either way.
  return { ok: false, error: result.error === "server-error" ? "server-error" : "poll-closed" };
}
