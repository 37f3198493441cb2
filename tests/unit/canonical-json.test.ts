/**
 * canonicalJson (server/storage/stores/context.ts): the direct writer for plain data must give the
 * exact text the original replacer gave — stored answers are compared as text ("changed?") and
 * template hashes are taken of it.
 */
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../server/storage/stores/context";

const reference = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );

describe("canonicalJson", () => {
  it("gives the reference text for plain data and for everything else", () => {
    const cases: unknown[] = [
      null, 1, -0, 1.5e300, NaN, Infinity, "a\"b\u2028\n", true, false, [], {},
      { b: 1, a: [1, { d: null, c: "x" }] },
      { votes: { z: "agree", a: "pass", "10": "x", "2": "y", "02": "z", "4294967295": "big", "-1": "neg" } },
      { a: undefined, b: 1 }, [undefined, () => 1], new Date(0), { toJSON: () => "j" }, Object.create(null),
      { é: 1, e: 2, E: 3, "": 4 }, { nested: [[{ y: [1, 2], x: { b: true, a: false } }]] },
      // One key (the writer's shortcut): answers, and the awkward ones.
      { choice: "binding" }, { score: 7 }, { a: undefined }, { "10": [1] }, { k: { toJSON: () => 1 } }, { f: () => 1 }, { n: NaN },
    ];
    for (const c of cases) expect(canonicalJson(c)).toBe(reference(c));
  });

  it("gives equal text for equal content in any key order", () => {
    expect(canonicalJson({ votes: { b: "agree", a: "pass" } })).toBe(canonicalJson({ votes: { a: "pass", b: "agree" } }));
  });
});
