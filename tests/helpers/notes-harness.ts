/**
 * Test harness for the notes server: a real http server on port 0 routing `/yjs/<doc>` upgrades,
 * y-websocket clients, raw clients and a `waitFor` that polls state instead of sleeping.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as Y from "yjs";
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import { createNotesServer, type NotesAuthorize, type NotesServer, type NotesServerOptions } from "../../server/notes/server";
import { createMemoryNoteStore, type NoteStore } from "../../server/notes/store";
import type { ParticipantRole } from "../../app/domain/session";

export interface LogEntry {
  level: "debug" | "info" | "warn" | "error";
  obj: object;
  msg?: string;
}

/** A logger that records entries (assert on them instead of printing). */
export function createTestLogger(): { logger: NotesServerOptions["logger"]; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry["level"]) => (obj: object, msg?: string) => void entries.push({ level, obj, msg });
  return { entries, logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") } };
}

/**
 * Test authorisation from query parameters: `?as=<participantId>&role=<role>&name=<name>`.
 * rapporteur/facilitator write; others read; `role=deny` → 403, no `as` → 401.
 */
export const queryAuthorize: NotesAuthorize = async (req) => {
  const params = new URL(req.url ?? "/", "http://x").searchParams;
  const participantId = params.get("as");
  if (!participantId) return { ok: false, status: 401 };
  const role = params.get("role") ?? "rapporteur";
  if (role === "deny") return { ok: false, status: 403 };
  return {
    ok: true,
    identity: {
      participantId,
      name: params.get("name") ?? `Name of ${participantId}`,
      color: "#336699",
      role: role as ParticipantRole,
      canWrite: role === "rapporteur" || role === "facilitator",
    },
  };
};

export interface TestNotesServer {
  port: number;
  /** Base URL for WebsocketProvider, e.g. ws://127.0.0.1:1234/yjs */
  url: string;
  notes: NotesServer;
  store: NoteStore;
  logs: LogEntry[];
  close(): Promise<void>;
}

/** Starts an http server on port 0 whose upgrade handler routes `/yjs/<doc>` to a fresh notes server. */
export async function startNotesServer(options: Partial<NotesServerOptions> = {}): Promise<TestNotesServer> {
  const { logger, entries } = createTestLogger();
  const store = options.store ?? createMemoryNoteStore();
  const notes = createNotesServer({ authorize: queryAuthorize, logger, ...options, store });
  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  http.on("upgrade", (req, socket, head) => {
    const match = /^\/yjs\/([^/?]+)/.exec(req.url ?? "");
    if (!match) return void socket.destroy();
    notes.handleUpgrade(req, socket, head, decodeURIComponent(match[1]));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    port,
    url: `ws://127.0.0.1:${port}/yjs`,
    notes,
    store,
    logs: entries,
    async close() {
      await notes.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes received from the server, in order. */
  closeCodes: number[];
  text(): string;
  destroy(): void;
}

// Each live WebsocketProvider adds a process "exit" listener (removed on destroy); tests hold dozens at once.
process.setMaxListeners(0);

/** A real y-websocket client (Node `ws` as WebSocket, no BroadcastChannel). Text lives in `doc.getText("t")`. */
export function connectClient(url: string, room: string, params: Record<string, string> = { as: "writer" }, doc = new Y.Doc()): TestClient {
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
    maxBackoffTime: 200,
  });
  const closeCodes: number[] = [];
  provider.on("connection-close", (event) => {
    if (event) closeCodes.push(event.code);
  });
  return {
    doc,
    provider,
    closeCodes,
    text: () => doc.getText("t").toString(),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls `cond` every 5 ms until it is true; rejects with `what` after `timeoutMs` (default 5 000). */
export async function waitFor(cond: () => boolean | Promise<boolean>, what = "condition", timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (await cond()) return;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Resolves when the client has completed the initial sync. */
export const synced = (c: TestClient) => waitFor(() => c.provider.synced, "sync");

/** The text of the shared type "t" of doc `name` rebuilt from every update `store` holds. */
export async function storedText(store: NoteStore, name: string): Promise<string> {
  const doc = new Y.Doc();
  for (const u of await store.updatesBetween(name, 0)) Y.applyUpdate(doc, u.update);
  return doc.getText("t").toString();
}

/** A raw `ws` client collecting binary messages and the close code. */
export function rawClient(url: string): { ws: WebSocket; messages: Uint8Array[]; opened: Promise<void>; closed: Promise<number> } {
  const ws = new WebSocket(url);
  const messages: Uint8Array[] = [];
  ws.on("message", (data) => messages.push(new Uint8Array(data as Buffer)));
  ws.on("error", () => {});
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
  return { ws, messages, opened, closed };
}
