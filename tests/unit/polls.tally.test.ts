import { describe, expect, it } from "vitest";
import { PollDefinition, type PollDefinitionInput } from "~/domain/template";
import type { Sector } from "~/domain/workshop";
import {
  tally,
  wordFrequencies,
  type ChoiceTally,
  type OpenTally,
  type RankingTally,
  type ScaleTally,
  type StatementsTally,
  type TallyOptions,
} from "~/domain/polls";

const poll = (input: PollDefinitionInput) => PollDefinition.parse(input);
const opt = (...keys: string[]) => keys.map((key) => ({ key, label: key.toUpperCase() }));
const ATTRIBUTED: TallyOptions = { minCellSize: 5, rule: "attributed" };
const CHATHAM: TallyOptions = { minCellSize: 5, rule: "chatham-house" };
const r = (value: unknown, sector: Sector | null = null) => ({ value: value as never, sector });

describe("tally: single and multiple", () => {
  const single = poll({ kind: "single", key: "s", question: "Q?", options: opt("a", "b", "c") });

  it("counts per option in option order with shares of n", () => {
    const t = tally(single, [r({ choice: "b" }), r({ choice: "a" }), r({ choice: "b" })], CHATHAM) as ChoiceTally;
    expect(t.kind).toBe("single");
    expect(t.n).toBe(3);
    expect(t.options).toEqual([
      { key: "a", count: 1, share: 1 / 3 },
      { key: "b", count: 2, share: 2 / 3 },
      { key: "c", count: 0, share: 0 },
    ]);
  });

  it("skips responses that no longer fit the poll and counts them as ignored", () => {
    const t = tally(single, [r({ choice: "a" }), r({ choice: "gone" }), r({ score: 3 })], CHATHAM);
    expect(t.n).toBe(1);
    expect(t.ignored).toBe(2);
  });

  it("multiple: shares are per respondent and can sum past 1", () => {
    const multiple = poll({ kind: "multiple", key: "m", question: "Q?", options: opt("a", "b", "c"), maxChoices: 2 });
    const t = tally(multiple, [r({ choices: ["a", "b"] }), r({ choices: ["a"] }), r({ choices: ["c", "a"] }), r({ choices: ["b"] })], ATTRIBUTED) as ChoiceTally;
    expect(t.n).toBe(4);
    expect(t.options.map((o) => [o.key, o.count, o.share])).toEqual([
      ["a", 3, 0.75],
      ["b", 2, 0.5],
      ["c", 1, 0.25],
    ]);
  });

  it("an empty run has n = 0 and zero shares", () => {
    const t = tally(single, [], CHATHAM) as ChoiceTally;
    expect(t.n).toBe(0);
    expect(t.options.every((o) => o.count === 0 && o.share === 0)).toBe(true);
  });

  it("rejects a k that is not a positive integer", () => {
    expect(() => tally(single, [], { minCellSize: 0, rule: "chatham-house" })).toThrow(RangeError);
  });
});

describe("tally: scale", () => {
  const scale = poll({ kind: "scale", key: "sc", question: "Q?", min: 1, max: 5, minLabel: "binding", maxLabel: "non-binding" });

  it("counts every point and computes mean, median, population sd", () => {
    const scores = [5, 1, 2, 4, 2, 5];
    const t = tally(scale, scores.map((score) => r({ score })), ATTRIBUTED) as ScaleTally;
    expect(t.points.map((p) => p.count)).toEqual([1, 2, 0, 1, 2]);
    expect(t.points.map((p) => p.score)).toEqual([1, 2, 3, 4, 5]);
    expect(t.mean).toBeCloseTo(19 / 6, 12);
    expect(t.median).toBe(3); // (2 + 4) / 2
    // Σx² = 75, n·mean² = 361/6 → variance 89/36.
    expect(t.sd).toBeCloseTo(Math.sqrt(89) / 6, 12);
  });

  it("odd n takes the middle score; no responses gives nulls", () => {
    const t = tally(scale, [r({ score: 4 }), r({ score: 1 }), r({ score: 5 })], ATTRIBUTED) as ScaleTally;
    expect(t.median).toBe(4);
    const empty = tally(scale, [], ATTRIBUTED) as ScaleTally;
    expect([empty.mean, empty.median, empty.sd]).toEqual([null, null, null]);
  });
});

