/** Public API of the non-attribution check (Chatham House Rule). */
export { nonAttributionFindings } from "./check";
export { applySuggestion, resolveFindings } from "./resolve";
export { COUNTRIES, ORGANISATIONS, FORUMS } from "./lexicon";
export {
  CheckInput,
  Finding,
  FindingKind,
  FindingSeverity,
  Language,
  MIN_DISMISS_REASON,
  Resolution,
} from "./types";
