import { describe, expect, it } from "vitest";
import {
  PollAction,
  canRespond,
  initialPollRunState,
  projectorShowsResults,
  resultsVisibleTo,
  transition,
  PollActionType,
  type PollRunState,
  type PollRunStatus,
} from "~/domain/polls";

const at = (status: PollRunStatus, projected = false, run = 2): PollRunState => ({ run, status, projected });
const ACTIONS = PollActionType.options;

/** Expected next state for every (status, action); null = illegal. Runs start at 2 to see the increment. */
const TABLE: Record<PollRunStatus, Record<PollActionType, PollRunState | null>> = {
  draft: {
    open: at("open"),
    close: null,
    reopen: null,
    reset: null,
    "show-results": null,
    "hide-results": at("draft"),
  },
  open: {
    open: null,
    close: at("closed"),
    reopen: null,
    reset: at("draft", false, 3),
    "show-results": at("open", true),
    "hide-results": at("open"),
  },
  closed: {
    open: null,
    close: null,
    reopen: at("open"),
    reset: at("draft", false, 3),
    "show-results": at("closed", true),
    "hide-results": at("closed"),
  },
};

describe("poll run state machine", () => {
  it("starts as run 1, draft, not projected", () => {
    expect(initialPollRunState()).toEqual({ run: 1, status: "draft", projected: false });
  });

  for (const status of ["draft", "open", "closed"] as const) {
    for (const action of ACTIONS) {
      const expected = TABLE[status][action];
      it(`${status} --${action}--> ${expected ? JSON.stringify(expected) : "illegal"}`, () => {
        const before = at(status);
        const result = transition(before, { type: action });
        if (expected) {
          expect(result).toEqual({ ok: true, state: expected });
        } else {
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.error).toMatchObject({ code: "illegal-transition", from: status, action });
          expect(result.error.message.length).toBeGreaterThan(0);
        }
        expect(before).toEqual(at(status)); // never mutated
      });
    }
  }

  it("projected survives close/reopen and is cleared by reset and hide", () => {
    const shown = at("open", true);
    const closed = transition(shown, { type: "close" });
    expect(closed).toEqual({ ok: true, state: at("closed", true) });
    expect(transition(at("closed", true), { type: "reopen" })).toEqual({ ok: true, state: at("open", true) });
    expect(transition(at("closed", true), { type: "reset" })).toEqual({ ok: true, state: at("draft", false, 3) });
    expect(transition(shown, { type: "hide-results" })).toEqual({ ok: true, state: at("open", false) });
  });

  it("PollAction schema accepts the six actions and nothing else", () => {
    for (const type of ACTIONS) expect(PollAction.safeParse({ type }).success).toBe(true);
    expect(PollAction.safeParse({ type: "delete" }).success).toBe(false);
    expect(PollAction.safeParse({ type: "open", run: 3 }).success).toBe(false);
  });

  it("accepts responses only while open", () => {
    expect(canRespond("draft")).toBe(false);
    expect(canRespond("open")).toBe(true);
    expect(canRespond("closed")).toBe(false);
  });
});

describe("resultsVisibleTo", () => {
  const cases: [Parameters<typeof resultsVisibleTo>[0], PollRunStatus, boolean][] = [
    ["live", "draft", false],
    ["live", "open", true],
    ["live", "closed", true],
    ["on-close", "draft", false],
    ["on-close", "open", false],
    ["on-close", "closed", true],
    ["hidden", "draft", false],
    ["hidden", "open", false],
    ["hidden", "closed", false],
  ];
  for (const [visibility, status, roomSees] of cases) {
    it(`${visibility}/${status}: room ${roomSees ? "sees" : "does not see"}, staff always see`, () => {
      expect(resultsVisibleTo(visibility, status, "participant")).toBe(roomSees);
      expect(resultsVisibleTo(visibility, status, "observer")).toBe(roomSees);
      expect(resultsVisibleTo(visibility, status, "facilitator")).toBe(true);
      expect(resultsVisibleTo(visibility, status, "rapporteur")).toBe(true);
    });
  }

  it("the projector needs both the flag and the room's visibility", () => {
    expect(projectorShowsResults(at("open", true), "live")).toBe(true);
    expect(projectorShowsResults(at("open", false), "live")).toBe(false);
    expect(projectorShowsResults(at("open", true), "on-close")).toBe(false);
    expect(projectorShowsResults(at("closed", true), "on-close")).toBe(true);
    expect(projectorShowsResults(at("closed", true), "hidden")).toBe(false);
  });
});
