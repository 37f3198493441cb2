/**
 * Grouped responses (`TallyResponse.count`, what server/outcome/gather.ts hands the summary builder)
 * tally exactly like the copies they stand for: same counts, shares, breakdowns, suppression, open
 * texts in the same order, and scale mean/median/sd equal to the last bit. Also the whole summary of
 * the golden fixture built from grouped responses equals the one built from per-person responses.
 */
import { describe, expect, it } from "vitest";
import { tally, type TallyResponse } from "~/domain/polls";
import { buildSummary } from "~/domain/summary";
import { PollDefinition, type PollDefinitionInput } from "~/domain/template";
import { Sector } from "~/domain/workshop";
import { summaryInput } from "../fixtures/summary/workshop";

/** mulberry32, seeded: the same cases on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * n);
  };
}

const options = ["a", "b", "c", "d"].map((key) => ({ key, label: key }));
const POLLS: PollDefinitionInput[] = [
  { kind: "single", key: "s", question: "Q?", options },
  { kind: "multiple", key: "m", question: "Q?", options, maxChoices: 2 },
  { kind: "scale", key: "sc", question: "Q?", min: 0, max: 10, minLabel: "l", maxLabel: "h" },
  { kind: "ranking", key: "r", question: "Q?", options: options.slice(0, 3) },
  { kind: "open", key: "o", question: "Q?" },
  { kind: "statements", key: "st", question: "Q?", statements: options.slice(0, 2).map((o) => ({ key: o.key, text: o.key })) },
];

/** Many answers drawn from few distinct values, plus some that do not fit the poll (counted as ignored). */
function answers(poll: PollDefinition, seed: number, n: number): TallyResponse[] {
  const int = prng(seed);
  const sectors = [...Sector.options, null];
  const keys = options.map((o) => o.key);
  return Array.from({ length: n }, (): TallyResponse => {
    const sector = sectors[int(sectors.length)];
    if (int(50) === 0) return { sector, value: { choice: "not-an-option" } };
    switch (poll.kind) {
      case "single": return { sector, value: { choice: keys[int(4)] } };
      case "multiple": return { sector, value: { choices: [...new Set([keys[int(4)], keys[int(4)]])] } };
      case "scale": return { sector, value: { score: int(11) } };
      case "ranking": return { sector, value: { order: int(2) ? ["a", "b", "c"] : ["c", "a", "b"] } };
      case "open": return { sector, value: { text: ["Debris first", "debris first", "Transparency", "trust, then rules"][int(4)] } };
      case "statements": return { sector, value: { votes: { a: (["agree", "disagree", "pass"] as const)[int(3)], ...(int(2) ? { b: "agree" as const } : {}) } } };
    }
  });
}

/** The grouped form of `list`: one entry per (value, sector) with its count, equal values sharing one object. */
function grouped(list: readonly TallyResponse[]): TallyResponse[] {
  const values = new Map<string, TallyResponse["value"]>();
  const groups = new Map<string, TallyResponse & { count: number }>();
  for (const r of list) {
    const v = JSON.stringify(r.value);
    if (!values.has(v)) values.set(v, r.value);
    const key = `${v}\u0000${r.sector}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { value: values.get(v)!, sector: r.sector, count: 1 });
  }
  return [...groups.values()];
}

describe("tally of grouped responses", () => {
  for (const input of POLLS) {
    const poll = PollDefinition.parse(input);
    it.each([1, 2, 3])(`${poll.kind}: equals the tally of the copies (seed %i)`, (seed) => {
      for (const [n, rule, k] of [[3, "chatham-house", 5], [400, "chatham-house", 5], [900, "attributed", 1]] as const) {
        const list = answers(poll, seed * 1000 + n, n);
        const g = grouped(list);
        if (n > 100) expect(g.length).toBeLessThan(list.length / 3);
        expect(tally(poll, g, { minCellSize: k, rule })).toEqual(tally(poll, list, { minCellSize: k, rule }));
      }
    });
  }

  it("builds the golden fixture's summary identically from grouped responses", () => {
    const input = summaryInput();
    const regrouped = { ...input, panels: input.panels.map((p) => ({ ...p, polls: p.polls.map((poll) => ({ ...poll, runs: poll.runs.map((r) => ({ ...r, responses: grouped(r.responses) })) })) })) };
    expect(JSON.stringify(buildSummary(regrouped))).toBe(JSON.stringify(buildSummary(input)));
  });

  it("refuses a count that is not a whole number ≥ 1", () => {
    const poll = PollDefinition.parse(POLLS[0]);
    for (const count of [0, -1, 1.5]) {
      expect(() => tally(poll, [{ value: { choice: "a" }, sector: null, count }], { minCellSize: 5, rule: "chatham-house" })).toThrow(RangeError);
    }
  });
});
