/**
 * React hook owning a session's notes document in the browser: one Y.Doc, one WebsocketProvider on the
 * same origin (`/yjs/session-<id>`) and, for writers only, one IndexedDB copy, so edits made while the
 * connection is down are kept on the device (even across a reload) and merge when it comes back.
 * Readers (`readOnly`, e.g. frozen notes after the session ended) get no IndexedDB copy: nothing can be
 * kept locally that the server would never accept. When the server refuses writes (close 4403) the
 * connection becomes `"readOnly"` for good: the local copy is dropped and the UI must stop editing.
 *
 * Browser only: everything is created in an effect and the Yjs transports are imported dynamically, so
 * server rendering never touches WebSocket or IndexedDB. Until then the hook returns `notes: null`.
 */
import { useEffect, useState } from "react";
import * as Y from "yjs";
import type { Awareness } from "y-protocols/awareness";
import { notesDocName } from "~/domain/notes/model";

/**
 * Connection state of the notes channel, for the status line. `refused` (no access) and `readOnly`
 * (the server refused our writes, close 4403) are final: y-websocket does not reconnect after them.
 */
export type NotesConnection = "connecting" | "connected" | "offline" | "refused" | "readOnly";

/** Close code the notes server uses for "this connection may not write" (server/notes/types.ts CloseCode.readOnly). */
export const NOTES_READ_ONLY_CLOSE = 4403;

/** Maps a server close code to a final connection state, or null when y-websocket will reconnect. */
export function finalConnectionFor(code: number): "refused" | "readOnly" | null {
  if (code === NOTES_READ_ONLY_CLOSE) return "readOnly";
  return code >= 4400 && code < 4500 ? "refused" : null;
}

/** What the hook gives the notes UI once mounted. */
export interface LiveNotes {
  doc: Y.Doc;
  awareness: Awareness;
  /** The y-websocket provider (TipTap's CollaborationCaret needs it for awareness). */
  provider: { awareness: Awareness };
  connection: NotesConnection;
  /** True once the server's state has been merged at least once (before that, only the local copy shows). */
  synced: boolean;
}

export interface UseNotesOptions {
  /** Projector links authenticate with the key in the URL instead of a cookie. */
  projectorKey?: string;
  /** Read-only viewers publish no presence (they are not "editing"). */
  readOnly?: boolean;
}

/** Opens the notes of `sessionId`; closes everything on unmount or when the session changes. */
export function useNotes(sessionId: string, opts: UseNotesOptions = {}): LiveNotes | null {
  const [notes, setNotes] = useState<LiveNotes | null>(null);
  const { projectorKey, readOnly = false } = opts;

  useEffect(() => {
    let cancelled = false;
    let cleanup = () => {};
    void (async () => {
      const [{ WebsocketProvider }, { IndexeddbPersistence }] = await Promise.all([import("y-websocket"), import("y-indexeddb")]);
      if (cancelled) return;
      const docName = notesDocName(sessionId);
      const doc = new Y.Doc();
      // Writers: IndexedDB first so local edits from a previous offline period are in the doc before
      // syncing. Readers keep nothing locally (they could otherwise queue edits the server never takes).
      let local: { destroy(): Promise<void> } | null = readOnly ? null : new IndexeddbPersistence(`roundtable-notes-${docName}`, doc);
      const wsBase = `${window.location.protocol === "https:" ? "wss" : "ws"}://${window.location.host}/yjs`;
      const provider = new WebsocketProvider(wsBase, docName, doc, {
        params: projectorKey ? { key: projectorKey } : {},
        // Reconnect quickly after a phone's network blips; the default grows to 2.5 s.
        maxBackoffTime: 2_000,
      });
      if (readOnly) provider.awareness.setLocalState(null);
      let state: LiveNotes = { doc, awareness: provider.awareness, provider, connection: "connecting", synced: false };
      const update = (patch: Partial<LiveNotes>) => {
        state = { ...state, ...patch };
        if (!cancelled) setNotes(state);
      };
      let final: "refused" | "readOnly" | null = null;
      provider.on("status", ({ status }: { status: string }) => {
        // After a final refusal y-websocket still reports "disconnected": that is not "offline".
        if (final) return;
        update({ connection: status === "connected" ? "connected" : status === "connecting" ? "connecting" : "offline" });
      });
      provider.on("sync", (isSynced: boolean) => update({ synced: state.synced || isSynced }));
      provider.on("connection-close", (event: CloseEvent | null) => {
        // 44xx: the server refused this connection for good (no access, or a write on read-only notes).
        const code = event ? finalConnectionFor(event.code) : null;
        if (!code) return;
        final = code;
        // After this handler y-websocket drops the socket; then stop for good (also the tab-to-tab channel).
        queueMicrotask(() => provider.disconnect());
        if (code === "readOnly" && local) {
          // Stop keeping edits on this device: the server will not take them on any reconnect.
          void local.destroy();
          local = null;
        }
        update({ connection: code });
      });
      // When the device says the network is gone, drop the socket at once instead of waiting for
      // y-websocket's 30 s silence timeout (a dead socket after a Wi-Fi switch looks open); the local doc
      // and IndexedDB keep the edits, and `online` reconnects and merges them.
      const goOffline = () => provider.disconnect();
      const goOnline = () => {
        if (!final) provider.connect();
      };
      window.addEventListener("offline", goOffline);
      window.addEventListener("online", goOnline);
      update({});
      cleanup = () => {
        window.removeEventListener("offline", goOffline);
        window.removeEventListener("online", goOnline);
        provider.destroy();
        void local?.destroy();
        doc.destroy();
      };
    })();
    return () => {
      cancelled = true;
      cleanup();
      setNotes(null);
    };
  }, [sessionId, projectorKey, readOnly]);

  return notes;
}
