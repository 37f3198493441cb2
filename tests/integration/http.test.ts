/**
 * HTTP routes on a real server: join flow, bad input, unknown ids, access control, security
 * headers. Each bad request gets a clear 4xx and changes nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createI18n, type Language } from "../../app/i18n/config";
import { startTestApp, type TestApp } from "../helpers/app";

let t: TestApp;
let fixture: Awaited<ReturnType<TestApp["makeWorkshop"]>>;
let session: Awaited<ReturnType<TestApp["app"]["stores"]["sessions"]["create"]>>;

beforeAll(async () => {
  t = await startTestApp({ env: { DOOR_RATE_PER_MINUTE: "40" } });
  fixture = await t.makeWorkshop();
  session = await t.app.stores.sessions.create({ workshopId: fixture.workshopId, title: "Day 1", panelIds: fixture.panelIds, createdBy: fixture.userId });
});
afterAll(async () => t?.close());

const post = (path: string, fields: Record<string, string>, cookie?: string) =>
  fetch(`${t.baseUrl}${path}`, { method: "POST", body: new URLSearchParams(fields), redirect: "manual", headers: cookie ? { cookie } : {} });

describe("small doors (trial)", () => {
  it("refuses an unknown language with the translated 400 and sets no cookie", async () => {
    const res = await post("/language", { lang: "xx", returnTo: "/login" });
    expect(res.status).toBe(400);
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await res.text()).toContain(createI18n("en").t("common.badRequestBody"));
    const ok = await post("/language", { lang: "fr", returnTo: "/login" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("set-cookie")).toMatch(/=fr;/);
  });

  it("serves a favicon and links it from every page", async () => {
    const icon = await fetch(`${t.baseUrl}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(await icon.text()).toContain("<svg");
    expect(await (await fetch(`${t.baseUrl}/login`)).text()).toMatch(/<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml"/);
    expect((await fetch(`${t.baseUrl}/favicon.ico`, { redirect: "manual" })).status).not.toBe(404);
  });
});

describe("joining", () => {
  it("sends a typed code to its join page, and a wrong code back with an error", async () => {
    const ok = await fetch(`${t.baseUrl}/join?code=${session.joinCode.toLowerCase().slice(0, 3)}-${session.joinCode.slice(3)}`, { redirect: "manual" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`/j/${session.joinCode}`);
    const unknown = await fetch(`${t.baseUrl}/join?code=AAAAAA`, { redirect: "manual" });
    expect(unknown.headers.get("location")).toBe("/?error=unknown&code=AAAAAA");
    const invalid = await fetch(`${t.baseUrl}/join?code=${encodeURIComponent("<script>")}`, { redirect: "manual" });
    expect(invalid.headers.get("location")).toBe(`/?error=invalid&code=${encodeURIComponent("<script>")}`);
    // Well-formed but unknown, even with letters codes never use: "no open session has…" (trial).
    for (const path of ["/join?code=ZZZ-999", "/j/ZZZ999"]) {
      const res = await fetch(`${t.baseUrl}${path}`, { redirect: "manual" });
      expect(res.headers.get("location"), path).toMatch(/^\/\?error=unknown&code=ZZZ-?999$/);
    }
    const page = await (await fetch(`${t.baseUrl}/?error=unknown&code=ZZZ999`)).text();
    expect(page).toContain("No open session has the code");
    // /join opened directly: the start page without an error (nothing was typed); an empty submit is one.
    const direct = await fetch(`${t.baseUrl}/join`, { redirect: "manual" });
    expect(direct.headers.get("location")).toBe("/");
    const empty = await fetch(`${t.baseUrl}/join?code=`, { redirect: "manual" });
    expect(empty.headers.get("location")).toBe("/?error=invalid");
  });

  it("shows the rule and the consent line on the join page", async () => {
    const html = await (await fetch(`${t.baseUrl}/j/${session.joinCode}`)).text();
    expect(html).toContain("Chatham House Rule");
    expect(html).toContain('name="consent"');
  });

  it("refuses a join without consent or with an oversized name, storing nothing", async () => {
    const before = await t.app.stores.sessions.countParticipants(session.id);
    expect((await post(`/j/${session.joinCode}`, { displayName: "Ada" })).status).toBe(400);
    expect((await post(`/j/${session.joinCode}`, { displayName: "x".repeat(61), consent: "on" })).status).toBe(400);
    expect((await post(`/j/${session.joinCode}`, { sector: "press", consent: "on" })).status).toBe(400);
    expect(await t.app.stores.sessions.countParticipants(session.id)).toBe(before);
  });

  it("stores a participant with a sector but no address, and remembers them in the signed cookie", async () => {
    const res = await post(`/j/${session.joinCode}`, { displayName: "Ada", sector: "academia", consent: "on" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/s/${session.id}`);
    const participants = await t.app.stores.sessions.listParticipants(session.id);
    const ada = participants.find((p) => p.displayName === "Ada")!;
    expect(ada).toMatchObject({ role: "participant", sector: "academia", userId: null });
    expect(JSON.stringify(ada)).not.toMatch(/127\.0\.0\.1|::1/);
    const cookie = res.headers.get("set-cookie")!.split(";")[0];
    const page = await fetch(`${t.baseUrl}/s/${session.id}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    // A forged cookie is ignored: back to the join page.
    const forged = await fetch(`${t.baseUrl}/s/${session.id}`, { headers: { cookie: cookie.slice(0, -3) + "abc" }, redirect: "manual" });
    expect(forged.headers.get("location")).toBe(`/j/${session.joinCode}`);
  });
});

describe("access control and unknown ids", () => {
  it("keeps the console and projector closed to the wrong people", async () => {
    const anon = await fetch(`${t.baseUrl}/s/${session.id}/console`, { redirect: "manual" });
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    const other = await t.makeWorkshop();
    expect((await fetch(`${t.baseUrl}/s/${session.id}/console`, { headers: { cookie: other.cookie } })).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/s/${session.id}/console`, { headers: { cookie: fixture.cookie } })).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/s/${session.id}/projector?key=wrong`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/s/${session.id}/projector?key=${encodeURIComponent(session.projectorKey)}`)).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/s/no-such-session/console`, { headers: { cookie: fixture.cookie } })).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/workshops/no-such-workshop`, { headers: { cookie: fixture.cookie } })).status).toBe(404);
  });

  it("refuses a session of panels from another workshop", async () => {
    const other = await t.makeWorkshop();
    const res = await post(`/workshops/${fixture.workshopId}/sessions/new`, { title: "Sneaky", panelIds: other.panelIds[0] }, fixture.cookie);
    expect(res.status).toBe(400);
    expect((await t.app.stores.sessions.listForWorkshop(fixture.workshopId)).map((s) => s.title)).not.toContain("Sneaky");
  });
});

describe("page titles and error bodies in the reader's language", () => {
  const decode = (s: string) => s.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const page = async (path: string, lang: Language, cookie?: string) => {
    const res = await fetch(`${t.baseUrl}${path}`, { redirect: "manual", headers: { cookie: [cookie, `rt_lang=${lang}`].filter(Boolean).join("; ") } });
    const html = await res.text();
    return { status: res.status, html, title: decode(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "(no title)") };
  };

  it("every kind of page has its <title> in English or French, never English on a French page", async () => {
    type T = ReturnType<typeof createI18n>["t"];
    const cases: Array<[string, string | undefined, (t: T) => string]> = [
      ["/", undefined, (t) => t("common.appName")],
      ["/login", undefined, (t) => t("common.pageTitle", { page: t("organiser.auth.loginTitle") })],
      [`/j/${session.joinCode}`, undefined, (t) => t("common.pageTitle", { page: t("session.join.title", { title: "Day 1" }) })],
      ["/workshops", fixture.cookie, (t) => t("common.pageTitle", { page: t("organiser.workshops.title") })],
      ["/workshops/new", fixture.cookie, (t) => t("common.pageTitle", { page: t("organiser.newWorkshop.title") })],
      [`/workshops/${fixture.workshopId}/agenda`, fixture.cookie, (t) => t("common.pageTitle", { page: t("organiser.agenda.title") })],
      [`/workshops/${fixture.workshopId}/sessions/new`, fixture.cookie, (t) => t("common.pageTitle", { page: t("session.newSession.title") })],
      [`/s/${session.id}/console`, fixture.cookie, (t) => t("common.pageTitle", { page: t("session.console.metaTitle", { title: "Day 1" }) })],
      [`/s/${session.id}/notes`, fixture.cookie, (t) => t("common.pageTitle", { page: t("notes.page.metaTitle", { title: "Day 1" }) })],
      ["/templates", fixture.cookie, (t) => t("common.pageTitle", { page: t("organiser.templates.title") })],
      ["/archive", undefined, (t) => t("common.pageTitle", { page: t("archive.archive.metaTitle") })],
      ["/compare", undefined, (t) => t("common.pageTitle", { page: t("archive.compare.metaTitle") })],
    ];
    const en = createI18n("en").t;
    const fr = createI18n("fr").t;
    for (const [path, cookie, expected] of cases) {
      const english = await page(path, "en", cookie);
      const french = await page(path, "fr", cookie);
      expect([path, english.status, english.title]).toEqual([path, 200, expected(en)]);
      expect([path, french.status, french.title]).toEqual([path, 200, expected(fr)]);
      // "Roundtable" and "notes" are the same word in both languages.
      if (path !== "/" && !path.endsWith("/notes")) expect(french.title, path).not.toBe(english.title);
    }
    // Spelled out once, so a broken translator cannot make both sides agree on English.
    expect((await page("/login", "fr")).title).toBe("Connexion · Roundtable");
  });

  it("a 404 from a loader or from no route at all is titled and worded in French for a French reader", async () => {
    const fr = createI18n("fr").t;
    for (const [path, cookie] of [
      ["/no-such-page", undefined],
      [`/s/${session.id}/projector?key=wrong`, undefined],
      ["/s/no-such-session", undefined],
      [`/workshops/${fixture.workshopId}/panels/no-such-panel`, fixture.cookie],
    ] as const) {
      const res = await page(path, "fr", cookie);
      expect([path, res.status, res.title]).toEqual([path, 404, fr("common.pageTitle", { page: fr("common.notFoundTitle") })]);
      expect(decode(res.html), path).toContain(fr("common.notFoundBody"));
      expect(res.html, path).not.toMatch(/>Not found</);
    }
  });

  it("a malformed organiser form post gets the translated 400 page, not an English message", async () => {
    const res = await fetch(`${t.baseUrl}/workshops/${fixture.workshopId}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "bogus" }),
      headers: { cookie: `${fixture.cookie}; rt_lang=fr` },
    });
    expect(res.status).toBe(400);
    const html = decode(await res.text());
    expect(html).toContain(createI18n("fr").t("common.badRequestBody"));
    expect(html).not.toContain("unknown action");
  });

  it("resource routes (downloads) answer a translated plain-text 404 body", async () => {
    for (const lang of ["en", "fr"] as const) {
      const res = await fetch(`${t.baseUrl}/templates/no-such-template.json`, { headers: { cookie: `${fixture.cookie}; rt_lang=${lang}` } });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await res.text()).toBe(createI18n(lang).t("common.notFoundBody"));
    }
    const unknownOutcome = await fetch(`${t.baseUrl}/outcomes/no-such-summary/pdf`, { headers: { "accept-language": "fr" } });
    expect([unknownOutcome.status, await unknownOutcome.text()]).toEqual([404, createI18n("fr").t("common.notFoundBody")]);
  });
});

describe("headers", () => {
  it("sends a nonce CSP that every inline script of the page carries", async () => {
    const res = await fetch(`${t.baseUrl}/`);
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await res.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const [, attrs] of inline) expect(attrs).toContain(`nonce="${nonce}"`);
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("rate-limits the doors anyone can knock on", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await fetch(`${t.baseUrl}/join?code=ZZZZZZ`, { redirect: "manual" })).status);
    expect(statuses).toContain(429);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });
});
