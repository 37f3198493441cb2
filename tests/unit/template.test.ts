/** The seeded space-security template and the directory loader/seeder (seed/load.ts). */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { PollKind, Template } from "../../app/domain/template";
import { MAX_TEMPLATE_BYTES } from "../../app/domain/template-errors";
import { DEFAULT_TEMPLATES_DIR, loadTemplatesFromDir, seedTemplates, TemplateLoadError, type TemplateSeedStore } from "../../seed/load";

const fixtures = fileURLToPath(new URL("../fixtures/templates/", import.meta.url));

/** The six panel titles of the 2022 UNIDIR/SWF webinar report, in title case. */
const REPORT_TITLES = [
  "The Process of the OEWG on Reducing Space Threats Through Principles of Responsible Behaviours: Towards Sustainable Space Security",
  "Norms, Rules, and Principles: Advantages and Limitations",
  "Past Initiatives to Address Space Security: What Has Worked and What Has Not",
  "The Role of Non-Governmental Entities in Achieving Space Security",
  "Not Incompatible: The Relationship Between Normative and Legally Binding Instruments",
  "Expectations for the OEWG on Reducing Space Threats Through Principles of Responsible Behaviours",
];

const wordCount = (s: string) => s.trim().split(/\s+/).length;

describe("seeded space-security template", () => {
  let seed: Template;
  beforeAll(async () => {
    const templates = await loadTemplatesFromDir();
    expect(templates).toHaveLength(1);
    seed = templates[0];
  });
  const polls = () => seed.panels.flatMap((p) => p.polls);

  it("has the key, a source citing the report, and the report's six panel titles in order", () => {
    expect(seed.key).toBe("space-security-norms");
    expect(seed.source).toMatch(/Advancing Space Security Through Norms, Rules and Principles of Responsible Behaviour\?/);
    expect(seed.source).toMatch(/UNIDIR/);
    expect(seed.source).toMatch(/Secure World Foundation/);
    expect(seed.source).toMatch(/2022/);
    expect(seed.panels.map((p) => p.title)).toEqual(REPORT_TITLES);
  });

  it("gives each panel 60-120 words of framing, 3-5 prompts, 1-3 polls and a 60-90 minute duration", () => {
    for (const panel of seed.panels) {
      expect(wordCount(panel.framing), panel.key).toBeGreaterThanOrEqual(60);
      expect(wordCount(panel.framing), panel.key).toBeLessThanOrEqual(120);
      expect(panel.prompts.length, panel.key).toBeGreaterThanOrEqual(3);
      expect(panel.prompts.length, panel.key).toBeLessThanOrEqual(5);
      expect(panel.polls.length, panel.key).toBeGreaterThanOrEqual(1);
      expect(panel.polls.length, panel.key).toBeLessThanOrEqual(3);
      expect(panel.durationMinutes, panel.key).toBeGreaterThanOrEqual(60);
      expect(panel.durationMinutes, panel.key).toBeLessThanOrEqual(90);
    }
  });

  it("uses every poll kind at least once", () => {
    expect(new Set(polls().map((p) => p.kind))).toEqual(new Set(PollKind.options));
    const multiple = polls().filter((p) => p.kind === "multiple");
    for (const p of multiple) expect(p.maxChoices).toBeLessThan(p.options.length);
  });

  it("has the binding-vs-nonbinding scale from 1 (legally binding) to 7 (non-binding)", () => {
    const scale = polls().find((p) => p.key === "binding-vs-nonbinding");
    expect(scale).toMatchObject({
      kind: "scale",
      min: 1,
      max: 7,
      minLabel: "Legally binding instrument",
      maxLabel: "Non-binding norms/principles",
    });
  });

  it("has a statements poll on the report's broad-consensus topics", () => {
    const statements = polls().find((p) => p.kind === "statements");
    if (statements?.kind !== "statements") throw new Error("no statements poll");
    const text = statements.statements.map((s) => s.text).join("\n");
    expect(text).toMatch(/direct-ascent anti-satellite/);
    expect(text).toMatch(/due regard/);
    expect(text).toMatch(/consult/);
  });

  it("round-trips: the parsed seed is a fixed point of the schema", () => {
    expect(Template.parse(JSON.parse(JSON.stringify(seed)))).toEqual(seed);
  });

  it("resolves the default directory next to seed/load.ts", () => {
    expect(DEFAULT_TEMPLATES_DIR).toBe(fileURLToPath(new URL("../../seed/templates/", import.meta.url)));
  });
});

