import { describe, expect, it } from "vitest";
import { buildSummary, diffBlocks, diffLines, diffSummaries, diffWords, richDocFromText } from "../../app/domain/summary";
import { summaryInput } from "../fixtures/summary/workshop";

describe("text diff (LCS)", () => {
  it("finds inserted, deleted and kept lines", () => {
    expect(diffLines("a\nb\nc\nd", "a\nc\nx\nd")).toEqual([
      { op: "equal", text: "a" },
      { op: "delete", text: "b" },
      { op: "equal", text: "c" },
      { op: "insert", text: "x" },
      { op: "equal", text: "d" },
    ]);
    expect(diffLines("", "")).toEqual([]);
    expect(diffLines("", "new")).toEqual([{ op: "insert", text: "new" }]);
  });

  it("diffs words and reproduces both texts from its ops", () => {
    const a = "the quick brown fox jumps over the dog";
    const b = "the slow brown fox leaps over the lazy dog";
    const ops = diffWords(a, b);
    const side = (keep: "insert" | "delete") => ops.filter((o) => o.op !== keep).map((o) => o.text).join(" ");
    expect(side("insert")).toBe(a);
    expect(side("delete")).toBe(b);
    expect(ops.filter((o) => o.op === "equal").map((o) => o.text)).toEqual(["the", "brown fox", "over the", "dog"]);
  });
});

describe("diffSummaries", () => {
  it("reports nothing between identical versions", () => {
    const d = diffSummaries(buildSummary(summaryInput()), buildSummary(summaryInput()));
    expect(d.metadata).toEqual([]);
    expect(d.panels.every((p) => p.status === "unchanged" && p.changes.length === 0)).toBe(true);
  });

  it("lists changed fields per panel with text diffs, matched by key", () => {
    const v1 = summaryInput();
    const v2 = summaryInput();
    v2.workshop.title = "Renamed";
    const [p0, p1] = v2.panels;
    // Panel 3 is dropped, panel 1 edited, panel 2's first poll re-tallied.
    v2.panels = [
      {
        ...p0,
        notes: richDocFromText("Most favoured a middle path.\nA new line."),
        takeaways: [p0.takeaways[0], "A new takeaway."],
        polls: [p0.polls[0]],
      },
      { ...p1, polls: [{ ...p1.polls[0], runs: [{ run: 1, responses: [] }] }, p1.polls[1]] },
    ];
    const d = diffSummaries(buildSummary(v1), buildSummary(v2));
    expect(d.metadata).toEqual([{ field: "workshop.title", before: "Space Security Norms — ASEAN follow-up", after: "Renamed" }]);
    expect(d.panels.map((p) => [p.key, p.status])).toEqual([
      ["oewg-process", "changed"],
      ["hard-and-soft-law", "changed"],
      ["non-governmental-actors", "removed"],
    ]);
    const first = d.panels[0].changes;
    expect(first.map((c) => (c.field === "poll" ? `poll:${c.pollKey}:${c.change}` : c.field))).toEqual([
      "notes",
      "takeaways",
      "poll:terms-to-define:removed",
    ]);
    const takeaways = first.find((c) => c.field === "takeaways");
    expect(takeaways && "diff" in takeaways ? takeaways.diff : null).toEqual([
      { op: "equal", text: "Treaty and norms are increasingly seen as complementary." },
      { op: "delete", text: "Shared definitions of *peaceful purposes* are needed first." },
      { op: "insert", text: "A new takeaway." },
    ]);
    expect(d.panels[1].changes).toEqual([{ field: "poll", pollKey: "binding-vs-nonbinding", change: "results" }]);
  });
});

describe("block diff (B11)", () => {
  it("keeps an unchanged takeaway equal next to an edited one, and word-diffs the edited one", () => {
    expect(diffBlocks(["Norms first.", "Verification is open."], ["Norms come first.", "Verification is open."])).toEqual([
      { op: "change", words: [{ op: "equal", text: "Norms" }, { op: "insert", text: "come" }, { op: "equal", text: "first." }] },
      { op: "equal", text: "Verification is open." },
    ]);
    expect(diffBlocks(["a"], ["a", "b"])).toEqual([{ op: "equal", text: "a" }, { op: "insert", text: "b" }]);
    expect(diffBlocks(["a", "b", "c"], ["c"])).toEqual([{ op: "delete", text: "a" }, { op: "delete", text: "b" }, { op: "equal", text: "c" }]);
  });

  it("gives each changed takeaway field its blocks in diffSummaries", () => {
    const v1 = summaryInput();
    const v2 = summaryInput();
    v2.panels = [{ ...v2.panels[0], takeaways: ["Treaty and norms are seen as complementary.", v2.panels[0].takeaways[1]] }, ...v2.panels.slice(1)];
    const change = diffSummaries(buildSummary(v1), buildSummary(v2)).panels[0].changes.find((c) => c.field === "takeaways");
    expect(change && "blocks" in change ? change.blocks.map((b) => b.op) : null).toEqual(["change", "equal"]);
  });
});
