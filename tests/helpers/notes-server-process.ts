/**
 * Standalone notes server over a SQLite file, for crash tests: `NOTES_DB_FILE=/tmp/x.sqlite npx tsx
 * tests/helpers/notes-server-process.ts`. Listens on 127.0.0.1 port 0, routes `/yjs/<doc>` upgrades
 * (auth from query params, see queryAuthorize) and prints `LISTENING <port>` on stdout once ready.
 * Logs go to stderr (level from NOTES_LOG_LEVEL, default "warn"). SIGTERM closes gracefully.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { createNotesServer } from "../../server/notes/server";
import { createKyselyNoteStore } from "../../server/notes/store";
import { queryAuthorize } from "./notes-harness";
import { openNotesSqlite } from "./notes-sqlite";

const file = process.env.NOTES_DB_FILE;
if (!file) {
  process.stderr.write("NOTES_DB_FILE is required\n");
  process.exit(2);
}

const logger = pino({ level: process.env.NOTES_LOG_LEVEL ?? "warn" }, pino.destination(2));
const db = await openNotesSqlite(file);
const notes = createNotesServer({ store: createKyselyNoteStore(db), authorize: queryAuthorize, logger });
const http = createServer((_req, res) => res.writeHead(404).end());
http.on("upgrade", (req, socket, head) => {
  const match = /^\/yjs\/([^/?]+)/.exec(req.url ?? "");
  if (!match) return void socket.destroy();
  notes.handleUpgrade(req, socket, head, decodeURIComponent(match[1]));
});
http.listen(0, "127.0.0.1", () => {
  process.stdout.write(`LISTENING ${(http.address() as AddressInfo).port}\n`);
});
process.on("SIGTERM", async () => {
  await notes.close();
  http.close();
  await db.destroy();
  process.exit(0);
});
