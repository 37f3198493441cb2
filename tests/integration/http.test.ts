/**
 * HTTP routes on a real server: join flow, bad input, unknown ids, access control, security
 * headers. Each bad request gets a clear 4xx and changes nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("joining", () => {
  it("sends a typed code to its join page, and a wrong code back with an error", async () => {
    const ok = await fetch(`${t.baseUrl}/join?code=${session.joinCode.toLowerCase().slice(0, 3)}-${session.joinCode.slice(3)}`, { redirect: "manual" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`/j/${session.joinCode}`);
    const unknown = await fetch(`${t.baseUrl}/join?code=AAAAAA`, { redirect: "manual" });
    expect(unknown.headers.get("location")).toBe("/?error=unknown&code=AAAAAA");
    const invalid = await fetch(`${t.baseUrl}/join?code=${encodeURIComponent("<script>")}`, { redirect: "manual" });
    expect(invalid.headers.get("location")).toBe(`/?error=invalid&code=${encodeURIComponent("<script>")}`);
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
