/**
 * Timeline markers for the scrubber: session start/end, panel changes, polls opened/closed.
 * Only what the facilitator did in front of the room; nothing about participants.
 */
import type { Timeline } from "./timeline";

/** One marker; `at` in epoch ms. `label` is data for the UI to phrase (panel index / poll question). */
export type ReplayMarker =
  | { at: number; kind: "session-started" | "session-ended" }
  | { at: number; kind: "panel"; index: number; title: string | null }
  | { at: number; kind: "poll-opened" | "poll-closed"; pollId: string; question: string | null };

/** Markers in time order. O(n). */
export function timelineMarkers(timeline: Timeline): ReplayMarker[] {
  const questions = new Map<string, string>();
  const out: ReplayMarker[] = [];
  for (const e of timeline.events) {
    switch (e.type) {
      case "session.started":
        out.push({ at: e.at, kind: "session-started" });
        break;
      case "session.ended":
        out.push({ at: e.at, kind: "session-ended" });
        break;
      case "panel.entered":
        out.push({ at: e.at, kind: "panel", index: e.payload.index, title: e.payload.panelId ? (timeline.titles.get(e.payload.panelId) ?? null) : null });
        break;
      case "poll.opened":
        if (e.payload.definition) questions.set(e.payload.pollId, e.payload.definition.question);
        out.push({ at: e.at, kind: "poll-opened", pollId: e.payload.pollId, question: questions.get(e.payload.pollId) ?? null });
        break;
      case "poll.closed":
        out.push({ at: e.at, kind: "poll-closed", pollId: e.payload.pollId, question: questions.get(e.payload.pollId) ?? null });
        break;
      default:
        break;
    }
  }
  return out;
}
