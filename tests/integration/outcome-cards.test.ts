/**
 * Where staff find a session's outcome, on a real server: the workshop page's Outcomes card shows the
 * latest published version (with its visibility) and says "Newer draft in progress" only when the
 * draft differs from it (not "Draft in progress" after publishing, as it did); the facilitator
 * console of an ended session opens on the outcome card (draft, versions, replay) instead of the
 * emptied controls card; a download follows the reader's language. The session is ended over the real
 * socket, which builds the draft.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ask, startTestApp, waitFor, type TestApp } from "../helpers/app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

/** The Outcomes card's HTML on the workshop page, as its organiser sees it. */
async function outcomesCard(workshopId: string, cookie: string): Promise<string> {
  const res = await fetch(`${t.baseUrl}/workshops/${workshopId}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  const html = await res.text();
  const start = html.indexOf('class="card stack session-outcomes"');
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf("</section>", start));
}

describe("outcome cards after a session ends", () => {
  it("console shows the outcome links, not an empty controls card; the workshop card follows draft and versions", async () => {
    const workshop = await t.makeWorkshop();
    const { session, facilitator } = await t.liveSession(workshop);
    expect(await ask(facilitator, "session:end")).toEqual({ ok: true });
    await waitFor(async () => (await t.app.stores.summaries.getDraft(session.id)) !== null, 20_000);

    const consoleRes = await fetch(`${t.baseUrl}/s/${session.id}/console`, { headers: { cookie: workshop.cookie } });
    expect(consoleRes.status).toBe(200);
    const consoleHtml = await consoleRes.text();
    expect(consoleHtml).toContain('data-testid="outcome-links"');
    expect(consoleHtml).toContain(`href="/s/${session.id}/summary"`);
    expect(consoleHtml).toContain(`href="/s/${session.id}/replay"`);
    // The controls card had nothing left to show once ended.
    expect(consoleHtml).not.toContain('aria-labelledby="controls"');
    // Nothing is left to join: no code, QR code or "How to join" (trial 63).
    expect(consoleHtml).not.toContain('data-testid="join-code"');
    expect(consoleHtml).not.toContain("How to join");

    // Ended, nothing published yet: the draft is what there is.
    let card = await outcomesCard(workshop.workshopId, workshop.cookie);
    expect(card).toContain("Not published");
    expect(card).toContain("Draft in progress");

    // Publish as the outcome service does: save the draft, then publish that same body.
    const draft = (await t.app.stores.summaries.getDraft(session.id))!;
    await t.app.stores.summaries.saveDraft(session.id, draft.body);
    const v1 = await t.app.stores.summaries.publish(session.id, { body: draft.body, publishedBy: workshop.userId, visibility: "unlisted", at: Date.now() });
    // Downloads are labelled in the reader's language (here the language cookie), the footer included.
    const fr = await (await fetch(`${t.baseUrl}/outcomes/${v1.id}/md`, { headers: { cookie: "rt_lang=fr" } })).text();
    expect(fr).toContain("Tenu sous la règle de Chatham House");
    expect(fr).toContain("Non lancé.");
    expect(fr).not.toContain("Held under");
    expect(fr).not.toContain("Not run.");
    const en = await (await fetch(`${t.baseUrl}/outcomes/${v1.id}/md`, { headers: { "accept-language": "en" } })).text();
    expect(en).toContain("Held under the Chatham House Rule");
    card = await outcomesCard(workshop.workshopId, workshop.cookie);
    expect(card).toContain("Version 1");
    expect(card).toContain("Unlisted");
    expect(card).not.toContain("Not published");
    expect(card).not.toContain("Draft in progress");
    expect(card).not.toContain("Newer draft in progress");

    // A rapporteur edits the draft after publishing: the card says a newer draft exists, next to v1.
    await t.app.stores.summaries.saveDraft(session.id, { ...draft.body, panels: draft.body.panels.map((p, i) => (i === 0 ? { ...p, takeaways: [...p.takeaways, "Edited after v1."] } : p)) });
    card = await outcomesCard(workshop.workshopId, workshop.cookie);
    expect(card).toContain("Version 1");
    expect(card).toContain("Newer draft in progress");
  });
});
