/**
 * Presence across instances (scale-out). Each instance counts its own connections (presence.ts) and
 * publishes its view of a session on the instance bus whenever it sends one to its staff (already
 * coalesced to ≤ 4/s per session), plus a heartbeat every HEARTBEAT_MS while it has anyone in the
 * session. The view staff see is the sum of the instances' counts and all their names (two
 * people with the same display name on two instances are both listed).
 * An instance that stops sending (crashed, cut from Redis) drops out after STALE_MS.
 *
 * Approximation (documented in docs/scale-out.md): one person with tabs on two instances counts twice.
 * With `ip_hash`/sticky load balancing, one person's tabs land on one instance.
 *
 * Default mode (local bus): `merge` returns the local view unchanged and nothing is published.
 */
import type { PresenceView } from "../../app/domain/events";
import type { Bus } from "./bus";
import { PRESENCE_NAMES_MAX } from "./presence";

/** A live instance re-sends its non-empty views this often (ms). */
const HEARTBEAT_MS = 10_000;
/** A view not refreshed for this long is dropped (ms): three missed heartbeats. */
const STALE_MS = 3 * HEARTBEAT_MS;

export interface SharedPresence {
  /** The view to send to this instance's staff: `local` merged with the other instances' views; publishes `local`. */
  merge(sessionId: string, local: PresenceView): PresenceView;
  /** Stops the heartbeat. */
  close(): void;
}

/**
 * @param onRemote called when another instance's view of a session changed (re-send the merged view to local staff).
 */
export function createSharedPresence(bus: Bus, onRemote: (sessionId: string) => void): SharedPresence {
  if (bus.mode === "local") return { merge: (_sessionId, local) => local, close: () => undefined };
  const remote = new Map<string, Map<string, { view: PresenceView; at: number }>>();
  const published = new Map<string, PresenceView>();

  const publish = (sessionId: string, view: PresenceView) =>
    bus.publish({ type: "presence", sessionId, connected: view.connected, names: view.names.slice(0, PRESENCE_NAMES_MAX) });

  bus.on("presence", (msg, from) => {
    let views = remote.get(msg.sessionId);
    if (!views) remote.set(msg.sessionId, (views = new Map()));
    if (msg.connected === 0) views.delete(from);
    else views.set(from, { view: { connected: msg.connected, names: msg.names }, at: Date.now() });
    if (views.size === 0) remote.delete(msg.sessionId);
    onRemote(msg.sessionId);
  });

  const heartbeat = setInterval(() => {
    for (const [sessionId, view] of published) publish(sessionId, view);
    const cutoff = Date.now() - STALE_MS;
    for (const [sessionId, views] of remote) {
      const before = views.size;
      for (const [from, v] of views) if (v.at < cutoff) views.delete(from);
      if (views.size === 0) remote.delete(sessionId);
      if (views.size !== before) onRemote(sessionId);
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    merge(sessionId, local) {
      // Only a changed view is published (a merge caused by another instance's message must not echo back).
      const last = published.get(sessionId) ?? { connected: 0, names: [] };
      if (last.connected !== local.connected || last.names.join("\n") !== local.names.join("\n")) publish(sessionId, local);
      if (local.connected > 0) published.set(sessionId, local);
      else published.delete(sessionId);
      const views = remote.get(sessionId);
      if (!views?.size) return local;
      let connected = local.connected;
      // Concatenated, not merged through a Set: two people with the same display name are two people.
      const names = [...local.names];
      for (const { view } of views.values()) {
        connected += view.connected;
        names.push(...view.names);
      }
      return { connected, names: names.sort((x, y) => x.localeCompare(y)).slice(0, PRESENCE_NAMES_MAX) };
    },
    close: () => clearInterval(heartbeat),
  };
}
