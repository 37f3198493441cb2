/**
 * Q&A questions and upvotes. An anonymous question stores no participant id at all (not even for
 * the facilitator); an upvote is one row per (question, participant), the primary key making a
 * second upvote by the same participant a no-op; withdrawing it deletes the row.
 */
import { guard, NotFoundError } from "../errors";
import type { QuestionsTable } from "../schema";
import type { StoreContext } from "./context";

export type QuestionStatus = QuestionsTable["status"];

/** A stored question with its upvote count. `createdAt` is epoch ms. */
export interface Question {
  id: string;
  sessionId: string;
  /** Null for anonymous questions. */
  participantId: string | null;
  /** The asker's display name (null when anonymous or none given). Live room use only. */
  askerName: string | null;
  /** The asker's sector is deliberately not read: a question plus an affiliation attributes it. */
  text: string;
  anonymous: boolean;
  /**
   * Anonymous questions: a keyed hash of (question id, asker) made by the caller of `ask`, so the server
   * can recognise the asker later without storing who it is. Server-side only: never sent to clients.
   */
  askerTag: string | null;
  status: QuestionStatus;
  votes: number;
  createdAt: number;
}

export interface QuestionStore {
  /**
   * Stores a `pending` question. With `anonymous`, `participantId` is dropped before storing and
   * `askerTag(questionId)` (if given) is stored instead. @throws ConflictError (`reference`)
   */
  ask(input: { sessionId: string; participantId: string; text: string; anonymous: boolean; askerTag?: (questionId: string) => string }): Promise<Question>;
  get(questionId: string): Promise<Question | null>;
  /** One upvote per participant: `changed` is false when this participant had already upvoted. @throws ConflictError (`reference`) */
  upvote(questionId: string, participantId: string): Promise<{ changed: boolean }>;
  /** Withdraws this participant's upvote: `changed` is false when there was none. */
  unvote(questionId: string, participantId: string): Promise<{ changed: boolean }>;
  /** Sets the status. @throws NotFoundError */
  moderate(questionId: string, status: QuestionStatus): Promise<Question>;
  /** All questions of the session with vote counts, oldest first. */
  list(sessionId: string): Promise<Question[]>;
  /** Ids of the session's questions `participantId` upvoted. */
  votedBy(sessionId: string, participantId: string): Promise<Set<string>>;
  /** (questionId, participantId) pairs of every upvote in the session, for per-connection views. */
  listVotes(sessionId: string): Promise<{ questionId: string; participantId: string }[]>;
  /**
   * Erases the asker tags of the session's questions (`asker_tag` NULL), once it has ended: nothing
   * needs to recognise an anonymous asker any more, and the rows can no longer be tested against
   * participant ids, even by someone holding the key (server/realtime/question-askers.ts).
   * @returns how many questions lost their tag.
   */
  clearAskerTags(sessionId: string): Promise<number>;
}

/** The kysely-backed {@link QuestionStore}. */
export function createQuestionStore({ db, now, newId }: StoreContext): QuestionStore {
  const select = () =>
    db
      .selectFrom("questions as q")
      .leftJoin("participants as p", "p.id", "q.participant_id")
      .select((eb) => [
        "q.id",
        "q.session_id",
        "q.participant_id",
        "q.text",
        "q.anonymous",
        "q.status",
        "q.created_at",
        "q.asker_tag",
        "p.display_name",
        eb.selectFrom("question_votes as v").select((e) => e.fn.countAll<number>().as("n")).whereRef("v.question_id", "=", "q.id").as("votes"),
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof select>["executeTakeFirstOrThrow"]>>;
  const toQuestion = (r: Row): Question => ({
    id: r.id,
    sessionId: r.session_id,
    participantId: r.participant_id,
    askerName: r.anonymous === 1 ? null : (r.display_name ?? null),
    text: r.text,
    anonymous: r.anonymous === 1,
    askerTag: r.asker_tag ?? null,
    status: r.status,
    votes: Number(r.votes ?? 0),
    createdAt: Number(r.created_at),
  });
  const get = async (id: string) => {
    const r = await select().where("q.id", "=", id).executeTakeFirst();
    return r ? toQuestion(r) : null;
  };

  return {
    async clearAskerTags(sessionId) {
      const r = await db.updateTable("questions").set({ asker_tag: null }).where("session_id", "=", sessionId).where("asker_tag", "is not", null).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    async ask({ sessionId, participantId, text, anonymous, askerTag }) {
      const id = newId();
      const tag = anonymous && askerTag ? askerTag(id) : null;
      await guard(
        db
          .insertInto("questions")
          .values({ id, session_id: sessionId, participant_id: anonymous ? null : participantId, text, anonymous: anonymous ? 1 : 0, status: "pending", created_at: now(), asker_tag: tag })
          .execute(),
        "unknown session or participant",
      );
      return (await get(id))!;
    },
    get,
    async upvote(questionId, participantId) {
      const r = await guard(
        db
          .insertInto("question_votes")
          .values({ question_id: questionId, participant_id: participantId })
          .onConflict((oc) => oc.columns(["question_id", "participant_id"]).doNothing())
          .returning("question_id")
          .executeTakeFirst(),
        "unknown question or participant",
      );
      return { changed: r !== undefined };
    },
    async unvote(questionId, participantId) {
      const r = await db.deleteFrom("question_votes").where("question_id", "=", questionId).where("participant_id", "=", participantId).executeTakeFirst();
      return { changed: Number(r.numDeletedRows) > 0 };
    },
    async moderate(questionId, status) {
      const r = await db.updateTable("questions").set({ status }).where("id", "=", questionId).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new NotFoundError("question", questionId);
      return (await get(questionId))!;
    },
    async list(sessionId) {
      const rows = await select().where("q.session_id", "=", sessionId).orderBy("q.created_at").orderBy("q.id").execute();
      return rows.map(toQuestion);
    },
    async votedBy(sessionId, participantId) {
      const rows = await db
        .selectFrom("question_votes as v")
        .innerJoin("questions as q", "q.id", "v.question_id")
        .select("v.question_id")
        .where("q.session_id", "=", sessionId)
        .where("v.participant_id", "=", participantId)
        .execute();
      return new Set(rows.map((r) => r.question_id));
    },
    async listVotes(sessionId) {
      const rows = await db
        .selectFrom("question_votes as v")
        .innerJoin("questions as q", "q.id", "v.question_id")
        .select(["v.question_id", "v.participant_id"])
        .where("q.session_id", "=", sessionId)
        .execute();
      return rows.map((r) => ({ questionId: r.question_id, participantId: r.participant_id }));
    },
  };
}
