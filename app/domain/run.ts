/**
 * Running a session's agenda: pure state transitions for start, panel navigation and end.
 * Elapsed time per panel accumulates across visits so planned-vs-elapsed stays honest when a
 * facilitator goes back to a panel. All times are epoch ms.
 */
import type { Session } from "./session";

export type RunState = Pick<Session, "status" | "currentPanelIndex" | "panelStartedAt" | "elapsedMs" | "startedAt" | "endedAt" | "panelIds">;

export type RunAction =
  | { type: "start" }
  | { type: "goto"; index: number }
  | { type: "advance" }
  | { type: "rewind" }
  | { type: "end" };

export type RunError = "not-live" | "already-live" | "ended" | "out-of-range";

/** A state patch plus the event to log, or an error code. */
export type RunResult =
  | { ok: true; patch: Partial<RunState>; event: { type: "session.started" | "session.ended" | "panel.entered"; payload: Record<string, unknown> } }
  | { ok: false; error: RunError };

function closeCurrent(state: RunState, now: number): Record<string, number> {
  const elapsed = { ...state.elapsedMs };
  if (state.status === "live" && state.panelStartedAt !== null) {
    const id = state.panelIds[state.currentPanelIndex];
    if (id) elapsed[id] = (elapsed[id] ?? 0) + Math.max(0, now - state.panelStartedAt);
  }
  return elapsed;
}

/** Applies `action` at time `now` (ms). Never throws. */
export function applyRunAction(state: RunState, action: RunAction, now: number): RunResult {
  if (state.status === "ended") return { ok: false, error: "ended" };
  switch (action.type) {
    case "start":
      if (state.status === "live") return { ok: false, error: "already-live" };
      return {
        ok: true,
        patch: { status: "live", startedAt: now, panelStartedAt: now, currentPanelIndex: 0 },
        event: { type: "session.started", payload: { panelId: state.panelIds[0], index: 0 } },
      };
    case "end":
      return {
        ok: true,
        patch: { status: "ended", endedAt: now, elapsedMs: closeCurrent(state, now), panelStartedAt: null },
        event: { type: "session.ended", payload: {} },
      };
    default: {
      if (state.status !== "live") return { ok: false, error: "not-live" };
      const index =
        action.type === "goto" ? action.index : state.currentPanelIndex + (action.type === "advance" ? 1 : -1);
      if (!Number.isInteger(index) || index < 0 || index >= state.panelIds.length) return { ok: false, error: "out-of-range" };
      if (index === state.currentPanelIndex) {
        return { ok: true, patch: {}, event: { type: "panel.entered", payload: { panelId: state.panelIds[index], index } } };
      }
      return {
        ok: true,
        patch: { currentPanelIndex: index, panelStartedAt: now, elapsedMs: closeCurrent(state, now) },
        event: { type: "panel.entered", payload: { panelId: state.panelIds[index], index } },
      };
    }
  }
}

/** Elapsed ms on `panelId` at `now`, including the running visit if it is the current panel. */
export function elapsedOn(state: RunState, panelId: string, now: number): number {
  const base = state.elapsedMs[panelId] ?? 0;
  const current = state.panelIds[state.currentPanelIndex] === panelId;
  return current && state.status === "live" && state.panelStartedAt !== null ? base + Math.max(0, now - state.panelStartedAt) : base;
}

/** Timer tone for planned vs elapsed: `ok` below 80 %, `warning` from 80 %, `over` past 100 % of plan. */
export function timerTone(elapsedMs: number, plannedMinutes: number): "ok" | "warning" | "over" {
  const planned = plannedMinutes * 60_000;
  if (elapsedMs > planned) return "over";
  // 80 %: a five-minute warning on a 25-minute slot, the usual moderator cue.
  if (elapsedMs >= planned * 0.8) return "warning";
  return "ok";
}
