/** parseTemplate / formatIssues / describeErrors (app/domain/template-errors.ts) against fixture files. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Template } from "../../app/domain/template";
import {
  describeErrors,
  formatIssues,
  formatPath,
  MAX_TEMPLATE_BYTES,
  parseTemplate,
  type TemplateError,
} from "../../app/domain/template-errors";

const fixtures = fileURLToPath(new URL("../fixtures/templates/", import.meta.url));
const read = (rel: string) => readFileSync(fixtures + rel, "utf8");

function errorsOf(rel: string): TemplateError[] {
  const result = parseTemplate(read(rel), { fileName: `fixtures/${rel}` });
  if (result.ok) throw new Error(`${rel} unexpectedly parsed`);
  return result.errors;
}

/** Each malformed fixture: the single error it must produce (path, message, line). */
const BAD: { file: string; path: string; message: string | RegExp; line: number }[] = [
  { file: "missing-panels.json", path: "panels", message: "Invalid input: expected array, received undefined", line: 1 },
  { file: "duplicate-poll-key.json", path: "panels[1].polls[0].key", message: 'poll key "same" is already used in panel 1', line: 11 },
  { file: "max-choices-too-high.json", path: "panels[0].polls[0].maxChoices", message: "maxChoices cannot exceed the number of options", line: 9 },
  { file: "scale-too-wide.json", path: "panels[0].polls[0].max", message: "a scale has at most 11 points", line: 8 },
  { file: "bad-slug.yaml", path: "key", message: "use lower-case letters, digits and single dashes", line: 1 },
  { file: "bad-syntax.json", path: "(root)", message: /^JSON syntax error: Expected double-quoted property name$/, line: 5 },
  { file: "bad-syntax.yaml", path: "(root)", message: /^YAML syntax error: Flow sequence .* end with a \]/, line: 6 },
  { file: "wrong-kind.json", path: "panels[0].polls[0].kind", message: /^Invalid discriminator value\. Expected 'single' \| 'multiple'/, line: 7 },
  { file: "empty-prompts.yaml", path: "panels[0].prompts", message: "Too small: expected array to have >=1 items", line: 7 },
  { file: "duplicate-option-key.yaml", path: "panels[0].polls[0].options[1].key", message: 'duplicate key "yes"', line: 15 },
  { file: "duration-in-seconds.yaml", path: "panels[0].durationMinutes", message: "Too big: expected number to be <=480", line: 8 },
  { file: "empty-statements.json", path: "panels[0].polls[0].statements", message: "Too small: expected array to have >=1 items", line: 7 },
];

describe("parseTemplate on malformed fixtures", () => {
  it.each(BAD)("$file → $path", ({ file, path, message, line }) => {
    const errors = errorsOf(`bad/${file}`);
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error.file).toBe(`fixtures/bad/${file}`);
    expect(error.path).toBe(path);
    if (typeof message === "string") expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(error.line).toBe(line);
    expect(error.column).toBeGreaterThanOrEqual(1);
  });
});

