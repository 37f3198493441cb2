import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { awarenessFrame, encodeAwarenessEntries, syncFrame } from "../../server/notes/protocol";
import { connectClient, rawClient, startNotesServer, synced, waitFor, type TestClient, type TestNotesServer } from "../helpers/notes-harness";
import { rawUpgrade, serverCloseCode, streamOversizedFrame } from "../helpers/notes-raw-socket";

let server: TestNotesServer | undefined;
const clients: TestClient[] = [];
const client = (...args: Parameters<typeof connectClient>) => {
  const c = connectClient(...args);
  clients.push(c);
  return c;
};
afterEach(async () => {
  clients.splice(0).forEach((c) => c.destroy());
  await server?.close();
  server = undefined;
});

/** Deterministic pseudo-random bytes (mulberry32), so a failure can be replayed. */
function seededBytes(seed: number, n: number): Uint8Array {
  let a = seed >>> 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return out;
}

const awarenessOf = (c: TestClient, id: number) => c.provider.awareness.getStates().get(id) as Record<string, any> | undefined;

describe("notes server: hostile input", () => {
  it("closes only the connection that sent a malformed frame (4400); rooms keep working", async () => {
    server = await startNotesServer();
    const a = client(server.url, "session-m", { as: "a" });
    const b = client(server.url, "session-m", { as: "b" });
    const other = client(server.url, "session-other", { as: "c" });
    await Promise.all([synced(a), synced(b), synced(other)]);
    const frames: Array<Uint8Array | string> = [
      new Uint8Array([0, 2, 0xff]), // truncated varint length
      new Uint8Array(0), // empty
      seededBytes(1, 64),
      seededBytes(2, 257),
      seededBytes(3, 9),
      new Uint8Array([7]), // unknown message type
      new Uint8Array([0, 9, 0]), // unknown sync type
      new Uint8Array([0, 2, 3, 1, 2, 3]), // well-framed but not a Yjs update
      new Uint8Array([1, 4, 1, 5, 1, 0x7b]), // awareness with truncated JSON
      new Uint8Array([3, 0]), // query-awareness with trailing bytes
      "a text frame",
    ];
    const codes = await Promise.all(
      frames.map(async (frame) => {
        const raw = rawClient(`${server!.url}/session-m?as=x${Math.random()}`);
        await raw.opened;
        raw.ws.send(frame);
        return raw.closed;
      }),
    );
    expect(codes).toEqual(frames.map(() => 4400));
    a.doc.getText("t").insert(0, "still fine");
    other.doc.getText("t").insert(0, "here too");
    await waitFor(() => b.text() === "still fine", "room keeps relaying");
    await waitFor(() => server!.notes.getDoc("session-other")?.getText("t").toString() === "here too", "other room");
    expect(a.closeCodes).toEqual([]);
    expect(server.notes.stats().connections).toBe(3);
  });

  it("closes a 20 MB frame before buffering it (1009) and memory stays flat", async () => {
    server = await startNotesServer();
    const bystander = client(server.url, "session-big", { as: "b" });
    await synced(bystander);
    const rssBefore = process.memoryUsage().rss;
    const raw = await rawUpgrade(server.port, "/yjs/session-big?as=attacker");
    await streamOversizedFrame(raw, 20 * 1024 * 1024);
    await raw.closed;
    expect(serverCloseCode(raw)).toBe(1009);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(50 * 1024 * 1024);
    bystander.doc.getText("t").insert(0, "ok");
    await waitFor(() => server!.notes.getDoc("session-big")?.getText("t").toString() === "ok", "bystander unaffected");
  });

  it("bounds updates with missing dependencies: the sender is closed and they are dropped", async () => {
    server = await startNotesServer({ maxPendingStructBytes: 4096 });
    const source = new Y.Doc();
    const updates: Uint8Array[] = [];
    source.on("update", (u: Uint8Array) => updates.push(u));
    source.getText("t").insert(0, "a");
    source.getText("t").insert(1, "x".repeat(10_000));
    const raw = rawClient(`${server.url}/session-gap?as=w`);
    await raw.opened;
    raw.ws.send(syncFrame(2, updates[1])); // depends on updates[0], which the server never got
    expect(await raw.closed).toBe(4400);
    const watcher = client(server.url, "session-gap", { as: "v" });
    await synced(watcher);
    const doc = server.notes.getDoc("session-gap")!;
    expect(doc.store.pendingStructs).toBeNull();
    expect(doc.getText("t").toString()).toBe("");
  });

  it("overwrites the client's user with the server identity and drops awareness for foreign client ids", async () => {
    server = await startNotesServer();
    const a = client(server.url, "session-aw", { as: "alice", name: "Alice" });
    const b = client(server.url, "session-aw", { as: "bob", name: "Bob" });
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalStateField("user", { name: "Mallory", color: "#000" });
    a.provider.awareness.setLocalStateField("cursor", 7);
    b.provider.awareness.setLocalStateField("cursor", 3); // the initial {} has clock 0 and is never sent on
    await waitFor(() => awarenessOf(b, a.doc.clientID)?.cursor === 7, "alice's cursor at bob");
    await waitFor(() => awarenessOf(a, b.doc.clientID)?.cursor === 3, "bob's cursor at alice");
    expect(awarenessOf(b, a.doc.clientID)!.user).toEqual({ name: "Alice", color: "#336699", role: "rapporteur" });

    const eve = rawClient(`${server.url}/session-aw?as=eve&name=Eve`);
    await eve.opened;
    const spoof = encodeAwarenessEntries([
      { clientId: a.doc.clientID, clock: 999, state: { user: { name: "Spoofed" }, cursor: 0 } },
      { clientId: b.doc.clientID, clock: 999, state: null },
    ]);
    eve.ws.send(awarenessFrame(spoof));
    // Frames of one connection are handled in order: once eve's own state arrives, the spoof was processed.
    eve.ws.send(awarenessFrame(encodeAwarenessEntries([{ clientId: 777, clock: 1, state: { user: { name: "Fake" } } }])));
    await waitFor(() => awarenessOf(b, 777) !== undefined, "eve's own state");
    expect(awarenessOf(b, 777)!.user.name).toBe("Eve");
    expect(awarenessOf(b, a.doc.clientID)).toMatchObject({ cursor: 7, user: { name: "Alice" } });
    expect(awarenessOf(a, b.doc.clientID)).toMatchObject({ cursor: 3, user: { name: "Bob" } }); // removal dropped
    expect(server.logs.some((l) => /foreign client id/.test(l.msg ?? ""))).toBe(true);

    eve.ws.close();
    await waitFor(() => awarenessOf(b, 777) === undefined, "eve's presence removed on close");
  });

  it("rate-limits awareness per connection but applies the latest state", async () => {
    server = await startNotesServer({ awarenessPerSecond: 20 });
    const b = client(server.url, "session-rl", { as: "bob" });
    await synced(b);
    let seen = 0;
    b.provider.awareness.on("update", ({ added, updated }: { added: number[]; updated: number[] }) => {
      if (added.includes(4242) || updated.includes(4242)) seen++;
    });
    const raw = rawClient(`${server.url}/session-rl?as=chatty`);
    await raw.opened;
    for (let i = 1; i <= 200; i++) raw.ws.send(awarenessFrame(encodeAwarenessEntries([{ clientId: 4242, clock: i, state: { n: i } }])));
    await waitFor(() => awarenessOf(b, 4242)?.n === 200, "latest state applied");
    expect(seen).toBeLessThan(60); // 40 burst + a few coalesced flushes, not 200
    expect(seen).toBeGreaterThanOrEqual(2);
  });
});
