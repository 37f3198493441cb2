/**
 * Benchmark client worker (a worker_thread of bench/polls.ts): holds its share of the simulated
 * participants' Socket.io connections, then votes with all of them in one burst and reports each
 * ack latency. Commands arrive as messages; times are absolute ms (`performance.timeOrigin + now()`)
 * so the orchestrator can merge workers.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { parentPort } from "node:worker_threads";
import { io, type Socket } from "socket.io-client";

export type ToWorker =
  | { type: "connect"; url: string; sessionId: string; cookies: string[]; concurrency: number }
  | { type: "vote"; pollId: string; options: string[]; offset: number }
  | { type: "close" };

export type FromWorker =
  | { type: "connected"; ok: number; failed: number; errors: string[] }
  | { type: "voted"; latencies: number[]; firstEmit: number; lastAck: number; failed: number; errors: string[] }
  | { type: "closed" };

const now = () => performance.timeOrigin + performance.now();
let sockets: Socket[] = [];

function connectOne(url: string, sessionId: string, cookie: string): Promise<Socket> {
  const socket = io(url, {
    transports: ["websocket"],
    auth: { sessionId },
    extraHeaders: cookie ? { cookie } : {},
    reconnection: false,
    forceNew: true,
    timeout: 120_000,
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => reject(err));
  });
}

async function connectAll(msg: Extract<ToWorker, { type: "connect" }>): Promise<FromWorker> {
  let next = 0;
  let failed = 0;
  const errors = new Set<string>();
  // Bounded in-flight handshakes: like people arriving over a minute, not one SYN flood.
  const lane = async () => {
    while (next < msg.cookies.length) {
      const cookie = msg.cookies[next++];
      try {
        sockets.push(await connectOne(msg.url, msg.sessionId, cookie));
      } catch (err) {
        failed++;
        errors.add(String((err as Error).message));
      }
    }
  };
  await Promise.all(Array.from({ length: msg.concurrency }, lane));
  return { type: "connected", ok: sockets.length, failed, errors: [...errors].slice(0, 5) };
}

async function voteAll(msg: Extract<ToWorker, { type: "vote" }>): Promise<FromWorker> {
  const latencies: number[] = [];
  const errors = new Set<string>();
  let failed = 0;
  let lastAck = 0;
  const firstEmit = now();
  await Promise.all(
    sockets.map(
      (socket, i) =>
        new Promise<void>((resolve) => {
          const started = now();
          const choice = msg.options[(msg.offset + i) % msg.options.length];
          socket.timeout(120_000).emit("poll:respond", { pollId: msg.pollId, value: { choice }, responseId: randomUUID() }, (err: unknown, ack: { ok: boolean; error?: string }) => {
            const at = now();
            if (err || !ack?.ok) {
              failed++;
              errors.add(err ? String(err) : String(ack?.error));
            } else latencies.push(at - started);
            lastAck = Math.max(lastAck, at);
            resolve();
          });
        }),
    ),
  );
  return { type: "voted", latencies, firstEmit, lastAck, failed, errors: [...errors].slice(0, 5) };
}

parentPort?.on("message", async (msg: ToWorker) => {
  let reply: FromWorker;
  if (msg.type === "connect") reply = await connectAll(msg);
  else if (msg.type === "vote") reply = await voteAll(msg);
  else {
    for (const s of sockets) s.disconnect();
    sockets = [];
    reply = { type: "closed" };
  }
  parentPort!.postMessage(reply);
});