describe("parseTemplate", () => {
  it("parses the YAML fixture, resolving anchors and applying defaults", () => {
    const result = parseTemplate(read("good.yaml"), { fileName: "good.yaml" });
    if (!result.ok) throw new Error(describeErrors(result.errors));
    const t = result.template;
    expect(t.key).toBe("regional-follow-up");
    expect(t.language).toBe("en");
    expect(t.panels[0].framing).toBe(
      "Participants state what they expect from the day and which threats to space systems concern them most.",
    );
    const [single, ranking] = t.panels[1].polls;
    expect(single).toMatchObject({ kind: "single", visibility: "on-close" });
    expect(ranking).toMatchObject({ kind: "ranking", visibility: "live" });
    if (ranking.kind !== "ranking") throw new Error("expected ranking");
    expect(ranking.options.map((o) => o.key)).toEqual(["report", "follow-up"]);
  });

  it("guesses the format from the extension, and an explicit format wins", () => {
    const yaml = read("good.yaml");
    expect(parseTemplate(yaml, { fileName: "x.yml" }).ok).toBe(true);
    const asJson = parseTemplate(yaml, { fileName: "x.yml", format: "json" });
    expect(asJson.ok).toBe(false);
    if (!asJson.ok) expect(asJson.errors[0].message).toMatch(/^JSON syntax error/);
    // No known extension: a leading "{" means JSON.
    const json = read("mixed/a-good.json");
    expect(parseTemplate(json, { fileName: "upload" }).ok).toBe(true);
  });

  it("reports an unterminated JSON document at its end", () => {
    const result = parseTemplate('{\n  "key": "x",\n  "panels": [', { fileName: "cut.json" });
    expect(result).toEqual({
      ok: false,
      errors: [{ file: "cut.json", path: "(root)", message: "JSON syntax error: Unexpected end of JSON input", line: 3, column: 14 }],
    });
  });

  it("reports an empty or blank file as empty, not as a syntax or type error", () => {
    for (const [text, file] of [["", "e.json"], [" \n\t\n", "e.yaml"]]) {
      expect(parseTemplate(text, { fileName: file })).toEqual({ ok: false, errors: [{ file, path: "(root)", message: "file is empty" }] });
    }
  });

  it("reports a repeated YAML key instead of silently keeping the last", () => {
    const result = parseTemplate("key: a\nkey: b\n", { fileName: "dup.yaml" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ path: "(root)", line: 2, message: /YAML syntax error: Map keys must be unique/ });
  });

  it("reports every schema issue, not only the first", () => {
    const result = parseTemplate('{"key": "Bad Key", "title": "", "panels": []}', { fileName: "many.json" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(["key", "title", "panels"]);
  });

  it("refuses input over MAX_TEMPLATE_BYTES, counting UTF-8 bytes", () => {
    // 200k "é" is 200k UTF-16 units but 400k bytes: under the limit; 300k is 600k bytes: over.
    const under = parseTemplate(`{"key": "x", "title": "${"é".repeat(200_000)}", "panels": []}`, { fileName: "u.json" });
    // Under the limit it reaches schema validation (the title is too long for the schema, not for the size check).
    expect(under.ok).toBe(false);
    if (!under.ok) expect(under.errors.map((e) => e.path)).toEqual(["title", "panels"]);
    const over = parseTemplate(`{"title": "${"é".repeat(300_000)}"}`, { fileName: "o.json" });
    expect(over).toEqual({
      ok: false,
      errors: [{ file: "o.json", path: "(root)", message: expect.stringContaining(`at most ${MAX_TEMPLATE_BYTES} bytes`) }],
    });
  });
});

describe("formatPath / formatIssues / describeErrors", () => {
  it("renders paths JSON-path style", () => {
    expect(formatPath([])).toBe("(root)");
    expect(formatPath(["panels", 2, "polls", 0, "options"])).toBe("panels[2].polls[0].options");
    expect(formatPath(["labels", "two words"])).toBe('labels["two words"]');
  });

  it("maps zod issues to path and message", () => {
    const issues = Template.safeParse({ key: "k", title: "T", panels: [{}] }).error!.issues;
    const formatted = formatIssues(issues);
    expect(formatted).toContainEqual({ path: "panels[0].key", message: "Invalid input: expected string, received undefined" });
    expect(formatted.every((f) => f.path.startsWith("panels[0]."))).toBe(true);
  });

  it("prints one line per error, with line:column when known", () => {
    const text = describeErrors([
      { file: "seed/templates/x.json", path: "panels[2].polls[0].options", message: "Too small: expected array to have >=2 items" },
      { file: "seed/templates/y.yaml", path: "(root)", message: "YAML syntax error: oops", line: 4, column: 7 },
    ]);
    expect(text).toBe(
      "seed/templates/x.json: panels[2].polls[0].options: Too small: expected array to have >=2 items\n" +
        "seed/templates/y.yaml:4:7: (root): YAML syntax error: oops",
    );
  });
});
