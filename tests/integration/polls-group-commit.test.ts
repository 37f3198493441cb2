/**
 * Group commit of poll answers on a real server (the store side, `PollStore.respondMany` on SQLite
 * and Postgres, is in polls-store.test.ts): a storage failure answers that batch `server-error` and
 * the process carries on; many participants in one burst are all stored and the tally shown equals
 * the rows; throttled `poll.tallied` snapshots while open (replay shows tallies evolving); ending the
 * session tells phones their open poll closed.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildTimeline, replayAt } from "../../app/domain/replay";
import { tally } from "../../app/domain/polls";
import type { PollsStateView, PollTalliedView } from "../../app/domain/polls/events";
import { ask, useTestAppWithWorkshop, waitFor, type TestSocket } from "../helpers/app";

describe("live group commit", () => {
  const ctx = useTestAppWithWorkshop();

  const respond = (s: TestSocket, pollId: string, value: unknown, responseId: string = randomUUID()) => ask(s, "poll:respond", { pollId, value, responseId });

  it("a store that fails once: that batch is answered server-error and not stored; the process carries on", async () => {
    const { session, facilitator, pollId } = await ctx.t.liveSession(ctx.fx);
    const id = pollId("oewg-ideal-outcome");
    expect(await ask(facilitator, "poll:open", { pollId: id })).toEqual({ ok: true });
    const phones = await Promise.all(Array.from({ length: 5 }, async () => ctx.t.connect({ sessionId: session.id, cookie: await ctx.t.join(session.joinCode) })));
    const polls = ctx.t.app.stores.polls;
    const real = polls.respondMany;
    let failedBatch = 0;
    polls.respondMany = async (writes) => {
      if (failedBatch === 0) {
        failedBatch = writes.length;
        throw new Error("disk I/O error");
      }
      return real(writes);
    };
    try {
      const first = await Promise.all(phones.map((p) => respond(p, id, { choice: "tcbm-only" })));
      // The answers that shared the failed transaction are refused, the others (a later batch) stored.
      const refused = first.filter((a) => !a.ok);
      expect(refused).toHaveLength(failedBatch);
      expect(refused.every((a) => a.error === "server-error")).toBe(true);
      const run = (await ctx.t.app.stores.polls.latestRun(session.id, id))!;
      expect(await ctx.t.app.stores.polls.countResponses(run.id)).toBe(5 - failedBatch);
      // Retried (as the phone's outbox does): stored and acked.
      const retried = await Promise.all(phones.map((p) => respond(p, id, { choice: "tcbm-only" })));
      expect(retried.every((a) => a.ok)).toBe(true);
      expect(await ctx.t.app.stores.polls.countResponses(run.id)).toBe(5);
      expect((await fetch(`${ctx.t.baseUrl}/healthz`)).status).toBe(200);
      const shown = ((await ask(facilitator, "polls:sync")).data as PollsStateView).polls.find((p) => p.id === id)!;
      expect(shown.tally?.n).toBe(5);
    } finally {
      polls.respondMany = real;
    }
  });

  it("40 participants answering at once: every answer stored (few transactions), the shown tally equals the rows, snapshots logged while open", async () => {
    const { session, facilitator, pollId } = await ctx.t.liveSession(ctx.fx);
    const id = pollId("oewg-ideal-outcome");
    const phones = await Promise.all(Array.from({ length: 40 }, async (_, i) => ctx.t.connect({ sessionId: session.id, cookie: await ctx.t.join(session.joinCode, { sector: ["academia", "government", "industry", "civil-society"][i % 4] }) })));
    const staff: PollTalliedView[] = [];
    facilitator.on("poll:tallied", (v) => staff.push(v));
    expect(await ask(facilitator, "poll:open", { pollId: id })).toEqual({ ok: true });
    const polls = ctx.t.app.stores.polls;
    const real = polls.respondMany;
    const batchSizes: number[] = [];
    polls.respondMany = (writes) => (batchSizes.push(writes.length), real(writes));
    const choices = ["tcbm-only", "balanced-package", "path-to-treaty"];
    try {
      const acks = await Promise.all(phones.map((p, i) => respond(p, id, { choice: choices[i % 3] })));
      expect(acks.every((a) => a.ok && (a.data as { changed: boolean }).changed)).toBe(true);
    } finally {
      polls.respondMany = real;
    }
    expect(batchSizes.reduce((a, b) => a + b, 0)).toBe(40);
    expect(batchSizes.length).toBeLessThan(40);
    const run = (await ctx.t.app.stores.polls.latestRun(session.id, id))!;
    const stored = await ctx.t.app.stores.polls.listResponses(run.id);
    expect(stored).toHaveLength(40);
    await waitFor(() => staff.at(-1)?.tally?.n === 40);
    const agenda = (await ctx.t.app.stores.workshops.getAgenda(ctx.fx.workshopId)).flatMap((p) => p.polls);
    const poll = agenda.find((p) => p.id === id)!;
    expect(staff.at(-1)!.tally).toEqual(tally(poll, stored, { rule: "chatham-house", minCellSize: 5 }));

    // A live snapshot was logged while the poll was open (aggregate only), then the close's final one.
    await waitFor(async () => (await ctx.t.app.stores.sessions.listEvents(session.id)).some((e) => e.type === "poll.tallied"));
    expect(await ask(facilitator, "poll:close", { pollId: id })).toEqual({ ok: true });
    const events = await ctx.t.app.stores.sessions.listEvents(session.id);
    const snapshots = events.filter((e) => e.type === "poll.tallied");
    const closedAt = events.findIndex((e) => e.type === "poll.closed");
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    // At most one live snapshot per 2 s window since the poll opened, never one per vote.
    const openedAt = events.find((e) => e.type === "poll.opened")!.at;
    const live = events.slice(0, closedAt).filter((e) => e.type === "poll.tallied");
    expect(live.length).toBeLessThanOrEqual(Math.ceil((events[closedAt].at - openedAt) / 2_000) + 1);
    expect(events[closedAt + 1].type).toBe("poll.tallied");
    const participants = await ctx.t.app.stores.sessions.listParticipants(session.id);
    for (const x of participants) expect(JSON.stringify(snapshots)).not.toContain(x.id);
    // Replay shows the tally as it stood while open, then the final one.
    const timeline = buildTimeline(events.map((e) => ({ ...e, sessionId: session.id })));
    const during = replayAt(timeline, live[0].at).polls.find((p) => p.pollId === id)!;
    expect(during.status).toBe("open");
    expect(during.tally?.tally.n).toBe((live[0].payload.tally as { n: number }).n);
    const after = replayAt(timeline, events[closedAt + 1].at).polls.find((p) => p.pollId === id)!;
    expect([after.status, after.tally?.tally.n]).toEqual(["closed", 40]);
  });

  it("ending the session tells phones their open poll closed, and a late answer gets poll-closed", async () => {
    const { session, facilitator, pollId } = await ctx.t.liveSession(ctx.fx);
    const id = pollId("binding-vs-nonbinding");
    expect(await ask(facilitator, "poll:open", { pollId: id })).toEqual({ ok: true });
    const phone = await ctx.t.connect({ sessionId: session.id, cookie: await ctx.t.join(session.joinCode) });
    expect((await respond(phone, id, { score: 3 })).ok).toBe(true);
    const states: PollsStateView[] = [];
    phone.on("polls:state", (s) => states.push(s));
    expect(await ask(facilitator, "session:end")).toEqual({ ok: true });
    await waitFor(() => states.some((s) => s.polls.find((p) => p.id === id)?.status === "closed"));
    const mine = states.at(-1)!.polls.find((p) => p.id === id)!;
    expect(mine.myResponse?.value).toEqual({ score: 3 });
    expect((await respond(phone, id, { score: 5 })).error).toBe("poll-closed");
    const events = await ctx.t.app.stores.sessions.listEvents(session.id);
    const closed = events.findIndex((e) => e.type === "poll.closed");
    expect(events[closed].payload).toMatchObject({ pollId: id, responseCount: 1 });
    expect(events[closed + 1]).toMatchObject({ type: "poll.tallied", payload: { pollId: id, tally: { n: 1 } } });
  });
});
