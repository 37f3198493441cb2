/**
 * In-memory view of one session's polls for the hot path (`poll:respond`): its poll definitions
 * (from the session's panels), the latest and previous run of each, and the workshop's tally
 * options. Loaded once per session, refreshed by every facilitator action in this process.
 *
 * Why a cache: a vote must not cost an agenda read. Why it is safe: `respond` re-checks the run
 * state inside its transaction, so a stale "open" here can only cause an accurate `poll-closed`.
 * Several instances (scale-out): a control action or agenda edit on one reaches the others over the
 * instance bus (bus.ts), which evicts their entry; polls.ts `refresh`.
 */
import type { TallyOptions } from "../../app/domain/polls";
import type { Poll } from "../../app/domain/workshop";
import type { PollRun, Stores } from "../storage";

export interface SessionPolls {
  sessionId: string;
  panelIds: string[];
  /** Polls of the session's panels, in agenda order. */
  polls: Map<string, Poll>;
  /** Highest-numbered run per poll id (absent: never opened, i.e. a draft run 1). */
  runs: Map<string, PollRun>;
  /** The run before the latest one, when the poll was re-asked. */
  previous: Map<string, PollRun>;
  tallyOptions: TallyOptions;
}

export interface PollsCache {
  /** The session's polls, loaded on first use. Null when the session does not exist. */
  get(sessionId: string): Promise<SessionPolls | null>;
  /** Reloads from storage (after an agenda or run change) and returns the fresh view. */
  reload(sessionId: string): Promise<SessionPolls | null>;
  /** Records `run` as the latest run of its poll (after a run change this process stored). */
  setRun(run: PollRun): void;
  /** Drops a session (its room emptied, or its polls changed elsewhere): the next `get` reloads. */
  evict(sessionId: string): void;
  /** Sessions currently cached. */
  sessionIds(): string[];
}

export function createPollsCache(stores: Stores): PollsCache {
  const entries = new Map<string, Promise<SessionPolls | null>>();

  async function load(sessionId: string): Promise<SessionPolls | null> {
    const session = await stores.sessions.get(sessionId);
    if (!session) return null;
    const [workshop, agenda, runs] = await Promise.all([
      stores.workshops.get(session.workshopId),
      stores.workshops.getAgenda(session.workshopId),
      stores.polls.listRuns(sessionId),
    ]);
    if (!workshop) return null;
    const inSession = new Set(session.panelIds);
    const byPanel = new Map(agenda.filter((p) => inSession.has(p.id)).map((p) => [p.id, p]));
    const polls = new Map<string, Poll>();
    for (const panelId of session.panelIds) for (const poll of byPanel.get(panelId)?.polls ?? []) polls.set(poll.id, poll);
    const latest = new Map<string, PollRun>();
    const previous = new Map<string, PollRun>();
    // listRuns is ordered by run number, so the last one seen per poll is the latest.
    for (const run of runs) {
      const before = latest.get(run.pollId);
      if (before) previous.set(run.pollId, before);
      latest.set(run.pollId, run);
    }
    return {
      sessionId,
      panelIds: session.panelIds,
      polls,
      runs: latest,
      previous,
      tallyOptions: { rule: workshop.rule, minCellSize: workshop.minCellSize },
    };
  }

  const reload = (sessionId: string) => {
    const p = load(sessionId);
    entries.set(sessionId, p);
    // A failed load must not stick: the next call retries.
    p.catch(() => entries.get(sessionId) === p && entries.delete(sessionId));
    return p;
  };

  return {
    get: (sessionId) => entries.get(sessionId) ?? reload(sessionId),
    reload,
    setRun(run) {
      void entries.get(run.sessionId)?.then((ctx) => {
        if (!ctx) return;
        const current = ctx.runs.get(run.pollId);
        if (current && current.run < run.run) ctx.previous.set(run.pollId, current);
        ctx.runs.set(run.pollId, run);
      });
    },
    evict: (sessionId) => void entries.delete(sessionId),
    sessionIds: () => [...entries.keys()],
  };
}
