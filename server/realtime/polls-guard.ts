/**
 * Guards every connection against crafted packets (installed by `createPollsRealtime`, covers all
 * handlers on the namespace):
 * - an `error` listener on each socket. Socket.io re-emits a client-sent `42["error",…]`, an
 *   undecodable packet and a middleware rejection as the socket's `error` event; a Node
 *   EventEmitter with no `error` listener throws. Socket.io 4.8 adds a no-op listener itself
 *   (dist/socket.js, "prevents crash…"); ours counts the rejections and does not depend on it.
 * - a `socket.use` middleware dropping event names that are not strings, are reserved, or have no
 *   handler, before any handler runs. After `MAX_REJECTED` such packets the connection is closed:
 *   a real client never sends them, a fuzzer sends many.
 */
import type { Logger } from "pino";
import type { RoundtableServer, RoundtableSocket } from "./session";

/** Names Socket.io or Node give a meaning to; never dispatched to handlers. */
const RESERVED = new Set(["error", "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"]);

/** Rejected packets tolerated per connection (a stale client after a deploy may send a few unknown names). */
export const MAX_REJECTED = 20;

export function installPacketGuard(io: RoundtableServer, logger: Logger): void {
  io.on("connection", (socket: RoundtableSocket) => {
    let rejected = 0;
    socket.on("error" as never, ((err: unknown) => {
      rejected += 1;
      logger.debug({ err: err instanceof Error ? err.message : String(err), socket: socket.id }, "rejected socket packet");
      if (rejected > MAX_REJECTED) socket.disconnect(true);
    }) as never);
    socket.use(([event], next) => {
      if (typeof event !== "string" || RESERVED.has(event) || socket.listeners(event as never).length === 0) {
        return next(new Error("unknown-event"));
      }
      next();
    });
  });
}
