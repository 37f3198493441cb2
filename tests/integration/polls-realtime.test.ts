/**
 * Live polls over real sockets: a real server on port 0, real socket.io clients, real SQLite.
 * Participants join through POST /j/<code>, so their cookie is the app's own.
 */
import { randomUUID } from "node:crypto";
import { io as ioClient } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { PollsStateView, PollTalliedView } from "../../app/domain/polls/events";
import { ask, useTestAppWithWorkshop, waitFor, type TestSocket } from "../helpers/app";

const ctx = useTestAppWithWorkshop();

async function join(code: string, sector = "") {
  const res = await fetch(`${ctx.t.baseUrl}/j/${code}`, { method: "POST", body: new URLSearchParams({ displayName: "", sector, consent: "on" }), redirect: "manual" });
  expect(res.status).toBe(302);
  return res.headers.get("set-cookie")!.split(";")[0];
}

/** A live session of the fixture workshop with its facilitator connected; `pollId(key)` finds agenda polls. */
async function liveSession(workshop = ctx.fx) {
  const session = await ctx.t.app.stores.sessions.create({ workshopId: workshop.workshopId, title: "Day 1", panelIds: workshop.panelIds, createdBy: workshop.userId });
  const facilitator = await ctx.t.connect({ sessionId: session.id, cookie: workshop.cookie });
  expect(await ask(facilitator, "session:start")).toEqual({ ok: true });
  const agenda = await ctx.t.app.stores.workshops.getAgenda(workshop.workshopId);
  const pollId = (key: string) => agenda.flatMap((p) => p.polls).find((p) => p.key === key)!.id;
  return { session, facilitator, pollId };
}

/** Records every event of one kind a socket receives. */
function record<T>(socket: TestSocket, event: "poll:tallied" | "polls:state"): T[] {
  const seen: T[] = [];
  socket.on(event, (x: unknown) => seen.push(x as T));
  return seen;
}

const rowsOf = async (sessionId: string, pollId: string) => {
  const run = await ctx.t.app.stores.polls.latestRun(sessionId, pollId);
  return run ? ctx.t.app.stores.polls.countResponses(run.id) : 0;
};
const respond = (s: TestSocket, pollId: string, value: unknown, responseId: string = randomUUID()) => ask(s, "poll:respond", { pollId, value, responseId });

