/**
 * Security fixes found by the new-user QA trial, over real HTTP on a real server (port 0, fresh
 * SQLite): who may import templates and what an import may replace, join-code and sign-in throttling,
 * cross-origin posts, invitation revocation. Every refused request must leave every stored row as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app";
import { snapshotTables } from "../helpers/db";

let t: TestApp;
let org: Awaited<ReturnType<TestApp["makeWorkshop"]>>;

beforeAll(async () => {
  t = await startTestApp();
  org = await t.makeWorkshop();
});
afterAll(async () => t?.close());

const get = (path: string, cookie?: string) => fetch(`${t.baseUrl}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
const post = (path: string, body: URLSearchParams | FormData, headers: Record<string, string> = {}) =>
  fetch(`${t.baseUrl}${path}`, { method: "POST", body, redirect: "manual", headers });

async function changesNothing(bad: () => Promise<void>) {
  const before = await snapshotTables(t.app.storage);
  await bad();
  expect(await snapshotTables(t.app.storage)).toEqual(before);
}

describe("template import (S1)", () => {
  const upload = (name: string, text: string, cookie: string) => {
    const fd = new FormData();
    fd.set("file", new Blob([text]), name);
    return post("/templates", fd, { cookie });
  };
  const seeded = async () => (await t.app.stores.templates.getByKey("space-security-norms"))!;
  const hijack = async () =>
    JSON.stringify({
      key: "space-security-norms",
      title: "Hijacked",
      panels: [{ key: "one", title: "One", framing: "F.", prompts: ["P?"], durationMinutes: 15, polls: [{ key: "q", kind: "open", question: "Q?" }] }],
    });

  it("a rapporteur (staff, not an organiser) cannot import, and the seeded template is untouched", async () => {
    const rita = await t.app.stores.users.create({ email: "rita@example.org", name: "Rita", passwordHash: await t.app.auth.hashPassword("correct horse battery") });
    await t.app.stores.workshops.addMember(org.workshopId, rita.id, "rapporteur");
    const cookie = await t.cookieFor({ userId: rita.id });
    expect((await get(`/workshops/${org.workshopId}/agenda`, cookie)).status).toBe(403);
    const page = await (await get("/templates", cookie)).text();
    expect(page).toContain("Only organisers can import templates.");
    expect(page).not.toContain('type="file"');
    await changesNothing(async () => {
      const res = await upload("t.json", await hijack(), cookie);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("Only organisers can import templates.");
    });
    expect((await seeded()).title).not.toBe("Hijacked");
  });

  it("an organiser importing an existing key with other content is refused with a suggested new key; a new key imports", async () => {
    await changesNothing(async () => {
      const res = await upload("t.json", await hijack(), org.cookie);
      expect(res.status).toBe(409);
      const html = await res.text();
      expect(html).toContain("already exists");
      expect(html).toContain("space-security-norms-2");
    });
    expect((await seeded()).title).not.toBe("Hijacked");
    const ok = await upload("t.json", (await hijack()).replace("space-security-norms", "space-security-norms-2"), org.cookie);
    expect(ok.status).toBe(200);
    expect((await t.app.stores.templates.getByKey("space-security-norms-2"))!.title).toBe("Hijacked");
  });
});

describe("join-code guessing (S3)", () => {
  it("misses are limited per address with a translated 429; right-code lookups never count", async () => {
    const session = await t.app.stores.sessions.create({ workshopId: org.workshopId, title: "Day 1", panelIds: [], createdBy: org.userId });
    // A room joining with the right code from one NAT address is never throttled.
    for (let i = 0; i < 30; i++) expect((await get(`/j/${session.joinCode}`)).status).toBe(200);
    await changesNothing(async () => {
      for (let i = 0; i < 20; i++) {
        const miss = i % 2 ? await get(`/j/ABCDEF`) : await post(`/j/ABCDEF`, new URLSearchParams({ consent: "on" }));
        expect([miss.status, miss.headers.get("location")]).toEqual([302, "/?error=unknown"]);
      }
      for (const res of [await get("/j/ABCDEG"), await get(`/join?code=ABCDEH`), await post("/j/ABCDEF", new URLSearchParams({ consent: "on" }))]) {
        expect(res.status).toBe(429);
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(await res.text()).toContain("Too many session codes that do not exist were tried");
      }
      const fr = await fetch(`${t.baseUrl}/j/ABCDEF`, { headers: { "accept-language": "fr" }, redirect: "manual" });
      expect(fr.status).toBe(429);
      expect(await fr.text()).toContain("Trop de codes de session inexistants");
      // Once spent, even the right code waits (the limiter cannot tell a guess from a join).
      expect((await get(`/j/${session.joinCode}`)).status).toBe(429);
    });
  });
});
