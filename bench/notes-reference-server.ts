/**
 * The bench's reference: the y-websocket reference server (@y/websocket-server `setupWSConnection`,
 * in memory, no auth, no persistence) on 127.0.0.1:0 with the same stats probe. Prints `LISTENING <url>`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { setupWSConnection } from "@y/websocket-server/utils";
import { startProbe } from "./server-probe";

const wss = new WebSocketServer({ noServer: true });
const http = createServer((_req, res) => res.writeHead(404).end());
http.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req)));
await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
startProbe();
process.stdout.write(`LISTENING http://127.0.0.1:${(http.address() as AddressInfo).port}\n`);
process.on("SIGTERM", () => process.exit(0));
