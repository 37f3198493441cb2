/**
 * `poll:respond`: validate → authorise (role, poll in this session, run open) → upsert in one
 * transaction → ack → mark the tally dirty (the coalescer broadcasts, never this handler).
 */
import { parseResponse } from "../../app/domain/polls";
import type { PollRespond } from "../../app/domain/polls/events";
import type { Sector } from "../../app/domain/workshop";
import type { z } from "zod";
import { ConflictError, type Stores } from "../storage";
import type { PollsCache } from "./polls-cache";
import type { CommandResult } from "./polls-command";
import type { TallyCoalescer } from "./polls-tally";
import type { RoundtableSocket } from "./session";

/** Roles that vote. Staff may vote too (a facilitator is often also a stakeholder); observers and the projector never. */
const VOTERS = new Set(["participant", "facilitator", "rapporteur"]);

export interface RespondDeps {
  stores: Stores;
  cache: PollsCache;
  tallies: TallyCoalescer;
}

/** Sector per participant id, read once per connection: it is fixed when joining. */
const sectors = new WeakMap<RoundtableSocket, Promise<Sector | null>>();

function sectorOf(stores: Stores, socket: RoundtableSocket): Promise<Sector | null> {
  let p = sectors.get(socket);
  if (!p) {
    p = stores.sessions.getParticipant(socket.data.participantId!).then((x) => x?.sector ?? null);
    sectors.set(socket, p);
    p.catch(() => sectors.delete(socket));
  }
  return p;
}

/**
 * @returns ack `{ok:true, data:{responseId, changed}}`; errors: `forbidden` (role), `not-found`
 *   (poll not in the session), `poll-closed` (run not open, also when it closed mid-flight),
 *   `invalid-payload` with issues (value does not fit the poll).
 */
export async function respond(deps: RespondDeps, socket: RoundtableSocket, payload: z.infer<typeof PollRespond>): Promise<CommandResult<{ responseId: string; changed: boolean }>> {
  const { sessionId, role, participantId } = socket.data;
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
  try {
    const { changed } = await deps.stores.polls.respond(run.id, participantId, payload.responseId, parsed.value, await sectorOf(deps.stores, socket));
    if (changed) deps.tallies.markDirty(sessionId, poll.id);
    return { ok: true, data: { responseId: payload.responseId, changed } };
  } catch (err) {
    if (err instanceof ConflictError && err.kind === "state") return { ok: false, error: "poll-closed" };
    throw err;
  }
}
