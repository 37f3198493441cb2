/**
 * Property-style test: for random polls and responses, tallies agree with a naive recount.
 * The base seed is printed in every failure message; rerun with POLLS_SEED=<seed> to reproduce.
 */
import { describe, expect, it } from "vitest";
import { PollDefinition, type PollDefinitionInput } from "~/domain/template";
import { Sector } from "~/domain/workshop";
import { SECTOR_ROWS, tally, type SectorBreakdown, type Tally, type TallyResponse } from "~/domain/polls";

/** mulberry32: a tiny seeded PRNG, enough for test data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  const shuffle = <T>(xs: T[]) => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  };
  return { int, shuffle, pick: <T>(xs: readonly T[]) => xs[int(xs.length)] };
}

const BASE_SEED = Number(process.env.POLLS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const ITERATIONS = 150;
const KINDS = ["single", "multiple", "scale", "ranking", "statements"] as const;

function randomCase(seed: number) {
  const rnd = prng(seed);
  const kind = rnd.pick(KINDS);
  const keys = Array.from({ length: 2 + rnd.int(6) }, (_, i) => `o${i}`);
  const options = keys.map((key) => ({ key, label: key }));
  const input: PollDefinitionInput =
    kind === "multiple" ? { kind, key: "p", question: "Q?", options, maxChoices: 1 + rnd.int(keys.length) }
    : kind === "scale" ? { kind, key: "p", question: "Q?", min: rnd.int(2), max: 2 + rnd.int(9), minLabel: "l", maxLabel: "h" }
    : kind === "statements" ? { kind, key: "p", question: "Q?", statements: keys.map((key) => ({ key, text: key })) }
    : { kind, key: "p", question: "Q?", options };
  const poll = PollDefinition.parse(input);
  const sectors = [...Sector.options, null] as const;
  const responses: TallyResponse[] = Array.from({ length: rnd.int(60) }, () => {
    const sector = rnd.pick(sectors);
    switch (poll.kind) {
      case "single": return { sector, value: { choice: rnd.pick(keys) } };
      case "multiple": return { sector, value: { choices: rnd.shuffle(keys).slice(0, 1 + rnd.int(poll.maxChoices)) } };
      case "scale": return { sector, value: { score: poll.min + rnd.int(poll.max - poll.min + 1) } };
      case "ranking": return { sector, value: { order: rnd.shuffle(keys) } };
      default: {
        const voted = rnd.shuffle(keys).slice(0, 1 + rnd.int(keys.length));
        return { sector, value: { votes: Object.fromEntries(voted.map((k) => [k, rnd.pick(["agree", "disagree", "pass"] as const)])) } };
      }
    }
  });
  return { poll, responses, keys, rnd };
}

/** Naive recount: how many responses count in column `col` (an option, a score, or statement:vote). */
function naive(responses: TallyResponse[], col: string, sector?: Sector | null): number {
  return responses.filter((r) => {
    if (sector !== undefined && r.sector !== sector) return false;
    const v = r.value as Record<string, unknown>;
    if ("choice" in v) return v.choice === col;
    if ("choices" in v) return (v.choices as string[]).includes(col);
    if ("score" in v) return String(v.score) === col;
    if ("order" in v) return (v.order as string[])[0] === col;
    const [key, vote] = col.split(":");
    return (v.votes as Record<string, string>)[key] === vote;
  }).length;
}

function checkBreakdown(b: SectorBreakdown, responses: TallyResponse[], cols: (c: string) => string, k: number, why: string) {
  b.rows.forEach((row, r) => {
    const sector = row === "unspecified" ? null : row;
    b.cols.forEach((col, c) => {
      const cell = b.cells[r][c];
      const truth = naive(responses, cols(col), sector);
      if (cell.suppressed) expect(k, why).toBeGreaterThan(0);
      else expect(cell.count, `${why} cell ${row}/${col}`).toBe(truth);
      if (truth < k) expect(cell.suppressed, `${why} small cell ${row}/${col} must be hidden`).toBe(true);
    });
  });
  // Under `attributed` (k = 0) nothing is hidden and the rows add up to the columns.
  if (k === 0) b.cols.forEach((_, c) => expect(b.cells.reduce((s, row) => s + (row[c].count ?? 0), 0), why).toBe(b.colTotals[c]));
  expect(b.rows).toEqual(SECTOR_ROWS);
}

function checkTally(t: Tally, c: ReturnType<typeof randomCase>, k: number, why: string) {
  const n = c.responses.length;
  expect(t.n, why).toBe(n);
  switch (t.kind) {
    case "single":
    case "multiple":
      t.options.forEach((o) => expect(o.count, why).toBe(naive(c.responses, o.key)));
      if (t.kind === "single") expect(t.options.reduce((s, o) => s + o.count, 0), why).toBe(n);
      checkBreakdown(t.sectorBreakdown, c.responses, (x) => x, k, why);
      break;
    case "scale":
      expect(t.points.reduce((s, p) => s + p.count, 0), why).toBe(n);
      t.points.forEach((p) => expect(p.count, why).toBe(naive(c.responses, String(p.score))));
      checkBreakdown(t.sectorBreakdown, c.responses, (x) => x, k, why);
      break;
    case "ranking": {
      const m = c.keys.length;
      expect(t.options.reduce((s, o) => s + o.firstChoices, 0), why).toBe(n);
      expect(t.options.reduce((s, o) => s + o.borda, 0), why).toBe((n * m * (m - 1)) / 2);
      t.options.forEach((o) => expect(o.firstChoices, why).toBe(naive(c.responses, o.key)));
      checkBreakdown(t.sectorBreakdown, c.responses, (x) => x, k, why);
      break;
    }
    case "statements":
      t.statements.forEach((s) => {
        const voted = c.responses.filter((r) => s.key in (r.value as { votes: object }).votes).length;
        expect(s.agree + s.disagree + s.pass, why).toBe(voted);
        expect(s.agree, why).toBe(naive(c.responses, `${s.key}:agree`));
        checkBreakdown(s.sectorBreakdown, c.responses, (col) => `${s.key}:${col}`, k, why);
      });
      break;
    default:
      throw new Error(`unexpected kind ${t.kind}`);
  }
}

describe(`tally properties (POLLS_SEED=${BASE_SEED})`, () => {
  it("counts sum to n and equal a naive recount, under both rules, in any order", () => {
    for (let i = 0; i < ITERATIONS; i++) {
      const seed = (BASE_SEED + i) >>> 0;
      const why = `POLLS_SEED=${BASE_SEED} iteration ${i} (case seed ${seed})`;
      const c = randomCase(seed);
      const attributed = tally(c.poll, c.responses, { minCellSize: 5, rule: "attributed" });
      checkTally(attributed, c, 0, why);
      const chatham = tally(c.poll, c.responses, { minCellSize: 5, rule: "chatham-house" });
      checkTally(chatham, c, 5, why);
      expect(tally(c.poll, c.rnd.shuffle(c.responses), { minCellSize: 5, rule: "chatham-house" }), why).toEqual(chatham);
      expect(JSON.parse(JSON.stringify(chatham)), why).toEqual(chatham);
    }
  });
});
