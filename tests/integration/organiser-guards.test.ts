/**
 * Organiser guards over real HTTP on a real server (port 0, fresh SQLite):
 * - B16: a workshop's rule is fixed once a session has started or someone has joined one (they
 *   consented under it); before that it stays editable. Refused on the server with an error next to
 *   the rule, translated, and nothing stored changes.
 * - Only organisers create workshops (DESIGN.md); other staff get a translated 403 page and no
 *   "New workshop" button.
 * - S4: organisers list a workshop's invitations (never their tokens) and revoke pending ones; a
 *   revoked link says so, translated, and cannot be used.
 * - A throttled sign-in (429) says when to retry (`Retry-After`, seconds).
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app";
import { snapshotTables } from "../helpers/db";
import { invitationListingId } from "../../server/storage/stores/members";

let t: TestApp;
let org: Awaited<ReturnType<TestApp["makeWorkshop"]>>;
let facilitator: { id: string; cookie: string };

beforeAll(async () => {
  t = await startTestApp();
  org = await t.makeWorkshop();
  const user = await t.app.stores.users.create({ email: "fran@example.org", name: "Fran Facilitator", passwordHash: await t.app.auth.hashPassword("correct horse battery") });
  await t.app.stores.workshops.addMember(org.workshopId, user.id, "facilitator");
  facilitator = { id: user.id, cookie: await t.cookieFor({ userId: user.id }) };
});
afterAll(async () => t?.close());

const get = (path: string, cookie?: string, lang?: string) =>
  fetch(`${t.baseUrl}${path}`, { redirect: "manual", headers: { ...(cookie ? { cookie } : {}), ...(lang ? { "accept-language": lang } : {}) } });
const post = (path: string, fields: Record<string, string>, cookie?: string, lang?: string) =>
  fetch(`${t.baseUrl}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    redirect: "manual",
    headers: { ...(cookie ? { cookie } : {}), ...(lang ? { "accept-language": lang } : {}) },
  });

/** Runs `bad` and asserts that not one stored row changed. */
async function changesNothing(bad: () => Promise<void>) {
  const before = await snapshotTables(t.app.storage);
  await bad();
  expect(await snapshotTables(t.app.storage)).toEqual(before);
}

const DETAILS = { title: "Nairobi follow-up", region: "East Africa", timeZone: "Africa/Nairobi", startsOn: "2026-12-01", endsOn: "2026-12-02", minCellSize: "5" };

describe("the rule is fixed once people are under it (B16)", () => {
  const edit = (workshopId: string, rule: string, extra: Record<string, string> = {}, lang?: string) =>
    post(`/workshops/${workshopId}/edit`, { ...DETAILS, rule, ...extra }, org.cookie, lang);
  const ruleOf = async (workshopId: string) => (await t.app.stores.workshops.get(workshopId))!.rule;

  it("stays editable before any session starts, even with a session prepared", async () => {
    expect((await edit(org.workshopId, "attributed")).status).toBe(302);
    expect(await ruleOf(org.workshopId)).toBe("attributed");
    await t.app.stores.sessions.create({ workshopId: org.workshopId, title: "Prepared", panelIds: org.panelIds, createdBy: org.userId });
    expect((await edit(org.workshopId, "chatham-house")).status).toBe(302);
    expect(await ruleOf(org.workshopId)).toBe("chatham-house");
    const page = await (await get(`/workshops/${org.workshopId}/edit`, org.cookie)).text();
    expect(page).not.toContain('id="f-rule-note"');
  });

  it("after a session has started a change is refused next to the field (en, fr); other details still save", async () => {
    const live = await t.liveSession(org);
    await changesNothing(async () => {
      const res = await edit(org.workshopId, "attributed", { title: "Renamed while refused" });
      expect(res.status).toBe(409);
      const html = await res.text();
      expect(html).toMatch(/id="f-rule-error"[^>]*>[^<]*The rule can no longer change/);
      expect(html).toContain("Chatham House");
      const fr = await edit(org.workshopId, "attributed", {}, "fr");
      expect(fr.status).toBe(409);
      expect(await fr.text()).toMatch(/id="f-rule-error"[^>]*>[^<]*La règle ne peut plus changer/);
      // The store refuses too, whoever calls it.
      await expect(t.app.stores.workshops.update(org.workshopId, { rule: "attributed" })).rejects.toMatchObject({ name: "ConflictError", kind: "state" });
    });
    expect(await ruleOf(org.workshopId)).toBe("chatham-house");
    // The form says so before anyone tries.
    expect(await (await get(`/workshops/${org.workshopId}/edit`, org.cookie)).text()).toContain('id="f-rule-note"');
    // Keeping the rule while changing the title is fine.
    expect((await edit(org.workshopId, "chatham-house", { title: "Nairobi follow-up, day 2" })).status).toBe(302);
    expect((await t.app.stores.workshops.get(org.workshopId))!.title).toBe("Nairobi follow-up, day 2");
    live.facilitator.disconnect();
  });

  it("a participant who joined a session that has not started yet also fixes the rule", async () => {
    const other = await t.makeWorkshop();
    const session = await t.app.stores.sessions.create({ workshopId: other.workshopId, title: "Day 1", panelIds: other.panelIds, createdBy: other.userId });
    expect(await t.app.stores.workshops.ruleLocked(other.workshopId)).toBe(false);
    await t.join(session.joinCode);
    await changesNothing(async () => {
      expect((await post(`/workshops/${other.workshopId}/edit`, { ...DETAILS, rule: "attributed" }, other.cookie)).status).toBe(409);
    });
    expect(await ruleOf(other.workshopId)).toBe("chatham-house");
  });
});

