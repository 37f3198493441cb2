/**
 * Storage contract: the same cases against a fresh SQLite file and a fresh Postgres database, so the
 * one set of queries and migrations is proven on both dialects.
 */
import { Migrator, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PanelDefinition, Template } from "../../app/domain/template";
import { INVITATION_TTL_MS, WorkshopFields } from "../../app/domain/workshop";
import { ConflictError, createStores, ExpiredError, guard, NotFoundError, type Storage, type Stores } from "../../server/storage";
import { migrationProvider } from "../../server/storage/migrations";
import { hashInvitationToken } from "../../server/storage/migrations/005_invitation_token_hash";
import { invitationListingId } from "../../server/storage/stores/members";
import { seedTemplates } from "../../seed/load";
import { freshPostgres, freshSqlite, snapshotTables, type FreshDatabase } from "../helpers/db";

const T0 = 1_700_000_000_000;

const poll = (key: string, question = `Question ${key}?`) => ({
  kind: "single" as const,
  key,
  question,
  options: [
    { key: "yes", label: "Yes" },
    { key: "no", label: "No" },
  ],
});

const panel = (key: string, polls: object[] = []): PanelDefinition =>
  PanelDefinition.parse({
    key,
    title: `Panel ${key}`,
    framing: `Framing of ${key}.`,
    prompts: [`Prompt for ${key}`],
    durationMinutes: 30,
    polls,
  });

const template = Template.parse({
  key: "mini",
  title: "Mini agenda",
  panels: [
    { ...panel("norms", [poll("binding"), { kind: "scale", key: "scale-1", question: "How binding?", min: 1, max: 7, minLabel: "Legally binding", maxLabel: "Non-binding" }]) },
    { ...panel("asat", [poll("asat-ban")]) },
  ],
});

const fields = WorkshopFields.parse({ title: "Nairobi follow-up", region: "East Africa", timeZone: "Africa/Nairobi", startsOn: "2025-03-10", endsOn: "2025-03-11" });

const keysOf = (agenda: { key: string; position: number }[]) => {
  agenda.forEach((p, i) => expect(p.position).toBe(i));
  return agenda.map((p) => p.key);
};

