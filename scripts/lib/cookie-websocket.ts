/**
 * A Node WebSocket class for y-websocket's `WebSocketPolyfill` that sends a cookie (and optionally an
 * Origin) on the handshake, as a browser would: simulated rapporteurs in the demo, the notes bench's
 * clients and the tests all sign in to /yjs this way.
 */
import { WebSocket } from "ws";

/** A `ws` WebSocket class that sends `cookie` (and optionally an Origin) on the handshake. */
export function cookieWebSocket(cookie: string | null, origin?: string): typeof globalThis.WebSocket {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (origin) headers.origin = origin;
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as unknown as typeof globalThis.WebSocket;
}
