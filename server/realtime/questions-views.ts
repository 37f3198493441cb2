/**
 * What each connection sees of the Q&A. Staff see every question (the facilitator also the asker's
 * display name, when not anonymous); the room sees approved and answered ones plus its own; the
 * projector sees the approved ones only while the facilitator projects them.
 *
 * Built once per snapshot (i.e. per change of the session's questions), not per connection: one
 * payload each for the facilitator, rapporteurs, the projector and the room; a participant who
 * asked or upvoted gets the room payload with their own few entries swapped in. 10,000 phones
 * joining cost 10,000 lookups, not 10,000 filter-sort-map passes over every question.
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
  /**
   * questionId → asker of the session's anonymous questions known in this process: asked here, or
   * recognised from their stored tags when the asker connected (server/realtime/question-askers.ts).
   * Memory only; the database holds no participant id for them.
   */
  anonymousAskers: Map<string, string>;
  projected: boolean;
}

type Who = Pick<SocketData, "role" | "participantId">;

const byVotes = (a: { votes: number; createdAt: number; id: string }, b: { votes: number; createdAt: number; id: string }) =>
  b.votes - a.votes || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);

/** The participant who asked `q`, when known (anonymous askers: see `QuestionsSnapshot.anonymousAskers`). */
export const askerOf = (q: Question, s: QuestionsSnapshot) => q.participantId ?? s.anonymousAskers.get(q.id) ?? null;

const isStaff = (role: Who["role"]) => role === "facilitator" || role === "rapporteur";
const isPublic = (q: Question) => q.status === "approved" || q.status === "answered";

/** Is `q` visible to a connection with `who`? */
export function visibleTo(q: Question, who: Who, s: QuestionsSnapshot): boolean {
  if (isStaff(who.role)) return true;
  if (who.role === "projector") return s.projected && q.status === "approved";
  return isPublic(q) || (who.participantId !== null && askerOf(q, s) === who.participantId);
}

export function questionView(q: Question, who: Who, s: QuestionsSnapshot): QuestionView {
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

interface SharedViews {
  facilitator: QuestionsStateView;
  rapporteur: QuestionsStateView;
  projector: QuestionsStateView;
  /** What a participant who neither asked nor upvoted sees (votedByMe and mine false throughout). */
  room: QuestionsStateView;
  /** participantId → their questions (any status). */
  asked: Map<string, Question[]>;
  byId: Map<string, Question>;
}

const shared = new WeakMap<QuestionsSnapshot, SharedViews>();

function sharedViews(s: QuestionsSnapshot): SharedViews {
  const hit = shared.get(s);
  if (hit) return hit;
  const sorted = [...s.questions].sort(byVotes);
  const state = (who: Who, qs: Question[]): QuestionsStateView => ({ questions: qs.map((q) => questionView(q, who, s)), projected: s.projected });
  const asked = new Map<string, Question[]>();
  for (const q of s.questions) {
    const asker = askerOf(q, s);
    if (!asker) continue;
    const list = asked.get(asker);
    if (list) list.push(q);
    else asked.set(asker, [q]);
  }
  const projected = s.projected ? sorted.filter((q) => q.status === "approved").slice(0, PROJECTED_QUESTIONS) : [];
  const views: SharedViews = {
    // Staff never ask or upvote (questions.ts), so their views carry no personal flags.
    facilitator: state({ role: "facilitator", participantId: null }, sorted),
    rapporteur: state({ role: "rapporteur", participantId: null }, sorted),
    projector: state({ role: "projector", participantId: null }, projected),
    room: state({ role: "participant", participantId: null }, sorted.filter(isPublic)),
    asked,
    byId: new Map(s.questions.map((q) => [q.id, q])),
  };
  shared.set(s, views);
  return views;
}

/**
 * Records `participantId` as the asker of anonymous question `q` in snapshot `s` (and in the views
 * already built from it): only that participant's own state changes, staff and room views do not
 * (they carry no asker of an anonymous question), so nothing needs rebuilding or resending.
 */
export function addAnonymousAsker(s: QuestionsSnapshot, q: Question, participantId: string): void {
  s.anonymousAskers.set(q.id, participantId);
  const views = shared.get(s);
  if (!views) return;
  const list = views.asked.get(participantId);
  if (list) {
    if (!list.includes(q)) list.push(q);
  } else views.asked.set(participantId, [q]);
}

/** The full `questions:state` for one connection, most upvoted first. Shared objects: never mutate the result. */
export function questionsState(who: Who, s: QuestionsSnapshot): QuestionsStateView {
  const views = sharedViews(s);
  if (who.role === "facilitator" || who.role === "rapporteur" || who.role === "projector") return views[who.role];
  const me = who.participantId;
  const voted = me === null ? undefined : s.votes.get(me);
  const mine = me === null ? undefined : views.asked.get(me);
  if (!voted && !mine) return views.room;
  // Own entries: flags set on public ones, own pending or hidden ones added.
  const own = new Map((mine ?? []).map((q) => [q.id, q]));
  const questions = views.room.questions.map((v) => (voted?.has(v.id) || own.has(v.id) ? questionView(views.byId.get(v.id)!, who, s) : v));
  for (const q of own.values()) if (!isPublic(q)) questions.push(questionView(q, who, s));
  return { questions: own.size > 0 ? questions.sort(byVotes) : questions, projected: s.projected };
}
