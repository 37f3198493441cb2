/**
 * Replay over a real app (SQLite, real stores, real Remix build): events appended through
 * `stores.sessions.appendEvent`, note updates through the kysely note store, then the JSON route at
 * several t with a staff cookie; participants and non-members get 404/403.
 *
 * The routes use the app's own replay service (`services.replay`, wired in server/app.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium } from "@playwright/test";
import { AxeBuilder } from "@axe-core/playwright";
import * as Y from "yjs";
import { notesDocName, panelNotesFragment, addTakeaway, setPlainText } from "~/domain/notes/model";
import type { ReplayMoment } from "~/domain/replay";
import { parseEnv } from "../../server/config/env";
import { createLogger } from "../../server/config/logger";
import { createRoundtable, type Roundtable } from "../../server/app";
import { createKyselyNoteStore } from "../../server/notes/store";
import { createOutcomeService } from "../../server/outcome/service";

const T0 = Date.UTC(2026, 11, 1, 7, 0, 0);
const MIN = 60_000;

let app: Roundtable;
let baseUrl: string;
let dataDir: string;
let sessionId: string;
let panelIds: string[];
let panelTitles: string[];
let organiserId: string;
const cookies: Record<string, string> = {};

async function cookieFor(data: { userId?: string; participants?: Record<string, string> }) {
  const s = await app.auth.cookies.getSession();
  if (data.userId) s.set("userId", data.userId);
  if (data.participants) s.set("participants", data.participants);
  return (await app.auth.cookies.commitSession(s)).split(";")[0];
}

const at = (t: number, cookie = cookies.organiser) => fetch(`${baseUrl}/s/${sessionId}/replay.json?t=${t}`, { headers: { cookie }, redirect: "manual" });
const moment = async (t: number, cookie?: string): Promise<ReplayMoment> => {
  const res = await at(t, cookie);
  expect(res.status).toBe(200);
  return (await res.json()) as ReplayMoment;
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "rt-replay-"));
  const env = parseEnv({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "silent", NODE_ENV: "production" });
  app = await createRoundtable(env, createLogger("silent"));
  baseUrl = `http://127.0.0.1:${await app.listen()}`;
  const { stores } = app;

  const organiser = await stores.users.create({ email: "org@example.org", name: "Org Aniser", passwordHash: "x" });
  organiserId = organiser.id;
  const rapporteur = await stores.users.create({ email: "rap@example.org", name: "Rap Porteur", passwordHash: "x" });
  const stranger = await stores.users.create({ email: "who@example.org", name: "Some One", passwordHash: "x" });
  const template = (await stores.templates.getByKey("space-security-norms"))!;
  const workshop = await stores.workshops.createFromTemplate(
    { title: "Nairobi follow-up", region: "East Africa", timeZone: "Africa/Nairobi", startsOn: "2026-12-01", endsOn: "2026-12-01", rule: "chatham-house", minCellSize: 5 },
    { id: template.id, body: template.body },
    organiser.id,
  );
  await stores.workshops.addMember(workshop.id, rapporteur.id, "rapporteur");
  const agenda = await stores.workshops.getAgenda(workshop.id);
  panelIds = agenda.map((p) => p.id);
  panelTitles = agenda.map((p) => p.title);
  const session = await stores.sessions.create({ workshopId: workshop.id, title: "Day 1", panelIds, createdBy: organiser.id });
  sessionId = session.id;
  const participant = await stores.sessions.addParticipant({ sessionId, role: "participant", displayName: "Ada Delegate", sector: "government", userId: null });

  const ev = (type: Parameters<typeof stores.sessions.appendEvent>[1], payload: Record<string, unknown>, t: number) => stores.sessions.appendEvent(sessionId, type, payload, t);
  const definition = { key: "binding", question: "Should norms be legally binding?", visibility: "live", kind: "single", options: [{ key: "yes", label: "Yes" }, { key: "no", label: "No" }] };
  await ev("session.started", { panelId: panelIds[0], index: 0 }, T0);
  await ev("participant.joined", {}, T0 + 1 * MIN);
  await ev("participant.joined", {}, T0 + 2 * MIN);
  await ev("poll.opened", { pollId: "poll-1", pollKey: "binding", run: 1, panelId: panelIds[0], visibility: "live", definition }, T0 + 10 * MIN);
  // A snapshot while the poll is open (the poll server logs them, throttled), so tallies evolve in replay.
  await ev("poll.tallied", { pollId: "poll-1", run: 1, tally: { kind: "single", n: 3, ignored: 0, options: [{ key: "yes", count: 1, share: 1 / 3 }, { key: "no", count: 2, share: 2 / 3 }], sectorBreakdown: null } }, T0 + 11 * MIN);
  await ev("poll.closed", { pollId: "poll-1", pollKey: "binding", run: 1, responseCount: 7 }, T0 + 15 * MIN);
  await ev("poll.tallied", { pollId: "poll-1", pollKey: "binding", run: 1, tally: { kind: "single", n: 7, ignored: 0, options: [{ key: "yes", count: 5, share: 5 / 7 }, { key: "no", count: 2, share: 2 / 7 }], sectorBreakdown: null } }, T0 + 15 * MIN);
  await ev("panel.entered", { panelId: panelIds[1], index: 1 }, T0 + 30 * MIN);
  // Ends 437 ms past a whole second: the scrubber's End must still reach it.
  await ev("session.ended", {}, T0 + 60 * MIN + 437);

  // Notes: two edits of panel 1 and one of panel 2, at known server times, through the real store.
  let clock = T0;
  const notes = createKyselyNoteStore(app.storage.db, () => clock);
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const write = async (t: number, edit: () => void) => {
    clock = t;
    edit();
    for (const u of updates.splice(0)) await notes.appendUpdate(notesDocName(sessionId), u);
  };
  await write(T0 + 5 * MIN, () => setPlainText(panelNotesFragment(doc, panelIds[0]), "Norms first."));
  await write(T0 + 20 * MIN, () => {
    setPlainText(panelNotesFragment(doc, panelIds[0]), "Norms first, then treaties.");
    addTakeaway(doc, panelIds[0], "Start with norms");
  });
  await write(T0 + 40 * MIN, () => setPlainText(panelNotesFragment(doc, panelIds[1]), "Verification is hard."));

  cookies.organiser = await cookieFor({ userId: organiser.id });
  cookies.rapporteur = await cookieFor({ userId: rapporteur.id });
  cookies.stranger = await cookieFor({ userId: stranger.id });
  cookies.participant = await cookieFor({ participants: { [sessionId]: participant.id } });
});

afterAll(async () => {
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("GET /s/:id/replay.json", () => {
  it("before the start: nothing", async () => {
    const m = await moment(T0 - 1);
    expect(m.state).toMatchObject({ status: "ready", panel: null, participants: 0, polls: [] });
    expect(m.notes).toBeNull();
  });

  it("mid-panel 1: panel, counts, open poll with its results as they stood, notes as they were", async () => {
    expect((await moment(T0 + 11 * MIN - 1)).state.polls[0]).toMatchObject({ status: "open", tally: null });
    const m = await moment(T0 + 12 * MIN);
    expect(m.state).toMatchObject({ status: "live", participants: 2, panel: { index: 0, title: panelTitles[0] } });
    expect(m.state.polls[0]).toMatchObject({ status: "open", tally: { run: 1, tally: { n: 3 } } });
    expect(m.notes).toMatchObject({ panelId: panelIds[0], text: "Norms first.", takeaways: [] });
    expect(JSON.stringify(m)).not.toContain("treaties");
  });

  it("after the close: results and the later notes; nothing one ms before they were written", async () => {
    const m = await moment(T0 + 20 * MIN);
    expect(m.state.polls[0]).toMatchObject({ status: "closed", responseCount: 7, tally: { run: 1, tally: { n: 7 } } });
    expect(m.notes).toMatchObject({ text: "Norms first, then treaties.", takeaways: ["Start with norms"] });
    const before = await moment(T0 + 20 * MIN - 1);
    expect(before.notes?.text).toBe("Norms first.");
  });

  it("panel 2 and the end; no names anywhere", async () => {
    const p2 = await moment(T0 + 45 * MIN);
    expect(p2.state.panel).toMatchObject({ index: 1, title: panelTitles[1] });
    expect(p2.notes).toMatchObject({ panelId: panelIds[1], text: "Verification is hard." });
    const end = await moment(T0 + 120 * MIN);
    expect(end.state).toMatchObject({ status: "ended", elapsedMs: { [panelIds[0]]: 30 * MIN, [panelIds[1]]: 30 * MIN + 437 } });
    expect(JSON.stringify(end)).not.toMatch(/Ada Delegate|Org Aniser|Rap Porteur|government/);
  });

  it("a rapporteur of the workshop may replay", async () => {
    expect((await moment(T0 + 12 * MIN, cookies.rapporteur)).state.panel?.index).toBe(0);
  });

  it("participants, strangers and anonymous requests get 404; a bad t gets 400", async () => {
    for (const cookie of [cookies.participant, cookies.stranger, ""]) {
      const res = await at(T0, cookie);
      expect([403, 404]).toContain(res.status);
      expect(await res.text()).not.toContain("Norms");
    }
    expect((await fetch(`${baseUrl}/s/${sessionId}/replay.json?t=soon`, { headers: { cookie: cookies.organiser } })).status).toBe(400);
  });

  it("stays staff-only when the outcome is public: others never get the notes, staff are told so", async () => {
    // A public published outcome that anyone can read…
    const { stores } = app;
    const outcome = createOutcomeService({ stores, noteStore: createKyselyNoteStore(app.storage.db), logger: createLogger("silent") });
    const { body } = await outcome.rebuildDraft(sessionId);
    const record = await stores.summaries.publish(sessionId, { body, publishedBy: organiserId, visibility: "public", at: T0 + 2 * 60 * MIN });
    expect((await fetch(`${baseUrl}/outcomes/${record.id}`)).status).toBe(200);
    // …does not open the replay (its notes are not redacted, so only staff may see them).
    for (const cookie of [cookies.participant, cookies.stranger, ""]) {
      for (const url of [`${baseUrl}/s/${sessionId}/replay`, `${baseUrl}/s/${sessionId}/replay.json?t=${T0 + 120 * MIN}`]) {
        const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
        expect([302, 403, 404]).toContain(res.status);
        expect(await res.text()).not.toMatch(/Norms first|Verification is hard/);
      }
    }
    const page = await (await fetch(`${baseUrl}/s/${sessionId}/replay`, { headers: { cookie: cookies.rapporteur } })).text();
    expect(page).toContain("Only this workshop&#x27;s organisers, facilitators and rapporteurs can open this replay");
  });

  it("the replay page renders for staff with the scrubber", async () => {
    const res = await fetch(`${baseUrl}/s/${sessionId}/replay`, { headers: { cookie: cookies.organiser } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('type="range"');
    expect(html).toContain("aria-valuetext");
  });
});

describe("replay page in Chromium", () => {
  it("is axe-clean and scrubs by keyboard; the moment's notes follow", async () => {
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
    try {
      const context = await browser.newContext();
      const [name, ...value] = cookies.organiser.split("=");
      await context.addCookies([{ name, value: value.join("="), domain: "127.0.0.1", path: "/" }]);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/s/${sessionId}/replay`);
      const scrubber = page.getByLabel("Time in the session");
      await expect.poll(() => scrubber.getAttribute("aria-valuetext")).toContain("after the start");
      // Hydrated once the play button reacts (server HTML has the same markup).
      await page.waitForLoadState("networkidle");
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);

      await scrubber.focus();
      await page.keyboard.press("End");
      await expect.poll(() => page.getByTestId("replay-notes").innerText()).toContain("Verification is hard.");
      await expect.poll(() => page.getByTestId("replay-status").innerText()).toBe("Ended");
      await page.keyboard.press("Home");
      await expect.poll(() => page.getByTestId("replay-panel-title").innerText()).toBe(panelTitles[0]);
      // Play at 60×: the clock moves on its own.
      const before = await page.getByTestId("replay-clock").innerText();
      await page.getByLabel("60×").check();
      await page.getByTestId("replay-play").click();
      await expect.poll(() => page.getByTestId("replay-clock").innerText()).not.toBe(before);
      await page.getByTestId("replay-play").click();
    } finally {
      await browser.close();
    }
  });
});
