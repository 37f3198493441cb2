/**
 * Outcome readers on a real server: the public archive (search by region, date, topic; private
 * versions never listed) and the cross-workshop comparison of `binding-vs-nonbinding` (both
 * sessions' distributions; suppressed sector cells rendered as "<k", never as numbers; private
 * outcomes only for that workshop's staff). Fixtures go through the real stores and buildSummary.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSummary, emptyRichDoc, type SummaryBody } from "../../app/domain/summary";
import type { PollDefinition } from "../../app/domain/template";
import type { Sector } from "../../app/domain/workshop";
import { startTestApp, type TestApp } from "../helpers/app";

let t: TestApp;
const POLL = "binding-vs-nonbinding";
const ids: Record<"east" | "west" | "hidden", { summaryId: string; cookie: string }> = {} as never;

/** `n` votes of `score` from `sector`. */
const votes = (sector: Sector, score: number, n: number) => Array.from({ length: n }, () => ({ value: { score }, sector }));

async function publishedWorkshop(opts: {
  title: string;
  region: string;
  day: string;
  takeaway: string;
  responses: { value: { score: number }; sector: Sector }[];
  visibility: "public" | "private";
}) {
  const user = await t.app.stores.users.create({ email: `${Math.random().toString(36).slice(2)}@example.org`, name: "Org", passwordHash: "x" });
  const template = (await t.app.stores.templates.getByKey("space-security-norms"))!;
  const fields = { title: opts.title, region: opts.region, timeZone: "UTC", startsOn: opts.day, endsOn: opts.day, rule: "chatham-house" as const, minCellSize: 5 };
  const workshop = await t.app.stores.workshops.createFromTemplate(fields, { id: template.id, body: template.body }, user.id);
  const agenda = await t.app.stores.workshops.getAgenda(workshop.id);
  const session = await t.app.stores.sessions.create({ workshopId: workshop.id, title: `${opts.title} day 1`, panelIds: agenda.map((p) => p.id), createdBy: user.id });
  const started = Date.parse(`${opts.day}T09:00:00Z`);
  const body: SummaryBody = buildSummary({
    workshop: fields,
    session: { title: session.title, startedAt: started, endedAt: started + 3 * 3_600_000 },
    participants: opts.responses.map((r) => ({ role: "participant" as const, sector: r.sector })),
    panels: agenda.map((p) => ({
      key: p.key,
      title: p.title,
      framing: p.framing,
      prompts: p.prompts,
      notes: emptyRichDoc(),
      takeaways: p.polls.some((poll) => poll.key === POLL) ? [opts.takeaway] : [],
      polls: p.polls
        .filter((poll) => poll.key === POLL)
        .map((poll) => ({ definition: poll as PollDefinition, runs: [{ run: 1, responses: opts.responses }] })),
    })),
  });
  const record = await t.app.stores.summaries.publish(session.id, { body, publishedBy: user.id, visibility: opts.visibility, at: started + 4 * 3_600_000 });
  return { summaryId: record.id, cookie: await t.cookieFor({ userId: user.id }) };
}

beforeAll(async () => {
  t = await startTestApp();
  ids.east = await publishedWorkshop({
    title: "Nairobi follow-up",
    region: "East Africa",
    day: "2026-03-10",
    takeaway: "Verification through shared observation data",
    // Industry has 2 voters: below k = 5, so its cells must be hidden.
    responses: [...votes("government", 2, 6), ...votes("government", 5, 4), ...votes("academia", 6, 7), ...votes("industry", 7, 2)],
    visibility: "public",
  });
  ids.west = await publishedWorkshop({
    title: "Dakar follow-up",
    region: "West Africa",
    day: "2026-05-20",
    takeaway: "Capacity building before new instruments",
    responses: [...votes("government", 3, 9), ...votes("civil-society", 4, 8), ...votes("industry", 1, 3)],
    visibility: "public",
  });
  ids.hidden = await publishedWorkshop({
    title: "Closed-door Geneva round",
    region: "Europe",
    day: "2026-04-01",
    takeaway: "Confidential direction",
    responses: [...votes("government", 4, 10)],
    visibility: "private",
  });
});
afterAll(async () => t?.close());

