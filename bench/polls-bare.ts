/**
 * The baseline for bench/polls.ts: a bare Socket.io server (same version and options that matter:
 * websocket, 64 KiB payload cap) that acks `poll:respond` at once, with no auth, no validation and
 * no storage. Prints `BARE_PORT <n>` when listening; stops on SIGTERM.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";

const http = createServer();
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
io.on("connection", (socket) => {
  socket.on("poll:respond", (payload: { responseId?: string }, ack?: (res: unknown) => void) => {
    if (typeof ack === "function") ack({ ok: true, data: { responseId: payload?.responseId } });
  });
});
http.listen(0, "127.0.0.1", () => console.log(`BARE_PORT ${(http.address() as AddressInfo).port}`));
process.on("SIGTERM", () => io.close(() => process.exit(0)));