describe("loadTemplatesFromDir", () => {
  let tmp: string | undefined;
  afterEach(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
    tmp = undefined;
  });

  it("loads nothing from a directory with one good and one bad file, and names the bad file", async () => {
    const err = await loadTemplatesFromDir(path.join(fixtures, "mixed")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateLoadError);
    const { errors } = err as TemplateLoadError;
    expect(errors).toHaveLength(1);
    expect(errors[0].file).toMatch(/mixed[/\\]b-bad\.yaml$/);
    expect(errors[0]).toMatchObject({ path: "panels[0].polls[0].options", line: 14 });
    expect((err as Error).message).toContain("b-bad.yaml:14:11: panels[0].polls[0].options: Too small");
  });

  it("reports every problem in every file of a directory", async () => {
    const err = (await loadTemplatesFromDir(path.join(fixtures, "bad")).catch((e: unknown) => e)) as TemplateLoadError;
    expect(err).toBeInstanceOf(TemplateLoadError);
    const files = new Set(err.errors.map((e) => path.basename(e.file)));
    expect([...files].sort()).toEqual((await readdir(path.join(fixtures, "bad"))).sort());
  });

  it("refuses two files with the same template key", async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "rt-templates-"));
    const good = await readFile(path.join(fixtures, "mixed", "a-good.json"), "utf8");
    await writeFile(path.join(tmp, "one.json"), good);
    await writeFile(path.join(tmp, "two.json"), good);
    const err = (await loadTemplatesFromDir(tmp).catch((e: unknown) => e)) as TemplateLoadError;
    expect(err).toBeInstanceOf(TemplateLoadError);
    expect(err.errors).toEqual([
      expect.objectContaining({ path: "key", message: expect.stringMatching(/"mixed-good" is already used by .*one\.json/) }),
    ]);
  });

  it("refuses an oversized file by its size without parsing it", async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "rt-templates-"));
    await writeFile(path.join(tmp, "huge.json"), " ".repeat(MAX_TEMPLATE_BYTES + 1));
    const err = (await loadTemplatesFromDir(tmp).catch((e: unknown) => e)) as TemplateLoadError;
    expect(err.errors).toEqual([
      expect.objectContaining({ path: "(root)", message: expect.stringMatching(/at most 524288 bytes/) }),
    ]);
  });
});

describe("seedTemplates", () => {
  /** In-memory store that de-duplicates by key and content, like the real one. */
  function fakeStore() {
    const rows = new Map<string, string>();
    const calls: string[] = [];
    const store: TemplateSeedStore = {
      async upsert({ key, body }) {
        calls.push(key);
        const json = JSON.stringify(body);
        const changed = rows.get(key) !== json;
        rows.set(key, json);
        return { changed };
      },
    };
    return { store, rows, calls };
  }

  it("upserts each template and is idempotent", async () => {
    const { store, rows } = fakeStore();
    expect(await seedTemplates(store)).toEqual({ loaded: 1, changed: 1 });
    expect(JSON.parse(rows.get("space-security-norms")!).panels).toHaveLength(6);
    expect(await seedTemplates(store)).toEqual({ loaded: 1, changed: 0 });
  });

  it("upserts nothing when any file is invalid", async () => {
    const { store, calls } = fakeStore();
    await expect(seedTemplates(store, path.join(fixtures, "mixed"))).rejects.toBeInstanceOf(TemplateLoadError);
    expect(calls).toEqual([]);
  });
});