const get = async (path: string, cookie?: string) => {
  const res = await fetch(`${t.baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, html: await res.text() };
};

describe("archive", () => {
  it("lists public outcomes from both workshops, linking to their outcome pages, and never the private one", async () => {
    const { status, html } = await get("/archive");
    expect(status).toBe(200);
    expect(html).toContain("Nairobi follow-up");
    expect(html).toContain("Dakar follow-up");
    expect(html).toContain(`/outcomes/${ids.east.summaryId}`);
    expect(html).toContain(`/outcomes/${ids.west.summaryId}`);
    expect(html).not.toContain("Closed-door Geneva round");
    expect(html).not.toContain(ids.hidden.summaryId);
  });

  it("filters by region, by date range and by topic words from takeaways", async () => {
    const byRegion = (await get(`/archive?region=${encodeURIComponent("West Africa")}`)).html;
    expect(byRegion).toContain("Dakar follow-up");
    expect(byRegion).not.toContain(`/outcomes/${ids.east.summaryId}`);

    const byDate = (await get("/archive?from=2026-03-01&to=2026-03-31")).html;
    expect(byDate).toContain(`/outcomes/${ids.east.summaryId}`);
    expect(byDate).not.toContain(`/outcomes/${ids.west.summaryId}`);

    const byTopic = (await get(`/archive?q=${encodeURIComponent("capacity BUILDING")}`)).html;
    expect(byTopic).toContain(`/outcomes/${ids.west.summaryId}`);
    expect(byTopic).not.toContain(`/outcomes/${ids.east.summaryId}`);

    const none = (await get("/archive?q=confidential")).html;
    expect(none).not.toContain("/outcomes/");
  });

  it("an outcome page dates its version in the reader's language and the workshop's time zone, not as ISO", async () => {
    // Published at 13:00 UTC on 2026-03-10 (publishedWorkshop: start 09:00 + 4 h), workshop zone UTC.
    const en = (await get(`/outcomes/${ids.east.summaryId}`, "rt_lang=en")).html;
    const fr = (await get(`/outcomes/${ids.east.summaryId}`, "rt_lang=fr")).html;
    expect(en).toMatch(/Mar 10, 2026, 01:00\s?PM UTC/);
    expect(fr).toMatch(/10 mars 2026, 13:00 UTC/);
    for (const html of [en, fr]) expect(html).not.toContain("2026-03-10 13:00");
  });

  it("answers malformed filters with 400 and an error next to the field", async () => {
    const bad = await get("/archive?from=2026-13-45");
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("Use a date like 2026-05-20.");
    const reversed = await get("/archive?from=2026-06-01&to=2026-01-01");
    expect(reversed.status).toBe(400);
    expect((await get(`/archive?q=${"x".repeat(500)}`)).status).toBe(400);
  });
});

/** The `<tr>` of a sector row in the rendered sector tables (each session's table has one). */
const sectorRows = (html: string, label: string) => [...html.matchAll(new RegExp(`<tr><th scope="row">${label}</th>(.*?)</tr>`, "g"))].map((m) => m[1]);

describe("comparison", () => {
  it("shows both public sessions' distributions and means for binding-vs-nonbinding", async () => {
    const { status, html } = await get(`/compare?poll=${POLL}`);
    expect(status).toBe(200);
    expect(html).toContain("Nairobi follow-up");
    expect(html).toContain("Dakar follow-up");
    expect(html).not.toContain("Closed-door Geneva round");
    // East: 19 votes; 6 × score 2 = 32%; West: 20 votes; 9 × score 3 = 45%.
    expect(html).toMatch(/n = <!-- -->19|n = 19/);
    expect(html).toContain("32%");
    expect(html).toContain("45%");
    // Means: east (12+20+42+14)/19 = 4.63; west (27+32+3)/20 = 3.10.
    expect(html).toContain("4.63");
    expect(html).toContain("3.10");
  });

  it("renders suppressed sector cells as <k and never as numbers", async () => {
    const { html } = await get(`/compare?poll=${POLL}`);
    const industry = sectorRows(html, "Industry");
    expect(industry.length).toBe(2);
    for (const row of industry) {
      const cells = [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells) {
        expect(cell).toContain("&lt;5");
        expect(cell.replace(/<[^>]+>/g, "").replace("&lt;5", "")).not.toMatch(/\d/);
      }
    }
  });

  it("adds a private outcome for that workshop's staff only", async () => {
    const staff = await get(`/compare?poll=${POLL}`, ids.hidden.cookie);
    expect(staff.html).toContain("Closed-door Geneva round");
    expect(staff.html).toContain("Staff only");
    const otherStaff = await get(`/compare?poll=${POLL}`, ids.east.cookie);
    expect(otherStaff.html).not.toContain("Closed-door Geneva round");
  });

  it("lists visible poll keys in the picker and answers unknown or malformed keys with 404/400", async () => {
    const picker = await get("/compare");
    expect(picker.status).toBe(200);
    expect(picker.html).toContain(`value="${POLL}"`);
    expect((await get("/compare?poll=no-such-poll")).status).toBe(404);
    expect((await get(`/compare?poll=${encodeURIComponent("<script>")}`)).status).toBe(400);
  });
});
