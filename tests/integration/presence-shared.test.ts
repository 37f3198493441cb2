import { describe, expect, it } from "vitest";
import type { Bus, BusMessage, BusOf, BusType } from "../../server/realtime/bus";
import { createSharedPresence } from "../../server/realtime/presence-shared";

/** A bus in "redis" mode whose messages the test delivers by hand (the Redis round trip is in bus.test.ts). */
function handBus(): Bus & { deliver(msg: BusMessage, from: string): void } {
  const handlers = new Map<BusType, ((msg: never, from: string) => void)[]>();
  return {
    mode: "redis",
    instanceId: "here",
    publish: () => undefined,
    on<T extends BusType>(type: T, handler: (msg: BusOf<T>, from: string) => void) {
      handlers.set(type, [...(handlers.get(type) ?? []), handler as (msg: never, from: string) => void]);
    },
    close: async () => undefined,
    deliver(msg, from) {
      for (const h of handlers.get(msg.type) ?? []) h(msg as never, from);
    },
  };
}

describe("shared presence", () => {
  it("lists two people with the same display name on two instances twice", () => {
    const bus = handBus();
    const shared = createSharedPresence(bus, () => undefined);
    try {
      bus.deliver({ type: "presence", sessionId: "s1", connected: 2, names: ["Ama", "Kofi"] }, "other");
      const view = shared.merge("s1", { connected: 1, names: ["Ama"] });
      expect(view).toEqual({ connected: 3, names: ["Ama", "Ama", "Kofi"] });
    } finally {
      shared.close();
    }
  });
});
