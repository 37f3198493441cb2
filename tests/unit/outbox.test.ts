import { describe, expect, it } from "vitest";
import {
  applyAck,
  giveAnswer,
  loadOutbox,
  outboxKey,
  pending,
  reconcile,
  sameValue,
  saveOutbox,
  type KeyValueStore,
  type Outbox,
} from "~/realtime/outbox";

/** Deterministic ids so tests can say which answer an ack belongs to. */
function ids() {
  let n = 0;
  return () => `id-${++n}`;
}

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe("outbox: giving answers", () => {
  it("queues a first answer with a fresh id", () => {
    const box = giveAnswer({}, "p1", 1, { score: 4 }, ids());
    expect(box.p1).toMatchObject({ pollId: "p1", run: 1, value: { score: 4 }, responseId: "id-1", status: "queued" });
    expect(pending(box)).toHaveLength(1);
  });

  it("keeps the id when the same value is given again (a retry, not a second vote)", () => {
    const next = ids();
    const a = giveAnswer({}, "p1", 1, { votes: { s1: "agree", s2: "pass" } }, next);
    const b = giveAnswer(a, "p1", 1, { votes: { s2: "pass", s1: "agree" } }, next);
    expect(b.p1.responseId).toBe("id-1");
    expect(b).toBe(a);
  });

  it("gives a changed value a new id, and a new run a new id", () => {
    const next = ids();
    let box = giveAnswer({}, "p1", 1, { score: 4 }, next);
    box = applyAck(box, "p1", "id-1", { ok: true });
    box = giveAnswer(box, "p1", 1, { score: 6 }, next);
    expect(box.p1).toMatchObject({ responseId: "id-2", status: "queued", value: { score: 6 } });
    box = giveAnswer(box, "p1", 2, { score: 6 }, next);
    expect(box.p1).toMatchObject({ responseId: "id-3", run: 2 });
  });

  it("treats ranking order as significant", () => {
    expect(sameValue({ order: ["a", "b"] }, { order: ["b", "a"] })).toBe(false);
    expect(sameValue({ order: ["a", "b"] }, { order: ["a", "b"] })).toBe(true);
  });
});

describe("outbox: acks", () => {
  it("records only after {ok:true}", () => {
    let box = giveAnswer({}, "p1", 1, { choice: "a" }, ids());
    expect(box.p1.status).toBe("queued");
    box = applyAck(box, "p1", "id-1", { ok: true });
    expect(box.p1.status).toBe("recorded");
    expect(pending(box)).toHaveLength(0);
  });

  it("ignores the ack of a superseded answer", () => {
    const next = ids();
    let box = giveAnswer({}, "p1", 1, { choice: "a" }, next);
    box = giveAnswer(box, "p1", 1, { choice: "b" }, next);
    box = applyAck(box, "p1", "id-1", { ok: true });
    expect(box.p1).toMatchObject({ responseId: "id-2", status: "queued" });
  });

  it("keeps retryable failures queued with the same id", () => {
    let box = giveAnswer({}, "p1", 1, { choice: "a" }, ids());
    box = applyAck(box, "p1", "id-1", { ok: false, error: "server-error" });
    box = applyAck(box, "p1", "id-1", { ok: false, error: "rate-limited" });
    expect(box.p1).toMatchObject({ responseId: "id-1", status: "queued" });
  });

  it("marks poll-closed as closed (not counted) and other refusals as rejected", () => {
    let box = giveAnswer({}, "p1", 1, { choice: "a" }, ids());
    box = giveAnswer(box, "p2", 1, { choice: "a" }, ids());
    box = applyAck(box, "p1", "id-1", { ok: false, error: "poll-closed" });
    box = applyAck(box, "p2", "id-1", { ok: false, error: "invalid-payload" });
    expect(box.p1.status).toBe("closed");
    expect(box.p2).toMatchObject({ status: "rejected", error: "invalid-payload" });
    expect(pending(box)).toHaveLength(0);
  });

  it("re-queues a closed answer tapped again (the poll may have been reopened), same id", () => {
    let box = giveAnswer({}, "p1", 1, { choice: "a" }, ids());
    box = applyAck(box, "p1", "id-1", { ok: false, error: "poll-closed" });
    box = giveAnswer(box, "p1", 1, { choice: "a" }, ids());
    expect(box.p1).toMatchObject({ status: "queued", responseId: "id-1" });
  });
});

describe("outbox: reconcile with the server's state", () => {
  const base: Outbox = {
    p1: { pollId: "p1", run: 1, value: { score: 3 }, responseId: "r1", status: "queued" },
    p2: { pollId: "p2", run: 1, value: { score: 3 }, responseId: "r2", status: "queued" },
    p3: { pollId: "p3", run: 1, value: { score: 3 }, responseId: "r3", status: "recorded" },
    p4: { pollId: "p4", run: 1, value: { score: 3 }, responseId: "r4", status: "queued" },
  };

  it("records what the server already stored, drops old runs, gone polls and replaced answers", () => {
    const box = reconcile(base, [
      { id: "p1", run: 1, myResponse: { value: { score: 3 }, responseId: "r1" } }, // ack was lost
      { id: "p2", run: 2, myResponse: null }, // re-asked
      { id: "p3", run: 1, myResponse: { value: { score: 5 }, responseId: "other-tab" } },
      // p4 still open and not stored yet; p5 absent
      { id: "p4", run: 1, myResponse: null },
    ]);
    expect(box.p1.status).toBe("recorded");
    expect(box.p2).toBeUndefined();
    expect(box.p3).toBeUndefined();
    expect(box.p4.status).toBe("queued");
  });
});

describe("outbox: persistence", () => {
  it("round-trips through storage and clears the key when empty", () => {
    const store = memoryStore();
    const key = outboxKey("s1", "u1");
    const box = giveAnswer({}, "p1", 1, { text: "débris" }, ids());
    saveOutbox(store, key, box);
    expect(loadOutbox(store, key)).toEqual(box);
    saveOutbox(store, key, {});
    expect(store.data.has(key)).toBe(false);
  });

  it("ignores malformed saved data instead of throwing", () => {
    const store = memoryStore();
    store.setItem("k", "{not json");
    expect(loadOutbox(store, "k")).toEqual({});
    store.setItem("k", JSON.stringify({ p1: { pollId: "other", run: 1, value: {}, responseId: "x", status: "queued" }, p2: { pollId: "p2" } }));
    expect(loadOutbox(store, "k")).toEqual({});
    expect(loadOutbox(null, "k")).toEqual({});
  });

  it("survives a storage that throws on write (private mode, quota)", () => {
    const throwing: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => undefined,
    };
    expect(() => saveOutbox(throwing, "k", giveAnswer({}, "p1", 1, { choice: "a" }, ids()))).not.toThrow();
  });

  it("keys by session and participant", () => {
    expect(outboxKey("s1", "u1")).not.toBe(outboxKey("s1", "u2"));
  });
});
