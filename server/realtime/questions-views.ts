/**
 * What each connection sees of the Q&A. Staff see every question (the facilitator also the asker's
 * display name, when not anonymous); the room sees approved and answered ones plus its own; the
 * projector sees the approved ones only while the facilitator projects them.
 */
import type { QuestionView, QuestionsStateView } from "../../app/domain/polls/events";
import type { Question } from "../storage";
import type { SocketData } from "./identity";

/** Questions the projector shows at once: more is unreadable from the back of a room. */
export const PROJECTED_QUESTIONS = 5;

export interface QuestionsSnapshot {
  questions: Question[];
  /** participantId → ids of questions they upvoted. */
  votes: Map<string, Set<string>>;
  /** questionId → asker, for anonymous questions asked since this process started (memory only, never stored). */
  anonymousAskers: Map<string, string>;
  projected: boolean;
}

const byVotes = (a: Question, b: Question) => b.votes - a.votes || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);

const askerOf = (q: Question, s: QuestionsSnapshot) => q.participantId ?? s.anonymousAskers.get(q.id) ?? null;

/** Is `q` visible to a connection with `who`? */
export function visibleTo(q: Question, who: Pick<SocketData, "role" | "participantId">, s: QuestionsSnapshot): boolean {
  if (who.role === "facilitator" || who.role === "rapporteur") return true;
  if (who.role === "projector") return s.projected && q.status === "approved";
  return q.status === "approved" || q.status === "answered" || (who.participantId !== null && askerOf(q, s) === who.participantId);
}

export function questionView(q: Question, who: Pick<SocketData, "role" | "participantId">, s: QuestionsSnapshot): QuestionView {
  const me = who.participantId;
  return {
    id: q.id,
    text: q.text,
    status: q.status,
    votes: q.votes,
    votedByMe: me !== null && (s.votes.get(me)?.has(q.id) ?? false),
    mine: me !== null && askerOf(q, s) === me,
    askedBy: who.role === "facilitator" && !q.anonymous ? q.askerName : null,
    createdAt: q.createdAt,
  };
}

/** The full `questions:state` for one connection, most upvoted first. */
export function questionsState(who: Pick<SocketData, "role" | "participantId">, s: QuestionsSnapshot): QuestionsStateView {
  let visible = s.questions.filter((q) => visibleTo(q, who, s)).sort(byVotes);
  if (who.role === "projector") visible = visible.slice(0, PROJECTED_QUESTIONS);
  return { questions: visible.map((q) => questionView(q, who, s)), projected: s.projected };
}
