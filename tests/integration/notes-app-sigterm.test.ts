/**
 * Durability on a real server PROCESS (tsx server/index.ts): a rapporteur types, the process gets
 * SIGTERM a few milliseconds after the last keystroke, and after a restart on the same data dir every
 * keystroke is there. Append-before-relay makes each accepted update durable; graceful close flushes
 * whatever was still queued.
 */
import { rmSync } from "node:fs";
import { afterAll, expect, it } from "vitest";
import { panelNotesFragment, panelNotesText } from "../../app/domain/notes/model";
import { hashPassword } from "../../server/auth/passwords";
import { waitFor } from "../helpers/app";
import { notesClient, openProcessFixtures, type NotesTestClient } from "../helpers/notes-app-fixtures";
import { startServerProcess, type ServerProcess } from "../helpers/server-process";
import * as Y from "yjs";

const processes: ServerProcess[] = [];
const clients: NotesTestClient[] = [];
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  for (const p of processes) await p.stop("SIGKILL");
  if (processes[0]) rmSync(processes[0].dataDir, { recursive: true, force: true });
});

it("keeps every keystroke typed up to SIGTERM (within 1 s) after a restart", async () => {
  const first = await startServerProcess();
  processes.push(first);
  const fx = await openProcessFixtures(first.dataDir, hashPassword);
  const s = await fx.makeSession();
  const r = await fx.addStaff(s.workshopId, "rapporteur");
  await fx.close();

  const writer = notesClient(first.baseUrl, s.sessionId, r.cookie);
  clients.push(writer);
  await waitFor(() => writer.provider.synced, 10_000);
  const panel = s.panelIds[2];
  const fragment = panelNotesFragment(writer.doc, panel);
  const text = new Y.XmlText();
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [text]);
  fragment.insert(0, [paragraph]);
  const typed = "Consensus: transparency and confidence-building measures first.";
  // ~10 keystrokes a second, one update each, like a fast typist.
  for (const ch of typed) {
    text.insert(text.length, ch);
    await new Promise((resolve) => setTimeout(resolve, 8));
  }
  const lastEditAt = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 20));
  const code = await first.stop("SIGTERM");
  expect(Date.now() - lastEditAt).toBeLessThan(1_000);
  expect(code).toBe(0);
  writer.destroy();

  const second = await startServerProcess({ dataDir: first.dataDir });
  processes.push(second);
  const reader = notesClient(second.baseUrl, s.sessionId, r.cookie);
  clients.push(reader);
  await waitFor(() => reader.provider.synced, 10_000);
  expect(panelNotesText(reader.doc, panel)).toBe(typed);
}, 60_000);