describe("only organisers create workshops", () => {
  it("a facilitator gets a translated 403 page and creates nothing; the button is not shown to them", async () => {
    const template = (await t.app.stores.templates.getByKey("space-security-norms"))!;
    await changesNothing(async () => {
      const page = await get("/workshops/new", facilitator.cookie);
      expect(page.status).toBe(403);
      expect(await page.text()).toContain("Only organisers can create workshops.");
      const fr = await get("/workshops/new", facilitator.cookie, "fr");
      expect(fr.status).toBe(403);
      expect(await fr.text()).toContain("Seuls les organisateurs peuvent créer des ateliers.");
      const created = await post("/workshops/new", { ...DETAILS, rule: "chatham-house", templateId: template.id }, facilitator.cookie);
      expect(created.status).toBe(403);
      // A workshop page the facilitator may not edit says so in their language, not "Forbidden".
      const edit = await get(`/workshops/${org.workshopId}/edit`, facilitator.cookie, "fr");
      expect(edit.status).toBe(403);
      expect(await edit.text()).toContain("Vous n’avez pas accès à cette page.");
    });
    expect(await (await get("/workshops", facilitator.cookie)).text()).not.toContain('href="/workshops/new"');
    expect(await (await get("/workshops", org.cookie)).text()).toContain('href="/workshops/new"');
    expect((await get("/workshops/new", org.cookie)).status).toBe(200);
    // Nor is "Use this template" on a template's page.
    const useIt = `href="/workshops/new?template=${template.id}"`;
    expect(await (await get(`/templates/${template.id}`, facilitator.cookie)).text()).not.toContain(useIt);
    expect(await (await get(`/templates/${template.id}`, org.cookie)).text()).toContain(useIt);
  });
});

