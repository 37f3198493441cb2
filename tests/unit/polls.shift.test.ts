import { describe, expect, it } from "vitest";
import { PollDefinition, type PollDefinitionInput } from "~/domain/template";
import { shiftBetweenRuns, tally, type TallyOptions } from "~/domain/polls";

const poll = (input: PollDefinitionInput) => PollDefinition.parse(input);
const opts: TallyOptions = { minCellSize: 5, rule: "chatham-house" };
const run = (p: PollDefinition, values: unknown[]) => tally(p, values.map((value) => ({ value: value as never, sector: null })), opts);
const options = ["a", "b", "c"].map((key) => ({ key, label: key }));

describe("shiftBetweenRuns", () => {
  it("single: change in share, in percentage points", () => {
    const p = poll({ kind: "single", key: "s", question: "Q?", options });
    const a = run(p, [{ choice: "a" }, { choice: "a" }, { choice: "b" }, { choice: "c" }]); // 50 / 25 / 25 %
    const b = run(p, [{ choice: "a" }, { choice: "b" }, { choice: "b" }, { choice: "b" }, { choice: "c" }]); // 20 / 60 / 20 %
    const s = shiftBetweenRuns(p, a, b);
    if (s.kind !== "single") throw new Error("wrong kind");
    expect([s.nA, s.nB]).toEqual([4, 5]);
    expect(s.options.map((o) => o.key)).toEqual(["a", "b", "c"]);
    expect(s.options[0].deltaPp).toBeCloseTo(-30, 10);
    expect(s.options[1].deltaPp).toBeCloseTo(35, 10);
    expect(s.options[2].deltaPp).toBeCloseTo(-5, 10);
  });

  it("scale: change per point and in the mean", () => {
    const p = poll({ kind: "scale", key: "sc", question: "Q?", min: 1, max: 3, minLabel: "lo", maxLabel: "hi" });
    const s = shiftBetweenRuns(p, run(p, [{ score: 1 }, { score: 1 }]), run(p, [{ score: 1 }, { score: 3 }]));
    if (s.kind !== "scale") throw new Error("wrong kind");
    expect(s.points.map((x) => [x.key, x.deltaPp])).toEqual([["1", -50], ["2", 0], ["3", 50]]);
    expect([s.meanA, s.meanB, s.meanDelta]).toEqual([1, 2, 1]);
  });

  it("ranking: first-choice share and mean-rank change", () => {
    const p = poll({ kind: "ranking", key: "r", question: "Q?", options: options.slice(0, 2) });
    const s = shiftBetweenRuns(p, run(p, [{ order: ["a", "b"] }, { order: ["a", "b"] }]), run(p, [{ order: ["b", "a"] }, { order: ["a", "b"] }]));
    if (s.kind !== "ranking") throw new Error("wrong kind");
    expect(s.options).toEqual([
      { key: "a", shareA: 1, shareB: 0.5, deltaPp: -50, meanRankDelta: 0.5 },
      { key: "b", shareA: 0, shareB: 0.5, deltaPp: 50, meanRankDelta: -0.5 },
    ]);
  });

  it("statements: change in agreement", () => {
    const p = poll({ kind: "statements", key: "st", question: "Q?", statements: [{ key: "x", text: "X" }, { key: "y", text: "Y" }] });
    const a = run(p, [{ votes: { x: "agree" } }, { votes: { x: "disagree" } }]);
    const b = run(p, [{ votes: { x: "agree", y: "agree" } }, { votes: { x: "agree" } }]);
    const s = shiftBetweenRuns(p, a, b);
    if (s.kind !== "statements") throw new Error("wrong kind");
    expect(s.statements).toEqual([
      { key: "x", shareA: 0.5, shareB: 1, deltaPp: 50 },
      { key: "y", shareA: null, shareB: 1, deltaPp: null },
    ]);
  });

  it("an empty run or an option added since gives null, not a fake 0", () => {
    const before = poll({ kind: "single", key: "s", question: "Q?", options: options.slice(0, 2) });
    const after = poll({ kind: "single", key: "s", question: "Q?", options });
    const s = shiftBetweenRuns(after, run(before, [{ choice: "a" }]), run(after, [{ choice: "c" }]));
    if (s.kind !== "single") throw new Error("wrong kind");
    expect(s.options[2]).toEqual({ key: "c", shareA: null, shareB: 1, deltaPp: null });
    const empty = shiftBetweenRuns(after, run(after, []), run(after, [{ choice: "a" }]));
    if (empty.kind !== "single") throw new Error("wrong kind");
    expect(empty.options[0].deltaPp).toBeNull();
  });

  it("open: only the counts; mismatched kinds throw", () => {
    const open = poll({ kind: "open", key: "o", question: "Q?" });
    expect(shiftBetweenRuns(open, run(open, [{ text: "x" }]), run(open, []))).toEqual({ kind: "open", nA: 1, nB: 0 });
    const single = poll({ kind: "single", key: "s", question: "Q?", options });
    expect(() => shiftBetweenRuns(single, run(open, []), run(single, []))).toThrow(TypeError);
  });
});