describe("poll:respond", () => {
  it("50 concurrent identical emits count once; staff tally and stored rows agree", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const id = pollId("oewg-ideal-outcome");
    const tallies = record<PollTalliedView>(facilitator, "poll:tallied");
    expect(await ask(facilitator, "poll:open", { pollId: id })).toEqual({ ok: true });
    const p = await ctx.t.connect({ sessionId: session.id, cookie: await join(session.joinCode, "academia") });
    const rid = randomUUID();
    const acks = await Promise.all(Array.from({ length: 50 }, () => respond(p, id, { choice: "path-to-treaty" }, rid)));
    // The per-participant limit (40 / 2 s) refuses the excess; no other outcome is allowed.
    const ok = acks.filter((a) => a.ok);
    expect(ok.length + acks.filter((a) => a.error === "rate-limited").length).toBe(50);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.every((a) => (a.data as { responseId: string }).responseId === rid)).toBe(true);
    expect(ok.filter((a) => (a.data as { changed: boolean }).changed)).toHaveLength(1);
    expect(await rowsOf(session.id, id)).toBe(1);
    await waitFor(() => tallies.some((x) => x.pollId === id && x.tally?.n === 1));
    const last = tallies.at(-1)!;
    expect(last.responseCount).toBe(1);
    expect(last.tally!.kind === "single" && last.tally!.options.find((o) => o.key === "path-to-treaty")!.count).toBe(1);
  });

  it("two tabs of one participant answering at once leave one response", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const id = pollId("oewg-ideal-outcome");
    await ask(facilitator, "poll:open", { pollId: id });
    const cookie = await join(session.joinCode);
    const [tab1, tab2] = await Promise.all([ctx.t.connect({ sessionId: session.id, cookie }), ctx.t.connect({ sessionId: session.id, cookie })]);
    const acks = await Promise.all(
      Array.from({ length: 10 }, (_, i) => respond(i % 2 ? tab1 : tab2, id, { choice: i % 2 ? "tcbm-only" : "balanced-package" })),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(await rowsOf(session.id, id)).toBe(1);
    // The tally the room is shown moved by exactly one, holding the last answer.
    const shown = ((await ask(facilitator, "polls:sync")).data as PollsStateView).polls.find((p) => p.id === id)!;
    expect(shown.tally?.n).toBe(1);
    expect(shown.responseCount).toBe(1);
  });

  it("a retry with the same responseId after a 3 s network cut is acked and counted once", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const id = pollId("binding-vs-nonbinding");
    await ask(facilitator, "poll:open", { pollId: id });
    const cookie = await join(session.joinCode);
    // A client that reconnects by itself after exactly 3 s, like a phone coming out of a tunnel.
    const phone: TestSocket = ioClient(ctx.t.baseUrl, {
      transports: ["websocket"], auth: { sessionId: session.id }, extraHeaders: { cookie }, forceNew: true,
      reconnectionDelay: 3_000, reconnectionDelayMax: 3_000, randomizationFactor: 0,
    });
    await waitFor(() => phone.connected);
    const rid = randomUUID();
    // The answer leaves, then the transport dies before the ack can come back.
    const lost = respond(phone, id, { score: 6 }, rid).catch(() => "no ack");
    phone.io.engine.close();
    await waitFor(() => !phone.connected);
    const cutAt = Date.now();
    await waitFor(() => phone.connected, 8_000);
    expect(Date.now() - cutAt).toBeGreaterThanOrEqual(2_900);
    const retried = await respond(phone, id, { score: 6 }, rid);
    expect(retried).toMatchObject({ ok: true, data: { responseId: rid } });
    expect(await rowsOf(session.id, id)).toBe(1);
    await lost;
    const run = (await ctx.t.app.stores.polls.latestRun(session.id, id))!;
    expect(await ctx.t.app.stores.polls.listResponses(run.id)).toEqual([{ value: { score: 6 }, sector: null }]);
    phone.disconnect();
  });

  it("five forced reconnects then one answer give one response and one ack", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const id = pollId("oewg-ideal-outcome");
    await ask(facilitator, "poll:open", { pollId: id });
    const phone: TestSocket = ioClient(ctx.t.baseUrl, {
      transports: ["websocket"], auth: { sessionId: session.id }, extraHeaders: { cookie: await join(session.joinCode) }, forceNew: true,
      reconnectionDelay: 50, reconnectionDelayMax: 50,
    });
    for (let i = 0; i < 5; i++) {
      await waitFor(() => phone.connected);
      phone.io.engine.close();
      await waitFor(() => !phone.connected);
    }
    await waitFor(() => phone.connected);
    let acks = 0;
    await new Promise<void>((resolve) => phone.emit("poll:respond", { pollId: id, value: { choice: "tcbm-only" }, responseId: randomUUID() }, () => (acks++, resolve())));
    expect(acks).toBe(1);
    expect(await rowsOf(session.id, id)).toBe(1);
    expect(await ask(phone, "polls:sync")).toMatchObject({ ok: true });
    const synced = (await ask(phone, "polls:sync")).data as PollsStateView;
    expect(synced.polls.find((p) => p.id === id)!.myResponse?.value).toEqual({ choice: "tcbm-only" });
    phone.disconnect();
  });

  it("an answer flushed after close gets poll-closed and is not counted; racing ones are all-or-nothing", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const id = pollId("oewg-ideal-outcome");
    await ask(facilitator, "poll:open", { pollId: id });
    const people = await Promise.all(Array.from({ length: 8 }, async () => ctx.t.connect({ sessionId: session.id, cookie: await join(session.joinCode) })));
    // Half answer while the facilitator closes: each is either acked and counted, or refused and not.
    const racing = people.slice(0, 4).map((p) => respond(p, id, { choice: "shared-definitions" }));
    const closed = await ask(facilitator, "poll:close", { pollId: id });
    const raced = await Promise.all(racing);
    expect(closed).toEqual({ ok: true });
    const late = await Promise.all(people.slice(4).map((p) => respond(p, id, { choice: "shared-definitions" })));
    expect(late.every((a) => a.error === "poll-closed")).toBe(true);
    const accepted = raced.filter((a) => a.ok).length;
    expect(raced.every((a) => a.ok || a.error === "poll-closed")).toBe(true);
    expect(await rowsOf(session.id, id)).toBe(accepted);
    const events = await ctx.t.app.stores.sessions.listEvents(session.id);
    // The close's snapshot follows its poll.closed (live snapshots may come earlier, while open).
    const tallied = events[events.findIndex((e) => e.type === "poll.closed") + 1];
    expect(tallied.type).toBe("poll.tallied");
    expect((tallied.payload.tally as { n: number }).n).toBe(accepted);
  });

  it("an answer buffered while offline and flushed after the poll closed gets poll-closed and is not counted", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const id = pollId("binding-vs-nonbinding");
    await ask(facilitator, "poll:open", { pollId: id });
    const phone = await ctx.t.connect({ sessionId: session.id, cookie: await join(session.joinCode) });
    const staff = record<PollTalliedView>(facilitator, "poll:tallied");
    phone.disconnect();
    // Socket.io buffers an emit made while disconnected and sends it on the next connect.
    const buffered = (phone.timeout(10_000) as TestSocket).emitWithAck("poll:respond", { pollId: id, value: { score: 4 }, responseId: randomUUID() });
    expect(await ask(facilitator, "poll:close", { pollId: id })).toEqual({ ok: true });
    phone.connect();
    expect(await buffered).toEqual({ ok: false, error: "poll-closed" });
    expect(await rowsOf(session.id, id)).toBe(0);
    const closed = ((await ask(facilitator, "polls:sync")).data as PollsStateView).polls.find((p) => p.id === id)!;
    expect([closed.status, closed.responseCount, closed.tally?.n]).toEqual(["closed", 0, 0]);
    expect(staff.every((x) => (x.tally?.n ?? 0) === 0)).toBe(true);
  });

  it("validates values against the poll and refuses observers of the kind", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const id = pollId("binding-vs-nonbinding");
    const p = await ctx.t.connect({ sessionId: session.id, cookie: await join(session.joinCode) });
    expect((await respond(p, id, { score: 3 })).error).toBe("poll-closed");
    await ask(facilitator, "poll:open", { pollId: id });
    const bad = await respond(p, id, { score: 99 });
    expect(bad.error).toBe("invalid-payload");
    expect(JSON.stringify(bad.issues)).toContain("value.score");
    expect((await ask(p, "poll:respond", { pollId: id, value: { score: 3 }, responseId: "not-a-uuid" })).error).toBe("invalid-payload");
    expect((await respond(p, "no-such-poll", { score: 3 })).error).toBe("not-found");
    const projector = await ctx.t.connect({ sessionId: session.id, projectorKey: session.projectorKey });
    expect((await respond(projector, id, { score: 3 })).error).toBe("forbidden");
    expect(await rowsOf(session.id, id)).toBe(0);
  });
});

