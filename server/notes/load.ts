/** Building a notes doc from storage (used by the notes server; also usable by summaries and replay). */
import * as Y from "yjs";
import type { NoteStore } from "./store";
import type { NotesLogger } from "./types";
import { dropPending, pendingBytes } from "./update-check";

export interface LoadedDoc {
  /** A `gc: false` doc (see NotesRoom for why). */
  doc: Y.Doc;
  /** Id of the newest update reflected in `doc` (0 when none). */
  lastUpdateId: number;
  /** `uptoId` of the checkpoint used (0 when none or unreadable). */
  checkpointUptoId: number;
  /** Updates applied on top of that checkpoint. */
  updatesAfterCheckpoint: number;
}

/**
 * Loads the latest checkpoint plus every later update. An unreadable checkpoint falls back to replaying
 * the full update log (never pruned); an update that cannot be applied is logged and skipped, so one
 * poisoned row cannot make a session's notes unreachable.
 * @throws whatever the store throws: the caller must not serve an empty doc instead.
 */
export async function loadNotesDoc(
  store: NoteStore,
  docName: string,
  opts: { logger: NotesLogger; maxPendingStructBytes: number },
): Promise<LoadedDoc> {
  const { checkpoint, updates } = await store.load(docName);
  let doc = new Y.Doc({ gc: false });
  let source = updates;
  let checkpointUptoId = checkpoint?.uptoId ?? 0;
  if (checkpoint) {
    try {
      Y.applyUpdate(doc, checkpoint.state);
    } catch (err) {
      opts.logger.error({ err, docName, uptoId: checkpoint.uptoId }, "notes: checkpoint unreadable, replaying all updates");
      doc.destroy();
      doc = new Y.Doc({ gc: false });
      source = await store.updatesBetween(docName, 0);
      checkpointUptoId = 0;
    }
  }
  for (const u of source) {
    try {
      Y.applyUpdate(doc, u.update);
    } catch (err) {
      opts.logger.error({ err, docName, updateId: u.id }, "notes: stored update cannot be applied, skipped");
    }
  }
  if (pendingBytes(doc) > opts.maxPendingStructBytes) {
    opts.logger.warn({ docName, bytes: pendingBytes(doc) }, "notes: dropping stored updates with missing dependencies");
    dropPending(doc);
  }
  const lastUpdateId = source.reduce((max, u) => Math.max(max, u.id), checkpoint?.uptoId ?? 0);
  return { doc, lastUpdateId, checkpointUptoId, updatesAfterCheckpoint: source.length };
}
