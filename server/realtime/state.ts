/** Builds the room's view of a session from storage: agenda content and run state, no names. */
import type { SessionStateView } from "../../app/domain/events";
import type { Stores } from "../storage";
import type { SessionAgendaCache } from "./session-agenda";

/**
 * @returns null when the session (or its workshop) does not exist. `now` is epoch ms.
 * @param agendas where the workshop and agenda part comes from (cached per session, session-agenda.ts).
 */
export async function buildSessionState(stores: Stores, agendas: SessionAgendaCache, sessionId: string, now: number): Promise<SessionStateView | null> {
  const session = await stores.sessions.get(sessionId);
  if (!session) return null;
  const [agenda, seq] = await Promise.all([
    agendas.get(session),
    stores.sessions.lastEventSeq(sessionId),
  ]);
  if (!agenda) return null;
  return {
    sessionId: session.id,
    title: session.title,
    workshopTitle: agenda.workshopTitle,
    rule: agenda.rule,
    status: session.status,
    joinCode: session.joinCode,
    currentPanelIndex: session.currentPanelIndex,
    panelStartedAt: session.panelStartedAt,
    elapsedMs: session.elapsedMs,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    panels: agenda.panels,
    seq,
    serverNow: now,
  };
}
