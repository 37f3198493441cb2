/**
 * The replay service routes use (through the load context): cached event timelines and notes at t.
 * Wire once per process: `createReplayService({ events: stores.sessions, notes: noteStore, frames: stores.settings })`.
 */
import { buildTimeline, replayAt, timelineMarkers, type ReplayMarker, type ReplayPort, type ReplayState, type Timeline } from "../../app/domain/replay";
import { notesDocName } from "../../app/domain/notes/model";
import type { SessionEventOps } from "../storage";
import { createLru } from "./lru";
import { createNotesReplay, type FrameStore, type NoteHistory, type NotesAt, type NotesReplayOptions } from "./notes";

/** Implements the routes' {@link ReplayPort} (app/domain/replay/view.ts). */
export interface ReplayService extends ReplayPort {
  /**
   * The session's validated timeline. Cached per session; each call costs one `lastEventSeq` query and
   * reads only events appended since (pages of ≤ 1000, the store's cap).
   */
  timeline(sessionId: string): Promise<Timeline>;
  /** Scrubber markers (panel changes, polls opened/closed, start/end). */
  markers(sessionId: string): Promise<ReplayMarker[]>;
  /** The state at `t` (epoch ms): events at or before t only. `titles` names panels (panel id → title). */
  stateAt(sessionId: string, t: number, titles?: ReadonlyMap<string, string>): Promise<ReplayState>;
  /** Notes of `panelIds` as they were at `t` (epoch ms), plain text only. */
  notesAt(sessionId: string, t: number, panelIds: readonly string[]): Promise<NotesAt>;
  /**
   * Makes later replays of a finished session fast, also in a fresh process: loads its timeline and
   * stores the frozen notes history of `panelIds` (server/replay/notes-frozen.ts). Call at session end.
   * @throws whatever storage throws.
   */
  prepare(sessionId: string, panelIds: readonly string[]): Promise<void>;
}

export interface ReplayServiceDeps {
  events: Pick<SessionEventOps, "listEvents" | "lastEventSeq">;
  notes: NoteHistory;
  /** Sessions whose timelines stay cached (default 64; a 3-hour log is ~1 MB of parsed events at most). */
  timelines?: number;
  notesOptions?: NotesReplayOptions;
  /** Where frozen notes histories are stored (e.g. the settings store); see {@link ReplayService.prepare}. */
  frames?: FrameStore;
}

/** Creates the replay service (one per process): LRU-cached timelines, notes seeks, frozen panels. */
export function createReplayService(deps: ReplayServiceDeps): ReplayService {
  const cache = createLru<string, { raw: unknown[]; lastSeq: number; timeline: Timeline }>(deps.timelines ?? 64);
  const notes = createNotesReplay(deps.notes, { ...deps.notesOptions, frames: deps.frames ?? deps.notesOptions?.frames });

  async function timeline(sessionId: string): Promise<Timeline> {
    const last = await deps.events.lastEventSeq(sessionId);
    const hit = cache.get(sessionId);
    if (hit && hit.lastSeq === last) return hit.timeline;
    const raw = hit ? [...hit.raw] : [];
    let after = hit?.lastSeq ?? 0;
    // Seq is gap-free, so paging by afterSeq reads each event exactly once.
    for (;;) {
      const page = await deps.events.listEvents(sessionId, { afterSeq: after, limit: 1000 });
      raw.push(...page);
      if (page.length === 0) break;
      after = page[page.length - 1].seq;
      if (after >= last) break;
    }
    const built = buildTimeline(raw);
    cache.set(sessionId, { raw, lastSeq: after, timeline: built });
    return built;
  }

  return {
    timeline,
    markers: async (sessionId) => timelineMarkers(await timeline(sessionId)),
    async stateAt(sessionId, t, titles) {
      const state = replayAt(await timeline(sessionId), t);
      if (state.panel?.panelId && titles) state.panel.title = titles.get(state.panel.panelId) ?? null;
      return state;
    },
    notesAt: (sessionId, t, panelIds) => notes.notesAt(notesDocName(sessionId), t, panelIds),
    async prepare(sessionId, panelIds) {
      await timeline(sessionId);
      await notes.prepare(notesDocName(sessionId), panelIds);
    },
  };
}

export { createNotesReplay, type FrameStore, type NoteHistory, type NotesAt, type NotesReplay, type NotesReplayOptions } from "./notes";
