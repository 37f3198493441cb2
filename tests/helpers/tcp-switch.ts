/**
 * A TCP pass-through with an off switch, to cut a server from a service (e.g. an instance from Redis)
 * and give it back: `down()` ends every connection and refuses new ones, `up()` lets them through again.
 */
import net, { type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface TcpSwitch {
  /** The local port to connect to instead of the target's. */
  port: number;
  down(): void;
  up(): void;
  /** Connections currently open through the switch. */
  connections(): number;
  close(): Promise<void>;
}

export async function startTcpSwitch(targetHost: string, targetPort: number): Promise<TcpSwitch> {
  let open = true;
  const pairs = new Set<[Socket, Socket]>();
  const server = net.createServer((client) => {
    if (!open) return void client.destroy();
    const upstream = net.connect(targetPort, targetHost);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    down() {
      open = false;
      for (const [a, b] of pairs) {
        a.destroy();
        b.destroy();
      }
      pairs.clear();
    },
    up: () => void (open = true),
    connections: () => pairs.size,
    close: () =>
      new Promise<void>((resolve) => {
        open = false;
        for (const [a, b] of pairs) {
          a.destroy();
          b.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
