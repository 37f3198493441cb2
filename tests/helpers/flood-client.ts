/**
 * A separate process that floods one session, so the flood's client-side work does not share the
 * test process's event loop: `tsx tests/helpers/flood-client.ts <config.json>` where the file holds
 * `{ baseUrl, sessionId, pollId, cookies: string[], seconds }`. Each cookie opens one websocket
 * connection; each connection sends bursts of 200 commands (mixed poll, Q&A and session events, far
 * above the per-participant rate limit) until `seconds` have passed. Prints `READY` once every
 * connection is up, then on exit one JSON line `{ sent, ok, limited, other }`.
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
const counts = { sent: 0, ok: 0, limited: 0, other: 0 };

const commands: [string, () => unknown][] = [
  ["poll:respond", () => ({ pollId: config.pollId, value: { choice: "tcbm-only" }, responseId: randomUUID() })],
  ["polls:sync", () => ({})],
  ["questions:sync", () => ({})],
  ["session:sync", () => ({})],
  ["question:ask", () => ({ text: `Flood question ${randomUUID()}` })],
];

async function flood(cookie: string, deadline: number, ready: () => void) {
  const socket = io(config.baseUrl, { transports: ["websocket"], auth: { sessionId: config.sessionId }, extraHeaders: { cookie }, forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  ready();
  let i = 0;
  while (Date.now() < deadline && socket.connected) {
    const batch = Array.from({ length: 200 }, () => {
      const [event, payload] = commands[i++ % commands.length];
      counts.sent++;
      return socket
        .timeout(10_000)
        .emitWithAck(event, payload())
        .then((ack: { ok: boolean; error?: string }) => {
          if (ack.ok) counts.ok++;
          else if (ack.error === "rate-limited") counts.limited++;
          else counts.other++;
        })
        .catch(() => counts.other++);
    });
    await Promise.all(batch);
  }
  socket.disconnect();
}

let up = 0;
const deadline = Date.now() + config.seconds * 1000;
await Promise.all(config.cookies.map((c) => flood(c, deadline, () => ++up === config.cookies.length && process.stdout.write("READY\n"))));
process.stdout.write(`${JSON.stringify(counts)}\n`);
process.exit(0);
