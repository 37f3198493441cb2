/**
 * A hand-rolled WebSocket client over a raw TCP socket, for what `ws` will not do: stream an oversized
 * frame without buffering it, or stay silent to pings like a dead peer.
 */
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";

export interface RawSocket {
  socket: Socket;
  /** Bytes received after the HTTP response head. */
  received: Buffer[];
  closed: Promise<void>;
}

/** Performs the upgrade handshake on `path`; rejects unless the server answers 101. */
export async function rawUpgrade(port: number, path: string): Promise<RawSocket> {
  const socket = connect(port, "127.0.0.1");
  socket.on("error", () => {});
  const received: Buffer[] = [];
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end < 0) return;
      socket.off("data", onData);
      const status = head.subarray(0, head.indexOf("\r\n")).toString();
      if (!status.includes(" 101 ")) return reject(new Error(status));
      if (head.length > end + 4) received.push(head.subarray(end + 4));
      socket.on("data", (d: Buffer) => received.push(d));
      resolve();
    };
    socket.on("data", onData);
    socket.once("close", () => reject(new Error("closed during handshake")));
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
  return { socket, received, closed };
}

/**
 * Announces one binary frame of `totalBytes` and streams that many bytes in 64 KiB chunks, reusing one
 * buffer so the test process itself does not allocate the payload. Stops early when the server closes.
 * Returns the bytes actually written.
 */
export async function streamOversizedFrame(raw: RawSocket, totalBytes: number): Promise<number> {
  const header = Buffer.alloc(14);
  header[0] = 0x82; // FIN + binary
  header[1] = 0x80 | 127; // masked, 64-bit length follows
  header.writeBigUInt64BE(BigInt(totalBytes), 2);
  randomBytes(4).copy(header, 10); // mask key
  const chunk = Buffer.alloc(64 * 1024);
  let written = 0;
  let stopped = false;
  raw.socket.once("close", () => (stopped = true));
  raw.socket.write(header);
  while (written < totalBytes && !stopped && !raw.socket.destroyed) {
    const ok = raw.socket.write(chunk);
    written += chunk.length;
    if (!ok) await new Promise<void>((resolve) => {
      raw.socket.once("drain", resolve);
      raw.socket.once("close", resolve);
    });
  }
  return written;
}

/** Close code of the first close frame (opcode 8) the server sent, or undefined. */
export function serverCloseCode(raw: RawSocket): number | undefined {
  const data = Buffer.concat(raw.received);
  let i = 0;
  while (i + 2 <= data.length) {
    const opcode = data[i] & 0x0f;
    let len = data[i + 1] & 0x7f;
    let offset = i + 2;
    if (len === 126) {
      len = data.readUInt16BE(offset);
      offset += 2;
    } else if (len === 127) {
      len = Number(data.readBigUInt64BE(offset));
      offset += 8;
    }
    if (opcode === 0x8) return len >= 2 ? data.readUInt16BE(offset) : undefined;
    i = offset + len;
  }
  return undefined;
}
