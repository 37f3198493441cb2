/**
 * Q&A over real sockets: moderation gates what the room sees, anonymous questions store no asker,
 * upvotes count once per participant (withdrawable, never on one's own question), each viewer's
 * view differs as it should though built once per change, the projector shows approved questions only when projected;
 * after a restart an anonymous asker is still recognised (stored keyed tag) on SQLite and Postgres.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuestionView, QuestionsStateView } from "../../app/domain/polls/events";
import { randomBytes } from "node:crypto";
import { ask, startTestApp, waitFor, type TestApp, type TestSocket } from "../helpers/app";
import { freshPostgres, snapshotTables } from "../helpers/db";

let t: TestApp;
let fx: Awaited<ReturnType<TestApp["makeWorkshop"]>>;

beforeAll(async () => {
  t = await startTestApp();
  fx = await t.makeWorkshop();
});
afterAll(async () => t?.close());

async function join(code: string, displayName = "") {
  const res = await fetch(`${t.baseUrl}/j/${code}`, { method: "POST", body: new URLSearchParams({ displayName, consent: "on" }), redirect: "manual" });
  return res.headers.get("set-cookie")!.split(";")[0];
}

function latest(socket: TestSocket) {
  const box: { state: QuestionsStateView | null } = { state: null };
  socket.on("questions:state", (s) => (box.state = s));
  return box;
}

describe("Q&A", () => {
  it("pending questions reach staff and their asker only; approval shows them to the room", async () => {
    const session = await t.app.stores.sessions.create({ workshopId: fx.workshopId, title: "S", panelIds: fx.panelIds, createdBy: fx.userId });
    const facilitator = await t.connect({ sessionId: session.id, cookie: fx.cookie });
    const asker = await t.connect({ sessionId: session.id, cookie: await join(session.joinCode, "Grace") });
    const other = await t.connect({ sessionId: session.id, cookie: await join(session.joinCode) });
    const [f, a, o] = [latest(facilitator), latest(asker), latest(other)];

    const named = await ask(asker, "question:ask", { text: "Who verifies compliance?" });
    const anon = await ask(asker, "question:ask", { text: "Is debris mitigation binding?", anonymous: true });
    expect(named).toMatchObject({ ok: true, data: { status: "pending", mine: true } });
    const namedId = (named.data as QuestionView).id;
    const anonId = (anon.data as QuestionView).id;
    expect((await ask(asker, "question:ask", { text: "x" })).error).toBe("invalid-payload");
    expect((await ask(asker, "question:ask", { text: "y".repeat(281) })).error).toBe("invalid-payload");

    await waitFor(() => f.state?.questions.length === 2 && a.state?.questions.length === 2);
    expect(f.state!.questions.find((q) => q.id === namedId)!.askedBy).toBe("Grace");
    expect(f.state!.questions.find((q) => q.id === anonId)!.askedBy).toBeNull();
    expect((await t.app.stores.questions.get(anonId))!.participantId).toBeNull();
    expect(o.state?.questions ?? []).toEqual([]);

    expect((await ask(other, "question:upvote", { questionId: namedId })).error).toBe("not-found");
    expect(await ask(other, "question:moderate", { questionId: namedId, status: "approved" })).toEqual({ ok: false, error: "forbidden" });
    expect(await ask(facilitator, "question:moderate", { questionId: namedId, status: "approved" })).toEqual({ ok: true });
    await waitFor(() => o.state?.questions.length === 1);
    expect(o.state!.questions[0]).toMatchObject({ id: namedId, mine: false, askedBy: null, votes: 0 });

    expect(await ask(other, "question:upvote", { questionId: namedId })).toEqual({ ok: true, data: { changed: true } });
    expect(await ask(other, "question:upvote", { questionId: namedId })).toEqual({ ok: true, data: { changed: false } });
    await waitFor(() => o.state?.questions[0]?.votes === 1);
    expect(o.state!.questions[0].votedByMe).toBe(true);

    const events = await t.app.stores.sessions.listEvents(session.id);
    const qa = events.filter((e) => e.type.startsWith("question."));
    expect(qa.map((e) => e.type)).toEqual(["question.asked", "question.asked", "question.moderated"]);
    expect(JSON.stringify(qa[0].payload)).not.toContain("Who verifies");
    expect(qa[2].payload).toMatchObject({ questionId: namedId, status: "approved", text: "Who verifies compliance?" });
  });

  it("an anonymous question is anonymous even to the facilitator: no payload or stored row links it to its asker", async () => {
    const session = await t.app.stores.sessions.create({ workshopId: fx.workshopId, title: "S", panelIds: fx.panelIds, createdBy: fx.userId });
    const facilitator = await t.connect({ sessionId: session.id, cookie: fx.cookie });
    const heard: [string, unknown][] = [];
    // Presence lists who is connected, not who asked what; everything else the console receives is checked.
    facilitator.onAny((event: string, payload: unknown) => event !== "presence:updated" && heard.push([event, payload]));
    const hanaCookie = await join(session.joinCode, "Hana Quiet");
    const hana = await t.connect({ sessionId: session.id, cookie: hanaCookie });
    const hanaId = (await t.app.stores.sessions.listParticipants(session.id)).find((p) => p.displayName === "Hana Quiet")!.id;
    const asked = await ask(hana, "question:ask", { text: "Should debris rules bind everyone?", anonymous: true });
    const qid = (asked.data as QuestionView).id;
    expect(asked.data).toMatchObject({ mine: true, askedBy: null });
    const approved = await ask(facilitator, "question:moderate", { questionId: qid, status: "approved" });
    expect(approved).toEqual({ ok: true });
    const synced = await ask(facilitator, "questions:sync");
    await waitFor(() => heard.some(([e, p]) => e === "questions:state" && JSON.stringify(p).includes(qid)));
    const staffView = (synced.data as QuestionsStateView).questions.find((q) => q.id === qid)!;
    expect(staffView.askedBy).toBeNull();
    expect(staffView.mine).toBe(false);
    expect(JSON.stringify(synced)).toContain(qid);
    for (const payload of [JSON.stringify(heard), JSON.stringify(synced), JSON.stringify(approved)]) {
      expect(payload).not.toContain("Hana");
      expect(payload).not.toContain(hanaId);
    }
    // Storage: no row that names the question also names its asker (questions, votes, event log, ...).
    const tables = await snapshotTables(t.app.storage);
    const linked = Object.entries(tables).flatMap(([table, rows]) => rows.filter((r) => r.includes(qid) && r.includes(hanaId)).map((r) => `${table}: ${r}`));
    expect(linked).toEqual([]);
  });

  it("a participant withdraws an upvote and cannot upvote their own question, named or anonymous", async () => {
    const session = await t.app.stores.sessions.create({ workshopId: fx.workshopId, title: "S", panelIds: fx.panelIds, createdBy: fx.userId });
    const facilitator = await t.connect({ sessionId: session.id, cookie: fx.cookie });
    const asker = await t.connect({ sessionId: session.id, cookie: await join(session.joinCode) });
    const voter = await t.connect({ sessionId: session.id, cookie: await join(session.joinCode) });
    const v = latest(voter);
    const ids: string[] = [];
    for (const anonymous of [false, true]) {
      const q = (await ask(asker, "question:ask", { text: `Own question ${anonymous}`, anonymous })).data as QuestionView;
      expect(await ask(facilitator, "question:moderate", { questionId: q.id, status: "approved" })).toEqual({ ok: true });
      ids.push(q.id);
    }
    for (const questionId of ids) {
      expect(await ask(asker, "question:upvote", { questionId })).toEqual({ ok: false, error: "forbidden" });
      expect(await ask(asker, "question:unvote", { questionId })).toEqual({ ok: false, error: "forbidden" });
    }
    const [named] = ids;
    expect(await ask(voter, "question:upvote", { questionId: named })).toEqual({ ok: true, data: { changed: true } });
    await waitFor(() => v.state?.questions.find((q) => q.id === named)?.votedByMe === true);
    expect(v.state!.questions.find((q) => q.id === named)!.votes).toBe(1);
    expect(await ask(voter, "question:unvote", { questionId: named })).toEqual({ ok: true, data: { changed: true } });
    expect(await ask(voter, "question:unvote", { questionId: named })).toEqual({ ok: true, data: { changed: false } });
    await waitFor(() => v.state?.questions.find((q) => q.id === named)?.votedByMe === false);
    expect(v.state!.questions.find((q) => q.id === named)!.votes).toBe(0);
    expect((await t.app.stores.questions.get(named))!.votes).toBe(0);
    // Voting again after withdrawing counts once more.
    expect(await ask(voter, "question:upvote", { questionId: named })).toEqual({ ok: true, data: { changed: true } });
    expect((await t.app.stores.questions.get(named))!.votes).toBe(1);
    expect((await ask(voter, "question:unvote", { questionId: "no-such-question" })).error).toBe("not-found");
    expect((await ask(facilitator, "question:unvote", { questionId: named })).error).toBe("forbidden");
    for (const s of [facilitator, asker, voter]) s.disconnect();
  });

  it("views built once per change still differ per viewer: own pending and hidden questions, own votes, staff-only names", async () => {
    const session = await t.app.stores.sessions.create({ workshopId: fx.workshopId, title: "S", panelIds: fx.panelIds, createdBy: fx.userId });
    const facilitator = await t.connect({ sessionId: session.id, cookie: fx.cookie });
    const a = await t.connect({ sessionId: session.id, cookie: await join(session.joinCode, "Ada") });
    const b = await t.connect({ sessionId: session.id, cookie: await join(session.joinCode, "Bo") });
    const c = await t.connect({ sessionId: session.id, cookie: await join(session.joinCode) });
    const [va, vb, vc, vf] = [latest(a), latest(b), latest(c), latest(facilitator)];
    const q = async (s: TestSocket, text: string, anonymous = false) => ((await ask(s, "question:ask", { text, anonymous })).data as QuestionView).id;
    const approved = await q(a, "Approved one");
    const hidden = await q(a, "Hidden one");
    const pending = await q(b, "Pending anonymous", true);
    await ask(facilitator, "question:moderate", { questionId: approved, status: "approved" });
    await ask(facilitator, "question:moderate", { questionId: hidden, status: "hidden" });
    await ask(c, "question:upvote", { questionId: approved });
    await waitFor(() => vc.state?.questions[0]?.votedByMe === true && va.state?.questions.length === 2 && vb.state?.questions.length === 2);
    expect(va.state!.questions.map((x) => [x.id, x.status, x.mine, x.votedByMe])).toEqual([
      [approved, "approved", true, false],
      [hidden, "hidden", true, false],
    ]);
    expect(vb.state!.questions.map((x) => [x.id, x.mine, x.votedByMe])).toEqual([
      [approved, false, false],
      [pending, true, false],
    ]);
    expect(vc.state!.questions.map((x) => [x.id, x.mine, x.votedByMe, x.votes])).toEqual([[approved, false, true, 1]]);
    await waitFor(() => vf.state?.questions.length === 3);
    expect(vf.state!.questions.find((x) => x.id === approved)!.askedBy).toBe("Ada");
    expect(vf.state!.questions.find((x) => x.id === pending)!.askedBy).toBeNull();
    // Nobody but the facilitator gets a name; a late joiner gets the room's view.
    for (const box of [va, vb, vc]) expect(box.state!.questions.every((x) => x.askedBy === null)).toBe(true);
    const late = (await ask(await t.connect({ sessionId: session.id, cookie: await join(session.joinCode) }), "questions:sync")).data as QuestionsStateView;
    expect(late.questions.map((x) => [x.id, x.mine, x.votedByMe])).toEqual([[approved, false, false]]);
    for (const s of [facilitator, a, b, c]) s.disconnect();
  });

  it.each(["sqlite", "postgres"] as const)("an anonymous asker is still recognised after a restart, from a stored keyed hash that names nobody: no self-upvote, 'mine' again (%s)", async (backend) => {
    const pgdb = backend === "postgres" ? await freshPostgres() : null;
    const secret = randomBytes(36).toString("base64url");
    const first = await startTestApp({ databaseUrl: pgdb?.databaseUrl, env: { SESSION_SECRET: secret } });
    let second: TestApp | null = null;
    try {
      const w = await first.makeWorkshop();
      const session = await first.app.stores.sessions.create({ workshopId: w.workshopId, title: "S", panelIds: w.panelIds, createdBy: w.userId });
      const facilitator = await first.connect({ sessionId: session.id, cookie: w.cookie });
      const askerCookie = await first.join(session.joinCode, { displayName: "Ines Quiet" });
      const asker = await first.connect({ sessionId: session.id, cookie: askerCookie });
      const ids: string[] = [];
      for (const text of ["Who pays for debris removal?", "Is the moratorium verifiable?"]) {
        const q = (await ask(asker, "question:ask", { text, anonymous: true })).data as QuestionView;
        expect(await ask(facilitator, "question:moderate", { questionId: q.id, status: "approved" })).toEqual({ ok: true });
        ids.push(q.id);
      }
      // Stored: no participant id; a tag per question that is not the id and differs between the two.
      const askerId = (await first.app.stores.sessions.listParticipants(session.id)).find((p) => p.displayName === "Ines Quiet")!.id;
      const rows = await Promise.all(ids.map(async (id) => (await first.app.stores.questions.get(id))!));
      expect(rows.map((r) => r.participantId)).toEqual([null, null]);
      const tags = rows.map((r) => r.askerTag!);
      expect(tags.every((tag) => typeof tag === "string" && tag.length >= 40 && !tag.includes(askerId))).toBe(true);
      expect(tags[0]).not.toBe(tags[1]);

      // A restart: a new process on the same data (and secret) with nothing in memory.
      second = await startTestApp({ databaseUrl: pgdb?.databaseUrl, env: { SESSION_SECRET: secret, ...(pgdb ? {} : { DATA_DIR: first.dataDir }) } });
      // Staff already following the session get no questions:state when the asker comes back: one
      // right after the presence update naming the newcomer would tell them who asked anonymously.
      const staff = await second.connect({ sessionId: session.id, cookie: w.cookie });
      const staffStates: QuestionsStateView[] = [];
      staff.on("questions:state", (st) => staffStates.push(st));
      // Its connect-time state may come before the listener: count from after a sync (answered after it).
      await ask(staff, "questions:sync");
      const before = staffStates.length;
      const again = await second.connect({ sessionId: session.id, cookie: askerCookie });
      const mine = latest(again);
      const mineNow = async () => { const r = await ask(again, "questions:sync"); if (!r.ok) throw new Error(JSON.stringify(r)); return (r.data as QuestionsStateView).questions.filter((q) => q.mine).length; };
      await waitFor(async () => (await mineNow()) === 2);
      // A marker change: its state is the next one staff receive.
      expect(await ask(staff, "question:project", { show: true })).toEqual({ ok: true });
      await waitFor(() => staffStates.at(-1)?.projected === true);
      expect(staffStates).toHaveLength(before + 1);
      const other = await second.connect({ sessionId: session.id, cookie: await second.join(session.joinCode) });
      const theirs = latest(other);
      for (const questionId of ids) {
        expect(await ask(again, "question:upvote", { questionId })).toEqual({ ok: false, error: "forbidden" });
        expect(await ask(again, "question:unvote", { questionId })).toEqual({ ok: false, error: "forbidden" });
      }
      expect(await ask(other, "question:upvote", { questionId: ids[0] })).toEqual({ ok: true, data: { changed: true } });
      expect((await second.app.stores.questions.get(ids[0]))!.votes).toBe(1);
      // The asker's phone shows them as theirs again (no vote button); nobody else's does.
      await waitFor(() => mine.state?.questions.filter((q) => ids.includes(q.id)).every((q) => q.mine) === true && mine.state.questions.length === 2);
      await waitFor(() => theirs.state?.questions.find((q) => q.id === ids[0])?.votes === 1);
      expect(theirs.state!.questions.map((q) => q.mine)).toEqual([false, false]);
      // The tag never leaves the server.
      const synced = await ask(facilitator, "questions:sync");
      for (const payload of [JSON.stringify(mine.state), JSON.stringify(theirs.state), JSON.stringify(synced)]) {
        for (const tag of tags) expect(payload).not.toContain(tag);
        expect(payload).not.toMatch(/askerTag|asker_tag/);
      }
    } finally {
      await second?.close();
      await first.close();
      await pgdb?.cleanup();
    }
  });

  it("ending the session erases the stored asker tags (a copy of database and secret links no question to anyone); votes are then refused", async () => {
    const workshop = await t.makeWorkshop();
    const { session, facilitator } = await t.liveSession(workshop);
    const asker = await t.connect({ sessionId: session.id, cookie: await join(session.joinCode, "Tove Quiet") });
    const other = await t.connect({ sessionId: session.id, cookie: await join(session.joinCode) });
    const ids: string[] = [];
    for (const text of ["Who audits the registry?", "Can states opt out?"]) {
      const q = (await ask(asker, "question:ask", { text, anonymous: true })).data as QuestionView;
      expect(await ask(facilitator, "question:moderate", { questionId: q.id, status: "approved" })).toEqual({ ok: true });
      ids.push(q.id);
    }
    const tagged = async () => (await t.app.stores.questions.list(session.id)).filter((q) => q.askerTag !== null).length;
    expect(await tagged()).toBe(2);
    expect(await ask(facilitator, "session:end")).toEqual({ ok: true });
    expect(await tagged()).toBe(0);
    expect((await ask(other, "question:upvote", { questionId: ids[0] })).error).toBe("ended");
    expect((await ask(asker, "question:upvote", { questionId: ids[1] })).error).toBe("ended");
  });

  it("the projector sees approved questions only while projected; observers and the projector cannot ask", async () => {
    const session = await t.app.stores.sessions.create({ workshopId: fx.workshopId, title: "S", panelIds: fx.panelIds, createdBy: fx.userId });
    const facilitator = await t.connect({ sessionId: session.id, cookie: fx.cookie });
    const projector = await t.connect({ sessionId: session.id, projectorKey: session.projectorKey });
    const p = await t.connect({ sessionId: session.id, cookie: await join(session.joinCode) });
    const screen = latest(projector);
    expect((await ask(projector, "question:ask", { text: "Hello there" })).error).toBe("forbidden");
    const q = (await ask(p, "question:ask", { text: "What is next?" })).data as QuestionView;
    await ask(facilitator, "question:moderate", { questionId: q.id, status: "approved" });
    const synced = (await ask(projector, "questions:sync")).data as QuestionsStateView;
    expect(synced).toEqual({ questions: [], projected: false });
    expect(await ask(facilitator, "question:project", { show: true })).toEqual({ ok: true });
    await waitFor(() => screen.state?.projected === true && screen.state.questions.length === 1);
    expect(screen.state!.questions[0].text).toBe("What is next?");
  });
});
