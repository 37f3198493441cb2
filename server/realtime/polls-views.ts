/**
 * Builds what each audience may see of a session's polls. Three audiences, because results
 * visibility differs: `staff` (facilitator, rapporteur: always), `room` (participants, observers:
 * `resultsVisibleTo`), `projector` (`projectorShowsResults`). Tallies are computed once per poll
 * and shared; only `myResponse` is per connection.
 */
import { projectorShowsResults, resultsVisibleTo, tally, type Tally } from "../../app/domain/polls";
import type { PollsStateView, PollTalliedView, PollView } from "../../app/domain/polls/events";
import type { Poll } from "../../app/domain/workshop";
import type { PollRun } from "../storage";
import type { RunCounts } from "./polls-counts";
import type { SessionPolls } from "./polls-cache";
import type { SocketData } from "./identity";

export type Audience = "staff" | "room" | "projector";

/** Which of a session's audiences a role belongs to: facilitators and rapporteurs are staff; participants and observers are the room. */
export const audienceOf = (role: SocketData["role"]): Audience =>
  role === "facilitator" || role === "rapporteur" ? "staff" : role === "projector" ? "projector" : "room";

/** May `audience` see the results of `run` now? `projected` is the current run's projector flag. */
function canSee(audience: Audience, run: PollRun, projected: boolean): boolean {
  if (audience === "staff") return true;
  if (audience === "room") return resultsVisibleTo(run.visibility, run.status, "participant");
  return projectorShowsResults({ run: run.run, status: run.status, projected }, run.visibility);
}

/** Runs whose tallies a full state shows: the latest and previous run of each poll, once opened. */
export const shownRuns = (ctx: SessionPolls): PollRun[] =>
  [...ctx.runs.values(), ...ctx.previous.values()].filter((r) => r.status !== "draft" && ctx.polls.has(r.pollId));

/**
 * Tally of one run from its in-memory counts (which mirror the stored rows, see polls-counts.ts) and
 * the number of rows, computed once per change of the run. The run must be loaded (`counts.ensure`).
 */
export function tallyRun(counts: RunCounts, ctx: SessionPolls, poll: Poll, run: PollRun): { tally: Tally; responseCount: number } {
  return counts.derived(run.id, [poll, ctx.tallyOptions], () => {
    // Grouped (one entry per distinct answer and sector, with its count): tally() weighs them, so a
    // flush never re-expands thousands of answers into one object each.
    return { tally: tally(poll, counts.grouped(run.id) ?? [], ctx.tallyOptions), responseCount: counts.count(run.id) };
  });
}

/** The `poll:tallied` payload of `poll`'s current run for `audience`. */
export function talliedView(audience: Audience, run: PollRun, computed: { tally: Tally; responseCount: number }): PollTalliedView {
  return {
    pollId: run.pollId,
    run: run.run,
    responseCount: computed.responseCount,
    tally: canSee(audience, run, run.projected) ? computed.tally : null,
  };
}

export type Computed = Map<string, { tally: Tally; responseCount: number }>;

/** Tallies of every latest and previous run of the session, from loaded counts (`counts.ensure(shownRuns(ctx))` first). */
export function computeAll(counts: RunCounts, ctx: SessionPolls): Computed {
  const out: Computed = new Map();
  for (const r of shownRuns(ctx)) out.set(r.id, tallyRun(counts, ctx, ctx.polls.get(r.pollId)!, r));
  return out;
}

/** The per-audience poll list (with `myResponse: null`; callers fill it per connection). */
export function pollViews(audience: Audience, ctx: SessionPolls, computed: Computed): PollView[] {
  return [...ctx.polls.values()].map((poll) => {
    const run = ctx.runs.get(poll.id);
    const prev = ctx.previous.get(poll.id);
    const { id, panelId, position: _position, ...definition } = poll;
    const current = run ? computed.get(run.id) : undefined;
    const previous = prev ? computed.get(prev.id) : undefined;
    const projected = run?.projected ?? false;
    return {
      id,
      key: poll.key,
      panelId,
      kind: poll.kind,
      definition,
      run: run?.run ?? 1,
      status: run?.status ?? "draft",
      visibility: run?.visibility ?? poll.visibility,
      projected,
      responseCount: current?.responseCount ?? 0,
      tally: run && current && canSee(audience, run, projected) ? current.tally : null,
      previousTally: prev && previous && canSee(audience, prev, projected) ? previous.tally : null,
      myResponse: null,
    };
  });
}

/** Wraps views into the state event. */
export const stateView = (sessionId: string, polls: PollView[], participantCount: number): PollsStateView => ({ sessionId, polls, participantCount });
