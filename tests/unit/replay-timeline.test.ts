/**
 * Replay timeline: `replayAt` (checkpoints + binary search) equals a fold from scratch of the events
 * with at ≤ t, for random seeded event sequences; and nothing after t ever shows.
 */
import { describe, expect, it } from "vitest";
import { buildTimeline, foldFromScratch, replayAt, timelineMarkers } from "~/domain/replay";
import type { SessionEventType } from "~/domain/session";

/** mulberry32: tiny seeded PRNG so a failing case can be re-run from its printed seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PANELS = ["p1", "p2", "p3", "p4"];
const POLLS = ["a", "b", "c"];
const definition = (pollId: string) => ({ key: `poll-${pollId}`, question: `Question ${pollId}?`, visibility: "live", kind: "single", options: [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }] });

function randomEvents(seed: number, n: number) {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const events: Array<{ sessionId: string; seq: number; at: number; type: SessionEventType; payload: Record<string, unknown> }> = [];
  let at = 1_700_000_000_000;
  for (let seq = 1; seq <= n; seq++) {
    // Same-ms ties and small out-of-order stamps happen in real logs (question.asked uses the row's time).
    at += Math.floor(r() * 5000) - (r() < 0.1 ? 3000 : 0);
    const pollId = pick(POLLS);
    const run = 1 + Math.floor(r() * 3);
    const index = Math.floor(r() * PANELS.length);
    const q = `q${Math.floor(r() * 20)}`;
    const choices: Array<[SessionEventType, Record<string, unknown>]> = [
      ["session.started", { panelId: PANELS[0], index: 0 }],
      ["session.ended", {}],
      ["panel.entered", { panelId: PANELS[index], index }],
      ["participant.joined", {}],
      ["poll.opened", { pollId, pollKey: `poll-${pollId}`, run, panelId: pick(PANELS), visibility: "live", definition: definition(pollId) }],
      ["poll.closed", { pollId, run, responseCount: Math.floor(r() * 30) }],
      ["poll.reset", { pollId, run, previousRun: run }],
      ["poll.visibility", { pollId, run, visibility: pick(["live", "on-close", "hidden"]) }],
      ["poll.projected", { pollId, run, projected: r() < 0.5 }],
      ["poll.tallied", { pollId, run, tally: { kind: "single", n: Math.floor(r() * 30), ignored: 0, options: [] } }],
      ["question.asked", { questionId: q, anonymous: r() < 0.5 }],
      ["question.moderated", { questionId: q, status: pick(["approved", "hidden", "answered", "pending"]), text: `text of ${q}` }],
      ["notes.checkpoint", {}],
    ];
    const [type, payload] = pick(choices);
    events.push({ sessionId: "s1", seq, at, type, payload });
  }
  // Shuffle: buildTimeline must not rely on input order.
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [events[i], events[j]] = [events[j], events[i]];
  }
  return events;
}

describe("replayAt", () => {
  it("equals folding the events with at ≤ t from scratch (seeded random logs)", () => {
    const base = Number(process.env.REPLAY_SEED ?? Date.now() % 1_000_000);
    for (let k = 0; k < 60; k++) {
      const seed = base + k;
      const r = rng(seed);
      const raw = randomEvents(seed, 1 + Math.floor(r() * 400));
      const every = 1 + Math.floor(r() * 40);
      const timeline = buildTimeline(raw, { checkpointEvery: every });
      expect(timeline.issues, `seed ${seed}`).toEqual([]);
      const ats = timeline.events.map((e) => e.at);
      const probes = [ats[0] - 1, ...Array.from({ length: 25 }, () => ats[Math.floor(r() * ats.length)] + Math.floor(r() * 3) - 1), ats[ats.length - 1] + 10];
      for (const t of probes) {
        expect(replayAt(timeline, t), `seed ${seed} (REPLAY_SEED=${seed}), every ${every}, t ${t}`).toEqual(foldFromScratch(timeline.events, t));
      }
    }
  });

  it("shows nothing logged after t: an event at t+1 is absent, at t present", () => {
    const t = 1_000_000;
    const raw = [
      { sessionId: "s", seq: 1, at: t - 10, type: "session.started", payload: { panelId: "p1", index: 0 } },
      { sessionId: "s", seq: 2, at: t - 5, type: "poll.opened", payload: { pollId: "a", run: 1, definition: definition("a") } },
      { sessionId: "s", seq: 3, at: t, type: "participant.joined", payload: {} },
      { sessionId: "s", seq: 4, at: t + 1, type: "poll.tallied", payload: { pollId: "a", run: 1, tally: { kind: "single", n: 3 } } },
      { sessionId: "s", seq: 5, at: t + 1, type: "panel.entered", payload: { panelId: "p2", index: 1 } },
      { sessionId: "s", seq: 6, at: t + 1, type: "question.moderated", payload: { questionId: "q", status: "approved", text: "Later?" } },
      { sessionId: "s", seq: 7, at: t + 1, type: "participant.joined", payload: {} },
    ];
    const timeline = buildTimeline(raw, { checkpointEvery: 2 });
    const at = replayAt(timeline, t);
    expect(at.seq).toBe(3);
    expect(at.participants).toBe(1);
    expect(at.panel).toEqual({ index: 0, panelId: "p1", title: null });
    expect(at.polls[0]).toMatchObject({ pollId: "a", status: "open", tally: null });
    expect(at.questions.total).toBe(0);
    expect(JSON.stringify(at)).not.toContain("Later?");
    const after = replayAt(timeline, t + 1);
    expect(after.polls[0].tally?.tally.n).toBe(3);
    expect(after.panel?.index).toBe(1);
    expect(after.questions.shown).toEqual(["Later?"]);
  });

  it("counts elapsed time per panel up to t, including the running visit", () => {
    const raw = [
      { sessionId: "s", seq: 1, at: 0, type: "session.started", payload: { panelId: "p1", index: 0 } },
      { sessionId: "s", seq: 2, at: 60_000, type: "panel.entered", payload: { panelId: "p2", index: 1 } },
      { sessionId: "s", seq: 3, at: 90_000, type: "panel.entered", payload: { panelId: "p1", index: 0 } },
      { sessionId: "s", seq: 4, at: 100_000, type: "session.ended", payload: {} },
    ];
    const timeline = buildTimeline(raw, { titles: new Map([["p1", "Opening"]]) });
    expect(replayAt(timeline, 75_000).elapsedMs).toEqual({ p1: 60_000, p2: 15_000 });
    expect(replayAt(timeline, 75_000).panel?.title).toBeNull();
    expect(replayAt(timeline, 95_000).panel?.title).toBe("Opening");
    const end = replayAt(timeline, 500_000);
    expect(end).toMatchObject({ status: "ended", endedAt: 100_000, elapsedMs: { p1: 70_000, p2: 30_000 } });
    expect(replayAt(timeline, -1)).toMatchObject({ status: "ready", panel: null, seq: 0 });
  });

  it("hides question texts once hidden and never carries names or ids from payloads", () => {
    const raw = [
      { sessionId: "s", seq: 1, at: 1, type: "question.asked", payload: { questionId: "q1", anonymous: false, participantId: "P-123", displayName: "Ada" } },
      { sessionId: "s", seq: 2, at: 2, type: "question.moderated", payload: { questionId: "q1", status: "approved", text: "Why norms?" } },
      { sessionId: "s", seq: 3, at: 3, type: "question.moderated", payload: { questionId: "q1", status: "hidden", text: "Why norms?" } },
      { sessionId: "s", seq: 4, at: 4, type: "participant.joined", payload: { participantId: "P-123", displayName: "Ada" } },
    ];
    const timeline = buildTimeline(raw);
    expect(replayAt(timeline, 2).questions).toMatchObject({ total: 1, approved: 1, shown: ["Why norms?"] });
    const s = replayAt(timeline, 10);
    expect(s.questions).toMatchObject({ total: 1, hidden: 1, shown: [] });
    expect(JSON.stringify(s)).not.toMatch(/Why norms|P-123|Ada/);
  });

  it("reports invalid and duplicate events instead of throwing", () => {
    const timeline = buildTimeline([
      { sessionId: "s", seq: 1, at: 1, type: "panel.entered", payload: { index: -2 } },
      { sessionId: "s", seq: 2, at: 2, type: "nope", payload: {} },
      { sessionId: "s", seq: 3, at: 3, type: "participant.joined", payload: {} },
      { sessionId: "s", seq: 3, at: 4, type: "participant.joined", payload: {} },
      null,
    ]);
    expect(timeline.events.map((e) => e.seq)).toEqual([3]);
    expect(timeline.issues.map((i) => i.seq)).toEqual([1, 2, 3, null]);
    expect(() => buildTimeline([], { checkpointEvery: 0 })).toThrow(RangeError);
  });

  it("lists markers for panel changes and polls opened/closed", () => {
    const timeline = buildTimeline([
      { sessionId: "s", seq: 1, at: 1, type: "session.started", payload: { panelId: "p1", index: 0 } },
      { sessionId: "s", seq: 2, at: 2, type: "poll.opened", payload: { pollId: "a", run: 1, definition: definition("a") } },
      { sessionId: "s", seq: 3, at: 3, type: "poll.closed", payload: { pollId: "a", run: 1 } },
      { sessionId: "s", seq: 4, at: 4, type: "participant.joined", payload: {} },
      { sessionId: "s", seq: 5, at: 5, type: "panel.entered", payload: { panelId: "p2", index: 1 } },
    ]);
    expect(timelineMarkers(timeline).map((m) => m.kind)).toEqual(["session-started", "poll-opened", "poll-closed", "panel"]);
    expect(timelineMarkers(timeline)[2]).toMatchObject({ question: "Question a?" });
  });
});
