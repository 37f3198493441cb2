/**
 * Replay, pure core: validated event timeline, `replayAt` (the state at t and nothing later),
 * scrubber markers and notes extraction. No framework or storage imports.
 */
export { buildTimeline, replayAt, foldFromScratch, countAtOrBefore, compareEvents, DEFAULT_CHECKPOINT_EVERY, type Timeline, type BuildTimelineOptions } from "./timeline";
export { applyEvent, initialFoldState, viewAt, type ReplayState, type ReplayPoll, type TallySnapshot, type PanelTitles, type QuestionStatus } from "./state";
export { parseReplayEvent, ReplayPayloads, type ReplayEvent, type TimelineIssue } from "./schema";
export { timelineMarkers, type ReplayMarker } from "./markers";
export { panelNotesView, plainTextAt, type NotesBlock, type PanelNotesView, type Visibility } from "./notes";
export { replayMoment, replayBounds, type ReplayPort, type ReplayMoment } from "./view";
