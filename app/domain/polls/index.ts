/**
 * Live polls, pure core: response validation, run state machine, results visibility,
 * tallying with Chatham House small-cell suppression, and shifts between runs.
 */
export {
  StatementVote,
  cleanOpenText,
  codePointLength,
  parseResponse,
  responseValueSchema,
  type ParseResponseResult,
  type ResponseIssue,
  type ResponseValue,
  type ResponseValueByKind,
} from "./response";
export {
  canRespond,
  initialPollRunState,
  projectorShowsResults,
  resultsVisibleTo,
  transition,
  PollAction,
  PollActionType,
  type PollRunState,
  type PollRunStatus,
  type PollTransitionError,
  type TransitionResult,
} from "./state";
export { allSuppressed, suppressSmallCells, type Cell, type CountTable, type SuppressedTable } from "./suppress";
export { CONSENSUS_SHARE, DIVISIVE_SPREAD, consensusView, type SectorVotes } from "./consensus";
export { STOP_WORDS, WORD_CLOUD_LIMIT, contentWords, wordFrequencies } from "./words";
export { tally } from "./tally";
export { shiftBetweenRuns, type RunShift, type ShareShift } from "./shift";
export * from "./types";
