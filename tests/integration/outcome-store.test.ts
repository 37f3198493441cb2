/** SummaryStore contract on SQLite and Postgres: draft upsert, immutable numbered versions, visibility, listing. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSummary, type SummaryBody } from "../../app/domain/summary";
import { WorkshopFields } from "../../app/domain/workshop";
import { ConflictError, createStores, NotFoundError, type Stores } from "../../server/storage";
import { freshPostgres, freshSqlite, type FreshDatabase } from "../helpers/db";
import { summaryInput } from "../fixtures/summary/workshop";

const T0 = 1_700_000_000_000;
const fields = WorkshopFields.parse({ title: "Bangkok follow-up", region: "South-East Asia", timeZone: "Asia/Bangkok", startsOn: "2024-05-14", endsOn: "2024-05-14" });

describe.each([
  ["sqlite", freshSqlite],
  ["postgres", freshPostgres],
] as const)("summary store (%s)", (_dialect, fresh) => {
  let db: FreshDatabase;
  let stores: Stores;
  let clock = T0;
  let body: SummaryBody;
  const setup = async (email: string) => {
    const user = await stores.users.create({ email, name: "Org", passwordHash: "h" });
    const workshop = await stores.workshops.createFromTemplate(fields, null, user.id);
    const session = await stores.sessions.create({ workshopId: workshop.id, title: "Day 1", panelIds: [], createdBy: user.id });
    return { user, workshop, session };
  };

  beforeAll(async () => {
    db = await fresh();
    stores = createStores(db.storage, { now: () => clock });
    body = buildSummary(summaryInput());
  });
  afterAll(() => db?.cleanup());

  it("saves the draft as version 0 and replaces it in place", async () => {
    const { session } = await setup("a@example.org");
    expect(await stores.summaries.getDraft(session.id)).toBeNull();
    const first = await stores.summaries.saveDraft(session.id, body);
    expect(first).toMatchObject({ version: 0, status: "draft", visibility: "private", publishedBy: null, createdAt: T0 });
    clock = T0 + 5;
    const edited = { ...body, session: { ...body.session, title: "Renamed" } };
    const second = await stores.summaries.saveDraft(session.id, edited);
    expect(second).toMatchObject({ id: first.id, createdAt: T0, updatedAt: T0 + 5 });
    expect(second.body.session.title).toBe("Renamed");
    await expect(stores.summaries.saveDraft("no-such-session", body)).rejects.toBeInstanceOf(ConflictError);
  });

  it("publishes numbered immutable versions; only visibility changes", async () => {
    const { user, session } = await setup("b@example.org");
    await stores.summaries.saveDraft(session.id, body);
    const v1 = await stores.summaries.publish(session.id, { body, publishedBy: user.id, visibility: "private", at: T0 + 10 });
    const v2 = await stores.summaries.publish(session.id, { body: { ...body, panels: [] }, publishedBy: user.id, visibility: "public", at: T0 + 20 });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect((await stores.summaries.listVersions(session.id)).map((v) => v.version)).toEqual([2, 1]);
    expect((await stores.summaries.latestPublished(session.id))?.id).toBe(v2.id);
    expect(await stores.summaries.getVersion(session.id, 0)).toBeNull();
    expect((await stores.summaries.getVersion(session.id, 1))?.body).toEqual(body);
    expect((await stores.summaries.getById(v2.id))?.version).toBe(2);
    await stores.summaries.setVisibility(session.id, 1, "unlisted");
    expect((await stores.summaries.getVersion(session.id, 1))?.visibility).toBe("unlisted");
    await expect(stores.summaries.setVisibility(session.id, 0, "public")).rejects.toBeInstanceOf(NotFoundError);
    await expect(stores.summaries.setVisibility(session.id, 9, "public")).rejects.toBeInstanceOf(NotFoundError);
    // The draft is untouched by publishing.
    expect((await stores.summaries.getDraft(session.id))?.version).toBe(0);
  });

  it("concurrent publishes get distinct version numbers", async () => {
    const { user, session } = await setup("c@example.org");
    const all = await Promise.all([1, 2, 3].map((i) => stores.summaries.publish(session.id, { body, publishedBy: user.id, visibility: "private", at: T0 + i })));
    expect(all.map((r) => r.version).sort()).toEqual([1, 2, 3]);
  });

  it("lists the newest matching published version per session with filters", async () => {
    const { user, session, workshop } = await setup("d@example.org");
    await stores.summaries.publish(session.id, { body, publishedBy: user.id, visibility: "public", at: T0 + 100 });
    await stores.summaries.publish(session.id, { body, publishedBy: user.id, visibility: "private", at: T0 + 200 });
    const pub = await stores.summaries.listPublished({ visibility: ["public"], q: "bangkok" });
    const mine = pub.find((e) => e.session.id === session.id);
    expect(mine).toMatchObject({ record: { version: 1 }, workshop: { id: workshop.id, region: "South-East Asia", rule: "chatham-house" } });
    const pollKey = body.panels.flatMap((p) => p.polls)[0]!.key;
    expect((await stores.summaries.listPublished({ pollKey })).some((e) => e.session.id === session.id)).toBe(true);
    expect((await stores.summaries.listPublished({ pollKey: "no-such-poll" })).length).toBe(0);
    expect((await stores.summaries.listPublished({ from: "2030-01-01" })).length).toBe(0);
    expect((await stores.summaries.listPublished({ region: "Elsewhere" })).length).toBe(0);
    expect(await stores.summaries.listPublished({ visibility: [] })).toEqual([]);
  });
});
