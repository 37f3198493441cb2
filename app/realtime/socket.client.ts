/**
 * Browser Socket.io client for one session. Same-origin, websocket first (polling fallback for
 * networks that block websockets), reconnects forever with backoff capped at 5 s.
 */
import { io, type Socket } from "socket.io-client";
import type { Ack, ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from "~/domain/events";

export type SessionSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function connectSession(auth: HandshakeAuth): SessionSocket {
  return io({
    auth,
    transports: ["websocket", "polling"],
    reconnectionDelayMax: 5_000,
    withCredentials: true,
  });
}

/** Command timeout: past 8 s on a bad phone connection we tell the person instead of spinning. */
export const COMMAND_TIMEOUT_MS = 8_000;

/** Emits a command and resolves with its ack; a timeout resolves `{ok:false, error:"server-error"}`. */
export function command<E extends keyof ClientToServerEvents>(socket: SessionSocket, event: E, payload: unknown = {}): Promise<Ack<unknown>> {
  return new Promise((resolve) => {
    (socket.timeout(COMMAND_TIMEOUT_MS) as unknown as { emit: (e: string, p: unknown, cb: (err: unknown, res: Ack<unknown>) => void) => void }).emit(
      event,
      payload,
      (err, res) => resolve(err ? { ok: false, error: "server-error" } : res),
    );
  });
}