describe("tally: ranking", () => {
  // Option order x, z, y so the key tie-break (y before z) differs from the poll order.
  const ranking = poll({ kind: "ranking", key: "r", question: "Q?", options: opt("x", "z", "y") });

  it("computes Borda (m−1 for first) and mean rank, sorted by Borda then key", () => {
    const orders = [["x", "y", "z"], ["y", "x", "z"], ["x", "z", "y"], ["z", "x", "y"]];
    const t = tally(ranking, orders.map((order) => r({ order })), ATTRIBUTED) as RankingTally;
    // x: ranks 1,2,1,2 → mean 1.5, points 2+1+2+1 = 6; y: ranks 2,1,3,3 → 2.25, 1+2+0+0 = 3;
    // z: ranks 3,3,2,1 → 2.25, 0+0+1+2 = 3.
    expect(t.options).toEqual([
      { key: "x", meanRank: 1.5, borda: 6, firstChoices: 2 },
      { key: "y", meanRank: 2.25, borda: 3, firstChoices: 1 },
      { key: "z", meanRank: 2.25, borda: 3, firstChoices: 1 },
    ]);
    const b = t.sectorBreakdown;
    expect(b.cols).toEqual(["x", "z", "y"]);
    expect(b.cells[b.rows.indexOf("unspecified")].map((c) => c.count)).toEqual([2, 1, 1]);
  });
});

