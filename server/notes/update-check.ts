/**
 * Deciding whether a client's Yjs update would change the server's doc, without applying it.
 *
 * Why: the y-websocket client answers the server's sync step 1 with a sync step 2 even when it has
 * nothing new, and that step 2 always carries the client's whole delete set (deletions are not covered
 * by state vectors). Such no-op updates must neither count as a write by a read-only client nor be
 * appended to the log on every reconnect.
 */
import * as Y from "yjs";
import { MalformedMessageError } from "./protocol";

/**
 * "change" when the update holds a struct the doc lacks, or deletes an item the doc has not deleted
 * (or does not have); "noop" otherwise.
 * @throws MalformedMessageError when the bytes do not decode as a v1 Yjs update.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): "noop" | "change" {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (err) {
    throw new MalformedMessageError(`undecodable update: ${err instanceof Error ? err.message : String(err)}`);
  }
  const store = doc.store;
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Skip) continue;
    const known = Y.getState(store, struct.id.client);
    if (struct.id.clock + struct.length > known) return "change";
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = store.clients.get(client);
    const known = Y.getState(store, client);
    for (const { clock, len } of ranges) {
      if (len === 0) continue;
      if (!structs || clock + len > known) return "change";
      // Walk the doc's structs covering [clock, clock + len): any live one would be deleted.
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < clock + len; i++) {
        if (!structs[i].deleted) return "change";
      }
    }
  }
  return "noop";
}

/** Bytes of updates the doc holds back for missing dependencies (Yjs `pendingStructs` + `pendingDs`). */
export function pendingBytes(doc: Y.Doc): number {
  return (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0);
}

/** Drops everything held back for missing dependencies. */
export function dropPending(doc: Y.Doc): void {
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
}
