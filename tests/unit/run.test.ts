import { describe, expect, it } from "vitest";
import { applyRunAction, elapsedOn, timerTone, type RunState } from "../../app/domain/run";

const base: RunState = {
  status: "ready",
  currentPanelIndex: 0,
  panelStartedAt: null,
  elapsedMs: {},
  startedAt: null,
  endedAt: null,
  panelIds: ["a", "b", "c"],
};

function apply(state: RunState, ...steps: [Parameters<typeof applyRunAction>[1], number][]) {
  for (const [action, now] of steps) {
    const r = applyRunAction(state, action, now);
    if (!r.ok) throw new Error(r.error);
    state = { ...state, ...r.patch };
  }
  return state;
}

describe("running the agenda", () => {
  it("starts on the first panel and logs it", () => {
    const r = applyRunAction(base, { type: "start" }, 1000);
    expect(r).toEqual({ ok: true, patch: { status: "live", startedAt: 1000, panelStartedAt: 1000, currentPanelIndex: 0 }, event: { type: "session.started", payload: { panelId: "a", index: 0 } } });
  });

  it("accumulates elapsed time per panel across visits", () => {
    const s = apply(base, [{ type: "start" }, 0], [{ type: "advance" }, 60_000], [{ type: "rewind" }, 90_000], [{ type: "goto", index: 2 }, 100_000]);
    expect(s.currentPanelIndex).toBe(2);
    expect(s.elapsedMs).toEqual({ a: 70_000, b: 30_000 });
    expect(elapsedOn(s, "c", 105_000)).toBe(5_000);
    expect(elapsedOn(s, "a", 105_000)).toBe(70_000);
  });

  it("refuses moves before start, past the ends, and anything after end", () => {
    expect(applyRunAction(base, { type: "advance" }, 0)).toEqual({ ok: false, error: "not-live" });
    const live = apply(base, [{ type: "start" }, 0]);
    expect(applyRunAction(live, { type: "rewind" }, 1)).toEqual({ ok: false, error: "out-of-range" });
    expect(applyRunAction(live, { type: "goto", index: 3 }, 1)).toEqual({ ok: false, error: "out-of-range" });
    expect(applyRunAction(live, { type: "goto", index: 1.5 }, 1)).toEqual({ ok: false, error: "out-of-range" });
    expect(applyRunAction(live, { type: "start" }, 1)).toEqual({ ok: false, error: "already-live" });
    const ended = apply(live, [{ type: "end" }, 5_000]);
    expect(ended.elapsedMs).toEqual({ a: 5_000 });
    expect(ended.endedAt).toBe(5_000);
    expect(applyRunAction(ended, { type: "advance" }, 6_000)).toEqual({ ok: false, error: "ended" });
    expect(applyRunAction(ended, { type: "start" }, 6_000)).toEqual({ ok: false, error: "ended" });
  });

  it("colours the timer: ok below 80 %, warning from 80 %, over past the plan", () => {
    expect(timerTone(0, 10)).toBe("ok");
    expect(timerTone(479_999, 10)).toBe("ok");
    expect(timerTone(480_000, 10)).toBe("warning");
    expect(timerTone(600_000, 10)).toBe("warning");
    expect(timerTone(600_001, 10)).toBe("over");
  });
});
