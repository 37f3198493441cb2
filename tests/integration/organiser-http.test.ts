/**
 * Organiser flows over real HTTP on a real server (port 0, fresh SQLite): first-run setup and
 * sign-in, workshop creation, agenda editing, template import (JSON and YAML), invitations by link,
 * the join QR code, and the CSP on every page. Every bad request (malformed form, oversized field,
 * unknown id, wrong role) must get a clear 4xx (or a sign-in redirect) and leave every stored row as
 * it was: each such case compares a snapshot of all tables before and after.
 */
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/app";
import { snapshotTables } from "../helpers/db";

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

type Fields = Record<string, string | string[]>;
const form = (fields: Fields) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return body;
};
const post = (path: string, fields: Fields | FormData, cookie?: string) =>
  fetch(`${t.baseUrl}${path}`, { method: "POST", body: fields instanceof FormData ? fields : form(fields), redirect: "manual", headers: cookie ? { cookie } : {} });
const get = (path: string, cookie?: string) => fetch(`${t.baseUrl}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });
const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0];

/** Runs `bad` and asserts that not one stored row changed. */
async function changesNothing(bad: () => Promise<void>) {
  const before = await snapshotTables(t.app.storage);
  await bad();
  expect(await snapshotTables(t.app.storage)).toEqual(before);
}

const ACCOUNT = { name: "Ada Organiser", email: "ada@example.org", password: "correct horse battery", confirm: "correct horse battery" };
const WORKSHOP = { title: "Nairobi follow-up", region: "East Africa", timeZone: "Africa/Nairobi", startsOn: "2026-12-01", endsOn: "2026-12-02", rule: "chatham-house", minCellSize: "5" };
let organiser = "";
let workshopId = "";

describe("first-run setup and sign-in", () => {
  it("refuses a malformed setup form with field errors, then creates the organiser", async () => {
    const token = (await t.app.auth.issueSetupToken())!;
    expect(token).toBeTruthy();
    // The page's form posts back to its own URL, token included (as a browser without JS does).
    const setup = `/setup?token=${token}`;
    await changesNothing(async () => {
      const wrongToken = await post("/setup", { ...ACCOUNT, token: "guess" });
      expect(wrongToken.status).toBe(403);
      const short = await post(setup, { ...ACCOUNT, password: "short", confirm: "short", token });
      expect(short.status).toBe(400);
      const html = await short.text();
      expect(html).toMatch(/id="f-password-error"[^>]*>[^<]*10/);
      const mismatch = await post(setup, { ...ACCOUNT, confirm: "something else entirely", token });
      expect(mismatch.status).toBe(400);
      expect(await mismatch.text()).toContain('id="f-confirm-error"');
      expect((await post(setup, { ...ACCOUNT, email: "not-an-email", token })).status).toBe(400);
      expect((await post(setup, { ...ACCOUNT, name: "x".repeat(5_000), token })).status).toBe(400);
    });
    const ok = await post(setup, { ...ACCOUNT, token });
    expect([ok.status, ok.headers.get("location")]).toEqual([302, "/workshops"]);
    organiser = cookieOf(ok);
    expect((await get("/workshops", organiser)).status).toBe(200);
  });

  it("refuses bad sign-ins with 400/401 and signs in with the right password", async () => {
    await changesNothing(async () => {
      expect((await post("/login", { email: "", password: "" })).status).toBe(400);
      expect((await post("/login", { email: ACCOUNT.email, password: "wrong password!" })).status).toBe(401);
      expect((await post("/login", { email: "nobody@example.org", password: "whatever it is" })).status).toBe(401);
    });
    const ok = await post("/login", { email: "ADA@example.org", password: ACCOUNT.password, redirectTo: "//evil.example" });
    expect([ok.status, ok.headers.get("location")]).toEqual([302, "/workshops"]);
  });
});

describe("workshops and agenda", () => {
  it("creates a workshop from the seeded template; malformed, oversized and unknown-template posts store nothing", async () => {
    const template = (await t.app.stores.templates.getByKey("space-security-norms"))!;
    await changesNothing(async () => {
      const empty = await post("/workshops/new", { templateId: template.id }, organiser);
      expect(empty.status).toBe(400);
      expect(await empty.text()).toContain('id="f-title-error"');
      const backwards = await post("/workshops/new", { ...WORKSHOP, startsOn: "2026-12-03", templateId: template.id }, organiser);
      expect(backwards.status).toBe(400);
      expect(await backwards.text()).toContain('id="f-endsOn-error"');
      expect((await post("/workshops/new", { ...WORKSHOP, title: "T".repeat(100_000), templateId: template.id }, organiser)).status).toBe(400);
      expect((await post("/workshops/new", { ...WORKSHOP, timeZone: "Mars/Olympus", templateId: template.id }, organiser)).status).toBe(400);
      expect((await post("/workshops/new", { ...WORKSHOP, rule: "anything-goes", templateId: template.id }, organiser)).status).toBe(400);
      expect((await post("/workshops/new", { ...WORKSHOP, templateId: "no-such-template" }, organiser)).status).toBe(400);
      // Not signed in: sent to sign in, nothing created.
      const anon = await post("/workshops/new", { ...WORKSHOP, templateId: template.id });
      expect([anon.status, anon.headers.get("location")?.startsWith("/login")]).toEqual([302, true]);
    });
    const ok = await post("/workshops/new", { ...WORKSHOP, templateId: template.id }, organiser);
    expect(ok.status).toBe(302);
    workshopId = /\/workshops\/([^/]+)$/.exec(ok.headers.get("location")!)![1];
    const agenda = await t.app.stores.workshops.getAgenda(workshopId);
    expect(agenda.map((p) => p.title)).toEqual(template.body.panels.map((p) => p.title));
    expect(await t.app.stores.workshops.get(workshopId)).toMatchObject({ rule: "chatham-house", minCellSize: 5, timeZone: "Africa/Nairobi" });
  });

  it("edits the agenda: add, move, remove; bad intents, unknown ids and invalid panels store nothing", async () => {
    const path = `/workshops/${workshopId}/agenda`;
    const titles = async () => (await t.app.stores.workshops.getAgenda(workshopId)).map((p) => p.title);
    const before = await titles();
    await changesNothing(async () => {
      const invalid = await post(path, { intent: "add", title: "", durationMinutes: "-5", framing: "", prompts: "" }, organiser);
      expect(invalid.status).toBe(400);
      const html = await invalid.text();
      expect(html).toContain('id="f-title-error"');
      expect(html).toContain('id="f-durationMinutes-error"');
      expect((await post(path, { intent: "add", title: "x".repeat(10_000), durationMinutes: "30", framing: "F", prompts: "P" }, organiser)).status).toBe(400);
      expect((await post(path, { intent: "move-up", panelId: "no-such-panel" }, organiser)).status).toBe(404);
      expect((await post(path, { intent: "explode", panelId: (await t.app.stores.workshops.getAgenda(workshopId))[0].id }, organiser)).status).toBe(400);
      expect((await post(`/workshops/no-such-workshop/agenda`, { intent: "add", title: "X", durationMinutes: "30", framing: "F", prompts: "P" }, organiser)).status).toBe(404);
    });

    const added = await post(path, { intent: "add", title: "Wrap-up and next steps", durationMinutes: "20", framing: "What we take home.", prompts: "One thing to do\nOne thing to stop" }, organiser);
    expect([added.status, added.headers.get("location")]).toEqual([302, `${path}?done=added`]);
    expect(await titles()).toEqual([...before, "Wrap-up and next steps"]);
    const agenda = await t.app.stores.workshops.getAgenda(workshopId);
    const last = agenda.at(-1)!;
    expect(last).toMatchObject({ key: "wrap-up-and-next-steps", durationMinutes: 20, prompts: ["One thing to do", "One thing to stop"], polls: [] });
    expect((await post(path, { intent: "move-up", panelId: last.id }, organiser)).status).toBe(302);
    expect((await titles()).at(-2)).toBe("Wrap-up and next steps");
    expect((await post(path, { intent: "remove", panelId: last.id }, organiser)).status).toBe(302);
    expect(await titles()).toEqual(before);
  });

  it("edits a panel; an invalid or oversized edit and an unknown panel id store nothing", async () => {
    const [first] = await t.app.stores.workshops.getAgenda(workshopId);
    const path = `/workshops/${workshopId}/panels/${first.id}`;
    const fields = { intent: "save", title: first.title, framing: first.framing, prompts: first.prompts.join("\n"), durationMinutes: String(first.durationMinutes), pollCount: "0" };
    await changesNothing(async () => {
      const bad = await post(path, { ...fields, durationMinutes: "0", prompts: "" }, organiser);
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(html).toContain('id="f-durationMinutes-error"');
      expect(html).toContain('id="f-prompts-error"');
      expect((await post(path, { ...fields, framing: "f".repeat(200_000) }, organiser)).status).toBe(400);
      expect((await post(`/workshops/${workshopId}/panels/no-such-panel`, fields, organiser)).status).toBe(404);
    });
    const saved = await post(path, { ...fields, durationMinutes: "75" }, organiser);
    expect(saved.status).toBe(302);
    expect((await t.app.stores.workshops.getAgenda(workshopId))[0]).toMatchObject({ id: first.id, durationMinutes: 75, polls: [] });
  });

  it("another organiser, a participant and an anonymous visitor cannot read or edit the workshop", async () => {
    const other = await t.makeWorkshop();
    const session = await t.app.stores.sessions.create({ workshopId, title: "Day 1", panelIds: [], createdBy: (await t.app.stores.users.findByEmail(ACCOUNT.email))!.id });
    const joined = await post(`/j/${session.joinCode}`, { consent: "on" });
    const participant = cookieOf(joined);
    const agendaPath = `/workshops/${workshopId}/agenda`;
    const [panel] = await t.app.stores.workshops.getAgenda(workshopId);
    await changesNothing(async () => {
      expect((await get(`/workshops/${workshopId}`, other.cookie)).status).toBe(404);
      expect((await post(agendaPath, { intent: "remove", panelId: panel.id }, other.cookie)).status).toBe(404);
      expect((await post(`/workshops/${workshopId}`, { intent: "invite", role: "facilitator" }, other.cookie)).status).toBe(404);
      for (const cookie of [participant, undefined]) {
        const res = await post(agendaPath, { intent: "remove", panelId: panel.id }, cookie);
        expect([res.status, res.headers.get("location")?.startsWith("/login")]).toEqual([302, true]);
        const console = await get(`/s/${session.id}/console`, cookie);
        expect([console.status, console.headers.get("location")?.startsWith("/login")]).toEqual([302, true]);
      }
    });
  });
});

describe("joining with a wrong code", () => {
  it("an unknown, malformed or hostile code gets a clear 4xx or an error redirect, and stores nothing", async () => {
    await changesNothing(async () => {
      // KPX47R is well-formed but no session has it; the others are not codes at all.
      for (const code of ["KPX47R", "zz-zz", "<script>", "A".repeat(5_000)]) {
        const typed = await get(`/join?code=${encodeURIComponent(code)}`);
        expect(typed.status, code).toBe(302);
        // Back to the start page with the error (and possibly the typed code, to refill the field).
        const backToStart = /^\/\?error=(unknown|invalid)(&code=[^&]*)?$/;
        expect(typed.headers.get("location"), code).toMatch(backToStart);
        // The join page and its form send a wrong code back to the start page with the error.
        const page = await get(`/j/${encodeURIComponent(code)}`);
        expect(page.status, code).toBe(302);
        expect(page.headers.get("location"), code).toMatch(backToStart);
        const joined = await post(`/j/${encodeURIComponent(code)}`, { displayName: "Mallory", consent: "on" });
        expect(joined.status, code).toBe(302);
        expect(joined.headers.get("location"), code).toMatch(backToStart);
        // No participant or session cookie; only the join-guess limiter's device cookie (server/http/rate-limit.ts).
        expect(joined.headers.getSetCookie().filter((c) => !c.startsWith("rt_device=")), code).toEqual([]);
      }
    });
    // The landing page shows the error next to the code field.
    const landing = await (await get("/?error=unknown")).text();
    expect(landing).toMatch(/role="alert"|aria-invalid="true"/);
  });
});

describe("template import through the UI", () => {
  const upload = (name: string, text: string, cookie = organiser) => {
    const fd = new FormData();
    fd.set("file", new Blob([text]), name);
    return post("/templates", fd, cookie);
  };
  const yaml = [
    "key: ui-imported-yaml",
    "title: Imported from YAML",
    "panels:",
    "  - key: opening",
    "    title: Opening",
    "    framing: Why we are here.",
    "    prompts: [What worries you most?]",
    "    durationMinutes: 30",
    "    polls:",
    "      - key: worry",
    "        kind: scale",
    "        question: How worried are you?",
    "        min: 1",
    "        max: 5",
    "        minLabel: Not at all",
    "        maxLabel: Very",
  ].join("\n");
  const json = JSON.stringify({
    key: "ui-imported-json",
    title: "Imported from JSON",
    panels: [{ key: "one", title: "One", framing: "F.", prompts: ["P?"], durationMinutes: 15, polls: [{ key: "q", kind: "open", question: "Q?" }] }],
  });

  it("imports a YAML and a JSON file, and re-importing the same file changes nothing", async () => {
    const y = await upload("agenda.yaml", yaml);
    expect(y.status).toBe(200);
    expect(await y.text()).toContain("Imported from YAML");
    expect((await t.app.stores.templates.getByKey("ui-imported-yaml"))!.body.panels[0].polls[0]).toMatchObject({ kind: "scale", max: 5, minLabel: "Not at all" });
    expect((await upload("agenda.json", json)).status).toBe(200);
    expect((await t.app.stores.templates.getByKey("ui-imported-json"))!.body.panels[0].polls[0]).toMatchObject({ kind: "open", question: "Q?" });
    await changesNothing(async () => {
      expect((await upload("agenda.yaml", yaml)).status).toBe(200);
    });
  });

  it("a bad file is refused with the file name, JSON path, line and problem, and nothing is stored", async () => {
    const broken = yaml.replace("max: 5", "max: 40");
    await changesNothing(async () => {
      const res = await upload("broken.yaml", broken);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain("broken.yaml");
      expect(html).toContain("panels[0].polls[0].max");
      expect(html).toContain("A scale has at most 11 points.");
      expect(html).toMatch(/line\D{0,40}14|14:\d+/);
      const syntax = await upload("bad.json", '{"key": "x",');
      expect(syntax.status).toBe(400);
      expect(await syntax.text()).toContain("JSON syntax error");
      expect((await upload("agenda.txt", json)).status).toBe(400);
      expect((await upload("empty.json", "")).status).toBe(400);
      expect((await upload("huge.json", " ".repeat(600 * 1024))).status).toBe(413);
      // Not signed in: sent to sign in.
      expect((await upload("agenda.json", json.replace("ui-imported-json", "anon-import"), "")).status).toBe(302);
    });
  });
});

describe("invitations by link", () => {
  it("an organiser makes a link; a new person signs up through it once; a used or unknown link is refused", async () => {
    const path = `/workshops/${workshopId}`;
    await changesNothing(async () => {
      expect((await post(path, { intent: "invite", role: "owner" }, organiser)).status).toBe(400);
      expect((await post(path, { intent: "delete-everything" }, organiser)).status).toBe(400);
    });
    const res = await post(path, { intent: "invite", role: "rapporteur" }, organiser);
    expect(res.status).toBe(200);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/invite\/[A-Za-z0-9_-]{43})/.exec(await res.text())![1];
    expect((await fetch(url)).status).toBe(200);
    const newcomer = { name: "Rita Rapporteur", email: "rita@example.org", password: "another good passphrase", confirm: "another good passphrase" };
    await changesNothing(async () => {
      expect((await post(new URL(url).pathname, { ...newcomer, confirm: "nope" })).status).toBe(400);
      expect((await post(new URL(url).pathname, { ...newcomer, email: ACCOUNT.email })).status).toBe(409); // e-mail taken
      expect((await post("/invite/no-such-token", { ...newcomer })).status).toBe(409);
    });
    const accepted = await post(new URL(url).pathname, newcomer);
    expect([accepted.status, accepted.headers.get("location")]).toEqual([302, `/workshops/${workshopId}`]);
    const rita = (await t.app.stores.users.findByEmail("rita@example.org"))!;
    expect(await t.app.stores.workshops.getMemberRole(workshopId, rita.id)).toBe("rapporteur");
    expect((await get(`/workshops/${workshopId}`, cookieOf(accepted))).status).toBe(200);
    await changesNothing(async () => {
      expect((await post(new URL(url).pathname, { ...newcomer, email: "someone-else@example.org" })).status).toBe(409);
    });
  });
});

describe("sessions: join code, link and QR code", () => {
  it("the console shows the join code and a QR code that encodes the join link, which opens the join page", async () => {
    const res = await post(`/workshops/${workshopId}/sessions/new`, { title: "Day 1 — morning", panelIds: (await t.app.stores.workshops.getAgenda(workshopId)).map((p) => p.id) }, organiser);
    expect(res.status).toBe(302);
    const consolePath = res.headers.get("location")!;
    const sessionId = /\/s\/([^/]+)\/console$/.exec(consolePath)![1];
    const session = (await t.app.stores.sessions.get(sessionId))!;
    const html = await (await get(consolePath, organiser)).text();
    const joinUrl = `${t.baseUrl}/j/${session.joinCode}`;
    expect(html).toContain(joinUrl);
    expect(html).toContain(`${session.joinCode.slice(0, 3)}-${session.joinCode.slice(3)}`);
    const qr = /src="data:image\/svg\+xml;base64,([^"]+)"/.exec(html)![1];
    const svg = Buffer.from(qr, "base64").toString("utf8");
    expect(svg).toMatch(/^<svg[^>]*viewBox/);
    // The qrcode library is deterministic: the image is exactly the code for this URL.
    expect(svg).toBe(await QRCode.toString(joinUrl, { type: "svg", errorCorrectionLevel: "M", margin: 1 }));
    expect(svg).not.toBe(await QRCode.toString(`${t.baseUrl}/j/AAAAAA`, { type: "svg", errorCorrectionLevel: "M", margin: 1 }));
    expect((await fetch(joinUrl)).status).toBe(200);
    const projector = await (await get(`/s/${sessionId}/projector?key=${encodeURIComponent(session.projectorKey)}`)).text();
    expect(projector).toContain(qr);
  });
});

describe("content security policy", () => {
  it("every page, public or staff, carries the nonce CSP and its inline scripts carry the nonce", async () => {
    const session = (await t.app.stores.sessions.listForWorkshop(workshopId))[0];
    const participant = cookieOf(await post(`/j/${session.joinCode}`, { consent: "on" }));
    const [panel] = await t.app.stores.workshops.getAgenda(workshopId);
    const template = (await t.app.stores.templates.getByKey("space-security-norms"))!;
    const pages: [string, string | undefined][] = [
      ["/", undefined],
      ["/login", undefined],
      [`/j/${session.joinCode}`, undefined],
      [`/s/${session.id}`, participant],
      [`/s/${session.id}/projector?key=${encodeURIComponent(session.projectorKey)}`, undefined],
      [`/s/${session.id}/console`, organiser],
      ["/workshops", organiser],
      ["/workshops/new", organiser],
      [`/workshops/${workshopId}`, organiser],
      [`/workshops/${workshopId}/agenda`, organiser],
      [`/workshops/${workshopId}/panels/${panel.id}`, organiser],
      ["/templates", organiser],
      [`/templates/${template.id}`, organiser],
    ];
    for (const [path, cookie] of pages) {
      const res = await get(path, cookie);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, path).toBeTruthy();
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain("unsafe-inline");
      expect(csp, path).not.toContain("unsafe-eval");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      const html = await res.text();
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
      expect(inline.length, path).toBeGreaterThan(0);
      for (const [, attrs] of inline) expect(attrs, path).toContain(`nonce="${nonce}"`);
      // The CSP allows no inline style attributes, so a server-rendered one would be silently dropped.
      expect(html.match(/<[^>]+\sstyle="[^"]*"/g) ?? [], path).toEqual([]);
      // No script or stylesheet from another origin.
      expect(html, path).not.toMatch(/<(script|link)[^>]+(src|href)="https?:\/\/(?!127\.0\.0\.1)/);
    }
  });
});
