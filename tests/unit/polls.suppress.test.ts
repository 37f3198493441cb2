import { describe, expect, it } from "vitest";
import { PollDefinition } from "~/domain/template";
import { suppressSmallCells, tally, type ChoiceTally, type CountTable, type SuppressedTable } from "~/domain/polls";

/** Grid of "·" for hidden and the count otherwise, rows then the row total after "|". */
const view = (t: SuppressedTable) =>
  t.cells.map((row, r) => [...row.map((c) => (c.suppressed ? "·" : String(c.count))), "|", t.rowTotals[r].count ?? "·"].join(" "));

/**
 * A line with exactly one hidden entry lets a reader recover it by subtraction. Entries of empty
 * rows (`occupied[r]` false) are known to anyone who saw the room, so they do not count as hidden.
 */
function assertNoLoneHidden(t: SuppressedTable, occupied: boolean[] = t.rows.map(() => true)) {
  const lines: boolean[][] = [
    ...t.cells.flatMap((row, r) => (occupied[r] ? [[...row.map((c) => c.suppressed), t.rowTotals[r].suppressed]] : [])),
    ...t.cols.map((_, c) => t.cells.map((row, r) => row[c].suppressed && occupied[r])),
    t.rowTotals.map((c, r) => c.suppressed && occupied[r]),
  ];
  for (const line of lines) if (line.length > 1) expect(line.filter(Boolean).length).not.toBe(1);
}

describe("suppressSmallCells", () => {
  it("hides cells below k and complements them in rows and columns", () => {
    const table: CountTable = {
      rows: ["a", "b", "c"],
      cols: ["x", "y", "z"],
      cells: [
        [10, 6, 2],
        [7, 8, 9],
        [6, 7, 8],
      ],
      rowTotals: [18, 24, 21],
    };
    const out = suppressSmallCells(table, 5);
    // a.z = 2 is primary; a.y (row a), c.z (column z) and then c.y (column y) are complementary.
    expect(view(out)).toEqual(["10 · · | 18", "7 8 9 | 24", "6 · · | 21"]);
    expect(out.colTotals).toEqual([23, 21, 19]);
    expect(out.total).toBe(63);
    expect(out.anySuppressed).toBe(true);
    expect(out.cells[0][2]).toEqual({ count: null, suppressed: true });
    assertNoLoneHidden(out);
  });

  it("hides a small row total and complements it with the next-smallest total", () => {
    const out = suppressSmallCells(
      { rows: ["a", "b", "c"], cols: ["x", "y"], cells: [[1, 2], [10, 12], [8, 9]], rowTotals: [3, 22, 17] },
      5,
    );
    expect(view(out)).toEqual(["· · | ·", "10 12 | 22", "· · | ·"]);
    assertNoLoneHidden(out);
  });

  it("hides zeros: a visible 0 says something about everyone in that row", () => {
    const out = suppressSmallCells({ rows: ["a", "b"], cols: ["x", "y"], cells: [[6, 0], [7, 5]], rowTotals: [6, 12] }, 5);
    expect(out.cells[0][1].suppressed).toBe(true);
    assertNoLoneHidden(out);
  });

  it("k = 0 shows everything, including zeros", () => {
    const out = suppressSmallCells({ rows: ["a"], cols: ["x", "y"], cells: [[1, 0]], rowTotals: [1] }, 0);
    expect(view(out)).toEqual(["1 0 | 1"]);
    expect(out.anySuppressed).toBe(false);
  });

  it("leaves a table with no small cells untouched and does not mutate its input", () => {
    const table = { rows: ["a", "b"], cols: ["x", "y"], cells: [[5, 6], [7, 8]], rowTotals: [11, 15] };
    const copy = structuredClone(table);
    expect(view(suppressSmallCells(table, 5))).toEqual(["5 6 | 11", "7 8 | 15"]);
    expect(table).toEqual(copy);
  });

  it("rejects a bad k or a malformed table", () => {
    expect(() => suppressSmallCells({ rows: ["a"], cols: ["x"], cells: [[1]], rowTotals: [1] }, -1)).toThrow(RangeError);
    expect(() => suppressSmallCells({ rows: ["a"], cols: ["x"], cells: [[1]], rowTotals: [1] }, 2.5)).toThrow(RangeError);
    expect(() => suppressSmallCells({ rows: ["a"], cols: ["x", "y"], cells: [[1]], rowTotals: [1] }, 5)).toThrow(RangeError);
  });

  it("never leaves a lone hidden entry in random tables (seeded)", () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 300; i++) {
      const nr = 1 + Math.floor(rand() * 7);
      const nc = 2 + Math.floor(rand() * 6);
      // A third of the rows are empty sectors, as in a small room.
      const cells = Array.from({ length: nr }, () => {
        const empty = rand() < 1 / 3;
        return Array.from({ length: nc }, () => (empty ? 0 : Math.floor(rand() * 12)));
      });
      const table = { rows: cells.map((_, r) => `r${r}`), cols: cells[0].map((_, c) => `c${c}`), cells, rowTotals: cells.map((r) => r.reduce((a, b) => a + b, 0)) };
      const out = suppressSmallCells(table, 5);
      out.cells.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (cells[r][c] < 5) expect(cell.suppressed, `case ${i}`).toBe(true);
          if (!cell.suppressed) expect(cell.count).toBe(cells[r][c]);
        }),
      );
      const occupied = table.rowTotals.map((v) => v > 0);
      if (occupied.filter(Boolean).length > 1) assertNoLoneHidden(out, occupied);
    }
  });
});

describe("tally breakdown under each rule", () => {
  const poll = PollDefinition.parse({
    kind: "single",
    key: "p",
    question: "Q?",
    options: [
      { key: "yes", label: "Yes" },
      { key: "no", label: "No" },
    ],
  });
  const responses = [
    ...Array.from({ length: 6 }, () => ({ value: { choice: "yes" }, sector: "government" as const })),
    ...Array.from({ length: 5 }, () => ({ value: { choice: "no" }, sector: "government" as const })),
    { value: { choice: "yes" }, sector: "industry" as const },
  ];

  it("chatham-house hides the lone industry vote and everything it could be recovered from", () => {
    const t = tally(poll, responses, { minCellSize: 5, rule: "chatham-house" }) as ChoiceTally;
    const b = t.sectorBreakdown;
    const gov = b.rows.indexOf("government");
    const ind = b.rows.indexOf("industry");
    expect(b.cells[ind].every((c) => c.suppressed)).toBe(true);
    expect(b.rowTotals[ind]).toEqual({ count: null, suppressed: true });
    // yes = 7 overall is public: government's 6 would give industry's 1 away, even though four
    // empty sectors are hidden too; so government's row is hidden as well.
    expect(b.cells[gov][0].suppressed).toBe(true);
    expect(b.rowTotals[gov].suppressed).toBe(true);
    expect(JSON.stringify(b)).not.toMatch(/"count":1[,}]/);
    assertNoLoneHidden(b, b.rows.map((_, r) => r === gov || r === ind));
  });

  it("attributed shows small cells", () => {
    const t = tally(poll, responses, { minCellSize: 5, rule: "attributed" }) as ChoiceTally;
    const b = t.sectorBreakdown;
    const ind = b.rows.indexOf("industry");
    expect(b.cells[ind].map((c) => c.count)).toEqual([1, 0]);
    expect(b.rowTotals[ind]).toEqual({ count: 1, suppressed: false });
    expect(b.anySuppressed).toBe(false);
  });
});
