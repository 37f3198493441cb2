/**
 * Scale-out: TWO real server processes (`REDIS_URL` + one fresh Postgres database, a Redis key prefix
 * of their own) with clients spread over both. Checks what a load balancer would expose: room
 * broadcasts, poll state and exact tallies, notes convergence with single storage, and rate limits
 * that hold across instances. Needs the Postgres and Redis this machine (and CI) runs.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { io as ioClient } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "redis";
import type { PresenceView, SessionStateView } from "../../app/domain/events";
import type { PollsStateView, PollTalliedView, QuestionsStateView } from "../../app/domain/polls/events";
import { notesDocName, panelNotesFragment, panelNotesText, setPlainText } from "../../app/domain/notes/model";
import { createAuthCookieStorage } from "../../server/auth/cookie";
import { hashPassword } from "../../server/auth/passwords";
import { SIGN_IN_LIMITS } from "../../server/auth/service";
import { createStores } from "../../server/storage";
import { createKyselyNoteStore } from "../../server/notes/store-kysely";
import { ask, waitFor, type TestSocket } from "../helpers/app";
import { freshPostgres, type FreshDatabase } from "../helpers/db";
import { createNotesFixtures, notesClient, type NotesFixtures, type NotesTestClient } from "../helpers/notes-app-fixtures";
import { startServerProcess, type ServerProcess } from "../helpers/server-process";
import { startTcpSwitch, type TcpSwitch } from "../helpers/tcp-switch";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
/** Door budget per address per minute: small, so the last test can spend it (nothing else here uses those paths). */
const DOOR_POINTS = 12;
/** Sign-in attempts per account before the throttle (SIGN_IN_LIMITS.perAccount); the sign-in test spends them, within DOOR_POINTS. */
const SIGN_IN_PER_ACCOUNT = SIGN_IN_LIMITS.perAccount.points;

let pg: FreshDatabase;
let a: ServerProcess;
let b: ServerProcess;
let fx: NotesFixtures;
/** B reaches Redis through this switch, so a test can cut B from Redis and give it back. */
let bToRedis: TcpSwitch;
const prefix = `rt-test-${randomBytes(6).toString("hex")}:`;
const sockets: TestSocket[] = [];
/** The `session:state` each socket got on connecting. */
const firstState = new WeakMap<TestSocket, SessionStateView>();
const notes: NotesTestClient[] = [];

beforeAll(async () => {
  pg = await freshPostgres();
  const secret = randomBytes(24).toString("hex");
  const env = { DATABASE_URL: pg.databaseUrl!, REDIS_URL, REDIS_PREFIX: prefix, SESSION_SECRET: secret, DOOR_RATE_PER_MINUTE: String(DOOR_POINTS), LOG_LEVEL: "info" };
  // The database is migrated already; only A seeds the templates (two seeders would race on the same keys).
  const redisUrl = new URL(REDIS_URL);
  bToRedis = await startTcpSwitch(redisUrl.hostname, Number(redisUrl.port || 6379));
  const viaSwitch = `redis://127.0.0.1:${bToRedis.port}`;
  [a, b] = await Promise.all([startServerProcess({ env }), startServerProcess({ env: { ...env, REDIS_URL: viaSwitch, SEED_TEMPLATES: "false" } })]);
  fx = createNotesFixtures(createStores(pg.storage), createAuthCookieStorage({ secret, secure: false }), hashPassword);
}, 90_000);

afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  notes.forEach((n) => n.destroy());
  await Promise.all([a?.stop(), b?.stop()]);
  await pg?.cleanup();
  await bToRedis?.close();
  // This run's Redis keys (rate-limit counters); channels leave nothing behind.
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*` })) if (keys.length) await redis.del(keys);
  await redis.close();
});

function connect(server: ServerProcess, sessionId: string, auth: { cookie?: string; projectorKey?: string }): Promise<TestSocket> {
  const socket: TestSocket = ioClient(server.baseUrl, {
    transports: ["websocket"],
    auth: { sessionId, ...(auth.projectorKey ? { projectorKey: auth.projectorKey } : {}) },
    extraHeaders: auth.cookie ? { cookie: auth.cookie } : {},
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("session:state", (state: SessionStateView) => {
      firstState.set(socket, state);
      resolve(socket);
    });
    socket.once("connect_error", reject);
  });
}

function record<T>(socket: TestSocket, event: "session:state" | "polls:state" | "poll:tallied" | "presence:updated" | "questions:state"): T[] {
  const seen: T[] = [];
  socket.on(event, (x: unknown) => seen.push(x as T));
  return seen;
}

/** A started session with its facilitator connected to A. */
async function liveSession() {
  const s = await fx.makeSession();
  const facilitator = await fx.addStaff(s.workshopId, "facilitator");
  const fac = await connect(a, s.sessionId, { cookie: facilitator.cookie });
  expect(await ask(fac, "session:start")).toEqual({ ok: true });
  const session = (await fx.stores.sessions.get(s.sessionId))!;
  return { ...s, session, fac };
}

/** A session's notes: a rapporteur client on A or on B (opened on call) and the number of stored updates. */
async function notesSession() {
  const s = await fx.makeSession();
  const [r1, r2] = await Promise.all([fx.addStaff(s.workshopId, "rapporteur"), fx.addStaff(s.workshopId, "rapporteur")]);
  const store = createKyselyNoteStore(pg.storage.db);
  const open = (server: ServerProcess, cookie: string) => {
    const client = notesClient(server.baseUrl, s.sessionId, cookie);
    notes.push(client);
    return client;
  };
  return {
    panel: s.panelIds[0],
    rows: async () => (await store.updatesBetween(notesDocName(s.sessionId), 0)).length,
    onA: () => open(a, r1.cookie),
    onB: () => open(b, r2.cookie),
  };
}

describe("scale-out: two instances, one Postgres, one Redis", () => {
  it("both instances say they run in scale-out mode; without Postgres (exit 78) or without Redis an instance refuses to start", async () => {
    for (const server of [a, b]) expect(server.output()).toContain("scale-out mode: Postgres + Redis");
    const outcome = (env: Record<string, string>) =>
      startServerProcess({ env }).then(
        (p) => p.stop().then(() => "started"),
        (err: Error) => err.message,
      );
    const [noPostgres, noRedis] = await Promise.all([
      outcome({ REDIS_URL, REDIS_PREFIX: prefix }),
      // Port 1: nothing listens; start-up gives up after 10 s instead of retrying forever.
      outcome({ REDIS_URL: "redis://127.0.0.1:1", REDIS_PREFIX: prefix, DATABASE_URL: pg.databaseUrl!, SEED_TEMPLATES: "false" }),
    ]);
    expect(noPostgres).toContain("exited with 78");
    expect(noPostgres).toContain("scale-out needs Postgres");
    expect(noRedis).toContain("exited with 1");
    expect(noRedis).toContain("Redis at REDIS_URL did not answer");
  }, 30_000);

  it("a panel change made on A reaches a participant on B once", async () => {
    const { sessionId, fac } = await liveSession();
    const phone = await connect(b, sessionId, { cookie: (await fx.addParticipant(sessionId)).cookie });
    const states = record<SessionStateView>(phone, "session:state");
    expect(await ask(fac, "panel:advance")).toEqual({ ok: true });
    await waitFor(() => states.some((s) => s.currentPanelIndex === 1));
    expect(await ask(fac, "panel:advance")).toEqual({ ok: true });
    await waitFor(() => states.some((s) => s.currentPanelIndex === 2));
    // One broadcast per change: the Redis adapter delivers A's room broadcast once, nobody re-sends it.
    expect(states.filter((s) => s.currentPanelIndex === 1)).toHaveLength(1);
    // B's shared state for connecting clients was dropped by the change (not served for up to a second).
    const late = await connect(b, sessionId, { cookie: (await fx.addParticipant(sessionId)).cookie });
    expect(firstState.get(late)?.currentPanelIndex).toBe(2);
  });

  it("staff on A see everyone connected to A and B; Q&A asked on B reaches the facilitator on A, projection on A reaches B", async () => {
    const { sessionId, fac } = await liveSession();
    const presence = record<PresenceView>(fac, "presence:updated");
    const questions = record<QuestionsStateView>(fac, "questions:state");
    const phones = await Promise.all([1, 2].map(async () => connect(b, sessionId, { cookie: (await fx.addParticipant(sessionId)).cookie })));
    const phoneQuestions = record<QuestionsStateView>(phones[1], "questions:state");
    await waitFor(() => presence.at(-1)?.connected === 3);
    phones[0].disconnect();
    await waitFor(() => presence.at(-1)?.connected === 2);

    expect(await ask(phones[1], "question:ask", { text: "Who verifies compliance?", anonymous: false })).toMatchObject({ ok: true });
    await waitFor(() => questions.some((q) => q.questions.some((x) => x.text === "Who verifies compliance?")));
    expect(await ask(fac, "question:project", { show: true })).toMatchObject({ ok: true });
    await waitFor(() => phoneQuestions.at(-1)?.projected === true);
  });

  it("votes on A and B: the projector on B shows the exact stored tally; a poll created on A is votable on B, closed on A refused on B", async () => {
    const { sessionId, session, fac } = await liveSession();
    const pollRow = (await fx.stores.workshops.getAgenda(session.workshopId)).flatMap((p) => p.polls).find((p) => p.key === "oewg-ideal-outcome")!;
    expect(await ask(fac, "poll:open", { pollId: pollRow.id })).toEqual({ ok: true });
    expect(await ask(fac, "poll:project", { pollId: pollRow.id, projected: true })).toEqual({ ok: true });
    const projector = await connect(b, sessionId, { projectorKey: session.projectorKey });
    const tallies = record<PollTalliedView>(projector, "poll:tallied");
    const staffTallies = record<PollTalliedView>(fac, "poll:tallied");
    // 20 phones per instance answer at once: both instances commit batches while re-reading each other's.
    const phones = (server: ServerProcess) =>
      Promise.all(Array.from({ length: 20 }, async () => connect(server, sessionId, { cookie: (await fx.addParticipant(sessionId)).cookie })));
    const [phonesA, phonesB] = [await phones(a), await phones(b)];
    const phoneBStates = record<PollsStateView>(phonesB[0], "polls:state");
    const options = ["path-to-treaty", "balanced-package", "path-to-treaty", "tcbm-only", "path-to-treaty", "shared-definitions", "balanced-package"];
    const choices = [...phonesA, ...phonesB].map((_, i) => options[i % options.length]);
    const acks = await Promise.all([...phonesA, ...phonesB].map((p, i) => ask(p, "poll:respond", { pollId: pollRow.id, value: { choice: choices[i] }, responseId: randomUUID() })));
    expect(acks.every((x) => x.ok)).toBe(true);

    const run = (await fx.stores.polls.latestRun(sessionId, pollRow.id))!;
    const stored = await fx.stores.polls.countResponses(run.id);
    expect(stored).toBe(40);
    await waitFor(() => tallies.at(-1)?.responseCount === stored && staffTallies.at(-1)?.responseCount === stored, 10_000);
    // Every option's count on B's projector and A's console equals the stored rows for it (chatham-house shows option totals).
    const perChoice = new Map<string, number>();
    for (const c of choices) perChoice.set(c, (perChoice.get(c) ?? 0) + 1);
    for (const shown of [JSON.stringify(tallies.at(-1)!.tally), JSON.stringify(staffTallies.at(-1)!.tally)]) {
      for (const [choice, n] of perChoice) expect(shown).toMatch(new RegExp(`"${choice}"[^}]*"count":${n}\\b`));
    }

    // A poll created on A (mid-session) is offered on B and B takes votes for it.
    const created = await ask(fac, "poll:create", {
      panelId: session.panelIds[0],
      definition: { key: "made-live", kind: "single", question: "Continue after lunch?", options: [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }] },
    });
    expect(created).toMatchObject({ ok: true });
    const newPoll = (created as { data: { pollId: string } }).data.pollId;
    expect(await ask(fac, "poll:open", { pollId: newPoll })).toEqual({ ok: true });
    await waitFor(() => phoneBStates.some((s) => s.polls.some((p) => p.id === newPoll && p.status === "open")));
    expect(await ask(phonesB[1], "poll:respond", { pollId: newPoll, value: { choice: "yes" }, responseId: randomUUID() })).toMatchObject({ ok: true });

    // Closed on A: B's phones are told, and B refuses a vote.
    expect(await ask(fac, "poll:close", { pollId: newPoll })).toEqual({ ok: true });
    await waitFor(() => phoneBStates.some((s) => s.polls.some((p) => p.id === newPoll && p.status === "closed")));
    expect(await ask(phonesB[2], "poll:respond", { pollId: newPoll, value: { choice: "no" }, responseId: randomUUID() })).toMatchObject({ ok: false, error: "poll-closed" });
  }, 30_000);

  it("notes typed on A appear on B (loaded before and after), edits from B reach A, and each update is stored once", async () => {
    const { panel, rows, ...open } = await notesSession();
    const onA = open.onA();
    await waitFor(() => onA.provider.synced);
    setPlainText(panelNotesFragment(onA.doc, panel), "Typed on A before B opened the doc.");
    await waitFor(async () => (await rows()) > 0);

    // B loads the doc after A accepted that update: it comes from storage.
    const onB = open.onB();
    await waitFor(() => panelNotesText(onB.doc, panel) === "Typed on A before B opened the doc.");
    const before = await rows();

    // Both loaded: relayed over Redis in both directions.
    setPlainText(panelNotesFragment(onA.doc, panel), "Second line from A.");
    await waitFor(() => panelNotesText(onB.doc, panel) === "Second line from A.");
    setPlainText(panelNotesFragment(onB.doc, panel), "Third line from B.");
    await waitFor(() => panelNotesText(onA.doc, panel) === "Third line from B.");
    // Two edits, two stored updates: the receiving instance applied and relayed, it did not store again.
    await waitFor(async () => (await rows()) >= before + 2);
    expect(await rows()).toBe(before + 2);
  }, 30_000);

  it("B cut from Redis misses A's notes relay; once Redis is back, B's doc catches up from storage", async () => {
    const { panel, rows, ...open } = await notesSession();
    const [onA, onB] = [open.onA(), open.onB()];
    await waitFor(() => onA.provider.synced && onB.provider.synced);
    setPlainText(panelNotesFragment(onA.doc, panel), "Before the cut.");
    await waitFor(() => panelNotesText(onB.doc, panel) === "Before the cut.");

    bToRedis.down();
    const before = await rows();
    setPlainText(panelNotesFragment(onA.doc, panel), "Written while B was cut off from Redis.");
    await waitFor(async () => (await rows()) > before);
    // Stored by A, but the relay to B is lost (pub/sub is at-most-once).
    expect(panelNotesText(onB.doc, panel)).toBe("Before the cut.");

    bToRedis.up();
    await waitFor(() => panelNotesText(onB.doc, panel) === "Written while B was cut off from Redis.", 15_000);
  }, 30_000);

  it("B cut from Redis misses a Q&A change made on A; once Redis is back, B re-sends questions:state from storage", async () => {
    const { sessionId, fac } = await liveSession();
    const asker = await connect(a, sessionId, { cookie: (await fx.addParticipant(sessionId)).cookie });
    const phone = await connect(b, sessionId, { cookie: (await fx.addParticipant(sessionId)).cookie });
    const onB = record<QuestionsStateView>(phone, "questions:state");
    const onA = record<QuestionsStateView>(fac, "questions:state");
    const shows = (seen: QuestionsStateView[], text: string) => seen.at(-1)?.questions.some((q) => q.text === text) === true;
    const approve = async (text: string) => {
      const q = (await ask(asker, "question:ask", { text })).data as { id: string };
      expect(await ask(fac, "question:moderate", { questionId: q.id, status: "approved" })).toEqual({ ok: true });
    };
    await approve("Asked before the cut?");
    await waitFor(() => shows(onB, "Asked before the cut?"));

    bToRedis.down();
    await approve("Asked while B was cut off?");
    await waitFor(() => shows(onA, "Asked while B was cut off?"));
    // The questions.changed message to B is lost (pub/sub is at-most-once).
    expect(shows(onB, "Asked while B was cut off?")).toBe(false);

    bToRedis.up();
    await waitFor(() => shows(onB, "Asked while B was cut off?"), 15_000);
  }, 30_000);

  it("a session ended on A freezes its notes on B: B's connected writer is refused (4403)", async () => {
    const { sessionId, session, fac } = await liveSession();
    const rapporteur = await fx.addStaff(session.workshopId, "rapporteur");
    const writer = notesClient(b.baseUrl, sessionId, rapporteur.cookie);
    notes.push(writer);
    await waitFor(() => writer.provider.synced);
    const panel = session.panelIds[0];
    setPlainText(panelNotesFragment(writer.doc, panel), "Last words before the end.");
    const store = createKyselyNoteStore(pg.storage.db);
    await waitFor(async () => (await store.updatesBetween(notesDocName(sessionId), 0)).length > 0);
    expect(await ask(fac, "session:end")).toEqual({ ok: true });
    // B froze the doc on A's session.ended; its writer learns at its next edit (one racing the end may
    // still be accepted, as in one process). Without the freeze B's writer would keep writing.
    await waitFor(async () => {
      if (writer.closeCodes.includes(4403)) return true;
      setPlainText(panelNotesFragment(writer.doc, panel), `Typed after the end ${Math.random()}`);
      return false;
    }, 10_000);
  }, 30_000);

  it("sign-in attempts spent on A count on B: the account's throttle refuses even the right password there", async () => {
    const { workshopId } = await fx.makeSession();
    const staff = await fx.addStaff(workshopId, "rapporteur");
    const signIn = (server: ServerProcess, password: string) =>
      fetch(`${server.baseUrl}/login`, { method: "POST", body: new URLSearchParams({ email: staff.email, password }), redirect: "manual" }).then((r) => r.status);
    const wrong: number[] = [];
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT; i++) wrong.push(await signIn(a, "not the password"));
    expect(wrong).toEqual(Array(SIGN_IN_PER_ACCOUNT).fill(401));
    expect(await signIn(b, staff.password)).toBe(429);
  });

  it("a door budget spent on A holds on B", async () => {
    let refused = -1; // the index of the first refused request; -1: none yet
    for (let i = 0; i < DOOR_POINTS * 2 && refused < 0; i++) {
      const res = await fetch(`${a.baseUrl}/login`, { redirect: "manual" });
      if (res.status === 429) refused = i;
    }
    expect(refused).toBeGreaterThan(0);
    expect((await fetch(`${b.baseUrl}/login`, { redirect: "manual" })).status).toBe(429);
  });

  it("SIGTERM stops both instances cleanly (Redis closed in the graceful shutdown, exit 0)", async () => {
    expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
  });
});
