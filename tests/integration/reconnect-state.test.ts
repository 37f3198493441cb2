/**
 * Reconnecting clients end up with the current state: a client whose connection state was not
 * recovered (a reload, a new tab, a recovery window passed) is pushed the full session, polls and
 * questions state without asking; a client whose connection WAS recovered (Socket.io
 * connectionStateRecovery, a short network cut) must also see what changed while it was away.
 * Real server on port 0, real socket.io clients, real SQLite.
 */
import { randomUUID } from "node:crypto";
import { io as ioClient } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { SessionStateView } from "../../app/domain/events";
import type { PollsStateView, QuestionsStateView, QuestionView } from "../../app/domain/polls/events";
import { ask, useTestAppWithWorkshop, waitFor, type TestSocket } from "../helpers/app";

const ctx = useTestAppWithWorkshop();

const join = (code: string, displayName = "") => ctx.t.join(code, { displayName });
const liveSession = () => ctx.t.liveSession(ctx.fx);

/** Everything a socket is pushed, recorded from before it connects. */
function opened(sessionId: string, cookie: string, opts: { reconnection?: boolean } = {}) {
  const socket: TestSocket = ioClient(ctx.t.baseUrl, {
    transports: ["websocket"],
    auth: { sessionId },
    extraHeaders: { cookie },
    forceNew: true,
    reconnection: opts.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 100,
  });
  const seen = { session: [] as SessionStateView[], polls: [] as PollsStateView[], questions: [] as QuestionsStateView[] };
  socket.on("session:state", (s) => seen.session.push(s));
  socket.on("polls:state", (s) => seen.polls.push(s));
  socket.on("questions:state", (s) => seen.questions.push(s));
  return { socket, seen };
}

describe("reconnecting without recovered state", () => {
  it("is pushed the current panel, the open poll with its own answer, and the approved questions, unasked", async () => {
    const { session, facilitator, pollId } = await liveSession();
    const cookie = await join(session.joinCode, "Kofi");
    const first = opened(session.id, cookie);
    await waitFor(() => first.seen.polls.length > 0 && first.seen.questions.length > 0);
    const id = pollId("oewg-ideal-outcome");
    expect(await ask(facilitator, "poll:open", { pollId: id })).toEqual({ ok: true });
    await waitFor(() => first.seen.polls.at(-1)!.polls.find((p) => p.id === id)?.status === "open");
    expect((await ask(first.socket, "poll:respond", { pollId: id, value: { choice: "tcbm-only" }, responseId: randomUUID() })).ok).toBe(true);
    const q = (await ask(first.socket, "question:ask", { text: "Who checks compliance?" })).data as QuestionView;
    first.socket.disconnect();

    // While the phone is away: two panels on, the question approved.
    expect(await ask(facilitator, "panel:advance")).toEqual({ ok: true });
    expect(await ask(facilitator, "panel:advance")).toEqual({ ok: true });
    expect(await ask(facilitator, "question:moderate", { questionId: q.id, status: "approved" })).toEqual({ ok: true });

    const again = opened(session.id, cookie);
    await waitFor(() => again.seen.session.length > 0 && again.seen.polls.length > 0 && again.seen.questions.length > 0);
    expect(again.socket.recovered).toBe(false);
    expect(again.seen.session[0]).toMatchObject({ status: "live", currentPanelIndex: 2 });
    const poll = again.seen.polls[0].polls.find((p) => p.id === id)!;
    expect(poll).toMatchObject({ status: "open", myResponse: { value: { choice: "tcbm-only" } } });
    expect(again.seen.questions[0].questions).toEqual([expect.objectContaining({ id: q.id, status: "approved", mine: true })]);
    again.socket.disconnect();
  });
});

/**
 * Cuts the phone's transport (no clean disconnect, so the server keeps its state for recovery), runs
 * `meanwhile`, waits for the automatic reconnect and returns the phone's recorded states.
 */
async function cutAndRecover(meanwhile: (live: Awaited<ReturnType<typeof liveSession>> & { questionId: string }) => Promise<void>) {
  const live = await liveSession();
  const other = await ctx.t.connect({ sessionId: live.session.id, cookie: await join(live.session.joinCode) });
  const q = (await ask(other, "question:ask", { text: "What about debris?" })).data as QuestionView;
  const phone = opened(live.session.id, await join(live.session.joinCode), { reconnection: true });
  await waitFor(() => phone.seen.session.length > 0 && phone.seen.polls.length > 0 && phone.seen.questions.length > 0);
  let reconnected = false;
  phone.socket.io.once("reconnect", () => (reconnected = true));
  phone.socket.io.reconnectionDelay(1_000);
  phone.socket.io.reconnectionDelayMax(1_000);
  const socketId = phone.socket.id!;
  phone.socket.io.engine.close();
  // Both ends must have seen the cut, or the server may still write to the dead transport.
  await waitFor(() => !phone.socket.connected && !ctx.t.app.io.of("/").sockets.has(socketId));
  await meanwhile({ ...live, questionId: q.id });
  await waitFor(() => reconnected && phone.socket.connected, 5_000);
  expect(phone.socket.recovered).toBe(true);
  return { ...live, questionId: q.id, phone };
}

describe("reconnecting after a short network cut (recovered connection)", () => {
  it("sees the panel change and the question approved while it was away", async () => {
    const { phone, questionId } = await cutAndRecover(async ({ facilitator, questionId }) => {
      expect(await ask(facilitator, "panel:advance")).toEqual({ ok: true });
      expect(await ask(facilitator, "question:moderate", { questionId, status: "approved" })).toEqual({ ok: true });
    });
    const now = () => ({
      panel: phone.seen.session.at(-1)?.currentPanelIndex,
      question: phone.seen.questions.at(-1)?.questions.find((x) => x.id === questionId)?.status,
    });
    await waitFor(() => now().panel === 1 && now().question === "approved", 3_000).catch(() => undefined);
    expect(now()).toEqual({ panel: 1, question: "approved" });
    phone.socket.disconnect();
  });

  // polls:state is emitted per socket, which recovery never replays: the server sends it on every connection.
  it("sees a poll opened while it was away", async () => {
    const { phone, pollId } = await cutAndRecover(async ({ facilitator, pollId }) => {
      expect(await ask(facilitator, "poll:open", { pollId: pollId("oewg-ideal-outcome") })).toEqual({ ok: true });
    });
    const id = pollId("oewg-ideal-outcome");
    const status = () => phone.seen.polls.at(-1)?.polls.find((p) => p.id === id)?.status;
    await waitFor(() => status() === "open", 3_000).catch(() => undefined);
    phone.socket.disconnect();
    expect(status()).toBe("open");
  });

  it("sees a poll closed while it was away, with its results (B2)", async () => {
    let id = "";
    const { phone } = await cutAndRecover(async ({ facilitator, pollId }) => {
      id = pollId("oewg-ideal-outcome");
      expect(await ask(facilitator, "poll:open", { pollId: id })).toEqual({ ok: true });
      expect(await ask(facilitator, "poll:close", { pollId: id })).toEqual({ ok: true });
    });
    const poll = () => phone.seen.polls.at(-1)?.polls.find((p) => p.id === id);
    await waitFor(() => poll()?.status === "closed", 3_000).catch(() => undefined);
    phone.socket.disconnect();
    expect(poll()?.status).toBe("closed");
    expect(poll()?.tally).not.toBeNull();
  });
});
