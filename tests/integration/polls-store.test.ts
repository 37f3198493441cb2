/**
 * PollStore and QuestionStore against real SQLite and Postgres: the one-response-per-participant
 * guarantee under concurrency, idempotent retries, and the closed-run refusal — for single answers
 * and for group-committed batches (`respondMany`).
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

  /** `n` more participants of `sessionId` (ids). */
  async function morePeople(sessionId: string, n: number) {
    return stores.transaction(async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push((await tx.sessions.addParticipant({ sessionId, role: "participant", displayName: null, sector: "academia", userId: null })).id);
      return ids;
    });
  }

  describe("respondMany (group commit)", () => {
    it("50 writes of one participant in one batch: one row; a repeated responseId counts once; the last new one wins", async () => {
      const { participant, run } = await fixture();
      const p = participant.id;
      const same = randomUUID();
      const batch = [
        ...Array.from({ length: 25 }, () => ({ runId: run.id, participantId: p, responseId: same, value: { choice: "a" }, sector: "academia" as const })),
        { runId: run.id, participantId: p, responseId: randomUUID(), value: { choice: "b" }, sector: "academia" as const },
        ...Array.from({ length: 24 }, () => ({ runId: run.id, participantId: p, responseId: same, value: { choice: "a" }, sector: "academia" as const })),
      ];
      const results = await stores.polls.respondMany(batch);
      expect(results[0]).toEqual({ ok: true, changed: true, before: null });
      expect(results.slice(1, 25).every((r) => r.ok && !r.changed)).toBe(true);
      expect(results[25]).toEqual({ ok: true, changed: true, before: { value: { choice: "a" }, sector: "academia" } });
      // The old responseId again is a new write relative to the stored one: it replaces "b" (the store's documented known limit).
      expect(results[26]).toEqual({ ok: true, changed: true, before: { value: { choice: "b" }, sector: "academia" } });
      expect(results.slice(27).every((r) => r.ok && !r.changed)).toBe(true);
      expect(await stores.polls.listResponses(run.id)).toEqual([{ value: { choice: "a" }, sector: "academia" }]);
      // A later batch repeating the stored responseId changes nothing.
      expect(await stores.polls.respondMany([batch[0]])).toEqual([{ ok: true, changed: false, before: null }]);
      expect(await stores.polls.countResponses(run.id)).toBe(1);
    });

    it("many participants in one batch are all stored, one row each, across chunked statements", async () => {
      const { session, participant, run } = await fixture();
      const ids = [participant.id, ...(await morePeople(session.id, 1_202))];
      const results = await stores.polls.respondMany(ids.map((id, i) => ({ runId: run.id, participantId: id, responseId: randomUUID(), value: { choice: i % 3 ? "a" : "b" }, sector: "academia" as const })));
      expect(results.every((r) => r.ok && r.changed)).toBe(true);
      expect(await stores.polls.countResponses(run.id)).toBe(1_203);
      const stored = await stores.polls.listResponses(run.id);
      expect(stored.filter((r) => (r.value as { choice: string }).choice === "b")).toHaveLength(401);
    });

    it("a closed or unknown run refuses its writes in the batch and stores nothing for them; the rest is stored", async () => {
      const open = await fixture();
      const closed = await fixture();
      const [second] = await morePeople(open.session.id, 1);
      await stores.polls.setRunState(closed.run.id, { status: "closed" });
      const results = await stores.polls.respondMany([
        { runId: open.run.id, participantId: open.participant.id, responseId: randomUUID(), value: { choice: "a" }, sector: null },
        { runId: closed.run.id, participantId: closed.participant.id, responseId: randomUUID(), value: { choice: "a" }, sector: null },
        { runId: "no-such-run", participantId: second, responseId: randomUUID(), value: { choice: "a" }, sector: null },
        { runId: open.run.id, participantId: second, responseId: randomUUID(), value: { choice: "b" }, sector: null },
      ]);
      expect(results.map((r) => (r.ok ? "ok" : r.error))).toEqual(["ok", "closed", "not-found", "ok"]);
      expect(await stores.polls.countResponses(open.run.id)).toBe(2);
      expect(await stores.polls.countResponses(closed.run.id)).toBe(0);
    });

    it("a batch failing midway stores none of it", async () => {
      const { participant, run } = await fixture();
      // The second write names a participant that does not exist: the foreign key fails the whole transaction.
      await expect(
        stores.polls.respondMany([
          { runId: run.id, participantId: participant.id, responseId: randomUUID(), value: { choice: "a" }, sector: null },
          { runId: run.id, participantId: randomUUID(), responseId: randomUUID(), value: { choice: "a" }, sector: null },
        ]),
      ).rejects.toThrow();
      expect(await stores.polls.countResponses(run.id)).toBe(0);
    });
  });

  it("runs are kept per number; latestRun returns the highest", async () => {
    const { session, pollId, run } = await fixture();
    await stores.polls.createRun({ sessionId: session.id, pollId, run: 2, status: "draft", visibility: "hidden", projected: false });
    await expect(stores.polls.createRun({ sessionId: session.id, pollId, run: 2, status: "draft", visibility: "live", projected: false })).rejects.toBeInstanceOf(ConflictError);
    expect((await stores.polls.latestRun(session.id, pollId))?.run).toBe(2);
    expect((await stores.polls.listRuns(session.id)).map((r) => [r.id === run.id, r.run])).toEqual([[true, 1], [false, 2]]);
  });

  it("questions: anonymous ones store no participant; upvotes count once per participant and can be withdrawn", async () => {
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
    // Withdrawing: concurrent withdrawals remove the one row once; the other participant's vote stays.
    const withdrawn = await Promise.all(Array.from({ length: 5 }, () => stores.questions.unvote(anon.id, other.id)));
    expect(withdrawn.filter((v) => v.changed)).toHaveLength(1);
    expect((await stores.questions.get(anon.id))!.votes).toBe(1);
    expect([...(await stores.questions.votedBy(session.id, other.id))]).toEqual([]);
    expect(await stores.questions.upvote(anon.id, other.id)).toEqual({ changed: true });
  });
});
