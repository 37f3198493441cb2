/**
 * Strict parsing of y-websocket client frames (see y-websocket/src/y-websocket.js and y-protocols).
 * Anything that does not parse exactly — truncated varints, trailing bytes, unknown types, undecodable
 * Yjs updates — raises {@link MalformedMessageError}, which closes only that connection.
 */
import * as Y from "yjs";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";

export const messageSync = 0;
export const messageAwareness = 1;
export const messageAuth = 2;
export const messageQueryAwareness = 3;

/** One awareness entry as on the wire: `state` null means "client left". */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

export type ClientMessage =
  | { kind: "sync-step1"; stateVector: Uint8Array }
  | { kind: "update"; update: Uint8Array; step2: boolean }
  | { kind: "awareness"; entries: AwarenessEntry[] }
  | { kind: "query-awareness" };

export class MalformedMessageError extends Error {}

function ensureConsumed(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new MalformedMessageError("trailing bytes");
}

/**
 * Parses one client frame.
 * @throws MalformedMessageError for anything but a well-formed sync / awareness / query-awareness message.
 */
export function parseClientMessage(data: Uint8Array): ClientMessage {
  if (data.byteLength === 0) throw new MalformedMessageError("empty frame");
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === messageSync) {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      ensureConsumed(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        Y.decodeStateVector(payload); // throws on garbage
        return { kind: "sync-step1", stateVector: payload };
      }
      if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        return { kind: "update", update: payload, step2: syncType === syncProtocol.messageYjsSyncStep2 };
      }
      throw new MalformedMessageError(`unknown sync message ${syncType}`);
    }
    if (type === messageAwareness) {
      const update = decoding.readVarUint8Array(decoder);
      ensureConsumed(decoder);
      return { kind: "awareness", entries: parseAwarenessUpdate(update) };
    }
    if (type === messageQueryAwareness) {
      ensureConsumed(decoder);
      return { kind: "query-awareness" };
    }
    // messageAuth only flows server → client; anything else is unknown.
    throw new MalformedMessageError(`unexpected message type ${type}`);
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err;
    throw new MalformedMessageError(err instanceof Error ? err.message : String(err));
  }
}

/** Decodes an awareness update (`[count, (clientID, clock, JSON state)*]`). @throws on malformed input. */
export function parseAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    if (state !== null && (typeof state !== "object" || Array.isArray(state))) {
      throw new MalformedMessageError("awareness state must be an object or null");
    }
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  ensureConsumed(decoder);
  return entries;
}

/** Encodes entries back into an awareness update payload (inverse of {@link parseAwarenessUpdate}). */
export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

/** `[messageSync, type, payload]` frame. */
export function syncFrame(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageSync);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** `[messageAwareness, update]` frame. */
export function awarenessFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageAwareness);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
