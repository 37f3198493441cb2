/**
 * Gathers everything `buildSummary` needs about one session from storage: workshop, session,
 * participants (role and sector only), panels in session order with their notes and takeaways,
 * and every poll's CLOSED runs with `{value, sector}` responses.
 */
import { listTakeaways, panelNotesFragment } from "../../app/domain/notes/model";
import { fromYXmlFragment, type SummaryInput, type SummaryPollInput } from "../../app/domain/summary";
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
  const [agenda, people, runs, doc] = await Promise.all([
    stores.workshops.getAgenda(workshop.id),
    stores.sessions.listParticipants(sessionId),
    stores.polls.listRuns(sessionId),
    loadSessionNotes(noteStore, sessionId),
  ]);
  const attributed = workshop.rule === "attributed";
  const byId = new Map(agenda.map((p) => [p.id, p]));
  // Session order; panels deleted from the agenda since the session was created are skipped.
  const panels = session.panelIds.map((id) => byId.get(id)).filter((p): p is Panel => !!p);
  const closedByPoll = new Map<string, PollRun[]>();
  for (const run of runs) if (run.status === "closed") closedByPoll.set(run.pollId, [...(closedByPoll.get(run.pollId) ?? []), run]);

  const pollInput = async (poll: Poll): Promise<SummaryPollInput> => {
    const { id: _id, panelId: _panel, position: _pos, ...definition } = poll;
    const closed = closedByPoll.get(poll.id) ?? [];
    const withResponses = await Promise.all(closed.map(async (r) => ({ run: r.run, responses: await stores.polls.listResponses(r.id) })));
    return { definition, runs: withResponses };
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
      participants: people.map((p) => ({ role: p.role, sector: p.sector, ...(attributed ? { name: p.displayName } : {}) })),
      panels: await Promise.all(
        panels.map(async (panel) => ({
          key: panel.key,
          title: panel.title,
          framing: panel.framing,
          prompts: panel.prompts,
          notes: fromYXmlFragment(panelNotesFragment(doc, panel.id)),
          takeaways: listTakeaways(doc, panel.id)
            .map((t) => t.text.trim())
            .filter((t) => t !== ""),
          polls: await Promise.all(panel.polls.map(pollInput)),
        })),
      ),
    };
  } finally {
    doc.destroy();
  }
}
