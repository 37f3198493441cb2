/**
 * Session outcome end to end on a real app (port 0, real SQLite): participants join through
 * POST /j/<code> and vote over Socket.io, a rapporteur types notes through a real WebsocketProvider,
 * the facilitator ends the session (open polls close, the draft is built), publishing is refused
 * while a planted participant name is unresolved, then succeeds; every export is downloaded and
 * checked for the name, for escaped XSS payloads and for format validity.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addTakeaway, notesDocName, panelNotesFragment, setPlainText } from "../../app/domain/notes/model";
import { frameKey } from "../../server/replay/notes";
import { SummaryBody } from "../../app/domain/summary";
import { applyReplacement } from "../../app/components/summary/blocks";
import { checkBody } from "../../server/outcome/check";
import { createKyselyNoteStore } from "../../server/notes/store-kysely";
import { loadSessionNotes } from "../../server/outcome/notes-doc";
import { panelNotesText } from "../../app/domain/notes/model";
import { ask, startTestApp, waitFor, type TestApp } from "../helpers/app";
import { createNotesFixtures, notesClient, type NotesTestClient } from "../helpers/notes-app-fixtures";
import { validate } from "../fixtures/summary/json-schema-lite";
import { readZip } from "../fixtures/summary/zip-lite";

const PLANTED = "Zebedee Quillfeather";
const XSS_NOTE = `<img src=x onerror=alert(1)>`;
const XSS_TAKEAWAY = `</script><script>alert(1)</script>`;
/** A poll option label a facilitator types into a poll created live. */
const XSS_OPTION = `</script><script>alert(2)</script>`;
const XSS_LINK = "javascript:alert(3)";

/** Raw markup an HTML page or document must never contain once user text is escaped. */
const LIVE_PAYLOADS = [XSS_NOTE, "<script>alert(1)", "<script>alert(2)", `href="${XSS_LINK}`, "javascript:alert(3)"];

let t: TestApp;
const clients: NotesTestClient[] = [];
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await t?.close();
});

const post = (url: string, cookie: string | null, form: Record<string, string>) =>
  fetch(`${t.baseUrl}${url}`, { method: "POST", body: new URLSearchParams(form), redirect: "manual", headers: cookie ? { cookie } : {} });

