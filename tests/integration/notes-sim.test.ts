/**
 * The demo's simulated rapporteurs (scripts/sim-rapporteurs.ts, started by `npm run demo`) against the
 * real app: each types into the facilitator's current panel under its own server-given name, shows a
 * caret, follows the facilitator to the next panel, and what they type is stored.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import * as Y from "yjs";
import { notesDocName, panelNotesText } from "../../app/domain/notes/model";
import { createKyselyNoteStore } from "../../server/notes/store-kysely";
import { startSimulatedRapporteurs, type SimulatedRapporteurs } from "../../scripts/sim-rapporteurs";
import { ask, startTestApp, waitFor, type TestApp } from "../helpers/app";
import { createNotesFixtures, notesClient, type NotesTestClient } from "../helpers/notes-app-fixtures";

let t: TestApp;
let sim: SimulatedRapporteurs | undefined;
let watcher: NotesTestClient | undefined;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await sim?.stop();
  watcher?.destroy();
  await t?.close();
});

it("simulated rapporteurs type into the facilitator's current panel, with presence, and follow panel changes", async () => {
  const w = await t.makeWorkshop();
  const live = await t.liveSession(w);
  const fx = createNotesFixtures(t.app.stores, t.app.auth.cookies, t.app.auth.hashPassword);
  const ama = await fx.addStaff(w.workshopId, "rapporteur", "Ama");
  const bola = await fx.addStaff(w.workshopId, "rapporteur", "Bola");
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  sim = await startSimulatedRapporteurs({ baseUrl: t.baseUrl, sessionId: live.session.id, cookies: [ama.cookie, bola.cookie], charsPerSecond: 200, random });

  // A real reader (the organiser) watches the doc and the carets.
  watcher = notesClient(t.baseUrl, live.session.id, w.cookie);
  const doc = watcher.doc;
  const [first, second] = w.panelIds;
  await waitFor(() => panelNotesText(doc, first).length > 40, 15_000);
  await waitFor(() => sim!.currentPanelId() === first);
  const peers = () => [...watcher!.provider.awareness.getStates().entries()].filter(([id]) => id !== doc.clientID).map(([, s]) => s as Record<string, any>);
  await waitFor(() => peers().filter((s) => s.cursor && s.panelId === first).length === 2, 10_000);
  expect(peers().map((s) => s.user?.name).sort()).toEqual(["Ama", "Bola"]); // names come from the server
  // The caret points into the panel's text (TipTap resolves it the same way).
  const caret = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(peers()[0].cursor.head), doc);
  expect(caret?.type).toBeInstanceOf(Y.XmlText);

  // The facilitator moves on: the rapporteurs follow and write in the next panel.
  expect((await ask(live.facilitator, "panel:advance")).ok).toBe(true);
  await waitFor(() => panelNotesText(doc, second).length > 20, 15_000);
  await waitFor(() => peers().every((s) => s.panelId === second), 10_000);

  // What they typed is stored (the store reloads to the same text).
  await sim.stop();
  sim = undefined;
  const name = notesDocName(live.session.id);
  await waitFor(() => t.app.notes.stats().pendingWrites === 0);
  const loaded = await createKyselyNoteStore(t.app.storage.db).load(name);
  const stored = new Y.Doc();
  if (loaded.checkpoint) Y.applyUpdate(stored, loaded.checkpoint.state);
  loaded.updates.forEach((u) => Y.applyUpdate(stored, u.update));
  const serverDoc = t.app.notes.getDoc(name)!; // still loaded: the watcher is connected
  expect(panelNotesText(stored, first)).toBe(panelNotesText(serverDoc, first));
  expect(panelNotesText(stored, second)).toBe(panelNotesText(serverDoc, second));
}, 60_000);
