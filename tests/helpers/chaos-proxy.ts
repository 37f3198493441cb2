/**
 * A TCP proxy that misbehaves like a bad venue network: it delays every chunk by a random time, which
 * reorders traffic ACROSS connections while keeping each connection's byte order (as TCP does), and it
 * can cut connections at random. Used by the randomized notes test.
 */
import net, { type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface ChaosProxy {
  port: number;
  /** Connections currently open through the proxy. */
  connections(): number;
  /** Cuts one random connection (both sides, queued bytes lost); returns false when none is open. */
  dropRandom(): boolean;
  /** Max random delay per chunk in ms (0 = pass-through). */
  setMaxDelay(ms: number): void;
  close(): Promise<void>;
}

/** One direction of a connection: chunks leave in arrival order, each no earlier than its random due time. */
function relay(from: Socket, to: Socket, delay: () => number): void {
  const queue: Array<{ at: number; chunk: Buffer }> = [];
  let timer: NodeJS.Timeout | null = null;
  const pump = () => {
    timer = null;
    const now = Date.now();
    while (queue.length > 0 && queue[0].at <= now) {
      const { chunk } = queue.shift()!;
      if (!to.destroyed) to.write(chunk);
    }
    if (queue.length > 0) timer = setTimeout(pump, queue[0].at - now);
  };
  from.on("data", (chunk: Buffer) => {
    const last = queue.length > 0 ? queue[queue.length - 1].at : 0;
    // Never before the previous chunk: per-connection order is preserved.
    queue.push({ at: Math.max(last, Date.now() + delay()), chunk });
    if (!timer) timer = setTimeout(pump, Math.max(0, queue[0].at - Date.now()));
  });
  from.on("close", () => {
    if (timer) clearTimeout(timer);
  });
}

/** Starts a proxy on 127.0.0.1:0 in front of `targetPort`. `random` in [0, 1) drives all choices. */
export async function startChaosProxy(targetPort: number, random: () => number, maxDelayMs = 30): Promise<ChaosProxy> {
  let maxDelay = maxDelayMs;
  const pairs = new Set<[Socket, Socket]>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const kill = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const s of pair) {
      s.setNoDelay(true);
      s.on("error", kill);
      s.on("close", kill);
    }
    const delay = () => Math.floor(random() * maxDelay);
    relay(client, upstream, delay);
    relay(upstream, client, delay);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => pairs.size,
    dropRandom() {
      const all = [...pairs];
      if (all.length === 0) return false;
      const [a, b] = all[Math.floor(random() * all.length)];
      a.destroy();
      b.destroy();
      return true;
    },
    setMaxDelay(ms) {
      maxDelay = ms;
    },
    async close() {
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
