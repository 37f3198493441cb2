/**
 * Gathers everything `buildSummary` needs about one session from storage: workshop, session,
 * participants (role and sector only), panels in session order with their notes and takeaways,
 * and every poll's CLOSED runs with `{value, sector}` responses.
 *
 * Aggregated reads: participants come as (role, sector) counts, expanded to the builder's list with
 * shared objects, and responses as (run, value, sector) counts, each from one grouped query, handed
 * to the tally as they are (`TallyResponse.count`): 18,000 groups instead of 90,000 answers for
 * bench/outcome.ts (5,000 people × 20 polls). The builder's result is the same as from per-person
 * rows (tallies depend only on these counts).
 */
import { listTakeaways, panelNotesFragment } from "../../app/domain/notes/model";
import { fromYXmlFragment, type SummaryInput, type SummaryParticipantInput, type SummaryPollInput } from "../../app/domain/summary";
import type { TallyResponse } from "../../app/domain/polls";
import type { Panel, Poll } from "../../app/domain/workshop";
import type { NoteStore } from "../notes/store";
import { NotFoundError, type PollRun, type Stores } from "../storage";
import { loadSessionNotes } from "./notes-doc";

/**
 * Reads the session's outcome inputs.
 * Participant names are NOT included under `chatham-house` (the builder would ignore them anyway;
 * not reading them here keeps them out of memory dumps and logs of this path too).
 * @throws NotFoundError for an unknown session or workshop.
 */
export async function gatherSummaryInput(stores: Stores, noteStore: NoteStore, sessionId: string): Promise<SummaryInput> {
  const session = await stores.sessions.get(sessionId);
  if (!session) throw new NotFoundError("session", sessionId);
  const workshop = await stores.workshops.get(session.workshopId);
  if (!workshop) throw new NotFoundError("workshop", session.workshopId);
  const attributed = workshop.rule === "attributed";
  const [agenda, participants, runs, doc] = await Promise.all([
    stores.workshops.getAgenda(workshop.id),
    participantsOf(stores, sessionId, attributed),
    stores.polls.listRuns(sessionId),
    loadSessionNotes(noteStore, sessionId),
  ]);
  const byId = new Map(agenda.map((p) => [p.id, p]));
  // Session order; panels deleted from the agenda since the session was created are skipped.
  const panels = session.panelIds.map((id) => byId.get(id)).filter((p): p is Panel => !!p);
  const closedByPoll = new Map<string, PollRun[]>();
  for (const run of runs) if (run.status === "closed") closedByPoll.set(run.pollId, [...(closedByPoll.get(run.pollId) ?? []), run]);
  const responsesByRun = new Map<string, TallyResponse[]>();
  const closedIds = runs.filter((r) => r.status === "closed").map((r) => r.id);
  for (const g of await stores.polls.groupedResponses(closedIds)) {
    let list = responsesByRun.get(g.runId);
    if (!list) responsesByRun.set(g.runId, (list = []));
    list.push({ value: g.value, sector: g.sector, count: g.count });
  }

  const pollInput = (poll: Poll): SummaryPollInput => {
    const { id: _id, panelId: _panel, position: _pos, ...definition } = poll;
    const closed = closedByPoll.get(poll.id) ?? [];
    return { definition, runs: closed.map((r) => ({ run: r.run, responses: responsesByRun.get(r.id) ?? [] })) };
  };

  try {
    return {
      workshop: {
        title: workshop.title,
        region: workshop.region,
        timeZone: workshop.timeZone,
        startsOn: workshop.startsOn,
        endsOn: workshop.endsOn,
        rule: workshop.rule,
        minCellSize: workshop.minCellSize,
      },
      session: { title: session.title, startedAt: session.startedAt, endedAt: session.endedAt },
      participants,
      panels: panels.map((panel) => ({
          key: panel.key,
          title: panel.title,
          framing: panel.framing,
          prompts: panel.prompts,
          notes: fromYXmlFragment(panelNotesFragment(doc, panel.id)),
          takeaways: listTakeaways(doc, panel.id)
            .map((t) => t.text.trim())
            .filter((t) => t !== ""),
          polls: panel.polls.map(pollInput),
        })),
    };
  } finally {
    doc.destroy();
  }
}

/**
 * Participants as the builder takes them. Under `attributed` the names are needed (attendee list),
 * so rows are read; otherwise only (role, sector) head counts, expanded with one shared object each.
 */
async function participantsOf(stores: Stores, sessionId: string, attributed: boolean): Promise<SummaryParticipantInput[]> {
  if (attributed) return (await stores.sessions.listParticipants(sessionId)).map((p) => ({ role: p.role, sector: p.sector, name: p.displayName }));
  const out: SummaryParticipantInput[] = [];
  for (const g of await stores.sessions.countParticipantsBySector(sessionId)) {
    const person: SummaryParticipantInput = { role: g.role, sector: g.sector };
    for (let i = 0; i < g.count; i++) out.push(person);
  }
  return out;
}
