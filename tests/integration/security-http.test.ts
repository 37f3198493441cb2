/**
 * Security fixes found by the new-user QA trial, over real HTTP on a real server (port 0, fresh
 * SQLite): who may import templates and what an import may replace, join-code and sign-in throttling,
 * cross-origin posts, invitation revocation. Every refused request must leave every stored row as it was.
 */
import http from "node:http";
import { describe, expect, it } from "vitest";
import { DEVICE_COOKIE, JOIN_GUESS_LIMITS } from "../../server/http/rate-limit";
import { startTestApp, useTestAppWithWorkshop, type TestApp } from "../helpers/app";
import { snapshotTables } from "../helpers/db";

const ctx = useTestAppWithWorkshop();

const get = (path: string, cookie?: string) => fetch(`${ctx.t.baseUrl}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
const post = (path: string, body: URLSearchParams | FormData, headers: Record<string, string> = {}) =>
  fetch(`${ctx.t.baseUrl}${path}`, { method: "POST", body, redirect: "manual", headers });

async function changesNothing(bad: () => Promise<void>) {
  const before = await snapshotTables(ctx.t.app.storage);
  await bad();
  expect(await snapshotTables(ctx.t.app.storage)).toEqual(before);
}

describe("template import (S1)", () => {
  const upload = (name: string, text: string, cookie: string) => {
    const fd = new FormData();
    fd.set("file", new Blob([text]), name);
    return post("/templates", fd, { cookie });
  };
  const seeded = async () => (await ctx.t.app.stores.templates.getByKey("space-security-norms"))!;
  const hijack = async () =>
    JSON.stringify({
      key: "space-security-norms",
      title: "Hijacked",
      panels: [{ key: "one", title: "One", framing: "F.", prompts: ["P?"], durationMinutes: 15, polls: [{ key: "q", kind: "open", question: "Q?" }] }],
    });

  it("a rapporteur (staff, not an organiser) cannot import, and the seeded template is untouched", async () => {
    const rita = await ctx.t.app.stores.users.create({ email: "rita@example.org", name: "Rita", passwordHash: await ctx.t.app.auth.hashPassword("correct horse battery") });
    await ctx.t.app.stores.workshops.addMember(ctx.fx.workshopId, rita.id, "rapporteur");
    const cookie = await ctx.t.cookieFor({ userId: rita.id });
    expect((await get(`/workshops/${ctx.fx.workshopId}/agenda`, cookie)).status).toBe(403);
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
      const res = await upload("t.json", await hijack(), ctx.fx.cookie);
      expect(res.status).toBe(409);
      const html = await res.text();
      expect(html).toContain("already exists");
      expect(html).toContain("space-security-norms-2");
    });
    expect((await seeded()).title).not.toBe("Hijacked");
    const ok = await upload("t.json", (await hijack()).replace("space-security-norms", "space-security-norms-2"), ctx.fx.cookie);
    expect(ok.status).toBe(200);
    expect((await ctx.t.app.stores.templates.getByKey("space-security-norms-2"))!.title).toBe("Hijacked");
  });
});

/** A request from a chosen loopback address (127.0.0.x), so tests can play several clients; `base` picks the app. */
function requestFrom(
  localAddress: string,
  path: string,
  opts: { method?: string; fields?: Record<string, string>; headers?: Record<string, string>; base?: string } = {},
) {
  const body = opts.fields ? new URLSearchParams(opts.fields).toString() : undefined;
  const url = new URL(path, opts.base ?? ctx.t.baseUrl);
  const headers: Record<string, string | number> = { ...opts.headers };
  if (body !== undefined) Object.assign(headers, { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) });
  return new Promise<{ status: number; body: string; retryAfter?: string; location?: string; setCookie: string[] }>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: opts.method ?? (body ? "POST" : "GET"), localAddress, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (c: string) => (text += c));
      res.on("end", () =>
        resolve({
          status: res.statusCode!,
          body: text,
          retryAfter: res.headers["retry-after"] as string | undefined,
          location: res.headers.location,
          setCookie: res.headers["set-cookie"] ?? [],
        }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Counts the join-code lookups the routes make (calls that got past the limiter). */
function countLookups() {
  const sessions = ctx.t.app.stores.sessions;
  const original = sessions.getByJoinCode;
  let n = 0;
  sessions.getByJoinCode = (code) => {
    n++;
    return original.call(sessions, code);
  };
  return { count: () => n, restore: () => void (sessions.getByJoinCode = original) };
}

describe("join-code guessing (S3)", () => {
  const deviceOf = (res: { setCookie: string[] }) => res.setCookie.find((c) => c.startsWith(`${DEVICE_COOKIE}=`))!.split(";")[0]!;

  it("right-code lookups never count: a whole room joins from one address", async () => {
    const session = await ctx.t.app.stores.sessions.create({ workshopId: ctx.fx.workshopId, title: "Day 1", panelIds: [], createdBy: ctx.fx.userId });
    for (let i = 0; i < JOIN_GUESS_LIMITS.perAddress + 20; i++) expect((await requestFrom("127.0.0.20", `/j/${session.joinCode}`)).status).toBe(200);
  });

  it("one phone that keeps mistyping is stopped alone; the rest of the room behind the same address still joins", async () => {
    const session = await ctx.t.app.stores.sessions.create({ workshopId: ctx.fx.workshopId, title: "Day 1", panelIds: [], createdBy: ctx.fx.userId });
    const first = await requestFrom("127.0.0.21", "/j/ABCDEF");
    expect([first.status, first.location]).toEqual([302, "/?error=unknown&code=ABCDEF"]);
    const phone = deviceOf(first);
    await changesNothing(async () => {
      for (let i = 1; i < JOIN_GUESS_LIMITS.perDevice; i++) {
        const kind = i % 3;
        // Page, form post, and the loader data a browser with JavaScript asks for (single fetch): all count.
        const path = kind === 2 ? "/j/ABCDEF.data" : "/j/ABCDEF";
        const miss = await requestFrom("127.0.0.21", path, { headers: { cookie: phone }, ...(kind === 1 ? { fields: { consent: "on" } } : {}) });
        if (kind !== 2) expect([miss.status, miss.location]).toEqual([302, "/?error=unknown&code=ABCDEF"]);
        else expect(miss.status).toBeLessThan(400);
      }
      for (const path of ["/j/ABCDEG", "/join?code=ABCDEH", `/j/${session.joinCode}`]) {
        const res = await requestFrom("127.0.0.21", path, { headers: { cookie: phone } });
        expect(res.status).toBe(429);
        expect(Number(res.retryAfter)).toBeGreaterThan(0);
        expect(res.body).toContain("Too many session codes that do not exist were tried");
      }
      const fr = await requestFrom("127.0.0.21", "/j/ABCDEF", { headers: { cookie: phone, "accept-language": "fr" } });
      expect(fr.status).toBe(429);
      expect(fr.body).toContain("Trop de codes de session inexistants");
    });
    // Another phone on the same Wi-Fi (same address) still joins, and may mistype too.
    expect((await requestFrom("127.0.0.21", "/j/ABCDEF")).status).toBe(302);
    expect((await requestFrom("127.0.0.21", `/j/${session.joinCode}`)).status).toBe(200);
    // A forged device cookie is a new device, not a way around the budget of the signed one.
    const forged = await requestFrom("127.0.0.21", "/j/ABCDEF", { headers: { cookie: `${phone.slice(0, -3)}AAA` } });
    expect(forged.status).toBe(302);
    expect(deviceOf(forged)).not.toBe(phone);
  });

  it("parallel guesses are counted before the lookup: at most the miss budget reaches it (per address, per device)", async () => {
    const lookups = countLookups();
    try {
      // Cookie-less guesser (every request a new device): only the address budget binds.
      const n = JOIN_GUESS_LIMITS.perAddress + 50;
      const results = await Promise.all(Array.from({ length: n }, (_, i) => requestFrom("127.0.0.22", `/j/WWW${String(i).padStart(3, "0").replace(/\d/g, (d) => "ABCDEFGHJK"[Number(d)]!)}`)));
      expect(results.filter((r) => r.status === 429)).toHaveLength(n - JOIN_GUESS_LIMITS.perAddress);
      expect(lookups.count()).toBe(JOIN_GUESS_LIMITS.perAddress);
      // One device guessing in parallel from a fresh address: the device budget binds.
      const phone = deviceOf(await requestFrom("127.0.0.23", "/j/QQQQQQ"));
      const before = lookups.count();
      const burst = await Promise.all(Array.from({ length: 50 }, () => requestFrom("127.0.0.23", "/j/QQQQQR", { headers: { cookie: phone } })));
      expect(lookups.count() - before).toBe(JOIN_GUESS_LIMITS.perDevice - 1);
      expect(burst.filter((r) => r.status === 429)).toHaveLength(50 - (JOIN_GUESS_LIMITS.perDevice - 1));
    } finally {
      lookups.restore();
    }
  });
});

describe("client address behind a reverse proxy (TRUST_PROXY)", () => {
  /** Door limit of 3 per minute: the 4th request from one client address gets the 429 page. */
  const door = async (trust: string | undefined, check: (app: TestApp) => Promise<void>) => {
    const app = await startTestApp({ env: { DOOR_RATE_PER_MINUTE: "3", ...(trust ? { TRUST_PROXY: trust } : {}) } });
    try {
      await check(app);
    } finally {
      await app.close();
    }
  };
  const viaProxy = (app: TestApp, client: string) => requestFrom("127.0.0.30", "/login", { base: app.baseUrl, headers: { "x-forwarded-for": client } });

  it("on: each forwarded client has its own limit, so one client behind nginx does not throttle the others", async () => {
    await door("loopback", async (app) => {
      for (let i = 0; i < 3; i++) expect((await viaProxy(app, "198.51.100.1")).status).toBe(200);
      expect((await viaProxy(app, "198.51.100.1")).status).toBe(429);
      expect((await viaProxy(app, "198.51.100.2")).status).toBe(200);
    });
  });

  it("off (default): X-Forwarded-For is ignored, so a client cannot dodge the limit by forging it", async () => {
    await door(undefined, async (app) => {
      for (let i = 0; i < 3; i++) expect((await viaProxy(app, `198.51.100.${i}`)).status).toBe(200);
      expect((await viaProxy(app, "198.51.100.9")).status).toBe(429);
    });
  });
});

/** POSTs a form from a chosen loopback address (127.0.0.x). */
const postFrom = (localAddress: string, path: string, fields: Record<string, string>) => requestFrom(localAddress, path, { fields });

describe("sign-in throttling (S2)", () => {
  it("throttles by (address, account) with one generic message; the owner signs in from elsewhere", async () => {
    const email = (await ctx.t.app.stores.users.get(ctx.fx.userId))!.email;
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
        const res = await post(`/workshops/${ctx.fx.workshopId}/edit`, new URLSearchParams({ title: "Pwned" }), { cookie: ctx.fx.cookie, origin });
        expect(res.status).toBe(403);
        expect(await res.text()).toContain("This form was sent from another website");
      }
      const fr = await post("/login", new URLSearchParams({ email: "a@example.org", password: "x" }), { origin: "https://evil.example", "accept-language": "fr" });
      expect(fr.status).toBe(403);
      expect(await fr.text()).toContain("envoyé depuis un autre site web");
    });
    // Same-origin posts still reach the route (here: a 401 for a wrong password).
    expect((await post("/login", new URLSearchParams({ email: "a@example.org", password: "x" }), { origin: ctx.t.baseUrl })).status).toBe(401);
  });
});
