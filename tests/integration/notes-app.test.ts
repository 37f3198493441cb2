/**
 * The notes server as wired into the real app (port 0, real SQLite, real cookies): convergence of two
 * rapporteurs, authorisation of the upgrade, read-only participants, the "open to everyone" flag, and
 * that what clients see is what is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { notesDocName, panelNotesFragment, panelNotesText, setPlainText, addTakeaway, listTakeaways } from "../../app/domain/notes/model";
import { notesOpenToAllKey } from "../../app/components/notes/access";
import { createKyselyNoteStore } from "../../server/notes/store-kysely";
import { startTestApp, waitFor, type TestApp } from "../helpers/app";
import { createNotesFixtures, notesClient, upgradeStatus, type NotesFixtures, type NotesTestClient } from "../helpers/notes-app-fixtures";

let t: TestApp;
let fx: NotesFixtures;
const clients: NotesTestClient[] = [];
const open = (...args: Parameters<typeof notesClient>) => {
  const c = notesClient(...args);
  clients.push(c);
  return c;
};
const synced = (c: NotesTestClient) => waitFor(() => c.provider.synced);

beforeAll(async () => {
  t = await startTestApp();
  fx = createNotesFixtures(t.app.stores, t.app.auth.cookies, t.app.auth.hashPassword);
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await t?.close();
});

describe("notes in the app", () => {
  it("two rapporteurs converge, and the stored doc equals what they see", async () => {
    const s = await fx.makeSession();
    const r1 = await fx.addStaff(s.workshopId, "rapporteur");
    const r2 = await fx.addStaff(s.workshopId, "rapporteur");
    const a = open(t.baseUrl, s.sessionId, r1.cookie);
    const b = open(t.baseUrl, s.sessionId, r2.cookie);
    await Promise.all([synced(a), synced(b)]);
    const panel = s.panelIds[0];
    setPlainText(panelNotesFragment(a.doc, panel), "Norms first.");
    addTakeaway(b.doc, panel, "Verification is the hard part");
    await waitFor(() => panelNotesText(b.doc, panel) === "Norms first." && listTakeaways(a.doc, panel).length === 1);
    expect(Y.encodeStateAsUpdate(a.doc)).toEqual(Y.encodeStateAsUpdate(b.doc));

    // Awareness carries the server's idea of who is who (role label, palette colour), not the client's.
    b.provider.awareness.setLocalState({ user: { name: "Forged Name", color: "red" }, panelId: panel });
    await waitFor(() => a.provider.awareness.getStates().get(b.doc.clientID)?.panelId === panel);
    const user = a.provider.awareness.getStates().get(b.doc.clientID)!.user as { name: string; color: string; role: string };
    expect(user.role).toBe("rapporteur");
    expect(user.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(user.name).toMatch(/^rapporteur /); // the account's name (fixture: "rapporteur <random>")

    // What is stored, replayed into a fresh doc, has exactly the clients' content.
    const stored = await createKyselyNoteStore(t.app.storage.db).load(notesDocName(s.sessionId));
    const replica = new Y.Doc();
    if (stored.checkpoint) Y.applyUpdate(replica, stored.checkpoint.state);
    for (const u of stored.updates) Y.applyUpdate(replica, u.update);
    expect(Y.encodeStateVector(replica)).toEqual(Y.encodeStateVector(a.doc));
    expect(panelNotesText(replica, panel)).toBe("Norms first.");
  });

  it("refuses unknown sessions (404), strangers and other sessions' participants (403), cross-site pages (403)", async () => {
    const s1 = await fx.makeSession();
    const s2 = await fx.makeSession();
    const p1 = await fx.addParticipant(s1.sessionId);
    expect(await upgradeStatus(t.baseUrl, notesDocName(s1.sessionId), { cookie: p1.cookie })).toBe(101);
    expect(await upgradeStatus(t.baseUrl, notesDocName(s2.sessionId), { cookie: p1.cookie })).toBe(403);
    expect(await upgradeStatus(t.baseUrl, notesDocName(s1.sessionId))).toBe(403);
    expect(await upgradeStatus(t.baseUrl, notesDocName("no-such-session"), { cookie: p1.cookie })).toBe(404);
    expect(await upgradeStatus(t.baseUrl, "not-a-session-doc", { cookie: p1.cookie })).toBe(404);
    // A page on another site cannot ride on the participant's cookie.
    expect(await upgradeStatus(t.baseUrl, notesDocName(s1.sessionId), { cookie: p1.cookie, origin: "https://evil.example" })).toBe(403);
    expect(await upgradeStatus(t.baseUrl, notesDocName(s1.sessionId), { cookie: p1.cookie, origin: t.baseUrl })).toBe(101);
    // A rapporteur of workshop 1 is a stranger to workshop 2's session.
    const r = await fx.addStaff(s1.workshopId, "rapporteur");
    expect(await upgradeStatus(t.baseUrl, notesDocName(s2.sessionId), { cookie: r.cookie })).toBe(403);
    // The projector key gives (read-only) access; a wrong key does not.
    const session = (await t.app.stores.sessions.get(s1.sessionId))!;
    expect(await upgradeStatus(t.baseUrl, notesDocName(s1.sessionId), {}, `?key=${encodeURIComponent(session.projectorKey)}`)).toBe(101);
    expect(await upgradeStatus(t.baseUrl, notesDocName(s1.sessionId), {}, "?key=wrong")).toBe(403);
  });

  it("drops a read-only participant's update (4403) and leaves the doc unchanged", async () => {
    const s = await fx.makeSession();
    const r = await fx.addStaff(s.workshopId, "rapporteur");
    const p = await fx.addParticipant(s.sessionId, { displayName: "Kofi" });
    const writer = open(t.baseUrl, s.sessionId, r.cookie);
    const reader = open(t.baseUrl, s.sessionId, p.cookie);
    await Promise.all([synced(writer), synced(reader)]);
    const panel = s.panelIds[1];
    setPlainText(panelNotesFragment(writer.doc, panel), "Official text");
    await waitFor(() => panelNotesText(reader.doc, panel) === "Official text");
    const appendedBefore = t.app.notes.stats().appendedUpdates;

    setPlainText(panelNotesFragment(reader.doc, panel), "Vandalised");
    await waitFor(() => reader.closeCodes.includes(4403));
    const live = t.app.notes.getDoc(notesDocName(s.sessionId))!;
    expect(panelNotesText(live, panel)).toBe("Official text");
    expect(panelNotesText(writer.doc, panel)).toBe("Official text");
    expect(t.app.notes.stats().appendedUpdates).toBe(appendedBefore);
    // y-websocket does not retry after a 44xx close: the reader stays disconnected instead of looping.
    expect(reader.provider.wsconnected).toBe(false);
  });

  it("lets participants write once the facilitator opened the notes to everyone", async () => {
    const s = await fx.makeSession();
    const p = await fx.addParticipant(s.sessionId);
    await t.app.stores.settings.set(notesOpenToAllKey(s.sessionId), "1");
    const c = open(t.baseUrl, s.sessionId, p.cookie);
    await synced(c);
    setPlainText(panelNotesFragment(c.doc, s.panelIds[0]), "From the floor");
    await waitFor(() => {
      const live = t.app.notes.getDoc(notesDocName(s.sessionId));
      return !!live && panelNotesText(live, s.panelIds[0]) === "From the floor";
    });
    expect(c.closeCodes).toEqual([]);
    // Observers stay read-only even then.
    const o = await fx.addParticipant(s.sessionId, { role: "observer" });
    const oc = open(t.baseUrl, s.sessionId, o.cookie);
    await synced(oc);
    setPlainText(panelNotesFragment(oc.doc, s.panelIds[0]), "Observer edit");
    await waitFor(() => oc.closeCodes.includes(4403));
  });
});

describe("notes presentation rules", () => {
  it("allows only http, https and mailto links", async () => {
    const { isAllowedNoteUrl, normaliseNoteUrl } = await import("../../app/components/notes/links");
    expect(isAllowedNoteUrl("https://unoosa.org/report")).toBe(true);
    expect(isAllowedNoteUrl("mailto:rapporteur@example.org")).toBe(true);
    for (const bad of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "vbscript:x", "/relative", ""]) {
      expect(isAllowedNoteUrl(bad), bad).toBe(false);
    }
    expect(normaliseNoteUrl("unidir.org")).toBe("https://unidir.org");
    expect(normaliseNoteUrl("a@b.org")).toBe("mailto:a@b.org");
    expect(normaliseNoteUrl("javascript:alert(1)")).toBeNull();
  });

  it("uses presence colours readable under white label text (WCAG AA, ≥ 4.5:1) and stable per participant", async () => {
    const { PRESENCE_COLORS, presenceColor, presenceName } = await import("../../server/notes/wire");
    const lum = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const c of PRESENCE_COLORS) expect(1.05 / (lum(c) + 0.05), c).toBeGreaterThanOrEqual(4.5);
    expect(presenceColor("p-1")).toBe(presenceColor("p-1"));
    expect(presenceName("rapporteur", "p-1", null)).toMatch(/^Rapporteur \d{1,2}$/);
    expect(presenceName("participant", "p-1", "  Kofi ")).toBe("Kofi");
  });
});
