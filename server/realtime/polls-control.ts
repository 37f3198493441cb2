/**
 * Facilitator actions on a poll: the domain state machine (`transition`) applied to the stored
 * run, with the run change and its event-log entries in ONE transaction. Event payloads hold poll
 * ids, run numbers and aggregates only — never a participant id (Chatham House Rule).
 */
import { initialPollRunState, tally, transition, type PollActionType } from "../../app/domain/polls";
import type { AckError } from "../../app/domain/events";
import type { ResultsVisibility } from "../../app/domain/template";
import { responseCountOf, type PollRun, type Stores } from "../storage";
import type { SessionPolls } from "./polls-cache";

export type PollControl = { type: PollActionType } | { type: "visibility"; visibility: ResultsVisibility };

/** `unprojected`: other polls' runs taken off the projector by a `show-results` (one poll at a time). */
export type ControlResult = { ok: true; run: PollRun; unprojected?: PollRun[] } | { ok: false; error: AckError };

/**
 * Applies `control` to the latest stored run of `pollId` (read from storage, not the cache, so a
 * double-clicked command sees the first one's result).
 * - `open` creates run 1 on first use; `reset` creates run n+1 as a draft (re-ask = reset, open);
 *   earlier runs and their responses stay stored.
 * - `close` logs `poll.closed` and a `poll.tallied` snapshot of the aggregate, for replay.
 * - `show-results` takes every other poll of the session off the projector (logged as their
 *   `poll.projected` false): the projector shows one poll, so the console must not mark two (QA B6).
 * @param now epoch ms.
 * @returns the new latest run, or `not-found` (poll not in this session) / `conflict` (illegal transition).
 */
export async function controlPoll(stores: Stores, ctx: SessionPolls, pollId: string, control: PollControl, now: number): Promise<ControlResult> {
  const poll = ctx.polls.get(pollId);
  if (!poll) return { ok: false, error: "not-found" };
  const sessionId = ctx.sessionId;
  return stores.transaction(async (tx) => {
    const current = await tx.polls.latestRun(sessionId, pollId);
    const log = (type: Parameters<Stores["sessions"]["appendEvent"]>[1], payload: Record<string, unknown>) =>
      tx.sessions.appendEvent(sessionId, type, { pollId, pollKey: poll.key, ...payload }, now);

    if (control.type === "visibility") {
      const run = current
        ? await tx.polls.setRunState(current.id, { visibility: control.visibility })
        : await tx.polls.createRun({ sessionId, pollId, run: 1, status: "draft", visibility: control.visibility, projected: false });
      await log("poll.visibility", { run: run.run, visibility: run.visibility });
      return { ok: true, run } as const;
    }

    const state = current ? { run: current.run, status: current.status, projected: current.projected } : initialPollRunState();
    const next = transition(state, { type: control.type });
    if (!next.ok) return { ok: false, error: "conflict" } as const;
    const { id: _id, panelId: _panel, position: _pos, ...definition } = poll;
    let run: PollRun;
    const unprojected: PollRun[] = [];
    switch (control.type) {
      case "open":
      case "reopen":
        run = current
          ? await tx.polls.setRunState(current.id, { status: "open", ...(control.type === "open" ? { openedAt: now } : {}) })
          : await tx.polls.createRun({ sessionId, pollId, run: 1, status: "open", visibility: poll.visibility, projected: false, openedAt: now });
        // The definition is logged so a replay shows the poll as asked, whatever later agenda edits do.
        await log("poll.opened", { run: run.run, reopened: control.type === "reopen", panelId: poll.panelId, visibility: run.visibility, definition });
        break;
      case "close": {
        run = await tx.polls.setRunState(current!.id, { status: "closed", closedAt: now });
        // Read inside the transaction that closed the run: exactly the responses it accepted, grouped
        // (one row per distinct answer and sector, as the live tallies: not one per person).
        const responses = await tx.polls.groupedResponses([run.id]);
        await log("poll.closed", { run: run.run, responseCount: responseCountOf(responses) });
        await log("poll.tallied", { run: run.run, tally: tally(poll, responses, ctx.tallyOptions) });
        break;
      }
      case "reset":
        run = await tx.polls.createRun({ sessionId, pollId, run: next.state.run, status: "draft", visibility: current!.visibility, projected: false });
        await log("poll.reset", { run: run.run, previousRun: current!.run });
        break;
      case "show-results":
      case "hide-results":
        run = current
          ? await tx.polls.setRunState(current.id, { projected: next.state.projected })
          : await tx.polls.createRun({ sessionId, pollId, run: 1, status: "draft", visibility: poll.visibility, projected: false });
        await log("poll.projected", { run: run.run, projected: run.projected });
        if (control.type === "show-results") {
          // Commands of a session are serialised, so the cache's runs are current; re-read each in the transaction anyway.
          for (const other of ctx.runs.values()) {
            if (other.pollId === pollId || !other.projected) continue;
            const latest = await tx.polls.latestRun(sessionId, other.pollId);
            if (!latest?.projected) continue;
            const hidden = await tx.polls.setRunState(latest.id, { projected: false });
            await tx.sessions.appendEvent(sessionId, "poll.projected", { pollId: other.pollId, pollKey: ctx.polls.get(other.pollId)?.key, run: hidden.run, projected: false }, now);
            unprojected.push(hidden);
          }
        }
        break;
    }
    return { ok: true, run, unprojected } as const;
  });
}