describe("authorisation and isolation", () => {
  it("a participant cannot control polls, answer another session's poll, or hear its tallies", async () => {
    const a = await liveSession();
    const otherWorkshop = await ctx.t.makeWorkshop();
    const b = await liveSession(otherWorkshop);
    const idA = a.pollId("oewg-ideal-outcome");
    const idB = b.pollId("oewg-ideal-outcome");
    await ask(b.facilitator, "poll:open", { pollId: idB });
    const pa = await ctx.t.connect({ sessionId: a.session.id, cookie: await join(a.session.joinCode) });
    const pb = await ctx.t.connect({ sessionId: b.session.id, cookie: await join(b.session.joinCode) });
    const heardA = record<PollTalliedView>(pa, "poll:tallied");
    const heardB = record<PollTalliedView>(pb, "poll:tallied");
    for (const cmd of ["poll:open", "poll:close", "poll:reset", "poll:reopen"] as const) {
      expect(await ask(pa, cmd, { pollId: idA })).toEqual({ ok: false, error: "forbidden" });
    }
    expect(await ask(pa, "poll:project", { pollId: idA, projected: true })).toEqual({ ok: false, error: "forbidden" });
    expect(await ask(pa, "poll:visibility", { pollId: idA, visibility: "live" })).toEqual({ ok: false, error: "forbidden" });
    expect((await respond(pa, idB, { choice: "tcbm-only" })).error).toBe("not-found");
    expect(await rowsOf(b.session.id, idB)).toBe(0);
    expect((await respond(pb, idB, { choice: "tcbm-only" })).ok).toBe(true);
    await waitFor(() => heardB.some((x) => x.tally?.n === 1));
    expect(heardA).toEqual([]);
    expect((await ctx.t.app.stores.polls.latestRun(a.session.id, idA))).toBeNull();
  });
});

