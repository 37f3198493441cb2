/**
 * Poll runs: the state machine a facilitator drives, and who may see results when.
 *
 * A poll can be run several times in a session (e.g. before and after a discussion). Each run
 * has a number starting at 1; `reset` starts the next run and leaves the earlier run's
 * responses untouched, so the projector can show the shift between runs.
 *
 * ```
 * draft ──open──▶ open ──close──▶ closed
 *                  ▲                │
 *                  └─────reopen─────┘      reset (from open or closed) → run + 1, draft
 * ```
 */
import { z } from "zod";
import type { ResultsVisibility } from "../template";
import type { ParticipantRole } from "../session";

export type PollRunStatus = "draft" | "open" | "closed";

/** State of a poll in a session: current run number (1-based), its status, and the projector flag. */
export interface PollRunState {
  run: number;
  status: PollRunStatus;
  /** The facilitator shows this poll's results on the projector. Only meaningful once opened. */
  projected: boolean;
}

/**
 * Facilitator actions. `show-results`/`hide-results` toggle the projector flag.
 * `open` only starts a draft run; `reopen` only resumes a closed one, so the event log can
 * tell a first opening from a resumed vote.
 */
export const PollActionType = z.enum(["open", "close", "reopen", "reset", "show-results", "hide-results"]);
export type PollActionType = z.infer<typeof PollActionType>;
/** Schema for adapters (socket payloads, form actions): `{type}` with one of the action names. */
export const PollAction = z.strictObject({ type: PollActionType });
export type PollAction = z.infer<typeof PollAction>;

/** Why an action was refused. `code` is stable for clients; `message` is for people. */
export interface PollTransitionError {
  code: "illegal-transition";
  from: PollRunStatus;
  action: PollActionType;
  message: string;
}

export type TransitionResult = { ok: true; state: PollRunState } | { ok: false; error: PollTransitionError };

/** The state of a poll nobody has opened yet: run 1, draft, not projected. */
export const initialPollRunState = (): PollRunState => ({ run: 1, status: "draft", projected: false });

const REASONS: Record<PollActionType, Partial<Record<PollRunStatus, string>>> = {
  open: { open: "the poll is already open", closed: "the poll is closed: reopen it or start a new run" },
  close: { draft: "the poll has not been opened", closed: "the poll is already closed" },
  reopen: { draft: "the poll has not been opened yet", open: "the poll is already open" },
  // A draft run has no responses to keep, so a new run would only leave an empty gap in the numbering.
  reset: { draft: "the poll has not been opened: there is nothing to reset" },
  "show-results": { draft: "the poll has not been opened: there are no results to show" },
  "hide-results": {},
};

/**
 * Applies `action` to `state`. Pure: returns a new object, never mutates.
 * `hide-results` is always allowed (hiding can never leak anything, and retries stay harmless);
 * `show-results`/`hide-results` are idempotent.
 * @returns `{ok:true, state}` or `{ok:false, error}` with `code: "illegal-transition"`.
 */
export function transition(state: PollRunState, action: PollAction): TransitionResult {
  const reason = REASONS[action.type][state.status];
  if (reason !== undefined) {
    return { ok: false, error: { code: "illegal-transition", from: state.status, action: action.type, message: reason } };
  }
  switch (action.type) {
    case "open":
    case "reopen":
      return { ok: true, state: { ...state, status: "open" } };
    case "close":
      return { ok: true, state: { ...state, status: "closed" } };
    case "reset":
      // The new run starts hidden from the projector: showing an empty chart by surprise helps nobody.
      return { ok: true, state: { run: state.run + 1, status: "draft", projected: false } };
    case "show-results":
      return { ok: true, state: { ...state, projected: true } };
    case "hide-results":
      return { ok: true, state: { ...state, projected: false } };
  }
}

/** Responses are accepted (and may be changed) only while the run is open. */
export const canRespond = (status: PollRunStatus): boolean => status === "open";

/** Staff who always see results: they run the room and write the record. */
const STAFF: ReadonlySet<ParticipantRole> = new Set(["facilitator", "rapporteur"]);

/**
 * May someone with `role` see the current run's results (aggregates only)?
 * - facilitator and rapporteur: always. `hidden` lets the rapporteur see, so the less strict
 *   modes must too, or a rapporteur could not take notes on a poll during an `on-close` vote.
 * - participant/observer: `live` → while open and after closing; `on-close` → once closed;
 *   `hidden` → never. Nobody outside staff sees a draft run (it has no responses anyway).
 */
export function resultsVisibleTo(visibility: ResultsVisibility, status: PollRunStatus, role: ParticipantRole): boolean {
  if (STAFF.has(role)) return true;
  switch (visibility) {
    case "live":
      return status === "open" || status === "closed";
    case "on-close":
      return status === "closed";
    case "hidden":
      return false;
  }
}

/**
 * Does the projector show results now? The projector is in the room, so it follows the room's
 * rule (a participant's view) and additionally needs the facilitator's `projected` flag. To
 * show a `hidden` poll, the facilitator first changes its visibility (a logged decision).
 */
export function projectorShowsResults(state: PollRunState, visibility: ResultsVisibility): boolean {
  return state.projected && resultsVisibleTo(visibility, state.status, "participant");
}