describe("tally: open", () => {
  const open = poll({ kind: "open", key: "o", question: "Q?" });

  it("lists texts alphabetically and counts content words once per answer", () => {
    const texts = [
      "Space debris is the main threat",
      "  l'espace est un bien commun ",
      "Debris! debris and more DEBRIS",
      "Transparence et confiance: la transparence d'abord",
    ];
    const t = tally(open, texts.map((text) => r({ text }, "industry")), CHATHAM) as OpenTally;
    expect(t.n).toBe(4);
    expect(t.texts).toEqual([
      "Debris! debris and more DEBRIS",
      "l'espace est un bien commun",
      "Space debris is the main threat",
      "Transparence et confiance: la transparence d'abord",
    ]);
    expect(t.words).toEqual([
      { word: "debris", count: 2 },
      ...["abord", "bien", "commun", "confiance", "espace", "main", "space", "threat", "transparence"].map((word) => ({ word, count: 1 })),
    ]);
    expect(t.sectorBreakdown).toBeNull();
    expect(JSON.stringify(t)).not.toContain("industry");
  });

  it("keeps the top 60 words", () => {
    const words = Array.from({ length: 70 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${Math.floor(i / 26)}x`);
    const freq = wordFrequencies([words.join(" "), words.slice(0, 5).join(" ")]);
    expect(freq).toHaveLength(60);
    expect(freq.slice(0, 5).every((w) => w.count === 2)).toBe(true);
  });
});

describe("tally: statements and consensus", () => {
  const st = poll({
    kind: "statements",
    key: "st",
    question: "Q?",
    statements: ["s1", "s2", "s3", "s4", "s5"].map((key) => ({ key, text: `Statement ${key}` })),
  });
  // Per person: sector and votes on s1..s5 (A agree, D disagree, P pass, - no vote).
  const people: [Sector | null, string][] = [
    ["government", "ADAAA"],
    ["government", "ADAAA"],
    ["government", "ADADA"],
    ["industry", "AAAAP"],
    ["industry", "ADDD-"],
    ["industry", "DDDD-"],
    ["academia", "A----"],
    ...Array.from({ length: 5 }, (): [null, string] => [null, "D----"]),
  ];
  const VOTE = { A: "agree", D: "disagree", P: "pass" } as const;
  const responses = people.map(([sector, votes]) => {
    const v: Record<string, string> = {};
    [...votes].forEach((c, i) => c !== "-" && (v[`s${i + 1}`] = VOTE[c as keyof typeof VOTE]));
    return r({ votes: v }, sector);
  });
  // k = 3: government and industry qualify (3 voters each); academia (1) and unspecified do not.
  const t = tally(st, responses, { minCellSize: 3, rule: "attributed" }) as StatementsTally;
  const s = (key: string) => t.statements.find((x) => x.key === key)!;

  it("counts agree/disagree/pass and agreement = agree / (agree + disagree)", () => {
    expect(t.n).toBe(12);
    expect(s("s1")).toMatchObject({ agree: 6, disagree: 6, pass: 0, agreement: 0.5 });
    expect(s("s5")).toMatchObject({ agree: 3, disagree: 0, pass: 1, agreement: 1 });
  });

  it("marks consensus, consensus against, divisive, mixed and insufficient", () => {
    expect(t.statements.map((x) => x.consensus.status)).toEqual(["consensus", "consensus-against", "divisive", "mixed", "insufficient"]);
  });

  it("reports each qualifying sector's agreement and Polis' group-informed consensus", () => {
    const c = s("s1").consensus;
    expect(c.groups).toEqual([
      { sector: "government", agreement: 1, suppressed: false },
      { sector: "industry", agreement: 2 / 3, suppressed: false },
    ]);
    // (3+1)/(3+2) · (2+1)/(3+2)
    expect(c.groupInformedConsensus).toBeCloseTo(0.48, 12);
    expect(s("s3").consensus.groups.map((g) => g.agreement)).toEqual([1, 1 / 3]);
    expect(s("s5").consensus.groupInformedConsensus).toBeNull();
  });

  it("breaks each statement down by sector (agree, disagree, pass)", () => {
    const b = s("s5").sectorBreakdown;
    expect(b.cols).toEqual(["agree", "disagree", "pass"]);
    expect(b.cells[b.rows.indexOf("government")].map((c) => c.count)).toEqual([3, 0, 0]);
    expect(b.cells[b.rows.indexOf("industry")].map((c) => c.count)).toEqual([0, 0, 1]);
    expect(b.rowTotals[b.rows.indexOf("industry")].count).toBe(1); // only one industry voter on s5
  });

  it("under Chatham House, hides a sector's share when its counts are hidden", () => {
    const ch = tally(st, responses, { minCellSize: 3, rule: "chatham-house" }) as StatementsTally;
    const c = ch.statements[0].consensus;
    expect(c.status).toBe("consensus"); // the marking is unchanged
    expect(c.groups.every((g) => g.agreement === null && g.suppressed)).toBe(true);
  });

  it("publishes a share under Chatham House when its cells are large enough", () => {
    const big = [
      ...Array.from({ length: 6 }, () => r({ votes: { s1: "agree" } }, "government")),
      ...Array.from({ length: 4 }, () => r({ votes: { s1: "disagree" } }, "government")),
      ...Array.from({ length: 4 }, () => r({ votes: { s1: "pass" } }, "government")),
      ...Array.from({ length: 5 }, () => r({ votes: { s1: "agree" } }, "academia")),
      ...Array.from({ length: 5 }, () => r({ votes: { s1: "disagree" } }, "academia")),
      ...Array.from({ length: 5 }, () => r({ votes: { s1: "pass" } }, "academia")),
    ];
    const c = (tally(st, big, { minCellSize: 4, rule: "chatham-house" }) as StatementsTally).statements[0].consensus;
    expect(c.groups).toEqual([
      { sector: "government", agreement: 0.6, suppressed: false },
      { sector: "academia", agreement: 0.5, suppressed: false },
    ]);
    expect(c.status).toBe("mixed");
  });
});

describe("tally is order-independent", () => {
  it("gives the same result for reversed input", () => {
    const open = poll({ kind: "open", key: "o", question: "Q?" });
    const rs = ["b c", "a b", "c"].map((text, i) => r({ text }, i % 2 ? "academia" : null));
    expect(tally(open, [...rs].reverse(), CHATHAM)).toEqual(tally(open, rs, CHATHAM));
  });
});
