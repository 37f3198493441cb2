/**
 * What the replay routes send the browser for one moment, composed over a {@link ReplayPort} (implemented
 * by server/replay/service.ts and reached through the load context). No framework imports.
 */
import type { ReplayMarker } from "./markers";
import type { PanelNotesView } from "./notes";
import type { ReplayState } from "./state";
import type { Timeline } from "./timeline";

/** The replay service as routes see it. Times are epoch ms. */
export interface ReplayPort {
  timeline(sessionId: string): Promise<Timeline>;
  markers(sessionId: string): Promise<ReplayMarker[]>;
  stateAt(sessionId: string, t: number, titles?: ReadonlyMap<string, string>): Promise<ReplayState>;
  notesAt(sessionId: string, t: number, panelIds: readonly string[]): Promise<{ panels: PanelNotesView[] }>;
}

/** One moment: the event state and the notes of the panel current then (null before the start). */
export interface ReplayMoment {
  state: ReplayState;
  notes: PanelNotesView | null;
}

/** The moment `t` (epoch ms) of `sessionId`: only what was logged or written at or before t. */
export async function replayMoment(port: ReplayPort, sessionId: string, t: number, titles: ReadonlyMap<string, string>): Promise<ReplayMoment> {
  const state = await port.stateAt(sessionId, t, titles);
  const panelId = state.panel?.panelId;
  const notes = panelId ? ((await port.notesAt(sessionId, t, [panelId])).panels[0] ?? null) : null;
  return { state, notes };
}

/** Bounds of the scrubber (epoch ms): the session's start (or first event) to its end (or last event, or `now` while live). */
export function replayBounds(session: { startedAt: number | null; endedAt: number | null; status: string }, timeline: Timeline, now: number): { from: number; to: number } | null {
  const from = session.startedAt ?? timeline.firstAt;
  if (from === null) return null;
  const to = session.endedAt ?? (session.status === "live" ? now : (timeline.lastAt ?? from));
  return { from, to: Math.max(from, to) };
}
