/**
 * Tallying: stored responses of one poll run → an aggregate safe to broadcast and store.
 *
 * Pure and deterministic: the same responses in any order give the same tally (so neither the
 * order of answers nor the time they came in can be read back from it).
 */
import type { PollDefinition } from "../template";
import type { Sector } from "../workshop";
import { checkTallyOptions, sectorBreakdown } from "./breakdown";
import { responseValueSchema, type ResponseValueByKind } from "./response";
import { tallyStatements } from "./tally-statements";
import type { ChoiceTally, OpenTally, RankingTally, ScaleTally, Tally, TallyOptions, TallyResponse } from "./types";
import { wordFrequencies } from "./words";

/** A validated response and how many identical ones it stands for (`w`, from `TallyResponse.count`). */
type Valid<K extends keyof ResponseValueByKind> = { value: ResponseValueByKind[K]; sector: Sector | null; w: number };

/** Total weight: the number of respondents a list of (possibly grouped) responses stands for. */
const weightOf = (list: readonly { w: number }[]) => list.reduce((a, r) => a + r.w, 0);

/**
 * Aggregates the responses of one run of `poll`.
 * Responses that do not fit the poll (e.g. stored before an option was removed) are skipped and
 * counted in `ignored`. Sector breakdowns follow `opts.rule` (see `suppressSmallCells`). A response
 * with `count: c` counts as c identical responses (same tally as the copies, in far less time and
 * garbage for a large room's grouped answers).
 * @returns a JSON-serialisable `Tally` of the poll's kind; never contains per-person data.
 * @throws RangeError when `opts.minCellSize` is not a positive integer, or a response's `count` is not one.
 * @example tally(poll, [{ value: { choice: "yes" }, sector: "academia" }], { minCellSize: 5, rule: "chatham-house" })
 */
export function tally(poll: PollDefinition, responses: readonly TallyResponse[], opts: TallyOptions): Tally {
  checkTallyOptions(opts);
  const schema = responseValueSchema(poll);
  const valid: { value: unknown; sector: Sector | null; w: number }[] = [];
  let total = 0;
  // Equal answers often arrive as one shared object (a grouped query expanded by its counts, see
  // server/outcome/gather.ts): validate each object once. Parsed values are never mutated below.
  const checked = new Map<unknown, { data: unknown } | null>();
  for (const r of responses) {
    let c = checked.get(r.value);
    if (c === undefined) {
      const parsed = schema.safeParse(r.value);
      c = parsed.success ? { data: parsed.data } : null;
      checked.set(r.value, c);
    }
    const w = r.count ?? 1;
    if (!Number.isInteger(w) || w < 1) throw new RangeError(`response count must be a whole number ≥ 1, got ${w}`);
    total += w;
    if (c) valid.push({ value: c.data, sector: r.sector, w });
  }
  const ignored = total - weightOf(valid);
  switch (poll.kind) {
    case "single":
    case "multiple":
      return tallyChoice(poll.kind, poll.options.map((o) => o.key), valid as Valid<"single" | "multiple">[], ignored, opts);
    case "scale":
      return tallyScale(poll.min, poll.max, valid as Valid<"scale">[], ignored, opts);
    case "ranking":
      return tallyRanking(poll.options.map((o) => o.key), valid as Valid<"ranking">[], ignored, opts);
    case "open":
      return tallyOpen(valid as Valid<"open">[], ignored);
    case "statements":
      return tallyStatements(poll, valid as Valid<"statements">[], ignored, opts);
  }
}

const share = (count: number, n: number) => (n === 0 ? 0 : count / n);

function tallyChoice(
  kind: "single" | "multiple",
  keys: string[],
  valid: Valid<"single" | "multiple">[],
  ignored: number,
  opts: TallyOptions,
): ChoiceTally {
  const n = weightOf(valid);
  const entries = valid.map((r) => {
    const chosen = "choice" in r.value ? [r.value.choice] : r.value.choices;
    return { sector: r.sector, columns: chosen.map((k) => keys.indexOf(k)), weight: r.w };
  });
  const counts = keys.map(() => 0);
  for (const e of entries) for (const c of e.columns) counts[c] += e.weight;
  return {
    kind,
    n,
    ignored,
    options: keys.map((key, i) => ({ key, count: counts[i], share: share(counts[i], n) })),
    sectorBreakdown: sectorBreakdown(keys, entries, opts),
  };
}

