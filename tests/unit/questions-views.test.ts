/** Q&A views: built once per snapshot and shared by viewers who see the same thing. */
import { describe, expect, it } from "vitest";
import { questionsState, type QuestionsSnapshot } from "../../server/realtime/questions-views";
import type { Question } from "../../server/storage";

const question = (id: string, status: Question["status"], participantId: string | null, votes = 0): Question => ({
  id,
  sessionId: "s",
  participantId,
  askerName: participantId ? `Name ${participantId}` : null,
  text: `Text ${id}`,
  anonymous: participantId === null,
  askerTag: null,
  status,
  votes,
  createdAt: 1,
});

const snapshot = (): QuestionsSnapshot => ({
  questions: [question("q1", "approved", "p1", 2), question("q2", "pending", "p1"), question("q3", "answered", null, 5), question("q4", "hidden", null)],
  votes: new Map([["p2", new Set(["q1"])]]),
  anonymousAskers: new Map([["q4", "p3"]]),
  projected: true,
});

describe("questionsState", () => {
  it("shares one payload per role among viewers without their own entries, and builds it once per snapshot", () => {
    const s = snapshot();
    const room = questionsState({ role: "participant", participantId: "p9" }, s);
    expect(questionsState({ role: "participant", participantId: "p8" }, s)).toBe(room);
    expect(questionsState({ role: "observer", participantId: "p7" }, s)).toBe(room);
    expect(room.questions.map((q) => q.id)).toEqual(["q3", "q1"]);
    expect(questionsState({ role: "facilitator", participantId: "f1" }, s)).toBe(questionsState({ role: "facilitator", participantId: "f2" }, s));
    expect(questionsState({ role: "projector", participantId: null }, s).questions.map((q) => q.id)).toEqual(["q1"]);
    // A new snapshot (the next change) gets new payloads.
    expect(questionsState({ role: "participant", participantId: "p9" }, snapshot())).not.toBe(room);
  });

  it("overlays a viewer's own votes and questions, anonymous ones included, without touching the shared payload", () => {
    const s = snapshot();
    const voter = questionsState({ role: "participant", participantId: "p2" }, s);
    expect(voter.questions.map((q) => [q.id, q.votedByMe, q.mine])).toEqual([["q3", false, false], ["q1", true, false]]);
    const asker = questionsState({ role: "participant", participantId: "p1" }, s);
    expect(asker.questions.map((q) => [q.id, q.status, q.mine])).toEqual([["q3", "answered", false], ["q1", "approved", true], ["q2", "pending", true]]);
    const anon = questionsState({ role: "participant", participantId: "p3" }, s);
    expect(anon.questions.map((q) => [q.id, q.mine])).toEqual([["q3", false], ["q1", false], ["q4", true]]);
    const room = questionsState({ role: "participant", participantId: null }, s);
    expect(room.questions.every((q) => !q.votedByMe && !q.mine && q.askedBy === null)).toBe(true);
    expect(questionsState({ role: "facilitator", participantId: "f" }, s).questions.find((q) => q.id === "q1")!.askedBy).toBe("Name p1");
    expect(questionsState({ role: "rapporteur", participantId: "r" }, s).questions.every((q) => q.askedBy === null)).toBe(true);
  });
});
