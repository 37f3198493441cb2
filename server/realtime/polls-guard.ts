/**
 * Guards every connection against crafted packets (installed by `createPollsRealtime`, covers all
 * handlers on the namespace):
 * - an `error` listener on each socket (one shared function). Socket.io re-emits a client-sent
 *   `42["error",…]` and an undecodable packet as the socket's `error` event; a Node EventEmitter
 *   with no `error` listener throws. Socket.io 4.8 adds a no-op listener itself (dist/socket.js,
 *   "prevents crash…"); ours counts them as rejected and does not depend on it.
 * - event names that are not strings, or have neither a route (router.ts) nor a listener, are
 *   counted by the router's dispatch before anything runs. Reserved names other than `error`
 *   (`disconnect`, `disconnecting`, `newListener`…) never get this far: socket.io-parser refuses them.
 * After `MAX_REJECTED` rejected packets the connection is closed: a real client never sends them, a
 * fuzzer sends many.
 */
import type { Logger } from "pino";
import { reject, routerOf } from "./router";
import type { RoundtableServer, RoundtableSocket } from "./session";

/**
 * Installs the guard on `io`; call once, before any connection (createPollsRealtime does). Creates
 * the shared command router if no module has yet, so unknown events are counted from the first packet.
 */
export function installPacketGuard(io: RoundtableServer, logger: Logger): void {
  routerOf(
    io,
    (err) => logger.error({ err }, "realtime command failed"),
    (socket) => logger.warn({ socket: socket.id, sessionId: socket.data.sessionId, role: socket.data.role }, "connection closed: packet flood"),
  );
  function onError(this: RoundtableSocket, err: unknown) {
    logger.debug({ err: err instanceof Error ? err.message : String(err), socket: this.id }, "rejected socket packet");
    reject(this);
  }
  io.on("connection", (socket: RoundtableSocket) => void socket.on("error" as never, onError as never));
}
