/**
 * PollStore and QuestionStore against real SQLite and Postgres: the one-response-per-participant
 * guarantee under concurrency, idempotent retries, and the closed-run refusal.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStores, ConflictError, type Stores } from "../../server/storage";
import { WorkshopFields } from "../../app/domain/workshop";
import { freshPostgres, freshSqlite, type FreshDatabase } from "../helpers/db";

const fields = WorkshopFields.parse({ title: "W", region: "R", timeZone: "UTC", startsOn: "2026-01-01", endsOn: "2026-01-01" });
const panel = {
  key: "p1",
  title: "Panel",
  framing: "Framing",
  prompts: ["Prompt"],
  durationMinutes: 30,
  polls: [{ key: "q1", kind: "single" as const, question: "Which?", visibility: "live" as const, options: [{ key: "a", label: "A" }, { key: "b", label: "B" }] }],
};

describe.each([
  ["sqlite", freshSqlite],
  ["postgres", freshPostgres],
] as const)("poll and question stores (%s)", (_dialect, fresh) => {
  let db: FreshDatabase;
  let stores: Stores;

  beforeAll(async () => {
    db = await fresh();
    stores = createStores(db.storage);
  });
  afterAll(() => db?.cleanup());

  async function fixture() {
    const user = await stores.users.create({ email: `${randomUUID()}@example.org`, name: "Org", passwordHash: "h" });
    const workshop = await stores.workshops.createFromTemplate(fields, null, user.id);
    const p = await stores.workshops.addPanel(workshop.id, panel);
    const session = await stores.sessions.create({ workshopId: workshop.id, title: "S", panelIds: [p.id], createdBy: user.id });
    const participant = await stores.sessions.addParticipant({ sessionId: session.id, role: "participant", displayName: "Ada", sector: "academia", userId: null });
    const run = await stores.polls.createRun({ sessionId: session.id, pollId: p.polls[0].id, run: 1, status: "open", visibility: "live", projected: false });
    return { session, participant, run, pollId: p.polls[0].id };
  }

  it("50 concurrent identical responds store one row, and exactly one reports a change", async () => {
    const { participant, run } = await fixture();
    const rid = randomUUID();
    const results = await Promise.all(Array.from({ length: 50 }, () => stores.polls.respond(run.id, participant.id, rid, { choice: "a" }, "academia")));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(await stores.polls.countResponses(run.id)).toBe(1);
    expect(await stores.polls.listResponses(run.id)).toEqual([{ value: { choice: "a" }, sector: "academia" }]);
  });

  it("50 concurrent responds with different ids and values still leave one row holding one of them", async () => {
    const { participant, run } = await fixture();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => stores.polls.respond(run.id, participant.id, randomUUID(), { choice: i % 2 ? "a" : "b" }, null)),
    );
    const rows = await stores.polls.listResponses(run.id);
    expect(rows).toHaveLength(1);
    expect(["a", "b"]).toContain((rows[0].value as { choice: string }).choice);
  });

  it("a retried responseId changes nothing; a new one replaces the answer; a closed run refuses", async () => {
    const { participant, run } = await fixture();
    const first = randomUUID();
    expect(await stores.polls.respond(run.id, participant.id, first, { choice: "a" }, null)).toEqual({ changed: true });
    expect(await stores.polls.respond(run.id, participant.id, first, { choice: "b" }, null)).toEqual({ changed: false });
    expect(await stores.polls.listResponses(run.id)).toEqual([{ value: { choice: "a" }, sector: null }]);
    const second = randomUUID();
    expect(await stores.polls.respond(run.id, participant.id, second, { choice: "b" }, null)).toEqual({ changed: true });
    expect(await stores.polls.ownResponses([run.id], participant.id)).toEqual([{ runId: run.id, participantId: participant.id, responseId: second, value: { choice: "b" } }]);
    await stores.polls.setRunState(run.id, { status: "closed" });
    await expect(stores.polls.respond(run.id, participant.id, randomUUID(), { choice: "a" }, null)).rejects.toBeInstanceOf(ConflictError);
    expect(await stores.polls.listResponses(run.id)).toEqual([{ value: { choice: "b" }, sector: null }]);
  });

  it("runs are kept per number; latestRun returns the highest", async () => {
    const { session, pollId, run } = await fixture();
    await stores.polls.createRun({ sessionId: session.id, pollId, run: 2, status: "draft", visibility: "hidden", projected: false });
    await expect(stores.polls.createRun({ sessionId: session.id, pollId, run: 2, status: "draft", visibility: "live", projected: false })).rejects.toBeInstanceOf(ConflictError);
    expect((await stores.polls.latestRun(session.id, pollId))?.run).toBe(2);
    expect((await stores.polls.listRuns(session.id)).map((r) => [r.id === run.id, r.run])).toEqual([[true, 1], [false, 2]]);
  });

  it("questions: anonymous ones store no participant; upvotes count once per participant", async () => {
    const { session, participant } = await fixture();
    const other = await stores.sessions.addParticipant({ sessionId: session.id, role: "participant", displayName: null, sector: null, userId: null });
    const anon = await stores.questions.ask({ sessionId: session.id, participantId: participant.id, text: "Who verifies?", anonymous: true });
    const named = await stores.questions.ask({ sessionId: session.id, participantId: participant.id, text: "What about debris?", anonymous: false });
    expect(anon.participantId).toBeNull();
    expect(anon.askerName).toBeNull();
    expect(named.askerName).toBe("Ada");
    const votes = await Promise.all(Array.from({ length: 10 }, () => stores.questions.upvote(anon.id, other.id)));
    expect(votes.filter((v) => v.changed)).toHaveLength(1);
    await stores.questions.upvote(anon.id, participant.id);
    const listed = await stores.questions.list(session.id);
    expect(listed.map((q) => [q.text, q.votes, q.status])).toEqual([["Who verifies?", 2, "pending"], ["What about debris?", 0, "pending"]]);
    expect((await stores.questions.moderate(named.id, "approved")).status).toBe("approved");
    expect([...(await stores.questions.votedBy(session.id, other.id))]).toEqual([anon.id]);
  });
});
