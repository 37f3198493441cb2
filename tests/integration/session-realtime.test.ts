/**
 * Session control over real sockets: a real server on port 0, real socket.io clients, real SQLite.
 * Participants join through the real HTTP join route, so the cookie they use is the app's own.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionStateView } from "../../app/domain/events";
import { ask, startTestApp, waitFor, type TestApp } from "../helpers/app";
import { snapshotTables } from "../helpers/db";

let t: TestApp;
let fixture: Awaited<ReturnType<TestApp["makeWorkshop"]>>;

beforeAll(async () => {
  t = await startTestApp();
  fixture = await t.makeWorkshop();
});
afterAll(async () => t?.close());

/** Joins through POST /j/<code> like a phone would; returns the participant's cookie. */
async function join(code: string, displayName = "", sector = "") {
  const body = new URLSearchParams({ displayName, sector, consent: "on" });
  const res = await fetch(`${t.baseUrl}/j/${code}`, { method: "POST", body, redirect: "manual" });
  expect(res.status).toBe(302);
  const cookie = res.headers.get("set-cookie");
  expect(cookie).toBeTruthy();
  return cookie!.split(";")[0];
}

async function newSession(panelIds = fixture.panelIds) {
  return t.app.stores.sessions.create({ workshopId: fixture.workshopId, title: "Day 1", panelIds, createdBy: fixture.userId });
}

