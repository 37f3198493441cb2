/**
 * Open-text answers and hidden polls in the summary (issue 5 trial defects 1 and 2): the
 * non-attribution check covers each open answer; the rapporteur withholds an answer (it cannot be
 * edited) or dismisses the finding; polls whose results were hidden from the room stay out of the
 * summary unless included. Edits live in the draft (`body.edits`) and are applied at publication
 * (`applyEdits`), so the published body is a pure function of stored data + the draft's edits.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyReplacement } from "../../app/components/summary/blocks";
import { draftFindings, openFindings } from "../../app/components/summary/draft-check";
import { mergeEditable } from "../../app/components/summary/merge";
import { answerBlocks, answerId, applyEdits, buildSummary, SummaryBody, validEdits, withEveryAnswer, type SummaryInput } from "../../app/domain/summary";
import { datasetOf, toDatasetJson } from "../../server/exports/dataset";
import { datasetCsv } from "../../server/exports/dataset-csv";
import { toDocx } from "../../server/exports/docx";
import { exportT } from "../../server/exports/strings";
import { toHtml } from "../../server/exports/html";
import { toMarkdown } from "../../server/exports/markdown";
import { pollView } from "../../server/exports/view";
import { validate } from "../fixtures/summary/json-schema-lite";
import { summaryInput } from "../fixtures/summary/workshop";
import { readZip } from "../fixtures/summary/zip-lite";

const NAME = "Alice Zephyrine";
const NAMES = [{ displayName: NAME }, { displayName: "Bob Quist" }];
const meta = { version: 1, publishedAt: Date.UTC(2024, 4, 20, 7, 0) };
const schema = JSON.parse(readFileSync(path.resolve(__dirname, "../../server/exports/dataset.schema.json"), "utf8"));

/** The fixture session with "Alice Zephyrine" answering the open poll, and a poll whose results were hidden from the room. */
function input(): SummaryInput {
  const base = summaryInput();
  const panels = base.panels.map((panel) => ({
    ...panel,
    polls: panel.polls.map((poll) =>
      poll.definition.key === "terms-to-define"
        ? { ...poll, runs: poll.runs.map((r) => ({ ...r, responses: [...r.responses, { value: { text: NAME }, sector: "government" as const }] })) }
        : poll,
    ),
  }));
  const first = panels[0];
  panels[0] = {
    ...first,
    polls: [
      ...first.polls,
      {
        definition: { key: "private-temperature", kind: "open", question: "Who should chair the next round?", visibility: "hidden", maxLength: 80 },
        runs: [{ run: 1, responses: [{ value: { text: "Bob Quist" }, sector: "industry" }, { value: { text: "a rotating chair" }, sector: "government" }] }],
      },
    ],
  };
  return { ...base, panels };
}

const openPoll = (body: SummaryBody) => body.panels.flatMap((p) => p.polls).find((p) => p.key === "terms-to-define")!;
const hiddenPoll = (body: SummaryBody) => body.panels[0].polls.find((p) => p.key === "private-temperature")!;
const aliceId = (body: SummaryBody) => answerBlocks(body).find((a) => a.text === NAME)!.id;

