/**
 * The CLI as a real child process (`tsx scripts/cli.ts`) against a temp DATA_DIR prepared through
 * the real stores: exports write real files, bad templates exit 1 naming path and problem, and
 * usage mistakes exit 2.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSummary, emptyRichDoc } from "../../app/domain/summary";
import { createDatabase, createStores } from "../../server/storage";
import { renderExport } from "../../server/outcome/render";
import { exportDataset } from "../../scripts/cli/export-dataset";
import type { CliIo } from "../../scripts/cli/io";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
let dataDir: string;
let sessionId: string;
let workshopId: string;

/** Runs the CLI; resolves with its exit code and output (never rejects on a non-zero exit). */
const cli = (...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(TSX, ["scripts/cli.ts", ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "rt-cli-"));
  const storage = await createDatabase({ sqlitePath: path.join(dataDir, "roundtable.sqlite") });
  try {
    const stores = createStores(storage);
    const user = await stores.users.create({ email: "cli@example.org", name: "CLI", passwordHash: "x" });
    const fields = { title: "Lima follow-up", region: "Latin America", timeZone: "America/Lima", startsOn: "2026-06-02", endsOn: "2026-06-02", rule: "chatham-house" as const, minCellSize: 5 };
    const workshop = await stores.workshops.createFromTemplate(fields, null, user.id);
    workshopId = workshop.id;
    const session = await stores.sessions.create({ workshopId, title: "Day 1", panelIds: [], createdBy: user.id });
    sessionId = session.id;
    const definition = { key: "binding-vs-nonbinding", question: "Binding or not?", visibility: "live" as const, kind: "scale" as const, min: 1, max: 7, minLabel: "Binding", maxLabel: "Non-binding" };
    const responses = Array.from({ length: 12 }, (_, i) => ({ value: { score: 1 + (i % 7) }, sector: i < 9 ? ("government" as const) : ("academia" as const) }));
    const body = buildSummary({
      workshop: fields,
      session: { title: "Day 1", startedAt: Date.UTC(2026, 5, 2, 14), endedAt: Date.UTC(2026, 5, 2, 17) },
      participants: responses.map((r) => ({ role: "participant" as const, sector: r.sector })),
      panels: [{ key: "p1", title: "Norms", framing: "Framing.", prompts: ["Why?"], notes: emptyRichDoc(), takeaways: ["Build trust first"], polls: [{ definition, runs: [{ run: 1, responses }] }] }],
    });
    await stores.summaries.publish(sessionId, { body, publishedBy: user.id, visibility: "public", at: Date.UTC(2026, 5, 3) });
  } finally {
    await storage.close();
  }
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Each run starts tsx (~1–3 s; more when the machine is busy), so tests get more than the default 30 s.
describe("roundtable CLI", { timeout: 120_000 }, () => {
  it("export-summary writes a DOCX that is a zip with word/document.xml", async () => {
    const out = path.join(dataDir, "out", "summary.docx");
    const r = await cli("export-summary", "--session", sessionId, "--format", "docx", "--out", out);
    expect(r.code, r.stderr).toBe(0);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 4).toString("binary")).toBe("PK\x03\x04");
    expect(bytes.includes(Buffer.from("word/document.xml"))).toBe(true);
  });

  it("export-summary writes Markdown and the dataset JSON of a given version", async () => {
    const md = path.join(dataDir, "summary.md");
    expect((await cli("export-summary", "--session", sessionId, "--version", "1", "--format", "md", "--out", md)).code).toBe(0);
    expect(readFileSync(md, "utf8")).toContain("# Lima follow-up");
    const json = path.join(dataDir, "summary.json");
    expect((await cli("export-summary", "--session", sessionId, "--format", "json", "--out", json)).code).toBe(0);
    expect(JSON.parse(readFileSync(json, "utf8")).workshops[0].sessions[0].polls[0].key).toBe("binding-vs-nonbinding");
  });

  it("export-summary writes exactly what the app serves (one renderer: server/outcome/render.ts)", async () => {
    const storage = await createDatabase({ sqlitePath: path.join(dataDir, "roundtable.sqlite") });
    const record = await createStores(storage).summaries.getVersion(sessionId, 1).finally(() => storage.close());
    for (const format of ["md", "html", "csv"] as const) {
      const out = path.join(dataDir, `same.${format}`);
      expect((await cli("export-summary", "--session", sessionId, "--format", format, "--out", out)).code).toBe(0);
      const served = await renderExport(record!.body, { version: 1, publishedAt: record!.publishedAt! }, format);
      expect(readFileSync(out, "utf8")).toBe(served.data);
    }
  });

  it("export-summary --lang fr writes French labels, numbers and dates; --lang defaults to en and is checked", async () => {
    const fr = path.join(dataDir, "synthese.md");
    const r = await cli("export-summary", "--session", sessionId, "--format", "md", "--lang", "fr", "--out", fr);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("(md, fr, version 1,");
    const text = readFileSync(fr, "utf8");
    expect(text).toContain("12\u00a0réponses");
    expect(text).toContain("Tenu sous la règle de Chatham House");
    // 2 of 12 answered each score but the last: 17 %, written the French way; the date in French words.
    expect(text).toContain("17\u00a0%");
    expect(text).not.toMatch(/\d%/);
    expect(text).toContain("2 juin 2026");
    // The same bytes as the app serves a French reader.
    const storage = await createDatabase({ sqlitePath: path.join(dataDir, "roundtable.sqlite") });
    const record = await createStores(storage).summaries.getVersion(sessionId, 1).finally(() => storage.close());
    expect(text).toBe((await renderExport(record!.body, { version: 1, publishedAt: record!.publishedAt!, language: "fr" }, "md")).data);

    const en = path.join(dataDir, "summary-default.md");
    expect((await cli("export-summary", "--session", sessionId, "--format", "md", "--out", en)).code).toBe(0);
    expect(readFileSync(en, "utf8")).toContain("12 responses");
    expect(readFileSync(en, "utf8")).toContain("17%");

    const bad = await cli("export-summary", "--session", sessionId, "--format", "md", "--lang", "de", "--out", path.join(dataDir, "de.md"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--lang: one of en, fr");
  });

  it("refuses to overwrite an existing --out (or --csv) file without --force: exit 2, file unchanged", async () => {
    const out = path.join(dataDir, "kept.md");
    writeFileSync(out, "mine");
    const refused = await cli("export-summary", "--session", sessionId, "--format", "md", "--out", out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${out} already exists: nothing was written. Run again with --force`);
    expect(readFileSync(out, "utf8")).toBe("mine");
    const csv = path.join(dataDir, "kept.csv");
    writeFileSync(csv, "mine");
    const io: CliIo = { out: () => {}, err: () => {}, isTTY: false, env: { DATA_DIR: dataDir, DATABASE_URL: "" }, now: Date.now };
    await expect(exportDataset(["--workshop", workshopId, "--out", path.join(dataDir, "fresh.json"), "--csv", csv], io)).rejects.toThrow(/kept\.csv already exists/);
    expect(readFileSync(csv, "utf8")).toBe("mine");
    const forced = await cli("export-summary", "--session", sessionId, "--format", "md", "--out", out, "--force");
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("# Lima follow-up");
  });

  it("export-dataset draws a progress bar on a terminal, and none into a pipe", async () => {
    const run = async (isTTY: boolean) => {
      const err: string[] = [];
      const io: CliIo = { out: () => {}, err: (t) => void err.push(t), isTTY, env: { DATA_DIR: dataDir, DATABASE_URL: "" }, now: Date.now };
      expect(await exportDataset(["--workshop", workshopId, "--out", path.join(dataDir, `p-${isTTY}.json`)], io)).toBe(0);
      return err.join("");
    };
    expect(await run(true)).toMatch(/\r\[#{30}\] 1\/1 sessions\n/);
    expect(await run(false)).not.toContain("\r");
  });

  it("export-summary of a missing version fails with exit 1 and says why", async () => {
    const r = await cli("export-summary", "--session", sessionId, "--version", "9", "--format", "md", "--out", path.join(dataDir, "x.md"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no published version 9");
  });

  it("export-dataset writes JSON and CSV for a workshop", async () => {
    const out = path.join(dataDir, "dataset.json");
    const csv = path.join(dataDir, "dataset.csv");
    const r = await cli("export-dataset", "--workshop", workshopId, "--out", out, "--csv", csv);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).workshops).toHaveLength(1);
    expect(readFileSync(csv, "utf8").split("\r\n")[0]).toMatch(/^workshop_title,region,/);
  });

  it("template-import of a bad file exits 1 and prints file:line:col: path: message", async () => {
    const file = "tests/fixtures/templates/bad/wrong-kind.json";
    const r = await cli("template-import", file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.]/g, "\\.")}:\\d+:\\d+: panels\\[0\\]\\.polls\\[0\\]\\.kind: .+`, "m"));
  });

  it("template-import of a good file stores it, and template-export writes it back", async () => {
    const r = await cli("template-import", "tests/fixtures/templates/good.yaml");
    expect(r.code, r.stderr).toBe(0);
    const key = /: ([a-z0-9-]+) \(/.exec(r.stdout)![1];
    const out = path.join(dataDir, "template.json");
    expect((await cli("template-export", "--key", key, "--out", out)).code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).key).toBe(key);
  });

  it("template-import refuses (exit 2, nothing changes) to overwrite a different template with the same key unless --replace", async () => {
    const original = readFileSync("tests/fixtures/templates/good.yaml", "utf8");
    const key = /^key: *(\S+)/m.exec(original)![1];
    expect((await cli("template-import", "tests/fixtures/templates/good.yaml")).code).toBe(0);
    const changed = path.join(dataDir, "same-key.yaml");
    writeFileSync(changed, original.replace(/^title: .*$/m, "title: Overwritten by the CLI"));
    const storedTitle = async () => {
      const out = path.join(dataDir, `stored-${Date.now()}.json`);
      expect((await cli("template-export", "--key", key, "--out", out)).code).toBe(0);
      return JSON.parse(readFileSync(out, "utf8")).title as string;
    };
    const before = await storedTitle();
    const refused = await cli("template-import", changed);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`a different template with key "${key}" is already stored`);
    expect(refused.stderr).toContain("--replace");
    expect(await storedTitle()).toBe(before);
    // The same content again is not a conflict.
    const same = await cli("template-import", "tests/fixtures/templates/good.yaml");
    expect([same.code, same.stdout]).toEqual([0, expect.stringContaining("unchanged:")]);
    const replaced = await cli("template-import", changed, "--replace");
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(await storedTitle()).toBe("Overwritten by the CLI");
  });

  it("exits 2 on an unknown command, an unknown option or a missing value", async () => {
    const [unknown, badOption, badFormat, noScope] = await Promise.all([
      cli("frobnicate"),
      cli("export-summary", "--session", sessionId, "--format", "docx", "--out", "x", "--colour", "red"),
      cli("export-summary", "--session", sessionId, "--format", "zip", "--out", "x"),
      cli("export-dataset", "--out", "x.json"),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("--colour");
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain("--format");
    expect(noScope.code).toBe(2);
  });
});
