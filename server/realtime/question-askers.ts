/**
 * Recognising the asker of an anonymous question without storing who asked it.
 *
 * An anonymous question stores no participant id (server/storage/stores/questions.ts). To still refuse a
 * self-upvote after a restart, and to show the asker their own question again, it stores
 * `asker_tag = HMAC-SHA256(K, questionId ‖ participantId)` (base64url), where K is derived from the
 * app secret (DATA_DIR/secret or SESSION_SECRET) and never stored in the database. So:
 * - the tag is checked, never sent: no payload, export or log carries it;
 * - the database alone (a backup, a dump) cannot link a question to a participant: without K a tag
 *   cannot be tested against participant ids;
 * - tags of two questions by the same person differ (the question id is in the MAC), so they do not
 *   even show that two anonymous questions share an asker;
 * - whoever holds both K and the database (the server itself) can test "did participant P ask Q?"
 *   — inherent to the server recognising the asker at all. On the SQLite default K's source,
 *   DATA_DIR/secret, sits next to the database: a backup of the whole data folder holds both. So the
 *   tags live only while they are needed: when a session ends (no more asking or voting) they are
 *   erased (`QuestionStore.clearAskerTags`), and docs/operations tell admins to back the secret up apart.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export interface AskerTags {
  /** The tag stored with an anonymous question `questionId` asked by `participantId`. */
  tag(questionId: string, participantId: string): string;
  /** True when `participantId` asked `q` (its stored tag matches); false for untagged questions. */
  isAsker(q: { id: string; askerTag: string | null }, participantId: string): boolean;
}

/** @param secret the app secret (≥ 32 chars); a subkey is derived so the cookie key itself is never used here. */
export function createAskerTags(secret: string): AskerTags {
  const key = createHmac("sha256", secret).update("roundtable/question-asker-tag/v1").digest();
  const mac = (questionId: string, participantId: string) => createHmac("sha256", key).update(`${questionId}\u0000${participantId}`).digest();
  return {
    tag: (questionId, participantId) => mac(questionId, participantId).toString("base64url"),
    isAsker(q, participantId) {
      if (!q.askerTag) return false;
      const stored = Buffer.from(q.askerTag, "base64url");
      const expected = mac(q.id, participantId);
      return stored.length === expected.length && timingSafeEqual(stored, expected);
    },
  };
}
