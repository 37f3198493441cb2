/**
 * A separate process that floods one session, so the flood's client-side work does not share the
 * test process's event loop: `tsx tests/helpers/flood-client.ts <config.json>` where the file holds
 * `{ baseUrl, sessionId, pollId, cookies: string[], seconds }`. Each cookie opens one websocket
 * connection; each connection sends bursts of 200 commands (mixed poll, Q&A and session events, far
 * above the per-participant rate limit) until `seconds` have passed, reconnecting whenever the server
 * closes it. Prints `READY` once every connection is up, then on exit one JSON line
 * `{ sent, ok, limited, other, closed, refused }`.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { io } from "socket.io-client";

interface Config {
  baseUrl: string;
  sessionId: string;
  pollId: string;
  cookies: string[];
  seconds: number;
}

const config = JSON.parse(readFileSync(process.argv[2], "utf8")) as Config;
/** sent/ok/limited/other: commands and their acks; closed: connections the server closed; refused: reconnects it refused. */
const counts = { sent: 0, ok: 0, limited: 0, other: 0, closed: 0, refused: 0 };

const commands: [string, () => unknown][] = [
  ["poll:respond", () => ({ pollId: config.pollId, value: { choice: "tcbm-only" }, responseId: randomUUID() })],
  ["polls:sync", () => ({})],
  ["questions:sync", () => ({})],
  ["session:sync", () => ({})],
  ["question:ask", () => ({ text: `Flood question ${randomUUID()}` })],
];

const connect = (cookie: string) =>
  new Promise<ReturnType<typeof io>>((resolve, reject) => {
    const socket = io(config.baseUrl, { transports: ["websocket"], auth: { sessionId: config.sessionId }, extraHeaders: { cookie }, forceNew: true, reconnection: false });
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => (socket.close(), reject(err)));
  });

/** Floods from one participant until `deadline`, reconnecting (as a hostile script would) whenever the server closes the connection. */
async function flood(cookie: string, deadline: number, ready: () => void) {
  let socket = await connect(cookie);
  ready();
  let i = 0;
  while (Date.now() < deadline) {
    if (!socket.connected) {
      try {
        socket = await connect(cookie);
      } catch {
        counts.refused++;
        await new Promise((r) => setTimeout(r, 100));
        continue;
      }
    }
    const closed = new Promise<void>((resolve) => socket.once("disconnect", (reason) => (reason === "io server disconnect" && counts.closed++, resolve())));
    const batch = Array.from({ length: 200 }, () => {
      const [event, payload] = commands[i++ % commands.length];
      counts.sent++;
      return socket
        .timeout(2_000)
        .emitWithAck(event, payload())
        .then((ack: { ok: boolean; error?: string }) => {
          if (ack.ok) counts.ok++;
          else if (ack.error === "rate-limited") counts.limited++;
          else counts.other++;
        })
        .catch(() => counts.other++);
    });
    // The next batch once this one is answered, or at once when the server closed the connection.
    await Promise.race([Promise.all(batch), closed]);
  }
  socket.disconnect();
}

let up = 0;
const deadline = Date.now() + config.seconds * 1000;
await Promise.all(config.cookies.map((c) => flood(c, deadline, () => ++up === config.cookies.length && process.stdout.write("READY\n"))));
process.stdout.write(`${JSON.stringify(counts)}\n`);
process.exit(0);
