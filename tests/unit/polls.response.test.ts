import { describe, expect, it } from "vitest";
import { PollDefinition, type PollDefinitionInput } from "~/domain/template";
import { cleanOpenText, parseResponse, responseValueSchema } from "~/domain/polls";

const poll = (input: PollDefinitionInput) => PollDefinition.parse(input);
const options = [
  { key: "binding", label: "Legally binding" },
  { key: "political", label: "Politically binding" },
  { key: "voluntary", label: "Voluntary" },
];
const single = poll({ kind: "single", key: "s", question: "Q?", options });
const multiple = poll({ kind: "multiple", key: "m", question: "Q?", options, maxChoices: 2 });
const scale = poll({ kind: "scale", key: "sc", question: "Q?", min: 1, max: 7, minLabel: "binding", maxLabel: "non-binding" });
const ranking = poll({ kind: "ranking", key: "r", question: "Q?", options });
const open = poll({ kind: "open", key: "o", question: "Q?", maxLength: 10 });
const statements = poll({
  kind: "statements",
  key: "st",
  question: "Q?",
  statements: [
    { key: "asat-ban", text: "Ban destructive ASAT tests" },
    { key: "registry", text: "Strengthen the registry" },
  ],
});

const valid = (p: PollDefinition, raw: unknown) => parseResponse(p, raw).ok;

describe("responseValueSchema / parseResponse", () => {
  it("single: one known option key", () => {
    expect(parseResponse(single, { choice: "binding" })).toEqual({ ok: true, value: { choice: "binding" } });
    expect(valid(single, { choice: "nope" })).toBe(false);
    expect(valid(single, { choice: ["binding"] })).toBe(false);
    expect(valid(single, {})).toBe(false);
    expect(valid(single, { choice: "binding", name: "Alice" })).toBe(false); // strict: no extra fields
  });

  it("multiple: 1..maxChoices distinct known keys", () => {
    expect(valid(multiple, { choices: ["binding"] })).toBe(true);
    expect(valid(multiple, { choices: ["binding", "voluntary"] })).toBe(true);
    expect(valid(multiple, { choices: [] })).toBe(false);
    expect(valid(multiple, { choices: ["binding", "political", "voluntary"] })).toBe(false);
    expect(valid(multiple, { choices: ["binding", "binding"] })).toBe(false);
    expect(valid(multiple, { choices: ["binding", "nope"] })).toBe(false);
  });

  it("scale: an integer within [min, max]", () => {
    expect(valid(scale, { score: 1 })).toBe(true);
    expect(valid(scale, { score: 7 })).toBe(true);
    expect(valid(scale, { score: 0 })).toBe(false);
    expect(valid(scale, { score: 8 })).toBe(false);
    expect(valid(scale, { score: 3.5 })).toBe(false);
    expect(valid(scale, { score: "3" })).toBe(false);
    expect(valid(scale, { score: Number.NaN })).toBe(false);
  });

  it("ranking: a permutation of all option keys", () => {
    expect(valid(ranking, { order: ["voluntary", "binding", "political"] })).toBe(true);
    expect(valid(ranking, { order: ["voluntary", "binding"] })).toBe(false);
    expect(valid(ranking, { order: ["voluntary", "binding", "binding"] })).toBe(false);
    expect(valid(ranking, { order: ["voluntary", "binding", "political", "political"] })).toBe(false);
    expect(valid(ranking, { order: ["voluntary", "binding", "nope"] })).toBe(false);
  });

  it("open: cleaned text of 1..maxLength code points", () => {
    expect(parseResponse(open, { text: "  debris \n" })).toEqual({ ok: true, value: { text: "debris" } });
    expect(parseResponse(open, { text: "a\u0000b\u202Ec\td" })).toEqual({ ok: true, value: { text: "abc d" } });
    // 10 emoji are 20 UTF-16 units but 10 characters: allowed at maxLength 10.
    expect(valid(open, { text: "🚀".repeat(10) })).toBe(true);
    expect(valid(open, { text: "🚀".repeat(11) })).toBe(false);
    expect(valid(open, { text: "   \n\t " })).toBe(false);
    expect(valid(open, { text: "\u0007" })).toBe(false);
    expect(valid(open, { text: 42 })).toBe(false);
  });

  it("statements: at least one known key, agree/disagree/pass", () => {
    expect(valid(statements, { votes: { "asat-ban": "agree" } })).toBe(true);
    expect(valid(statements, { votes: { "asat-ban": "pass", registry: "disagree" } })).toBe(true);
    expect(valid(statements, { votes: {} })).toBe(false);
    expect(valid(statements, { votes: { other: "agree" } })).toBe(false);
    expect(valid(statements, { votes: { "asat-ban": "maybe" } })).toBe(false);
    expect(valid(statements, { votes: { "asat-ban": "agree" }, extra: 1 })).toBe(false);
  });

  it("a value for another kind is refused", () => {
    expect(valid(single, { score: 3 })).toBe(false);
    expect(valid(scale, { choice: "binding" })).toBe(false);
    expect(valid(open, null)).toBe(false);
  });

  it("reports a one-line error and JSON-safe issues with paths", () => {
    const result = parseResponse(multiple, { choices: ["binding", "nope"] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^invalid answer: /);
    expect(result.issues[0].path).toEqual(["choices", 1]);
    expect(JSON.parse(JSON.stringify(result.issues))).toEqual(result.issues);
  });

  it("the schema's output type is the value for the poll's kind", () => {
    if (scale.kind !== "scale") throw new Error("fixture is a scale poll");
    const value = responseValueSchema(scale).parse({ score: 4 }); // typed { score: number }
    expect(value.score).toBe(4);
  });

  it("cleanOpenText collapses whitespace and normalises to NFC", () => {
    expect(cleanOpenText("e\u0301te\u0301   \u2028 libre")).toBe("été libre");
  });
});
