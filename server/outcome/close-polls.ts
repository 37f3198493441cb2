/**
 * Closes every open poll run of a session when it ends, with the same event-log entries a
 * facilitator's close writes (`poll.closed` and a `poll.tallied` aggregate for replay), so a
 * summary never contains a run that was still collecting votes.
 */
import { tally } from "../../app/domain/polls";
import { responseCountOf, type Stores } from "../storage";

/**
 * Closes the open runs of `sessionId` at `at` (epoch ms), each in its own transaction (a concurrent
 * vote either lands before the close and is counted, or is refused by the store as `state`).
 * @returns how many runs were closed.
 */
export async function closeOpenPolls(stores: Stores, sessionId: string, at: number): Promise<number> {
  const session = await stores.sessions.get(sessionId);
  if (!session) return 0;
  const workshop = await stores.workshops.get(session.workshopId);
  if (!workshop) return 0;
  const open = (await stores.polls.listRuns(sessionId)).filter((r) => r.status === "open");
  if (open.length === 0) return 0;
  const polls = new Map((await stores.workshops.getAgenda(workshop.id)).flatMap((p) => p.polls).map((p) => [p.id, p]));
  const opts = { rule: workshop.rule, minCellSize: workshop.minCellSize };
  let closed = 0;
  for (const run of open) {
    const poll = polls.get(run.pollId);
    await stores.transaction(async (tx) => {
      const current = await tx.polls.latestRun(sessionId, run.pollId);
      // Re-read inside the transaction: a facilitator may have closed it a moment ago.
      if (!current || current.id !== run.id || current.status !== "open") return;
      await tx.polls.setRunState(run.id, { status: "closed", closedAt: at });
      const responses = await tx.polls.groupedResponses([run.id]);
      const base = { pollId: run.pollId, ...(poll ? { pollKey: poll.key } : {}), run: run.run };
      await tx.sessions.appendEvent(sessionId, "poll.closed", { ...base, responseCount: responseCountOf(responses), reason: "session-ended" }, at);
      if (poll) await tx.sessions.appendEvent(sessionId, "poll.tallied", { ...base, tally: tally(poll, responses, opts) }, at);
      closed++;
    });
  }
  return closed;
}
