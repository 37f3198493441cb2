/**
 * The single HTTP upgrade router: `/socket.io/` is left to engine.io, `/yjs/<doc>` goes to the notes
 * server, anything else is refused with 404 and destroyed (engine.io is created with
 * `destroyUpgrade: false`, so nothing else would close it).
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, docName: string) => void;

/** Doc names are `session-<id>`: 1..100 chars of letters, digits, dash, underscore. */
const DOC_PATH = /^\/yjs\/([A-Za-z0-9_-]{1,100})\/?$/;

export function routeUpgrades(server: Server, handlers: { yjs?: UpgradeHandler }) {
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = (req.url ?? "").split("?")[0];
    if (pathname.startsWith("/socket.io/")) return; // engine.io's own upgrade listener handles it.
    const match = DOC_PATH.exec(pathname);
    if (match && handlers.yjs) return handlers.yjs(req, socket, head, match[1]);
    socket.on("error", () => undefined);
    socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    socket.destroy();
  });
}
