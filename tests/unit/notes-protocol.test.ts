import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import * as encoding from "lib0/encoding";
import { awarenessFrame, encodeAwarenessEntries, MalformedMessageError, parseAwarenessUpdate, parseClientMessage, syncFrame } from "../../server/notes/protocol";
import { TokenBucket } from "../../server/notes/rate-limit";
import { inspectUpdate } from "../../server/notes/update-check";

const updatesOf = (doc: Y.Doc) => {
  const list: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => list.push(u));
  return list;
};

describe("parseClientMessage", () => {
  it("parses the four client message kinds", () => {
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "x");
    expect(parseClientMessage(syncFrame(0, Y.encodeStateVector(doc)))).toMatchObject({ kind: "sync-step1" });
    expect(parseClientMessage(syncFrame(1, Y.encodeStateAsUpdate(doc)))).toMatchObject({ kind: "update", step2: true });
    expect(parseClientMessage(syncFrame(2, Y.encodeStateAsUpdate(doc)))).toMatchObject({ kind: "update", step2: false });
    const entries = [{ clientId: 5, clock: 2, state: { a: 1 } }, { clientId: 6, clock: 1, state: null }];
    expect(parseClientMessage(awarenessFrame(encodeAwarenessEntries(entries)))).toEqual({ kind: "awareness", entries });
    expect(parseClientMessage(new Uint8Array([3]))).toEqual({ kind: "query-awareness" });
  });

  it.each([
    ["empty", []],
    ["truncated length", [0, 2, 0xff]],
    ["unknown type", [9]],
    ["auth from a client", [2, 0]],
    ["unknown sync type", [0, 7, 0]],
    ["trailing bytes", [3, 1]],
    ["truncated state vector", [0, 0, 2, 1, 0x80]],
  ])("rejects %s", (_name, bytes) => {
    expect(() => parseClientMessage(new Uint8Array(bytes))).toThrow(MalformedMessageError);
  });

  it("rejects awareness states that are not objects or null", () => {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, "[1,2]");
    expect(() => parseAwarenessUpdate(encoding.toUint8Array(e))).toThrow(MalformedMessageError);
  });
});

describe("inspectUpdate", () => {
  it("tells new content from no-op updates, including redundant delete sets", () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const sent = updatesOf(client);
    client.getText("t").insert(0, "hello");
    expect(inspectUpdate(server, sent[0])).toBe("change");
    Y.applyUpdate(server, sent[0]);
    expect(inspectUpdate(server, sent[0])).toBe("noop"); // already known
    client.getText("t").delete(0, 2);
    expect(inspectUpdate(server, sent[1])).toBe("change"); // deletes a live item
    Y.applyUpdate(server, sent[1]);
    // What a client sends as sync step 2 when it is up to date: empty structs + its full delete set.
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(inspectUpdate(server, step2)).toBe("noop");
    expect(inspectUpdate(server, Y.encodeStateAsUpdate(new Y.Doc()))).toBe("noop");
  });

  it("counts deletions of items the server lacks as changes and throws on garbage", () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getText("t").insert(0, "abc");
    const deleteOnly = updatesOf(client);
    client.getText("t").delete(0, 1);
    expect(inspectUpdate(server, deleteOnly[0])).toBe("change");
    expect(() => inspectUpdate(server, new Uint8Array([1, 2, 3]))).toThrow(MalformedMessageError);
  });
});

describe("TokenBucket", () => {
  it("allows a burst, then refills at the rate", () => {
    let now = 0;
    const bucket = new TokenBucket(20, 40, () => now);
    let taken = 0;
    while (bucket.take()) taken++;
    expect(taken).toBe(40);
    expect(bucket.msUntilToken()).toBe(50);
    now += 50;
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });
});
