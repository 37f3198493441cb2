/**
 * Benchmark client worker (a worker_thread of bench/polls.ts): holds its share of the simulated
 * participants' Socket.io connections, then votes with all of them (in one burst, or spread over a
 * window) and reports each ack latency and the choices acked. Commands arrive as messages; times
 * are absolute ms (`performance.timeOrigin + now()`) so the orchestrator can merge workers.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { parentPort } from "node:worker_threads";
import { io, type Socket } from "socket.io-client";

export type ToWorker =
  | { type: "connect"; url: string; sessionId: string; cookies: string[]; concurrency: number }
  /**
   * Every connection answers once: all at once (`spreadMs` 0) or each at a uniformly random moment
   * within `spreadMs`; participant i picks `options[(offset + i + shift) % options.length]`.
   */
  | { type: "vote"; pollId: string; options: string[]; offset: number; shift: number; spreadMs: number }
  | { type: "close" };

export type FromWorker =
  | { type: "connected"; ok: number; failed: number; errors: string[] }
  | { type: "voted"; latencies: number[]; firstEmit: number; lastAck: number; failed: number; errors: string[]; choices: Record<string, number> }
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
  const choices: Record<string, number> = {};
  let failed = 0;
  let lastAck = 0;
  const firstEmit = now();
  const answer = (socket: Socket, i: number) =>
    new Promise<void>((resolve) => {
      const started = now();
      const choice = msg.options[(msg.offset + i + msg.shift) % msg.options.length];
      socket.timeout(120_000).emit("poll:respond", { pollId: msg.pollId, value: { choice }, responseId: randomUUID() }, (err: unknown, ack: { ok: boolean; error?: string }) => {
        const at = now();
        if (err || !ack?.ok) {
          failed++;
          errors.add(err ? String(err) : String(ack?.error));
        } else {
          latencies.push(at - started);
          choices[choice] = (choices[choice] ?? 0) + 1;
        }
        lastAck = Math.max(lastAck, at);
        resolve();
      });
    });
  await Promise.all(
    sockets.map((socket, i) =>
      msg.spreadMs > 0 ? new Promise<void>((resolve) => setTimeout(() => void answer(socket, i).then(resolve), Math.random() * msg.spreadMs)) : answer(socket, i),
    ),
  );
  return { type: "voted", latencies, firstEmit, lastAck, failed, errors: [...errors].slice(0, 5), choices };
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
