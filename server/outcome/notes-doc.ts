/** Rebuilds a session's notes Y.Doc from durable storage (checkpoint, then every later update). */
import * as Y from "yjs";
import { notesDocName } from "../../app/domain/notes/model";
import type { NoteStore } from "../notes/store";

/**
 * The session's notes as stored: every update the notes server accepted is appended before it is
 * relayed, so this is at least as complete as what any participant saw.
 * @returns a fresh Y.Doc (empty when the session never had notes); the caller may `destroy()` it.
 */
export async function loadSessionNotes(noteStore: NoteStore, sessionId: string): Promise<Y.Doc> {
  const { checkpoint, updates } = await noteStore.load(notesDocName(sessionId));
  const doc = new Y.Doc();
  if (checkpoint) Y.applyUpdate(doc, checkpoint.state);
  for (const u of updates) Y.applyUpdate(doc, u.update);
  return doc;
}
