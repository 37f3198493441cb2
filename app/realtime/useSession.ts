/**
 * React hook holding the live state of a session: the server's `session:state`, presence, who we
 * are, and whether we are connected. State is replaced only by newer `seq` values so late packets
 * cannot rewind the agenda.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { ConnectionIdentity, PresenceView, SessionStateView } from "~/domain/events";
import { command, connectSession, type SessionSocket } from "./socket.client";

export interface LiveSession {
  state: SessionStateView;
  presence: PresenceView | null;
  identity: ConnectionIdentity | null;
  connected: boolean;
  /** Server clock minus client clock (ms), to keep timers honest on phones with wrong clocks. */
  clockSkewMs: number;
  socket: SessionSocket | null;
  send: (event: Parameters<typeof command>[1], payload?: unknown) => ReturnType<typeof command>;
}

export function useSession(initial: SessionStateView, opts: { projectorKey?: string } = {}): LiveSession {
  const [state, setState] = useState(initial);
  const [presence, setPresence] = useState<PresenceView | null>(null);
  const [identity, setIdentity] = useState<ConnectionIdentity | null>(null);
  const [connected, setConnected] = useState(false);
  const [skew, setSkew] = useState(initial.serverNow - Date.now());
  const socketRef = useRef<SessionSocket | null>(null);
  const [socket, setSocket] = useState<SessionSocket | null>(null);

  useEffect(() => {
    const s = connectSession({ sessionId: initial.sessionId, projectorKey: opts.projectorKey });
    socketRef.current = s;
    setSocket(s);
    s.on("connect", () => setConnected(true));
    s.on("disconnect", () => setConnected(false));
    s.on("session:state", (next) => {
      setSkew(next.serverNow - Date.now());
      // Equal seq is accepted: a resync after reconnect may carry the same seq with fresher content.
      setState((prev) => (next.seq >= prev.seq ? next : prev));
    });
    s.on("session:identity", setIdentity);
    s.on("presence:updated", setPresence);
    return () => {
      s.removeAllListeners();
      s.disconnect();
    };
  }, [initial.sessionId, opts.projectorKey]);

  const send = useMemo(
    () => (event: Parameters<typeof command>[1], payload?: unknown) =>
      socketRef.current ? command(socketRef.current, event, payload) : Promise.resolve({ ok: false as const, error: "server-error" as const }),
    [],
  );

  return { state, presence, identity, connected, clockSkewMs: skew, socket, send };
}

/** Re-renders every `intervalMs` (default 1 s) and returns the skew-corrected server time (ms). */
export function useServerNow(skewMs: number, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now() + skewMs);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now() + skewMs), intervalMs);
    setNow(Date.now() + skewMs);
    return () => clearInterval(id);
  }, [skewMs, intervalMs]);
  return now;
}