describe.each([
  ["sqlite", freshSqlite],
  ["postgres", freshPostgres],
] as const)("storage contract (%s)", (dialect, fresh) => {
  let db: FreshDatabase;
  let storage: Storage;
  let stores: Stores;
  let clock = T0;
  let n = 0;
  const unique = (prefix: string) => `${prefix}-${++n}`;
  const newUser = () => stores.users.create({ email: `${unique("u")}@example.org`, name: "Org", passwordHash: "h" });
  const newWorkshop = async () => {
    const user = await newUser();
    return { user, workshop: await stores.workshops.createFromTemplate(fields, null, user.id) };
  };
  const newSession = async () => {
    const { user, workshop } = await newWorkshop();
    return { user, workshop, session: await stores.sessions.create({ workshopId: workshop.id, title: "Day 1", panelIds: [], createdBy: user.id }) };
  };

  beforeAll(async () => {
    db = await fresh();
    storage = db.storage;
    stores = createStores(storage, { now: () => clock });
  });
  afterAll(() => db?.cleanup());

  it("opens with the expected dialect and re-running migrations is a no-op", async () => {
    expect(storage.dialect).toBe(dialect);
    await stores.settings.set("probe", "kept");
    const again = await db.reopen();
    try {
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(again.db);
      expect(applied.rows.map((r) => r.name)).toEqual(["001_accounts_agenda", "002_sessions", "003_notes_summaries", "004_invitation_revocation", "005_invitation_token_hash", "006_question_asker_tag"]);
      expect(await createStores(again).settings.get("probe")).toBe("kept");
    } finally {
      await again.close();
    }
  });

  it("settings get / set (replace) / delete", async () => {
    expect(await stores.settings.get("absent")).toBeNull();
    await stores.settings.set("k", "1");
    await stores.settings.set("k", "2");
    expect(await stores.settings.get("k")).toBe("2");
    await stores.settings.delete("k");
    expect(await stores.settings.get("k")).toBeNull();
  });

  it("users: email is unique case-insensitively; times come back as numbers", async () => {
    const before = await stores.users.count();
    const u = await stores.users.create({ email: " Ada@Example.ORG ", name: "Ada", passwordHash: "argon2-hash" });
    expect(u).toMatchObject({ email: "ada@example.org", name: "Ada", createdAt: T0 });
    await expect(stores.users.create({ email: "ada@example.org", name: "Other", passwordHash: "x" })).rejects.toBeInstanceOf(ConflictError);
    expect(await stores.users.findByEmail("ADA@example.org")).toMatchObject({ id: u.id, passwordHash: "argon2-hash" });
    expect(await stores.users.get(u.id)).toEqual(u);
    expect(await stores.users.count()).toBe(before + 1);
  });

  it("template upsert is idempotent and keeps the id when content changes", async () => {
    const first = await stores.templates.upsert({ key: template.key, title: template.title, body: template });
    expect(first.changed).toBe(true);
    expect(first.template.body).toEqual(template);
    const same = await stores.templates.upsert({ key: template.key, title: template.title, body: structuredClone(template) });
    expect(same).toMatchObject({ changed: false, template: { id: first.template.id, contentHash: first.template.contentHash } });
    clock = T0 + 1000;
    const edited = await stores.templates.upsert({ key: template.key, title: "Renamed", body: template });
    expect(edited).toMatchObject({ changed: true, template: { id: first.template.id, title: "Renamed", updatedAt: T0 + 1000 } });
    expect((await stores.templates.list()).filter((t) => t.key === template.key)).toHaveLength(1);
    expect(await stores.templates.getByKey(template.key)).toMatchObject({ id: first.template.id, title: "Renamed" });
    clock = T0;
  });

  it("seeding the real template directory twice loads it once and then changes nothing", async () => {
    expect(await seedTemplates(stores.templates)).toEqual({ loaded: 1, changed: 1 });
    const once = await snapshotTables(storage);
    expect(await seedTemplates(stores.templates)).toEqual({ loaded: 1, changed: 0 });
    expect(await snapshotTables(storage)).toEqual(once);
    expect((await stores.templates.getByKey("space-security-norms"))!.body.panels).toHaveLength(6);
  });

  it("createFromTemplate copies the agenda and makes the creator organiser", async () => {
    const user = await newUser();
    const { template: t } = await stores.templates.upsert({ key: "mini-copy", title: "Copy", body: template });
    const w = await stores.workshops.createFromTemplate(fields, t, user.id);
    expect(await stores.workshops.get(w.id)).toMatchObject({ ...fields, templateId: t.id, createdBy: user.id });
    const agenda = await stores.workshops.getAgenda(w.id);
    expect(keysOf(agenda)).toEqual(["norms", "asat"]);
    expect(agenda[0].polls.map((p) => [p.key, p.kind, p.position])).toEqual([["binding", "single", 0], ["scale-1", "scale", 1]]);
    expect(agenda[0].polls[1]).toMatchObject(template.panels[0].polls[1]);
    expect(agenda[0]).toMatchObject({ workshopId: w.id, title: "Panel norms", prompts: ["Prompt for norms"], durationMinutes: 30 });
    expect(await stores.workshops.getMemberRole(w.id, user.id)).toBe("organiser");
    expect(await stores.workshops.listForUser(user.id)).toEqual([{ ...w, role: "organiser" }]);
    // The workshop owns a copy: editing it leaves the template untouched.
    await stores.workshops.removePanel(agenda[1].id);
    expect((await stores.templates.get(t.id))!.body.panels).toHaveLength(2);
  });

  it("addPanel / movePanel / removePanel keep positions 0..n-1", async () => {
    const { workshop } = await newWorkshop();
    const add = (key: string, at?: number) => stores.workshops.addPanel(workshop.id, panel(key), at);
    const a = await add("a");
    const b = await add("b");
    await add("c");
    await add("d", 1);
    expect(keysOf(await stores.workshops.getAgenda(workshop.id))).toEqual(["a", "d", "b", "c"]);
    await stores.workshops.movePanel(a.id, 3);
    expect(keysOf(await stores.workshops.getAgenda(workshop.id))).toEqual(["d", "b", "c", "a"]);
    await stores.workshops.movePanel(a.id, -5); // clamped
    expect(keysOf(await stores.workshops.getAgenda(workshop.id))).toEqual(["a", "d", "b", "c"]);
    await stores.workshops.removePanel(b.id);
    expect(keysOf(await stores.workshops.getAgenda(workshop.id))).toEqual(["a", "d", "c"]);
    await add("e", 99);
    expect(keysOf(await stores.workshops.getAgenda(workshop.id))).toEqual(["a", "d", "c", "e"]);
    await expect(stores.workshops.removePanel(b.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("updatePanel keeps the ids of polls whose key is unchanged", async () => {
    const { workshop } = await newWorkshop();
    const p = await stores.workshops.addPanel(workshop.id, panel("p", [poll("one"), poll("two")]));
    const [one, two] = p.polls;
    const updated = await stores.workshops.updatePanel(p.id, { ...panel("p", [poll("two", "Reworded?"), poll("three")]), title: "New title" });
    expect(updated.title).toBe("New title");
    expect(updated.polls.map((q) => [q.key, q.position])).toEqual([["two", 0], ["three", 1]]);
    expect(updated.polls[0]).toMatchObject({ id: two.id, question: "Reworded?" });
    expect([one.id, two.id]).not.toContain(updated.polls[1].id);
    expect((await stores.workshops.getAgenda(workshop.id))[0].polls.map((q) => q.id)).toEqual(updated.polls.map((q) => q.id));
  });

  it("poll keys are unique across a workshop's agenda, and a rejected edit changes nothing", async () => {
    const { workshop } = await newWorkshop();
    await stores.workshops.addPanel(workshop.id, panel("x", [poll("shared")]));
    const y = await stores.workshops.addPanel(workshop.id, panel("y", [poll("own")]));
    await expect(stores.workshops.addPanel(workshop.id, panel("z", [poll("shared")]))).rejects.toBeInstanceOf(ConflictError);
    await expect(stores.workshops.updatePanel(y.id, panel("y", [poll("own"), poll("shared")]))).rejects.toBeInstanceOf(ConflictError);
    const agenda = await stores.workshops.getAgenda(workshop.id);
    expect(keysOf(agenda)).toEqual(["x", "y"]);
    expect(agenda[1].polls.map((q) => q.key)).toEqual(["own"]);
    // Another workshop may reuse the key: it is the comparison key across regional workshops.
    const other = await newWorkshop();
    await expect(stores.workshops.addPanel(other.workshop.id, panel("x", [poll("shared")]))).resolves.toBeTruthy();
  });

  it("invitations: accept adds the member once; used and expired ones are refused", async () => {
    const { user, workshop } = await newWorkshop();
    const guest = await newUser();
    const inv = await stores.workshops.createInvitation(workshop.id, "rapporteur", user.id);
    expect(inv.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes base64url
    expect(inv.expiresAt - inv.createdAt).toBe(INVITATION_TTL_MS);
    expect(await stores.workshops.acceptInvitation(inv.token, guest.id)).toMatchObject({ acceptedBy: guest.id, acceptedAt: clock });
    expect(await stores.workshops.getMemberRole(workshop.id, guest.id)).toBe("rapporteur");
    expect((await stores.workshops.listMembers(workshop.id)).map((m) => m.role).sort()).toEqual(["organiser", "rapporteur"]);
    const third = await newUser();
    await expect(stores.workshops.acceptInvitation(inv.token, third.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(stores.workshops.acceptInvitation("no-such-token", third.id)).rejects.toBeInstanceOf(NotFoundError);
    const late = await stores.workshops.createInvitation(workshop.id, "facilitator", user.id);
    clock = T0 + INVITATION_TTL_MS + 1;
    try {
      await expect(stores.workshops.acceptInvitation(late.token, third.id)).rejects.toBeInstanceOf(ExpiredError);
    } finally {
      clock = T0;
    }
    expect(await stores.workshops.getMemberRole(workshop.id, third.id)).toBeNull();
  });

  /**
   * Holds a session start (or a join) open in its own transaction, asks for a rule change meanwhile,
   * and lets the start commit once the change has either finished or is waiting for a lock (Postgres:
   * pg_stat_activity shows a backend waiting on a lock). The change must then be refused (409): it
   * may not slip in while the start is in flight. Without the row locks, Postgres would let it through.
   */
  const ruleChangeDuringStart = async (begin: (tx: Stores, sessionId: string) => Promise<unknown>) => {
    const { workshop, session } = await newSession();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let begun!: () => void;
    const inFlight = new Promise<void>((r) => (begun = r));
    const start = stores.transaction(async (tx) => {
      await begin(tx, session.id);
      begun();
      await gate;
    });
    await inFlight;
    let settled = false;
    const change = stores.workshops.update(workshop.id, { rule: "attributed" }).finally(() => (settled = true));
    change.catch(() => undefined);
    const lockWaits = async () =>
      dialect === "postgres"
        ? Number(
            (await sql<{ n: string }>`select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`.execute(storage.db))
              .rows[0]!.n,
          )
        : 1; // SQLite: the change is queued behind the open transaction on the one connection.
    while (!settled && (await lockWaits()) === 0) await new Promise((r) => setImmediate(r));
    release();
    await start;
    await expect(change).rejects.toMatchObject({ kind: "state" });
    expect((await stores.workshops.get(workshop.id))!.rule).toBe("chatham-house");
    expect(await stores.workshops.ruleLocked(workshop.id)).toBe(true);
  };

  it("the rule cannot change while a session start is in flight (rule check and start take turns)", async () => {
    await ruleChangeDuringStart((tx, id) => tx.sessions.updateState(id, { status: "live", startedAt: clock }));
  });

  it("the rule cannot change while a participant's join is in flight", async () => {
    await ruleChangeDuringStart((tx, id) => tx.sessions.addParticipant({ sessionId: id, role: "participant", displayName: null, sector: null, userId: null }));
  });

  it("invitation tokens are never stored: only their SHA-256, and lookups by token still work", async () => {
    const { user, workshop } = await newWorkshop();
    const inv = await stores.workshops.createInvitation(workshop.id, "facilitator", user.id);
    const stored = JSON.stringify(await snapshotTables(storage));
    expect(stored).not.toContain(inv.token);
    expect(stored).toContain(hashInvitationToken(inv.token));
    expect(await stores.workshops.getInvitation(inv.token)).toMatchObject({ token: inv.token, workshopId: workshop.id, role: "facilitator" });
    // The hash itself is not a working link.
    expect(await stores.workshops.getInvitation(hashInvitationToken(inv.token))).toBeNull();
    expect((await stores.workshops.listInvitations(workshop.id)).map((l) => l.id)).toEqual([invitationListingId(inv.token)]);
  });

  it("migration 005 hashes invitation tokens stored in clear; their links keep working", async () => {
    const old = await fresh();
    try {
      const migrator = new Migrator({ db: old.storage.db, provider: migrationProvider(dialect) });
      expect((await migrator.migrateTo("004_invitation_revocation")).error).toBeUndefined();
      const oldStores = createStores(old.storage, { now: () => clock });
      const owner = await oldStores.users.create({ email: "owner@example.org", name: "Owner", passwordHash: "h" });
      const w = await oldStores.workshops.createFromTemplate(fields, null, owner.id);
      const token = "clear-token-from-before-005-aaaaaaaaaaaaaaa";
      // Written as release 004 did: the token itself in a `token` column.
      await sql`insert into invitations (token, workshop_id, role, created_by, created_at, expires_at) values (${token}, ${w.id}, 'rapporteur', ${owner.id}, ${clock}, ${clock + INVITATION_TTL_MS})`.execute(old.storage.db);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(JSON.stringify(await snapshotTables(old.storage))).not.toContain(token);
      expect(await oldStores.workshops.getInvitation(token)).toMatchObject({ token, workshopId: w.id, role: "rapporteur" });
      const guest = await oldStores.users.create({ email: "guest@example.org", name: "Guest", passwordHash: "h" });
      await oldStores.workshops.acceptInvitation(token, guest.id);
      expect(await oldStores.workshops.getMemberRole(w.id, guest.id)).toBe("rapporteur");
    } finally {
      await old.cleanup();
    }
  });

  it("join codes are unique (a collision is retried) and look-up works", async () => {
    const codes = ["ABCDEF", "ABCDEF", "GHJKMN"];
    const scripted = createStores(storage, { now: () => clock, joinCode: () => codes.shift() ?? "ABCDEF" });
    const { user, workshop } = await newWorkshop();
    const make = () => scripted.sessions.create({ workshopId: workshop.id, title: "S", panelIds: ["p1"], createdBy: user.id });
    const s1 = await make();
    const s2 = await make();
    expect([s1.joinCode, s2.joinCode]).toEqual(["ABCDEF", "GHJKMN"]);
    expect(s2).toMatchObject({ status: "ready", currentPanelIndex: 0, panelIds: ["p1"], elapsedMs: {}, startedAt: null });
    expect(s1.projectorKey).not.toBe(s2.projectorKey);
    expect(await stores.sessions.getByJoinCode("GHJKMN")).toEqual(s2);
    expect(await stores.sessions.getByJoinCode("QQQQQQ")).toBeNull();
    await expect(make()).rejects.toBeInstanceOf(ConflictError); // generator now only yields taken codes
    expect((await stores.sessions.listForWorkshop(workshop.id)).map((s) => s.id).sort()).toEqual([s1.id, s2.id].sort());
  });

  it("50 concurrent appendEvent calls get seq 1..50 without gaps or duplicates", async () => {
    const { session } = await newSession();
    const events = await Promise.all(
      Array.from({ length: 50 }, (_, i) => stores.sessions.appendEvent(session.id, "participant.joined", { i }, T0 + i)),
    );
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await stores.sessions.lastEventSeq(session.id)).toBe(50);
    const stored = await stores.sessions.listEvents(session.id);
    expect(stored.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(stored.map((e) => e.payload.i)).size).toBe(50);
    expect((await stores.sessions.listEvents(session.id, { afterSeq: 45, limit: 3 })).map((e) => e.seq)).toEqual([46, 47, 48]);
    await expect(stores.sessions.appendEvent("no-such-session", "session.started", {}, T0)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("updateStateWithEvent is atomic; a rolled-back append leaves no gap", async () => {
    const { session } = await newSession();
    await stores.sessions.updateStateWithEvent(session.id, { status: "live", startedAt: T0, panelStartedAt: T0, elapsedMs: { a: 5 } }, { type: "session.started", payload: {}, at: T0 });
    expect(await stores.sessions.get(session.id)).toMatchObject({ status: "live", startedAt: T0, elapsedMs: { a: 5 } });
    await expect(
      stores.transaction(async (tx) => {
        await tx.sessions.updateState(session.id, { status: "ended", endedAt: T0 + 1 });
        await tx.sessions.appendEvent(session.id, "session.ended", {}, T0 + 1);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await stores.sessions.get(session.id)).toMatchObject({ status: "live", endedAt: null });
    expect(await stores.sessions.lastEventSeq(session.id)).toBe(1);
    expect((await stores.sessions.appendEvent(session.id, "panel.entered", { index: 0 }, T0 + 2)).seq).toBe(2);
    await expect(stores.sessions.updateStateWithEvent("missing", { status: "ended" }, { type: "session.ended", payload: {}, at: T0 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("participants: stored without IP or user agent, counted and listed", async () => {
    const { user, session } = await newSession();
    const anon = await stores.sessions.addParticipant({ sessionId: session.id, role: "participant", displayName: "Kim", sector: "academia", userId: null });
    const staff = await stores.sessions.addParticipant({ sessionId: session.id, role: "facilitator", displayName: null, sector: null, userId: user.id });
    expect(await stores.sessions.getParticipant(anon.id)).toEqual(anon);
    expect(await stores.sessions.findParticipantByUser(session.id, user.id)).toEqual(staff);
    expect(await stores.sessions.countParticipants(session.id)).toBe(2);
    expect((await stores.sessions.listParticipants(session.id)).map((p) => p.id).sort()).toEqual([anon.id, staff.id].sort());
    const tables = await storage.db.introspection.getTables();
    const columns = tables.find((t) => t.name === "participants")!.columns.map((c) => c.name);
    expect(columns.filter((c) => /(^|_)ip($|_)|address|agent/i.test(c))).toEqual([]);
  });

  it("grouped reads (participants by sector, responses by value and sector) count the same as per-person rows", async () => {
    const { user, workshop, session } = await newSession();
    const p = await stores.workshops.addPanel(workshop.id, panel("grouped", [poll("g1"), poll("g2")]));
    const sectors = ["academia", "industry", null, "academia", "government", null, "academia"] as const;
    const people = [];
    for (const [i, sector] of sectors.entries()) {
      people.push(await stores.sessions.addParticipant({ sessionId: session.id, role: "participant", displayName: `P${i}`, sector, userId: null }));
    }
    await stores.sessions.addParticipant({ sessionId: session.id, role: "facilitator", displayName: null, sector: null, userId: user.id });
    const runs = [];
    for (const [j, pollDef] of p.polls.entries()) {
      const run = await stores.polls.createRun({ sessionId: session.id, pollId: pollDef.id, run: 1, status: "open", visibility: "live", projected: false });
      runs.push(run);
      // Run 1: everyone; run 2: every other person, with a changed answer (an upsert must count once).
      for (const [i, person] of people.entries()) {
        if (j === 1 && i % 2 === 1) continue;
        await stores.polls.respond(run.id, person.id, `r-${j}-${i}`, { choice: i % 3 === 0 ? "yes" : "no" }, person.sector);
      }
      await stores.polls.respond(run.id, people[0].id, `r-${j}-0b`, { choice: "no" }, people[0].sector);
    }
    const key = (r: { value: unknown; sector: string | null }) => `${JSON.stringify(r.value)}|${r.sector}`;
    const tallyOf = (rows: { value: unknown; sector: string | null; count?: number }[]) => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + (r.count ?? 1));
      return Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
    };
    const grouped = await stores.polls.groupedResponses(runs.map((r) => r.id));
    for (const run of runs) {
      expect(tallyOf(grouped.filter((g) => g.runId === run.id))).toEqual(tallyOf(await stores.polls.listResponses(run.id)));
    }
    expect(grouped.reduce((n, g) => n + g.count, 0)).toBe(people.length + Math.ceil(people.length / 2));
    expect(await stores.polls.groupedResponses([])).toEqual([]);

    const bySector = await stores.sessions.countParticipantsBySector(session.id);
    const listed = await stores.sessions.listParticipants(session.id);
    const count = (rows: { role: string; sector: string | null; count?: number }[]) => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(`${r.role}|${r.sector}`, (m.get(`${r.role}|${r.sector}`) ?? 0) + (r.count ?? 1));
      return Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
    };
    expect(count(bySector)).toEqual(count(listed));
    expect(count(bySector)).toEqual({ "facilitator|null": 1, "participant|academia": 3, "participant|government": 1, "participant|industry": 1, "participant|null": 2 });
  });

  it("the database enforces one response per (poll run, participant) and foreign keys", async () => {
    const { user, workshop, session } = await newSession();
    const p = await stores.workshops.addPanel(workshop.id, panel("vote", [poll("q")]));
    const voter = await stores.sessions.addParticipant({ sessionId: session.id, role: "participant", displayName: null, sector: null, userId: null });
    await storage.db.insertInto("poll_runs").values({ id: "run-" + session.id, session_id: session.id, poll_id: p.polls[0].id, run_number: 1, state: "open", visibility: "live", projected: 0, opened_at: T0, closed_at: null }).execute();
    const response = (id: string) => ({ id, poll_run_id: "run-" + session.id, participant_id: voter.id, response_id: id, value: '"yes"', sector: null, created_at: T0, updated_at: T0 });
    await guard(storage.db.insertInto("responses").values(response(unique("r"))).execute());
    const dup = await guard(storage.db.insertInto("responses").values(response(unique("r"))).execute()).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(ConflictError);
    expect((dup as ConflictError).kind).toBe("unique");
    const orphan = await guard(storage.db.insertInto("participants").values({ id: unique("p"), session_id: "no-such-session", role: "participant", display_name: null, sector: null, user_id: null, token_hash: null, joined_at: T0 }).execute()).catch((e: unknown) => e);
    expect(orphan).toBeInstanceOf(ConflictError);
    expect((orphan as ConflictError).kind).toBe("reference");
    // A poll that has been run cannot vanish from the agenda (its results would dangle).
    await expect(stores.workshops.removePanel(p.id)).rejects.toBeInstanceOf(ConflictError);
    expect(user.id).toBeTruthy();
  });

  it("round-trips binary note updates byte for byte", async () => {
    const bytes = Uint8Array.from([0, 1, 2, 250, 255, 0]);
    const row = await storage.db.insertInto("note_updates").values({ doc_name: unique("doc"), update: Buffer.from(bytes), created_at: T0 }).returning(["id", "doc_name"]).executeTakeFirstOrThrow();
    expect(typeof row.id).toBe("number");
    const back = await storage.db.selectFrom("note_updates").select(["update", "created_at"]).where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(new Uint8Array(back.update)).toEqual(bytes);
    expect(back.created_at).toBe(T0);
  });

  it.runIf(dialect === "sqlite")("SQLite runs in WAL mode with foreign keys on", async () => {
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(storage.db);
    expect(mode.rows[0].journal_mode).toBe("wal");
    const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(storage.db);
    expect(fk.rows[0].foreign_keys).toBe(1);
    const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(storage.db);
    expect(busy.rows[0].timeout).toBe(5000);
  });
});
