/**
 * Socket.io events for live polls and Q&A: zod schemas for every client payload and the views the
 * server sends. Merged into the session event map in app/domain/events.ts. No view carries a
 * participant id, name or individual response (except the connection's own answer, sent only to it).
 */
import { z } from "zod";
import { PollDefinition, ResultsVisibility, type PollKind } from "../template";
import type { PollRunStatus } from "./state";
import type { ResponseValue } from "./response";
import type { Tally } from "./types";

const Id = z.string().min(1).max(64);

/** `poll:respond` — `responseId` is the client's idempotency key (a UUID made when the answer was first given). */
export const PollRespond = z.strictObject({
  pollId: Id,
  value: z.unknown(),
  responseId: z.string().uuid(),
});
export const PollRef = z.strictObject({ pollId: Id });
export const PollSetVisibility = z.strictObject({ pollId: Id, visibility: ResultsVisibility });
export const PollProject = z.strictObject({ pollId: Id, projected: z.boolean() });
/** `poll:create` — a facilitator adds a poll on the fly to a panel of the running session. */
export const PollCreate = z.strictObject({ panelId: Id, definition: PollDefinition });

/**
 * Q&A. Question text cap 280 chars: a question read aloud in ~20 s; longer ones are speeches.
 */
export const QUESTION_MAX_CHARS = 280;
export const QuestionAsk = z.strictObject({
  text: z.string().trim().min(3).max(QUESTION_MAX_CHARS),
  /** Anonymous even to the facilitator: no participant id is stored with the question. */
  anonymous: z.boolean().default(false),
});
export const QuestionRef = z.strictObject({ questionId: Id });
export const QuestionModerate = z.strictObject({
  questionId: Id,
  status: z.enum(["approved", "hidden", "answered", "pending"]),
});
export const QuestionProject = z.strictObject({ show: z.boolean() });

/** One poll as a connection sees it. `tally` is present only when this role may see results now. */
export interface PollView {
  id: string;
  key: string;
  panelId: string;
  kind: PollKind;
  definition: PollDefinition;
  run: number;
  status: PollRunStatus;
  visibility: z.infer<typeof ResultsVisibility>;
  projected: boolean;
  /** Number of responses in the current run (always visible: it reveals no answer). */
  responseCount: number;
  tally: Tally | null;
  /** Tally of the previous run, when the poll was re-asked and results are visible (for the shift view). */
  previousTally: Tally | null;
  /** This connection's own answer in the current run (participants only). */
  myResponse: { value: ResponseValue; responseId: string } | null;
}

export interface PollsStateView {
  sessionId: string;
  polls: PollView[];
  /** Participants in the session (role `participant`, joined, not only connected; staff not counted). */
  participantCount: number;
}

/** Broadcast at most ~4×/s per poll while votes arrive: aggregate only. */
export interface PollTalliedView {
  pollId: string;
  run: number;
  responseCount: number;
  tally: Tally | null;
  /** Participants in the session now (as in `PollsStateView`), so joins show without a new state. */
  participantCount?: number;
}

export interface QuestionView {
  id: string;
  text: string;
  status: "pending" | "approved" | "hidden" | "answered";
  votes: number;
  /** Whether this connection upvoted it. */
  votedByMe: boolean;
  /** Whether this connection asked it. */
  mine: boolean;
  /** Shown to facilitators only, and only when the asker was not anonymous and gave a name. */
  askedBy: string | null;
  createdAt: number;
}

export interface QuestionsStateView {
  questions: QuestionView[];
  /** Whether the projector shows the top approved questions. */
  projected: boolean;
}
