/** Builds the room's view of a session from storage: agenda content and run state, no names. */
import type { SessionStateView } from "../../app/domain/events";
import type { Stores } from "../storage";

/** @returns null when the session (or its workshop) does not exist. `now` is epoch ms. */
export async function buildSessionState(stores: Stores, sessionId: string, now: number): Promise<SessionStateView | null> {
  const session = await stores.sessions.get(sessionId);
  if (!session) return null;
  const [workshop, agenda, seq] = await Promise.all([
    stores.workshops.get(session.workshopId),
    stores.workshops.getAgenda(session.workshopId),
    stores.sessions.lastEventSeq(sessionId),
  ]);
  if (!workshop) return null;
  const byId = new Map(agenda.map((p) => [p.id, p]));
  const panels = session.panelIds.flatMap((id) => {
    const p = byId.get(id);
    return p ? [{ id: p.id, title: p.title, framing: p.framing, prompts: p.prompts, durationMinutes: p.durationMinutes }] : [];
  });
  return {
    sessionId: session.id,
    title: session.title,
    workshopTitle: workshop.title,
    rule: workshop.rule,
    status: session.status,
    joinCode: session.joinCode,
    currentPanelIndex: session.currentPanelIndex,
    panelStartedAt: session.panelStartedAt,
    elapsedMs: session.elapsedMs,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    panels,
    seq,
    serverNow: now,
  };
}
