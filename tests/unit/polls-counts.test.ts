/**
 * In-memory run counts (server/realtime/polls-counts.ts) with a fake store: loaded from grouped
 * rows, moved by committed answers (first answers and changes), mirrored as `tally()` input, and
 * derived values recomputed only after a change.
 */
import { describe, expect, it } from "vitest";
import type { Stores } from "../../server/storage";
import { createRunCounts } from "../../server/realtime/polls-counts";

function fakeStores(rows: Array<{ runId: string; value: unknown; sector: string | null; count: number }>) {
  let reads = 0;
  const stores = { polls: { groupedResponses: async (ids: string[]) => (reads++, rows.filter((r) => ids.includes(r.runId))) } } as unknown as Stores;
  return { stores, reads: () => reads };
}
const direct = <T>(fn: () => Promise<T>) => fn();
const sorted = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();

describe("run counts", () => {
  it("loads grouped rows once and follows committed answers", async () => {
    const fake = fakeStores([
      { runId: "r1", value: { choice: "a" }, sector: "academia", count: 2 },
      { runId: "r1", value: { choice: "b" }, sector: null, count: 1 },
    ]);
    const counts = createRunCounts(fake.stores, direct);
    await Promise.all([counts.ensure(["r1"]), counts.ensure(["r1"])]);
    expect(fake.reads()).toBe(1);
    expect(counts.count("r1")).toBe(3);
    counts.apply("r1", null, { value: { choice: "b" }, sector: null });
    // A participant changes "a" (academia) to "b": one moves, the total stays.
    counts.apply("r1", { value: { choice: "a" }, sector: "academia" }, { value: { choice: "b" }, sector: "academia" });
    expect(counts.count("r1")).toBe(4);
    expect(sorted(counts.responses("r1")!)).toEqual(
      sorted([
        { value: { choice: "a" }, sector: "academia" },
        { value: { choice: "b" }, sector: "academia" },
        { value: { choice: "b" }, sector: null },
        { value: { choice: "b" }, sector: null },
      ]),
    );
  });

  it("equal answers with keys in another order count as one group", async () => {
    const counts = createRunCounts(fakeStores([]).stores, direct);
    await counts.ensure(["r"]);
    counts.apply("r", null, { value: { votes: { s1: "agree", s2: "pass" } }, sector: null });
    counts.apply("r", null, { value: { votes: { s2: "pass", s1: "agree" } }, sector: null });
    counts.apply("r", { value: { votes: { s2: "pass", s1: "agree" } }, sector: null }, { value: { votes: { s1: "disagree" } }, sector: null });
    expect(sorted(counts.responses("r")!)).toEqual(sorted([{ value: { votes: { s1: "agree", s2: "pass" } }, sector: null }, { value: { votes: { s1: "disagree" } }, sector: null }]));
  });

  it("ignores answers to runs it has not loaded (their load reads them) and derives once per change", async () => {
    const counts = createRunCounts(fakeStores([{ runId: "r2", value: { score: 3 }, sector: null, count: 5 }]).stores, direct);
    counts.apply("r2", null, { value: { score: 4 }, sector: null });
    expect(counts.responses("r2")).toBeNull();
    await counts.ensure(["r2"]);
    expect(counts.count("r2")).toBe(5);
    let computed = 0;
    const keys = [{}];
    const derive = () => counts.derived("r2", keys, () => ++computed);
    expect([derive(), derive()]).toEqual([1, 1]);
    counts.apply("r2", null, { value: { score: 4 }, sector: null });
    expect(derive()).toBe(2);
    expect(counts.derived("r2", [{}], () => ++computed)).toBe(3);
  });
});