describe("results visibility", () => {
  it("live: the room and the projected screen see the exact tally while the poll is open", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const id = pollId("binding-vs-nonbinding");
    const voters = await Promise.all([0, 1, 2].map(async () => ctx.t.connect({ sessionId: session.id, cookie: await join(session.joinCode) })));
    const projector = await ctx.t.connect({ sessionId: session.id, projectorKey: session.projectorKey });
    const room = record<PollTalliedView>(voters[0], "poll:tallied");
    const screen = record<PollTalliedView>(projector, "poll:tallied");
    expect(await ask(facilitator, "poll:visibility", { pollId: id, visibility: "live" })).toEqual({ ok: true });
    expect(await ask(facilitator, "poll:open", { pollId: id })).toEqual({ ok: true });
    expect(await ask(facilitator, "poll:project", { pollId: id, projected: true })).toEqual({ ok: true });
    for (const [i, score] of [2, 5, 5].entries()) expect((await respond(voters[i], id, { score })).ok).toBe(true);
    const counts = (x: PollTalliedView | undefined) => (x?.tally?.kind === "scale" ? x.tally.points.map((p) => p.count) : null);
    await waitFor(() => counts(room.at(-1))?.reduce((a, b) => a + b, 0) === 3 && counts(screen.at(-1))?.reduce((a, b) => a + b, 0) === 3);
    expect(counts(room.at(-1))).toEqual([0, 1, 0, 0, 2, 0, 0]);
    expect(counts(screen.at(-1))).toEqual([0, 1, 0, 0, 2, 0, 0]);
    expect(await rowsOf(session.id, id)).toBe(3);
  });

  it("on-close: the room gets counts but no tally until close; staff always; projector only when projected", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const id = pollId("terms-to-define"); // open text, on-close
    const p = await ctx.t.connect({ sessionId: session.id, cookie: await join(session.joinCode) });
    const projector = await ctx.t.connect({ sessionId: session.id, projectorKey: session.projectorKey });
    const room = record<PollTalliedView>(p, "poll:tallied");
    const staff = record<PollTalliedView>(facilitator, "poll:tallied");
    const screen = record<PollsStateView>(projector, "polls:state");
    await ask(facilitator, "poll:open", { pollId: id });
    expect((await respond(p, id, { text: "debris" })).ok).toBe(true);
    await waitFor(() => room.length > 0 && staff.length > 0);
    expect(room.every((x) => x.tally === null && x.responseCount === 1)).toBe(true);
    expect(staff.at(-1)!.tally).toMatchObject({ kind: "open", texts: ["debris"] });
    const roomStates = record<PollsStateView>(p, "polls:state");
    expect(await ask(facilitator, "poll:close", { pollId: id })).toEqual({ ok: true });
    await waitFor(() => roomStates.length > 0);
    expect(roomStates.at(-1)!.polls.find((x) => x.id === id)!.tally).toMatchObject({ texts: ["debris"] });
    expect(screen.at(-1)!.polls.find((x) => x.id === id)!.tally).toBeNull();
    expect(await ask(facilitator, "poll:project", { pollId: id, projected: true })).toEqual({ ok: true });
    await waitFor(() => screen.at(-1)!.polls.find((x) => x.id === id)!.tally !== null);
  });

  it("hidden: the room never gets a tally, not even after close", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const id = pollId("binding-vs-nonbinding");
    const p = await ctx.t.connect({ sessionId: session.id, cookie: await join(session.joinCode) });
    const room = record<PollTalliedView>(p, "poll:tallied");
    const roomStates = record<PollsStateView>(p, "polls:state");
    expect(await ask(facilitator, "poll:visibility", { pollId: id, visibility: "hidden" })).toEqual({ ok: true });
    await ask(facilitator, "poll:open", { pollId: id });
    expect((await respond(p, id, { score: 2 })).ok).toBe(true);
    await waitFor(() => room.length > 0);
    await ask(facilitator, "poll:close", { pollId: id });
    await ask(facilitator, "poll:project", { pollId: id, projected: true });
    await waitFor(() => roomStates.length >= 3);
    const own = roomStates.at(-1)!.polls.find((x) => x.id === id)!;
    expect(room.every((x) => x.tally === null)).toBe(true);
    expect(own.tally).toBeNull();
    expect(own.status).toBe("closed");
    expect(own.myResponse?.value).toEqual({ score: 2 });
    const staff = (await ask(facilitator, "polls:sync")).data as PollsStateView;
    expect(staff.polls.find((x) => x.id === id)!.tally).toMatchObject({ n: 1 });
  });
});