describe("session control", () => {
  it("two participants see panel changes in order; a late joiner lands on the current panel", async () => {
    const startedAt = Date.now();
    const session = await newSession();
    const facilitator = await t.connect({ sessionId: session.id, cookie: fixture.cookie });
    const seen: [number[], number[]] = [[], []];
    const participants = await Promise.all([0, 1].map(async (i) => {
      const socket = await t.connect({ sessionId: session.id, cookie: await join(session.joinCode, `P${i}`) });
      socket.on("session:state", (s: SessionStateView) => s.status === "live" && seen[i].push(s.currentPanelIndex));
      return socket;
    }));

    expect(await ask(facilitator, "session:start")).toEqual({ ok: true });
    expect(await ask(facilitator, "panel:advance")).toEqual({ ok: true });
    expect(await ask(facilitator, "panel:advance")).toEqual({ ok: true });
    expect(await ask(facilitator, "panel:rewind")).toEqual({ ok: true });
    await waitFor(() => seen.every((s) => s.length === 4));
    expect(seen[0]).toEqual([0, 1, 2, 1]);
    expect(seen[1]).toEqual([0, 1, 2, 1]);

    const lateCookie = await join(session.joinCode);
    const late = t.connect({ sessionId: session.id, cookie: lateCookie });
    const first = await new Promise<SessionStateView>((resolve) => {
      void late.then((s) => s.emit("session:sync", {}, (ack) => ack.ok && resolve(ack.data)));
    });
    expect(first.status).toBe("live");
    expect(first.currentPanelIndex).toBe(1);
    expect(first.panels[1].title).toBe(first.panels[first.currentPanelIndex].title);

    const events = await t.app.stores.sessions.listEvents(session.id);
    // Every entry carries a real timestamp from this run.
    for (const e of events) {
      expect(e.at).toBeGreaterThanOrEqual(startedAt);
      expect(e.at).toBeLessThanOrEqual(Date.now());
    }
    const types = events.map((e) => e.type).filter((x) => x !== "participant.joined");
    expect(types).toEqual(["session.started", "panel.entered", "panel.entered", "panel.entered"]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    for (let i = 1; i < events.length; i++) expect(events[i].at).toBeGreaterThanOrEqual(events[i - 1].at);
    participants.forEach((p) => p.disconnect());
  });

  it("session:sync serves the agenda from a cache that every agenda or workshop edit clears, in a transaction too", async () => {
    const session = await newSession();
    const phone = await t.connect({ sessionId: session.id, cookie: await join(session.joinCode) });
    const sync = async () => {
      const res = await ask(phone, "session:sync");
      expect(res.ok).toBe(true);
      return res.data as SessionStateView;
    };
    const first = await sync();
    const reads = vi.spyOn(t.app.stores.workshops, "getAgenda");
    try {
      for (let i = 0; i < 5; i++) expect((await sync()).panels).toEqual(first.panels);
      expect(reads).not.toHaveBeenCalled();

      const panel = (await t.app.stores.workshops.getPanel(fixture.panelIds[0]))!;
      const { id: _id, workshopId: _w, position: _p, ...def } = panel;
      const polls = panel.polls.map(({ id: _i, panelId: _pi, position: _pp, ...poll }) => poll);
      await t.app.stores.workshops.updatePanel(panel.id, { ...def, polls, title: "Renamed panel" });
      expect((await sync()).panels[0].title).toBe("Renamed panel");

      await t.app.stores.transaction((tx) => tx.workshops.update(fixture.workshopId, { title: "Renamed workshop" }));
      expect((await sync()).workshopTitle).toBe("Renamed workshop");
    } finally {
      reads.mockRestore();
      phone.disconnect();
    }
  });

  it("refuses facilitator commands from a participant, and bad payloads, without changing anything", async () => {
    const session = await newSession();
    const participant = await t.connect({ sessionId: session.id, cookie: await join(session.joinCode) });
    const facilitator = await t.connect({ sessionId: session.id, cookie: fixture.cookie });
    const before = await t.app.stores.sessions.get(session.id);
    const everything = await snapshotTables(t.app.storage);
    expect(await ask(participant, "session:start")).toEqual({ ok: false, error: "forbidden" });
    expect(await ask(participant, "panel:advance")).toEqual({ ok: false, error: "forbidden" });
    expect(await ask(participant, "session:end")).toEqual({ ok: false, error: "forbidden" });
    const pollId = (await t.app.stores.workshops.getAgenda(fixture.workshopId))[0].polls[0].id;
    expect(await ask(participant, "poll:open", { pollId })).toEqual({ ok: false, error: "forbidden" });
    expect(await ask(participant, "question:project", { show: true })).toEqual({ ok: false, error: "forbidden" });
    expect((await ask(facilitator, "panel:goto", { index: "two" })).error).toBe("invalid-payload");
    expect((await ask(facilitator, "panel:goto", { index: 1, extra: true })).error).toBe("invalid-payload");
    // Oversized but under the 64 KiB transport cap: refused by the schema (over the cap, the socket is dropped).
    expect((await ask(facilitator, "question:ask", { text: "x".repeat(20_000) })).error).toBe("invalid-payload");
    expect(await ask(facilitator, "panel:advance")).toEqual({ ok: false, error: "not-live" });
    expect(await t.app.stores.sessions.get(session.id)).toEqual(before);
    expect(await snapshotTables(t.app.storage)).toEqual(everything);
    expect(await ask(facilitator, "session:start")).toEqual({ ok: true });
    const live = await snapshotTables(t.app.storage);
    expect(await ask(facilitator, "panel:goto", { index: 99 })).toEqual({ ok: false, error: "out-of-range" });
    // Unknown ids.
    expect((await ask(facilitator, "poll:open", { pollId: "no-such-poll" })).error).toBe("not-found");
    expect((await ask(facilitator, "question:moderate", { questionId: "no-such-question", status: "approved" })).error).toBe("not-found");
    expect((await ask(participant, "question:upvote", { questionId: "no-such-question" })).error).toBe("not-found");
    expect((await ask(participant, "poll:respond", { pollId: "no-such-poll", value: { choice: "x" }, responseId: "4f9c2b1e-8d3a-4c5e-9f7a-1b2c3d4e5f60" })).error).toBe("not-found");
    expect((await t.app.stores.sessions.get(session.id))!.currentPanelIndex).toBe(0);
    expect(await snapshotTables(t.app.storage)).toEqual(live);
  });

  it("refuses connections without access: unknown session, other session's participant, wrong projector key", async () => {
    const a = await newSession();
    const b = await newSession();
    const cookieA = await join(a.joinCode);
    await expect(t.connect({ sessionId: "nope", cookie: cookieA })).rejects.toThrow(/forbidden/);
    await expect(t.connect({ sessionId: b.id, cookie: cookieA })).rejects.toThrow(/forbidden/);
    await expect(t.connect({ sessionId: a.id })).rejects.toThrow(/forbidden/);
    await expect(t.connect({ sessionId: a.id, projectorKey: "wrong" })).rejects.toThrow(/forbidden/);
    const projector = await t.connect({ sessionId: a.id, projectorKey: a.projectorKey });
    expect(await ask(projector, "session:start")).toEqual({ ok: false, error: "forbidden" });
  });

  it("survives junk: missing acks, non-object payloads, unknown events", async () => {
    const session = await newSession();
    const facilitator = await t.connect({ sessionId: session.id, cookie: fixture.cookie });
    const raw = facilitator as unknown as { emit: (e: string, ...a: unknown[]) => void };
    raw.emit("panel:advance");
    raw.emit("panel:goto", "x");
    raw.emit("no:such-event", { a: 1 });
    expect((await ask(facilitator, "panel:goto", null)).error).toBe("invalid-payload");
    expect(await ask(facilitator, "session:start")).toEqual({ ok: true });
    expect((await t.app.stores.sessions.get(session.id))!.status).toBe("live");
  });
});
