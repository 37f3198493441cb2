/**
 * Open answers and hidden polls through the real app (port 0, real SQLite, Socket.io votes): a
 * participant answers an open poll with their own name; the server refuses to publish until the
 * finding on that answer is resolved, whatever the client claims; withholding the answer (a draft
 * edit) lets it publish, and neither the answer nor the results of a poll hidden from the room
 * reach any export or the public outcome page, which say "1 answer withheld" instead.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerBlocks, pollRef, type SummaryBody } from "../../app/domain/summary";
import { checkBody } from "../../server/outcome/check";
import { ask, startTestApp, waitFor, type TestApp } from "../helpers/app";
import { createNotesFixtures } from "../helpers/notes-app-fixtures";
import { readZip } from "../fixtures/summary/zip-lite";

const NAME = "Alice Zephyrine";
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const post = (url: string, cookie: string, form: Record<string, string>) =>
  fetch(`${t.baseUrl}${url}`, { method: "POST", body: new URLSearchParams(form), redirect: "manual", headers: { cookie } });

describe("open answers and hidden polls in the published outcome", () => {
  it("blocks publishing on a name in an open answer until it is withheld, and leaves hidden results out", async () => {
    const fx = await t.makeWorkshop();
    const notesFx = createNotesFixtures(t.app.stores, t.app.auth.cookies, t.app.auth.hashPassword);
    const rapporteur = await notesFx.addStaff(fx.workshopId, "rapporteur", "Rita Rapporteur");
    const { session, facilitator } = await t.liveSession(fx);

    const names = [NAME, "", "", ""];
    const phones = await Promise.all(names.map(async (n) => t.connect({ sessionId: session.id, cookie: await t.join(session.joinCode, { displayName: n, sector: "government" }) })));
    const create = async (definition: Record<string, unknown>) => {
      const created = await ask(facilitator, "poll:create", { panelId: fx.panelIds[0], definition });
      expect(created).toMatchObject({ ok: true });
      return (created as { data: { pollId: string } }).data.pollId;
    };
    const open = await create({ key: "one-word", kind: "open", question: "One word for the day?", maxLength: 80 });
    const hidden = await create({ key: "who-chairs", kind: "open", question: "Who should chair?", maxLength: 80, visibility: "hidden" });
    const answers = [NAME, "verification", "verification", "trust"];
    for (const pollId of [open, hidden]) {
      expect(await ask(facilitator, "poll:open", { pollId })).toEqual({ ok: true });
      for (const [i, p] of phones.entries()) {
        const text = pollId === open ? answers[i] : i === 0 ? "a rotating chair" : "the secretariat";
        expect((await ask(p, "poll:respond", { pollId, value: { text }, responseId: randomUUID() })).ok).toBe(true);
      }
      expect(await ask(facilitator, "poll:close", { pollId })).toEqual({ ok: true });
    }
    expect(await ask(facilitator, "session:end")).toEqual({ ok: true });
    await waitFor(async () => (await t.app.stores.summaries.getDraft(session.id)) !== null);
    const draft = (await t.app.stores.summaries.getDraft(session.id))!.body;

    // The server's check finds the name in the answer (nothing else in this draft).
    const findings = await checkBody(t.app.stores, session.id, draft);
    const onAnswer = findings.filter((f) => f.blockId.includes("/answer/one-word/"));
    expect(onAnswer.map((f) => f.match)).toEqual([NAME]);
    const dismissAllBut = (except: string) => JSON.stringify(findings.filter((f) => f.id !== except).map((f) => ({ findingId: f.id, action: "dismissed", reason: "generic wording" })));

    // Refused while open, whatever the client claims (an "edited" claim on an answer is not a resolution).
    const claim = JSON.stringify([...JSON.parse(dismissAllBut(onAnswer[0].id)), { findingId: onAnswer[0].id, action: "edited" }]);
    const refused = await post(`/s/${session.id}/summary`, rapporteur.cookie, { intent: "publish", body: JSON.stringify(draft), dismissals: claim, visibility: "public" });
    expect(refused.status).toBe(409);
    expect(await t.app.stores.summaries.listVersions(session.id)).toEqual([]);

    // Withholding the answer is a draft edit: saved with the draft, then publishing goes through.
    const alice = answerBlocks(draft).find((a) => a.text === NAME)!.id;
    const edited: SummaryBody = { ...draft, edits: { withheldAnswers: [alice], includedHiddenPolls: [] } };
    const saved = await post(`/s/${session.id}/summary`, rapporteur.cookie, { intent: "save", body: JSON.stringify(edited), dismissals: dismissAllBut(onAnswer[0].id) });
    expect(saved.status).toBeLessThan(400);
    expect((await t.app.stores.summaries.getDraft(session.id))!.body.edits).toEqual({ withheldAnswers: [alice], includedHiddenPolls: [] });
    const ok = await post(`/s/${session.id}/summary`, rapporteur.cookie, { intent: "publish", body: JSON.stringify(edited), dismissals: dismissAllBut(onAnswer[0].id), visibility: "public" });
    expect(ok.status).toBe(302);
    const v1 = (await t.app.stores.summaries.getVersion(session.id, 1))!;
    expect(v1.body.edits).toBeUndefined();

    // Every view and export: the answer and the hidden results are absent; the withholding is said.
    const docs: Record<string, string> = {};
    for (const format of ["md", "html", "json", "csv", "docx"]) {
      const res = await fetch(`${t.baseUrl}/outcomes/${v1.id}/${format}`);
      expect(res.status, format).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      docs[format] = format === "docx" ? readZip(bytes).get("word/document.xml")!.toString("utf8") : bytes.toString("utf8");
    }
    docs.page = await (await fetch(`${t.baseUrl}/outcomes/${v1.id}`)).text();
    for (const [format, text] of Object.entries(docs)) {
      expect(text, format).not.toMatch(/Zephyrine|rotating chair|secretariat/i);
      if (format !== "csv" && format !== "json") expect(text, format).toContain("1 answer withheld");
      if (format !== "csv" && format !== "json") expect(text, format).toContain("Results not included in the summary");
    }
    const polls = JSON.parse(docs.json).workshops[0].sessions[0].polls as { key: string; resultsWithheld: boolean; runs: { withheldAnswers: number; texts: string[] }[] }[];
    expect(polls.find((p) => p.key === "one-word")!.runs[0]).toMatchObject({ withheldAnswers: 1, texts: ["trust", "verification", "verification"] });
    expect(polls.find((p) => p.key === "who-chairs")).toMatchObject({ resultsWithheld: true, runs: [] });

    // Including the hidden poll: its answers are checked and published in v2.
    const included: SummaryBody = { ...edited, edits: { withheldAnswers: [alice], includedHiddenPolls: [pollRef(draft.panels[0].key, "who-chairs")] } };
    const v2 = await post(`/s/${session.id}/summary`, rapporteur.cookie, { intent: "publish", body: JSON.stringify(included), dismissals: dismissAllBut(onAnswer[0].id), visibility: "public" });
    expect(v2.status).toBe(302);
    expect(JSON.stringify((await t.app.stores.summaries.getVersion(session.id, 2))!.body)).toContain("rotating chair");
  });
});