describe("the non-attribution check covers open answers", () => {
  it("flags a name given as an open answer, in its own block, in context; the answer cannot be edited", () => {
    const body = buildSummary(input());
    const findings = draftFindings(body, NAMES);
    const onAnswer = findings.filter((f) => f.blockId.includes("/answer/"));
    expect(onAnswer.map((f) => [f.blockId, f.kind, f.match, f.excerpt])).toEqual([[aliceId(body), "participant-name", NAME, NAME]]);
    expect(aliceId(body)).toMatch(/^oewg-process\/answer\/terms-to-define\/1\/\d+$/);
    expect(() => applyReplacement(body, onAnswer[0])).toThrow();
    // Publishing stays blocked (same function as the server's gate) until it is resolved.
    expect(openFindings(findings, {}).some((f) => f.id === onAnswer[0].id)).toBe(true);
    // A dismissal with a reason resolves it as for any finding.
    expect(openFindings(findings, { [onAnswer[0].id]: "a term of art, not the participant" }).some((f) => f.id === onAnswer[0].id)).toBe(false);
  });

  it("checks a text given many times once but lists a finding per answer, each with its own id", () => {
    const twice = input();
    const poll = twice.panels[0].polls.find((p) => p.definition.key === "terms-to-define")!;
    (poll.runs[0].responses as unknown[]).push({ value: { text: NAME }, sector: "academia" });
    const body = buildSummary(twice);
    const onAnswer = draftFindings(body, NAMES).filter((f) => f.blockId.includes("/answer/"));
    expect(onAnswer).toHaveLength(2);
    expect(new Set(onAnswer.map((f) => f.id)).size).toBe(2);
    expect(new Set(onAnswer.map((f) => f.blockId)).size).toBe(2);
  });

  it("resolves the finding by withholding the answer: gone from the summary, counted, the word cloud recomputed", () => {
    const body = buildSummary(input());
    const edited: SummaryBody = { ...body, edits: { withheldAnswers: [aliceId(body)], includedHiddenPolls: [] } };
    expect(draftFindings(edited, NAMES).filter((f) => f.blockId.includes("/answer/"))).toEqual([]);
    const published = applyEdits(edited);
    const [run] = openPoll(published).runs;
    expect(run.tally.kind).toBe("open");
    if (run.tally.kind !== "open") return;
    expect(run.withheldAnswers).toBe(1);
    expect(run.tally.texts).not.toContain(NAME);
    expect(run.tally.words.map((w) => w.word)).not.toContain("zephyrine");
    expect(run.tally.n).toBe(openPoll(body).runs[0].tally.n);
    // Before withholding the name was in the cloud.
    const before = openPoll(body).runs[0].tally;
    expect(before.kind === "open" && before.words.some((w) => w.word === "zephyrine")).toBe(true);
    expect(JSON.stringify(published)).not.toMatch(/Zephyrine/i);
    expect(published.edits).toBeUndefined();
    expect(SummaryBody.safeParse(published).success).toBe(true);
  });

  it("is a pure function of the stored data and the draft's edits: same input, same output; idempotent", () => {
    const a = buildSummary(input());
    const b = buildSummary(input());
    const edits = { withheldAnswers: [aliceId(a)], includedHiddenPolls: [] };
    expect(JSON.stringify(applyEdits({ ...a, edits }))).toBe(JSON.stringify(applyEdits({ ...b, edits })));
    expect(applyEdits(applyEdits({ ...a, edits }))).toEqual(applyEdits({ ...a, edits }));
  });
});

describe("polls whose results were hidden from the room", () => {
  it("stay out of the summary by default, answers unchecked; included on request, then checked like any other", () => {
    const body = buildSummary(input());
    const withheld = hiddenPoll(applyEdits(body));
    expect(withheld).toMatchObject({ resultsWithheld: true, runs: [], n: 0, shift: null });
    expect(JSON.stringify(applyEdits(body))).not.toContain("rotating chair");
    expect(draftFindings(body, NAMES).some((f) => f.match === "Bob Quist")).toBe(false);

    const included: SummaryBody = { ...body, edits: { withheldAnswers: [], includedHiddenPolls: ["oewg-process/private-temperature"] } };
    const shown = hiddenPoll(applyEdits(included));
    expect(shown.resultsWithheld).toBeUndefined();
    expect(shown.runs[0].tally.kind === "open" && shown.runs[0].tally.texts).toContain("a rotating chair");
    expect(draftFindings(included, NAMES).filter((f) => f.match === "Bob Quist")).toHaveLength(1);
    // Applying the edits again (a published body) keeps the included results: the poll is marked, not re-hidden.
    expect(shown.resultsIncluded).toBe(true);
    const twice = applyEdits(applyEdits(included));
    expect(twice).toEqual(applyEdits(included));
    const again = hiddenPoll(twice).runs[0].tally;
    expect(again.kind === "open" && again.texts).toContain("a rotating chair");
    expect(SummaryBody.safeParse(twice).success).toBe(true);
    // The editor is given the names in every answer, hidden polls and withheld answers included.
    expect(draftFindings(withEveryAnswer({ ...body, edits: { withheldAnswers: [aliceId(body)], includedHiddenPolls: [] } }), NAMES).map((f) => f.match)).toEqual(
      expect.arrayContaining([NAME, "Bob Quist"]),
    );
  });
});

