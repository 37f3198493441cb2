/**
 * The phone's vote outbox (app/realtime/outbox.ts) against a real server: real sockets, real
 * SQLite, states and acks as the server sends them. Covers the new-user QA bugs
 * B2 (a poll-closed ack shows the poll closed), B3 (a state read before an answer was stored and
 * delivered after its ack does not undo the answer) and B4 (a refused answer is neither shown as
 * the participant's answer nor kept across a reload).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { PollsStateView } from "../../app/domain/polls/events";
import { applyAck, closeLocally, giveAnswer, loadOutbox, reconcile, saveOutbox, shownAnswer, type Outbox } from "../../app/realtime/outbox";
import { ask, useTestAppWithWorkshop, type TestSocket } from "../helpers/app";

const ctx = useTestAppWithWorkshop();

async function join(code: string) {
  const res = await fetch(`${ctx.t.baseUrl}/j/${code}`, { method: "POST", body: new URLSearchParams({ displayName: "", sector: "", consent: "on" }), redirect: "manual" });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0];
}

async function liveSession() {
  const session = await ctx.t.app.stores.sessions.create({ workshopId: ctx.fx.workshopId, title: "Day 1", panelIds: ctx.fx.panelIds, createdBy: ctx.fx.userId });
  const facilitator = await ctx.t.connect({ sessionId: session.id, cookie: ctx.fx.cookie });
  expect(await ask(facilitator, "session:start")).toEqual({ ok: true });
  const agenda = await ctx.t.app.stores.workshops.getAgenda(ctx.fx.workshopId);
  const pollId = (key: string) => agenda.flatMap((p) => p.polls).find((p) => p.key === key)!.id;
  return { session, facilitator, pollId };
}

const stateOf = async (s: TestSocket) => (await ask(s, "polls:sync")).data as PollsStateView;

/** Sends an outbox entry as usePolls' flush does and applies the ack. */
async function flush(phone: TestSocket, box: Outbox, pollId: string): Promise<Outbox> {
  const e = box[pollId];
  const ack = await ask(phone, "poll:respond", { pollId: e.pollId, value: e.value, responseId: e.responseId });
  return applyAck(box, pollId, e.responseId, ack.ok ? { ok: true } : { ok: false, error: ack.error as never });
}

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}

describe("vote outbox against the server's states and acks", () => {
  it("B3: a state read before the new answer was stored, delivered after its ack, does not undo it; another tab's later answer still wins", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const id = pollId("oewg-ideal-outcome");
    await ask(facilitator, "poll:open", { pollId: id });
    const cookie = await join(session.joinCode);
    const phone = await ctx.t.connect({ sessionId: session.id, cookie });
    // An earlier answer (a previous page load), so the state the page reads first holds it.
    expect((await ask(phone, "poll:respond", { pollId: id, value: { choice: "tcbm-only" }, responseId: randomUUID() })).ok).toBe(true);
    const early = await stateOf(phone); // read now, delivered late (below)
    const shown = early.polls.find((p) => p.id === id)!;
    expect(shown.myResponse?.value).toEqual({ choice: "tcbm-only" });

    // The participant changes their answer within the first seconds; the server stores it and acks.
    let box = giveAnswer({}, id, shown.run, { choice: "balanced-package" }, randomUUID, shown.myResponse?.responseId);
    box = await flush(phone, box, id);
    expect(box[id].status).toBe("recorded");
    const fresh = (await stateOf(phone)).polls.find((p) => p.id === id)!;
    expect(fresh.myResponse?.responseId).toBe(box[id].responseId);

    // The early state arrives now: the newer, acknowledged answer stays on screen.
    const afterLate = reconcile(box, early.polls);
    expect(afterLate[id]?.status).toBe("recorded");
    expect(shownAnswer(afterLate[id], shown.myResponse)).toEqual({ choice: "balanced-package" });

    // Another tab answers afterwards: its answer is newer, so the next state replaces ours.
    const tab2 = await ctx.t.connect({ sessionId: session.id, cookie });
    expect((await ask(tab2, "poll:respond", { pollId: id, value: { choice: "path-to-treaty" }, responseId: randomUUID() })).ok).toBe(true);
    const later = await stateOf(phone);
    const replaced = reconcile(afterLate, later.polls);
    expect(replaced[id]).toBeUndefined();
    expect(shownAnswer(replaced[id], later.polls.find((p) => p.id === id)!.myResponse)).toEqual({ choice: "path-to-treaty" });
    phone.disconnect();
    tab2.disconnect();
  });

  it("B2/B4: an answer given offline and sent after the close shows the poll closed, is not shown as the answer, and is gone after a reload", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const id = pollId("oewg-ideal-outcome");
    await ask(facilitator, "poll:open", { pollId: id });
    const phone = await ctx.t.connect({ sessionId: session.id, cookie: await join(session.joinCode) });
    const before = await stateOf(phone);
    const poll = before.polls.find((p) => p.id === id)!;
    expect(poll.status).toBe("open");

    // Answered while offline: queued in the outbox (and saved), not sent.
    const store = memoryStore();
    let box = giveAnswer({}, id, poll.run, { choice: "tcbm-only" }, randomUUID);
    saveOutbox(store, "k", box);
    expect(await ask(facilitator, "poll:close", { pollId: id })).toEqual({ ok: true });

    // Back online: the flush gets poll-closed.
    box = await flush(phone, box, id);
    expect(box[id].status).toBe("closed");
    // The card shows the poll closed at once (before any new state), not "Open".
    const local = closeLocally(before, id, poll.run)!;
    expect(local.polls.find((p) => p.id === id)!.status).toBe("closed");
    // The server holds no answer for this person, and the refused one is not shown as theirs.
    const after = (await stateOf(phone)).polls.find((p) => p.id === id)!;
    expect([after.status, after.myResponse]).toEqual(["closed", null]);
    const reconciled = reconcile(box, [after]);
    expect(shownAnswer(reconciled[id], after.myResponse)).toBeNull();

    // Reload: the saved outbox no longer holds the refused answer.
    saveOutbox(store, "k", reconciled);
    expect(loadOutbox(store, "k")).toEqual({});
    phone.disconnect();
  });
});