describe("session outcome", () => {
  it("ends, drafts, gates publishing on the non-attribution check, publishes and exports", async () => {
    const fx = await t.makeWorkshop();
    const notesFx = createNotesFixtures(t.app.stores, t.app.auth.cookies, t.app.auth.hashPassword);
    const rapporteur = await notesFx.addStaff(fx.workshopId, "rapporteur", "Rita Rapporteur");
    const { session, facilitator, pollId } = await t.liveSession(fx);
    const agenda = await t.app.stores.workshops.getAgenda(fx.workshopId);

    // Seven participants join; one with the name we plant in the notes later.
    const names = [PLANTED, "", "", "", "", "", ""];
    const sectors = ["government", "government", "government", "government", "government", "industry", "academia"];
    const phones = await Promise.all(names.map(async (n, i) => t.connect({ sessionId: session.id, cookie: await t.join(session.joinCode, { displayName: n, sector: sectors[i] }) })));

    // One poll closed by the facilitator, one left open for the session end to close.
    const single = pollId("oewg-ideal-outcome");
    const scale = pollId("binding-vs-nonbinding");
    expect(await ask(facilitator, "poll:open", { pollId: single })).toEqual({ ok: true });
    expect(await ask(facilitator, "poll:open", { pollId: scale })).toEqual({ ok: true });
    for (const [i, p] of phones.entries()) {
      expect((await ask(p, "poll:respond", { pollId: single, value: { choice: i % 2 ? "path-to-treaty" : "tcbm-only" }, responseId: randomUUID() })).ok).toBe(true);
      expect((await ask(p, "poll:respond", { pollId: scale, value: { score: 2 + (i % 5) }, responseId: randomUUID() })).ok).toBe(true);
    }
    expect(await ask(facilitator, "poll:close", { pollId: single })).toEqual({ ok: true });

    // A poll created live whose option label is a script-breaking payload; everyone picks that option.
    const created = await ask(facilitator, "poll:create", {
      panelId: fx.panelIds[0],
      definition: { key: "xss-option", kind: "single", question: "Which wording?", options: [{ key: "trap", label: XSS_OPTION }, { key: "plain", label: "Plain wording" }] },
    });
    expect(created).toMatchObject({ ok: true });
    const xssPoll = (created as { data: { pollId: string } }).data.pollId;
    expect(await ask(facilitator, "poll:open", { pollId: xssPoll })).toEqual({ ok: true });
    for (const p of phones) expect((await ask(p, "poll:respond", { pollId: xssPoll, value: { choice: "trap" }, responseId: randomUUID() })).ok).toBe(true);
    expect(await ask(facilitator, "poll:close", { pollId: xssPoll })).toEqual({ ok: true });

    // The rapporteur writes through the real notes server.
    const writer = notesClient(t.baseUrl, session.id, rapporteur.cookie);
    clients.push(writer);
    await waitFor(() => writer.provider.synced);
    const panel0 = fx.panelIds[0];
    setPlainText(panelNotesFragment(writer.doc, panel0), `${PLANTED} argued that the OEWG should aim high.\nSome noted ${XSS_NOTE} risks.`);
    addTakeaway(writer.doc, panel0, `Verification matters ${XSS_TAKEAWAY}`);
    // A `javascript:` link, as the editor stores a link mark (a text attribute).
    writer.doc.transact(() => {
      const p = new Y.XmlElement("paragraph");
      const text = new Y.XmlText();
      p.insert(0, [text]);
      panelNotesFragment(writer.doc, panel0).push([p]);
      text.insert(0, "see the trap link", { link: { href: XSS_LINK } });
    });
    const noteStore = createKyselyNoteStore(t.app.storage.db);
    await waitFor(async () => panelNotesText(await loadSessionNotes(noteStore, session.id), panel0).includes("trap link"));

    expect(await ask(facilitator, "session:end")).toEqual({ ok: true });
    await waitFor(async () => (await t.app.stores.summaries.getDraft(session.id)) !== null);
    // The end also freezes the notes history for fast replays (server/replay/notes-frozen.ts), per panel.
    await waitFor(async () => (await t.app.stores.settings.get(frameKey(notesDocName(session.id), panel0))) !== null);
    const frame = JSON.parse((await t.app.stores.settings.get(frameKey(notesDocName(session.id), panel0)))!);
    expect(frame.panel.panelId).toBe(panel0);
    expect(JSON.stringify(frame)).not.toContain("Rita Rapporteur");

    // Every run is closed, the session-end close is in the event log, and the draft has both polls.
    expect((await t.app.stores.polls.listRuns(session.id)).every((r) => r.status === "closed")).toBe(true);
    const events = await t.app.stores.sessions.listEvents(session.id);
    expect(events.filter((e) => e.type === "poll.closed").map((e) => e.payload.pollId)).toEqual(expect.arrayContaining([single, scale]));
    const draft = (await t.app.stores.summaries.getDraft(session.id))!;
    expect(SummaryBody.safeParse(draft.body).success).toBe(true);
    expect(draft.body.panels.map((p) => p.title)).toEqual(agenda.map((p) => p.title));
    expect(draft.body.panels[0].takeaways).toEqual([`Verification matters ${XSS_TAKEAWAY}`]);
    const polls = draft.body.panels.flatMap((p) => p.polls);
    expect(polls.find((p) => p.key === "oewg-ideal-outcome")!.n).toBe(7);
    expect(polls.find((p) => p.key === "binding-vs-nonbinding")!.runs).toHaveLength(1);
    expect(draft.body.participants.count).toBe(7);
    // Participant names never reach the body on their own (only where the rapporteur typed one).
    expect(JSON.stringify({ ...draft.body, panels: [] })).not.toContain(PLANTED);

    // The draft page works for the rapporteur and lists the finding; strangers get nothing.
    const page = await fetch(`${t.baseUrl}/s/${session.id}/summary`, { headers: { cookie: rapporteur.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("finding");
    expect((await fetch(`${t.baseUrl}/s/${session.id}/summary`, { redirect: "manual" })).status).toBe(302);

    // Publishing with the planted name unresolved is refused, whatever the client claims.
    const claimEdited = JSON.stringify([{ findingId: "anything", action: "edited" }]);
    const refused = await post(`/s/${session.id}/summary`, rapporteur.cookie, { intent: "publish", body: JSON.stringify(draft.body), dismissals: claimEdited, visibility: "public" });
    expect(refused.status).toBe(409);
    expect(await t.app.stores.summaries.listVersions(session.id)).toEqual([]);

    // Resolve: apply the suggestion for names, dismiss the rest with a reason.
    const findings = await checkBody(t.app.stores, session.id, draft.body);
    const nameFinding = findings.find((f) => f.match.includes("Zebedee"));
    expect(nameFinding).toBeDefined();
    const edited = applyReplacement(draft.body, nameFinding!);
    const rest = (await checkBody(t.app.stores, session.id, edited)).map((f) => ({ findingId: f.id, action: "dismissed", reason: "generic wording, not a person" }));
    // A poll result forged in the post is ignored: results come from the stored draft.
    const forged = structuredClone(edited);
    forged.participants.count = 999;
    const ok = await post(`/s/${session.id}/summary`, rapporteur.cookie, { intent: "publish", body: JSON.stringify(forged), dismissals: JSON.stringify(rest), visibility: "public" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`/s/${session.id}/summary/versions?published=1`);
    const v1 = (await t.app.stores.summaries.getVersion(session.id, 1))!;
    expect(v1.body.participants.count).toBe(7);
    expect(JSON.stringify(v1.body)).not.toContain(PLANTED);

    // Every export, anonymously (public version), via both URLs.
    const schema = JSON.parse(readFileSync(path.resolve(__dirname, "../../server/exports/dataset.schema.json"), "utf8"));
    const types: Record<string, string> = { docx: "wordprocessingml", pdf: "application/pdf", md: "text/markdown", html: "text/html", json: "application/json", csv: "text/csv" };
    for (const base of [`/s/${session.id}/summary/v/1`, `/outcomes/${v1.id}`]) {
      for (const [format, type] of Object.entries(types)) {
        if (format === "pdf" && base.startsWith("/outcomes")) continue; // one PDF render is enough (Chromium is slow)
        const res = await fetch(`${t.baseUrl}${base}/${format}`);
        expect(res.status, `${base}/${format}`).toBe(200);
        expect(res.headers.get("content-type")).toContain(type);
        expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="[a-z0-9-]+-v1(-dataset)?\\.${format}"$`));
        const bytes = Buffer.from(await res.arrayBuffer());
        let text = bytes.toString("utf8");
        if (format === "docx") {
          const doc = readZip(bytes).get("word/document.xml");
          expect(doc).toBeDefined();
          text = doc!.toString("utf8");
          for (const p of agenda) expect(text).toContain(p.title.replace(/&/g, "&amp;").replace(/'/g, "&apos;").slice(0, 20));
        }
        if (format === "pdf") expect(text.startsWith("%PDF-")).toBe(true);
        if (format === "json") expect(validate(schema, JSON.parse(text))).toEqual([]);
        if (format === "md") {
          // Markdown: every "<" is backslash-escaped (inert), and no HTML entity shows up in the text.
          expect(text).not.toMatch(/(?<!\\)<[a-z/]/i);
          expect(text).not.toMatch(/&(?:lt|gt|amp);/);
          expect(text).toContain("\\<img src=x onerror=alert(1)\\>");
          expect(text).toContain("/script\\>\\<script\\>alert(2)");
          expect(text).not.toContain("javascript:alert(3)");
          expect(text).toContain("see the trap link");
        }
        if (format === "html" || format === "docx") {
          for (const payload of LIVE_PAYLOADS) expect(text, `${base}/${format}`).not.toContain(payload);
          expect(text).toContain("img src=x onerror=alert(1)");
          expect(text).toContain("/script&gt;&lt;script&gt;alert(2)");
          expect(text).toContain("see the trap link");
        }
        if (format === "json" || format === "csv") {
          // Data, not markup: the label is kept verbatim (a consumer escapes it where it renders it).
          expect(text).toContain(format === "json" ? JSON.stringify(XSS_OPTION).slice(1, -1) : XSS_OPTION);
          expect(text).not.toContain("javascript:");
        }
        expect(text).not.toContain(PLANTED);
        expect(text).not.toContain("Zebedee");
      }
    }

    // The public page renders the body escaped and without names.
    const outcome = await fetch(`${t.baseUrl}/outcomes/${v1.id}`);
    expect(outcome.status).toBe(200);
    const html = await outcome.text();
    expect(html).not.toContain(PLANTED);
    expect(html).toContain(agenda[0].title.slice(0, 20));

    // Every view that shows this session's user text (staff and public), with the payloads inert:
    // React escapes text, Remix's hydration data escapes "<", and the unsafe link is plain text.
    const views: Array<[string, string | null]> = [
      [`/outcomes/${v1.id}`, null],
      [`/s/${session.id}/summary`, rapporteur.cookie],
      [`/s/${session.id}/summary/versions`, fx.cookie],
      [`/s/${session.id}/summary/v/1`, rapporteur.cookie],
      [`/s/${session.id}/replay`, fx.cookie],
      [`/workshops/${fx.workshopId}`, fx.cookie],
      ["/archive", null],
      ["/compare?poll=xss-option", fx.cookie],
    ];
    for (const [url, cookie] of views) {
      const res = await fetch(`${t.baseUrl}${url}`, { headers: cookie ? { cookie } : {} });
      expect(res.status, url).toBe(200);
      const page = await res.text();
      for (const payload of LIVE_PAYLOADS) expect(page, `${url} contains ${payload}`).not.toContain(payload);
      expect(page, url).not.toContain(PLANTED);
    }
    // The replay at the end: the notes and the poll as JSON data, with nobody's name.
    const replayJson = await fetch(`${t.baseUrl}/s/${session.id}/replay.json?t=${Date.now()}`, { headers: { cookie: fx.cookie } });
    expect(replayJson.headers.get("content-type")).toContain("application/json");
    const moment = await replayJson.text();
    expect(moment).not.toContain("Rita Rapporteur");
    expect(moment).toContain("trap link");

    // Made private: gone for readers (404), still there for staff.
    expect((await post(`/s/${session.id}/summary/versions`, fx.cookie, { intent: "visibility", version: "1", visibility: "private" })).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/outcomes/${v1.id}`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/outcomes/${v1.id}/md`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/s/${session.id}/summary/v/1/md`, { redirect: "manual" })).status).toBe(302);
    expect((await fetch(`${t.baseUrl}/s/${session.id}/summary/v/1/md`, { headers: { cookie: rapporteur.cookie } })).status).toBe(200);
    // The body of a published version is immutable: the record equals what was published.
    expect((await t.app.stores.summaries.getVersion(session.id, 1))!.body).toEqual(v1.body);

    // Versions and diff pages; publisher shown to the organiser only (Chatham House).
    await post(`/s/${session.id}/summary`, rapporteur.cookie, { intent: "publish", body: JSON.stringify(edited), dismissals: JSON.stringify(rest), visibility: "unlisted" });
    expect((await t.app.stores.summaries.listVersions(session.id)).map((v) => v.version)).toEqual([2, 1]);
    const asOrganiser = await (await fetch(`${t.baseUrl}/s/${session.id}/summary/versions`, { headers: { cookie: fx.cookie } })).text();
    const asRapporteur = await (await fetch(`${t.baseUrl}/s/${session.id}/summary/versions`, { headers: { cookie: rapporteur.cookie } })).text();
    // (The rapporteur's own name is in their page header, so look for the line itself.)
    expect(asOrganiser).toMatch(/Published by Rita Rapporteur on [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2}/);
    expect(asRapporteur).not.toContain("Published by");
    const diff = await fetch(`${t.baseUrl}/s/${session.id}/summary/diff?a=1&b=2`, { headers: { cookie: fx.cookie } });
    expect(diff.status).toBe(200);
    expect(await diff.text()).toContain("identical");
  }, 120_000);

  it("answers bad input with 4xx, never 500", async () => {
    const fx = await t.makeWorkshop();
    const session = await t.app.stores.sessions.create({ workshopId: fx.workshopId, title: "Day 2", panelIds: fx.panelIds, createdBy: fx.userId });
    const base = `/s/${session.id}/summary`;
    // No draft yet: save is refused, publish too; a rebuild makes one even before the session ends.
    expect((await post(base, fx.cookie, { intent: "save", body: "{}", dismissals: "[]" })).status).toBe(400);
    expect((await post(base, fx.cookie, { intent: "nonsense" })).status).toBe(400);
    expect((await post(base, fx.cookie, { intent: "publish", body: "not json", dismissals: "[]", visibility: "public" })).status).toBe(400);
    expect((await post(base, fx.cookie, { intent: "rebuild" })).status).toBe(200);
    const draft = (await t.app.stores.summaries.getDraft(session.id))!;
    // The session has not ended: publishing is refused.
    expect((await post(base, fx.cookie, { intent: "publish", body: JSON.stringify(draft.body), dismissals: "[]", visibility: "private" })).status).toBe(409);
    for (const url of [`${base}/v/abc/docx`, `${base}/v/1/exe`, `${base}/v/0/md`, `${base}/v/99/md`, `/outcomes/%3Cscript%3E`, `/outcomes/no-such-id/docx`, `/outcomes/${draft.id}`]) {
      expect((await fetch(`${t.baseUrl}${url}`, { headers: { cookie: fx.cookie } })).status, url).toBe(404);
    }
    expect((await fetch(`${t.baseUrl}${base}/diff?a=x&b=1`, { headers: { cookie: fx.cookie } })).status).toBe(400);
    expect((await fetch(`${t.baseUrl}/s/no-such-session/summary`, { headers: { cookie: fx.cookie } })).status).toBe(404);
  });
});