describe("draft edits from a form post", () => {
  it("keeps only ids of answers and hidden polls that exist in the stored draft, and never the posted results", () => {
    const stored = buildSummary(input());
    const forged = structuredClone(stored);
    const run = openPoll(forged).runs[0];
    if (run.tally.kind === "open") run.tally.texts = ["forged"];
    forged.edits = {
      withheldAnswers: [aliceId(stored), aliceId(stored), answerId("oewg-process", "terms-to-define", 1, 999), "x/answer/y/1/0"],
      includedHiddenPolls: ["oewg-process/private-temperature", "oewg-process/terms-to-define"],
    };
    const merged = mergeEditable(stored, forged);
    expect(merged.edits).toEqual({ withheldAnswers: [aliceId(stored)], includedHiddenPolls: ["oewg-process/private-temperature"] });
    expect(openPoll(merged)).toEqual(openPoll(stored));
    expect(validEdits(stored, { withheldAnswers: [], includedHiddenPolls: [] })).toEqual({ withheldAnswers: [], includedHiddenPolls: [] });
  });
});

describe("exports follow the draft's edits", () => {
  const published = () => {
    const body = buildSummary(input());
    return applyEdits({ ...body, edits: { withheldAnswers: [aliceId(body)], includedHiddenPolls: [] } });
  };

  it("say '1 answer withheld' and 'Results not included' in Markdown, HTML and DOCX, in English and French, without the answer", async () => {
    for (const language of ["en", "fr"] as const) {
      const tr = exportT(language);
      const body = published();
      const docx = readZip(await toDocx(body, { ...meta, language }));
      const docXml = docx.get("word/document.xml")!.toString("utf8");
      for (const doc of [toMarkdown(body, { ...meta, language }), toHtml(body, { ...meta, language }), docXml]) {
        expect(doc).toContain(tr("view.answersWithheld", { count: 1 }));
        expect(doc).toContain(tr("view.resultsWithheld").split(":")[0]);
        expect(doc).not.toMatch(/Zephyrine|rotating chair/i);
      }
    }
    expect(exportT("fr")("view.answersWithheld", { count: 1 })).toBe("1 réponse retirée");
  });

  it("count the answers withheld from every run of a re-asked poll, not the last run's only", () => {
    const asked = input();
    const poll = asked.panels[0].polls.find((p) => p.definition.key === "terms-to-define")!;
    poll.runs = [poll.runs[0], { ...poll.runs[0], run: 2 }];
    const body = buildSummary(asked);
    const [first, second] = answerBlocks(body).filter((a) => a.text === NAME).map((a) => a.id);
    expect([first, second]).toEqual([expect.stringContaining("/1/"), expect.stringContaining("/2/")]);
    const note = (withheldAnswers: string[]) => pollView(openPoll(applyEdits({ ...body, edits: { withheldAnswers, includedHiddenPolls: [] } }))).note;
    expect(note([first])).toBe("1 answer withheld");
    expect(note([first, second])).toBe("2 answers withheld");
    expect(note([])).toBeNull();
  });

  it("carry the counts in the dataset (JSON, validated against its schema, and CSV), without the answer or the hidden poll", () => {
    const body = published();
    const data = JSON.parse(toDatasetJson(body, meta));
    expect(validate(schema, data)).toEqual([]);
    const polls = data.workshops[0].sessions[0].polls as { key: string; resultsWithheld: boolean; runs: { withheldAnswers: number }[] }[];
    expect(polls.find((p) => p.key === "terms-to-define")!.runs[0].withheldAnswers).toBe(1);
    expect(polls.find((p) => p.key === "private-temperature")).toMatchObject({ resultsWithheld: true, runs: [] });
    expect(polls.find((p) => p.key === "binding-vs-nonbinding")).toMatchObject({ resultsWithheld: false });
    const csv = datasetCsv(datasetOf([body], meta));
    expect(csv).not.toMatch(/zephyrine|rotating|private-temperature/i);
    // Every row of the open poll's run carries the count in the last column.
    const rows = csv.trimEnd().split("\r\n").filter((l) => l.includes(",terms-to-define,"));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.endsWith(",1")).toBe(true);
  });
});
