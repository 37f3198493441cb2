/**
 * Security fixes found by the new-user QA trial, over real HTTP on a real server (port 0, fresh
 * SQLite): who may import templates and what an import may replace, join-code and sign-in throttling,
 * cross-origin posts, invitation revocation. Every refused request must leave every stored row as it was.
 */
import http from "node:http";
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
        if (i % 5 === 4) {
          // A browser with JavaScript asks for the loader data (single fetch): it counts too.
          expect((await get(`/j/ABCDEF.data`)).status).toBeLessThan(400);
          continue;
        }
        const miss = i % 2 ? await get(`/j/ABCDEF`) : await post(`/j/ABCDEF`, new URLSearchParams({ consent: "on" }));
        expect([miss.status, miss.headers.get("location")]).toEqual([302, "/?error=unknown&code=ABCDEF"]);
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

/** POSTs a form from a chosen loopback address (127.0.0.x), so tests can play several clients. */
function postFrom(localAddress: string, path: string, fields: Record<string, string>) {
  const body = new URLSearchParams(fields).toString();
  const url = new URL(path, t.baseUrl);
  return new Promise<{ status: number; body: string; retryAfter?: string }>((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: "POST", localAddress, headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) } },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode!, body: text, retryAfter: res.headers["retry-after"] as string | undefined }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("sign-in throttling (S2)", () => {
  it("throttles by (address, account) with one generic message; the owner signs in from elsewhere", async () => {
    const email = (await t.app.stores.users.get(org.userId))!.email;
    const generic = "Wrong e-mail address or password, or too many attempts.";
    await changesNothing(async () => {
      const unknown = await postFrom("127.0.0.2", "/login", { email: "nobody@example.org", password: "whatever it is" });
      expect(unknown.status).toBe(401);
      expect(unknown.body).toContain(generic);
      for (let i = 0; i < 5; i++) {
        const wrong = await postFrom("127.0.0.2", "/login", { email, password: `wrong password ${i}` });
        expect(wrong.status).toBe(401);
        expect(wrong.body).toContain(generic);
      }
      // The attacker's address is now throttled for this account, even with the right password …
      for (const password of ["wrong again", "correct horse battery"]) {
        const throttled = await postFrom("127.0.0.2", "/login", { email, password });
        expect(throttled.status).toBe(429);
        expect(throttled.body).toContain(generic);
        expect(throttled.body).not.toMatch(/this account|locked/i);
      }
    });
    // … but the facilitator, on another address, is not locked out.
    expect((await postFrom("127.0.0.3", "/login", { email, password: "correct horse battery" })).status).toBe(302);
  });

  it("caps failures per address across accounts (password spraying)", async () => {
    for (let i = 0; i < 50; i++) expect((await postFrom("127.0.0.4", "/login", { email: `spray${i}@example.org`, password: "Winter2026!" })).status).toBe(401);
    expect((await postFrom("127.0.0.4", "/login", { email: "spray-next@example.org", password: "Winter2026!" })).status).toBe(429);
    expect((await postFrom("127.0.0.5", "/login", { email: "spray-next@example.org", password: "Winter2026!" })).status).toBe(401);
  });
});

describe("cross-origin posts (S5)", () => {
  it("answers 403 with a clear, translated page instead of Remix's 500, and stores nothing", async () => {
    await changesNothing(async () => {
      for (const origin of ["https://evil.example", "null"]) {
        const res = await post(`/workshops/${org.workshopId}/edit`, new URLSearchParams({ title: "Pwned" }), { cookie: org.cookie, origin });
        expect(res.status).toBe(403);
        expect(await res.text()).toContain("This form was sent from another website");
      }
      const fr = await post("/login", new URLSearchParams({ email: "a@example.org", password: "x" }), { origin: "https://evil.example", "accept-language": "fr" });
      expect(fr.status).toBe(403);
      expect(await fr.text()).toContain("envoyé depuis un autre site web");
    });
    // Same-origin posts still reach the route (here: a 401 for a wrong password).
    expect((await post("/login", new URLSearchParams({ email: "a@example.org", password: "x" }), { origin: t.baseUrl })).status).toBe(401);
  });
});