describe("invitations: list and revoke (S4)", () => {
  const overview = () => `/workshops/${org.workshopId}`;
  const invite = async (role: string) => {
    const res = await post(overview(), { intent: "invite", role }, org.cookie);
    expect(res.status).toBe(200);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/invite\/([A-Za-z0-9_-]{43}))/.exec(await res.text())!;
    return { url: url[1], token: url[2] };
  };
  const listed = async () => t.app.stores.workshops.listInvitations(org.workshopId);

  it("lists each invitation's role, dates and state without its token; only organisers see the list", async () => {
    const first = await invite("facilitator");
    const second = await invite("rapporteur");
    const rows = await listed();
    expect(rows.map((r) => `${r.role}:${r.state}`).sort()).toEqual(["facilitator:pending", "rapporteur:pending"]);
    const html = await (await get(overview(), org.cookie)).text();
    expect(html).toContain("Invitation links");
    expect(html.match(/>Pending</g)).toHaveLength(2);
    for (const { token } of [first, second]) expect(html).not.toContain(token);
    for (const row of rows) expect(html).toContain(`data-invitation="${row.id}"`);
    const staffView = await (await get(overview(), facilitator.cookie)).text();
    expect(staffView).not.toContain("Invitation links");
  });

  it("a revoked link is refused with a clear, translated message; bad revokes change nothing", async () => {
    const { url, token } = await invite("rapporteur");
    const id = invitationListingId(token);
    expect((await listed()).find((r) => r.id === id)).toMatchObject({ role: "rapporteur", state: "pending" });
    await changesNothing(async () => {
      expect((await post(overview(), { intent: "revoke", invitation: id }, facilitator.cookie)).status).toBe(403);
      expect((await post(overview(), { intent: "revoke", invitation: "AAAAAAAAAAAAAAAA" }, org.cookie)).status).toBe(404);
      expect((await post(overview(), { intent: "revoke", invitation: token }, org.cookie)).status).toBe(400);
    });
    const revoked = await post(overview(), { intent: "revoke", invitation: id }, org.cookie);
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toContain("Invitation revoked: its link no longer works.");
    expect((await listed()).find((r) => r.id === id)).toMatchObject({ state: "revoked" });
    expect(await (await get(overview(), org.cookie)).text()).toMatch(/>Revoked</);

    const page = await get(new URL(url).pathname);
    expect(await page.text()).toContain("This invitation was revoked");
    expect(await (await get(new URL(url).pathname, undefined, "fr")).text()).toContain("Cette invitation a été révoquée");
    const newcomer = { intent: "signup", name: "Late Larry", email: "larry@example.org", password: "another good passphrase", confirm: "another good passphrase" };
    await changesNothing(async () => {
      const signup = await post(new URL(url).pathname, newcomer);
      expect(signup.status).toBe(409);
      expect(await signup.text()).toContain("This invitation was revoked by the organiser.");
      // Signed in already: accepting is refused the same way.
      const accept = await post(new URL(url).pathname, { intent: "accept" }, facilitator.cookie);
      expect(accept.status).toBe(409);
      await expect(t.app.stores.workshops.acceptInvitation(token, facilitator.id)).rejects.toMatchObject({ name: "RevokedError" });
      // Revoking twice is refused.
      expect((await post(overview(), { intent: "revoke", invitation: id }, org.cookie)).status).toBe(409);
    });
    expect(await t.app.stores.users.findByEmail("larry@example.org")).toBeNull();
  });

  it("a used invitation shows who used it and cannot be revoked", async () => {
    const { url, token } = await invite("facilitator");
    const newcomer = { intent: "signup", name: "Una Used", email: "una@example.org", password: "another good passphrase", confirm: "another good passphrase" };
    expect((await post(new URL(url).pathname, newcomer)).status).toBe(302);
    const used = (await listed()).find((r) => r.id === invitationListingId(token))!;
    expect(used).toMatchObject({ state: "used", acceptedByName: "Una Used" });
    await changesNothing(async () => {
      expect((await post(overview(), { intent: "revoke", invitation: used.id }, org.cookie)).status).toBe(409);
    });
    expect(await (await get(overview(), org.cookie)).text()).toContain("Used by Una Used");
  });
});

/** POSTs a form from a chosen loopback address (127.0.0.x), to play a client of its own. */
function postFrom(localAddress: string, path: string, fields: Record<string, string>) {
  const body = new URLSearchParams(fields).toString();
  const url = new URL(path, t.baseUrl);
  return new Promise<{ status: number; retryAfter?: string }>((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", localAddress, headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) } },
      (res) => {
        res.resume().on("end", () => resolve({ status: res.statusCode!, retryAfter: res.headers["retry-after"] as string | undefined }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("sign-in throttling says when to retry", () => {
  it("a 429 carries Retry-After in whole seconds, within the 15-minute window", async () => {
    const email = (await t.app.stores.users.get(org.userId))!.email;
    for (let i = 0; i < 5; i++) expect((await postFrom("127.0.0.9", "/login", { email, password: `wrong password ${i}` })).status).toBe(401);
    const throttled = await postFrom("127.0.0.9", "/login", { email, password: "wrong again" });
    expect(throttled.status).toBe(429);
    expect(throttled.retryAfter).toMatch(/^\d+$/);
    expect(Number(throttled.retryAfter)).toBeGreaterThan(0);
    expect(Number(throttled.retryAfter)).toBeLessThanOrEqual(15 * 60);
    // A browser with JavaScript posts to the route's data URL (single fetch): the header comes along.
    const data = await postFrom("127.0.0.9", "/login.data", { email, password: "wrong again" });
    expect(data.status).toBe(429);
    expect(Number(data.retryAfter)).toBeGreaterThan(0);
  });
});