describe("runs, event log and broadcast rate", () => {
  it("reset keeps the earlier run; re-ask = reset then open; the log holds no participant ids", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const id = pollId("oewg-ideal-outcome");
    const p = await ctx.t.connect({ sessionId: session.id, cookie: await join(session.joinCode, "government") });
    await ask(facilitator, "poll:open", { pollId: id });
    await respond(p, id, { choice: "tcbm-only" });
    expect(await ask(facilitator, "poll:open", { pollId: id })).toEqual({ ok: false, error: "conflict" });
    await ask(facilitator, "poll:close", { pollId: id });
    expect(await ask(facilitator, "poll:reset", { pollId: id })).toEqual({ ok: true });
    expect((await respond(p, id, { choice: "balanced-package" })).error).toBe("poll-closed");
    expect(await ask(facilitator, "poll:open", { pollId: id })).toEqual({ ok: true });
    await respond(p, id, { choice: "balanced-package" });
    const runs = (await ctx.t.app.stores.polls.listRuns(session.id)).filter((r) => r.pollId === id);
    expect(runs.map((r) => r.run)).toEqual([1, 2]);
    expect(await ctx.t.app.stores.polls.countResponses(runs[0].id)).toBe(1);
    const state = (await ask(facilitator, "polls:sync")).data as PollsStateView;
    const view = state.polls.find((x) => x.id === id)!;
    expect([view.run, view.tally?.n, view.previousTally?.n]).toEqual([2, 1, 1]);
    const events = await ctx.t.app.stores.sessions.listEvents(session.id);
    const types = events.filter((e) => e.type.startsWith("poll.")).map((e) => e.type);
    // poll.tallied also comes as live snapshots while a run is open (≤ 1 per 2 s): the control sequence is fixed, and so is the close's snapshot.
    expect(types.filter((x) => x !== "poll.tallied")).toEqual(["poll.opened", "poll.closed", "poll.reset", "poll.opened"]);
    expect(types[types.indexOf("poll.closed") + 1]).toBe("poll.tallied");
    const participants = await ctx.t.app.stores.sessions.listParticipants(session.id);
    const log = JSON.stringify(events);
    for (const x of participants) expect(log).not.toContain(x.id);
  });

  it("coalesces tallies: 20 quick votes give far fewer broadcasts, the last one exact", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const id = pollId("compliance-tools");
    const people = await Promise.all(Array.from({ length: 20 }, async () => ctx.t.connect({ sessionId: session.id, cookie: await join(session.joinCode) })));
    const staff = record<PollTalliedView>(facilitator, "poll:tallied");
    await ask(facilitator, "poll:open", { pollId: id });
    const started = Date.now();
    const acks = await Promise.all(people.map((p, i) => respond(p, id, { choices: i % 2 ? ["standing-forum"] : ["standing-forum", "independent-data"] })));
    expect(acks.every((a) => a.ok)).toBe(true);
    await waitFor(() => staff.at(-1)?.tally?.n === 20);
    const elapsed = Date.now() - started;
    // ≤ one per 250 ms window, plus the first immediate one.
    expect(staff.length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 1);
    expect(staff.length).toBeLessThan(20);
    expect(await rowsOf(session.id, id)).toBe(20);
    const last = staff.at(-1)!.tally!;
    expect(last.kind === "multiple" && last.options.find((o) => o.key === "standing-forum")!.count).toBe(20);
  });
});