function tallyScale(min: number, max: number, valid: Valid<"scale">[], ignored: number, opts: TallyOptions): ScaleTally {
  const n = weightOf(valid);
  const range = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const counts = range.map(() => 0);
  for (const r of valid) counts[r.value.score - min] += r.w;
  // The i-th score (0-based) in ascending order, read off the counts.
  const nth = (i: number) => {
    let seen = 0;
    for (let s = 0; s < counts.length; s++) if ((seen += counts[s]) > i) return range[s];
    return range[range.length - 1];
  };
  // Sums run over the scores in ascending order, one addition per respondent, as over the sorted list
  // of single answers: the same floating-point result to the last bit (golden summaries stay identical).
  const sumOver = (f: (score: number) => number) => {
    let acc = 0;
    range.forEach((score, s) => {
      for (let k = 0; k < counts[s]; k++) acc += f(score);
    });
    return acc;
  };
  const mean = n === 0 ? null : sumOver((x) => x) / n;
  const median = n === 0 ? null : n % 2 === 1 ? nth((n - 1) / 2) : (nth(n / 2 - 1) + nth(n / 2)) / 2;
  const sd = mean === null ? null : Math.sqrt(sumOver((x) => (x - mean) ** 2) / n);
  return {
    kind: "scale",
    n,
    ignored,
    points: range.map((score, i) => ({ score, count: counts[i], share: share(counts[i], n) })),
    mean,
    median,
    sd,
    sectorBreakdown: sectorBreakdown(
      range.map(String),
      valid.map((r) => ({ sector: r.sector, columns: [r.value.score - min], weight: r.w })),
      opts,
    ),
  };
}

function tallyRanking(keys: string[], valid: Valid<"ranking">[], ignored: number, opts: TallyOptions): RankingTally {
  const n = weightOf(valid);
  const m = keys.length;
  const rankSum = new Map(keys.map((k) => [k, 0]));
  const firsts = new Map(keys.map((k) => [k, 0]));
  for (const { value, w } of valid) {
    value.order.forEach((key, position) => rankSum.set(key, rankSum.get(key)! + (position + 1) * w));
    firsts.set(value.order[0], firsts.get(value.order[0])! + w);
  }
  // A position `rank` (1-based) earns m − rank points, so an option's Borda score is n·m − Σ rank.
  const options = keys.map((key) => ({
    key,
    meanRank: n === 0 ? null : rankSum.get(key)! / n,
    borda: n * m - rankSum.get(key)!,
    firstChoices: firsts.get(key)!,
  }));
  options.sort((a, b) => b.borda - a.borda || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    kind: "ranking",
    n,
    ignored,
    options,
    sectorBreakdown: sectorBreakdown(
      keys,
      valid.map((r) => ({ sector: r.sector, columns: [keys.indexOf(r.value.order[0])], weight: r.w })),
      opts,
    ),
  };
}

/** Root-locale collation: alphabetical for people, independent of the server's locale. */
const collator = new Intl.Collator("und", { sensitivity: "base", numeric: true });

function tallyOpen(valid: Valid<"open">[], ignored: number): OpenTally {
  // Alphabetical order breaks any link between list position and arrival time; the code-unit
  // tie-break makes the order total, hence identical on every server and browser run.
  // Sorted once per distinct answer, then each repeated as often as given: the same list as sorting
  // every copy (the order is total, so equal texts are identical strings).
  const byText = new Map<string, number>();
  for (const r of valid) byText.set(r.value.text, (byText.get(r.value.text) ?? 0) + r.w);
  const distinct = [...byText.keys()].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
  const texts: string[] = [];
  for (const text of distinct) for (let k = byText.get(text)!; k > 0; k--) texts.push(text);
  return { kind: "open", n: weightOf(valid), ignored, texts, words: wordFrequencies(byText), sectorBreakdown: null };
}
