/**
 * Room tally broadcasts go out in slices (server/realtime/polls-broadcast.ts): on a real Socket.io
 * server with real clients on 127.0.0.1, every phone of the room gets each tally exactly once, the
 * room is written in slices of `roomSliceSize` connections, and staff get theirs as before.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { Server } from "socket.io";
import { io as ioClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tally } from "../../app/domain/polls";
import type { Poll } from "../../app/domain/workshop";
import { createTallyBroadcasts } from "../../server/realtime/polls-broadcast";
import type { Audience } from "../../server/realtime/polls-views";
import type { RoundtableServer } from "../../server/realtime/session";
import type { PollRun, Stores } from "../../server/storage";
import { waitFor } from "../helpers/app";

const PHONES = 7;
const SLICE = 3;
const room = (sessionId: string, audience: Audience) => `s:${sessionId}:${audience}`;

let io: Server;
let url: string;
const clients: Socket[] = [];

beforeAll(async () => {
  const http = createServer();
  io = new Server(http);
  // The test's own join rule: the handshake says which audience a client belongs to.
  io.on("connection", (socket) => void socket.join(room("s1", socket.handshake.auth.audience as Audience)));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  clients.forEach((c) => c.disconnect());
  await new Promise((resolve) => io.close(resolve));
});

const connect = (audience: Audience) =>
  new Promise<Socket>((resolve, reject) => {
    const c = ioClient(url, { transports: ["websocket"], auth: { audience }, forceNew: true, reconnection: false });
    clients.push(c);
    c.once("connect", () => resolve(c));
    c.once("connect_error", reject);
  });

describe("room tally broadcasts in slices", () => {
  it("reach every phone exactly once, written in slices of roomSliceSize", async () => {
    const phones = await Promise.all(Array.from({ length: PHONES }, () => connect("room")));
    const staff = await connect("staff");
    const received = new Map<Socket, unknown[]>([...phones, staff].map((c) => [c, []]));
    for (const [c, list] of received) c.on("poll:tallied", (v: unknown) => list.push(v));

    // Count what the adapter is asked to send to the room's connections (rooms named by socket id).
    const adapter = io.of("/").adapter as unknown as { broadcast(packet: unknown, opts: { rooms: Set<string> }): void };
    const original = adapter.broadcast.bind(adapter);
    const sliceSizes: number[] = [];
    const phoneIds = new Set(phones.map((p) => p.id!));
    adapter.broadcast = (packet, opts) => {
      if ([...opts.rooms].every((r) => phoneIds.has(r))) sliceSizes.push(opts.rooms.size);
      original(packet, opts);
    };

    const run: PollRun = { id: "r1", sessionId: "s1", pollId: "p1", run: 1, status: "open", visibility: "live", projected: false, openedAt: 1, closedAt: null };
    const tally = { kind: "single", n: 4, options: [] } as unknown as Tally;
    const broadcasts = createTallyBroadcasts({
      io: io as unknown as RoundtableServer,
      stores: {} as Stores,
      logger: pino({ level: "silent" }),
      currentTallies: async () => [{ run, poll: {} as Poll, computed: { tally, responseCount: 4 } }],
      participantCount: async () => PHONES,
      subRoomOf: room,
      tallyIntervalMs: 10,
      roomSliceSize: SLICE,
    });
    broadcasts.markDirty("s1", "p1");
    await waitFor(() => phones.every((p) => received.get(p)!.length > 0) && received.get(staff)!.length > 0);
    // Let anything late arrive before counting.
    await new Promise((r) => setTimeout(r, 100));
    await broadcasts.close();
    adapter.broadcast = original;

    expect(sliceSizes).toEqual([3, 3, 1]);
    for (const p of phones) expect(received.get(p)).toEqual([{ pollId: "p1", run: 1, responseCount: 4, tally, participantCount: PHONES }]);
    expect(received.get(staff)).toHaveLength(1);
  });
});
