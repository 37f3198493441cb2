/**
 * U5: join links, QR codes and invitations are built from PUBLIC_URL (default `http://HOST:PORT`).
 * When that URL names a loopback address (127.0.0.0/8, ::1, `localhost`), only this computer can
 * open it: a participant's phone scanning the QR code reaches itself, not Roundtable. The server
 * says so once at start, with what to set instead.
 */
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import os from "node:os";

/** True for an IPv4 127.0.0.0/8, IPv6 `::1` or IPv4-mapped `::ffff:127.x` address. */
export function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(a) === 4) return a.startsWith("127.");
  if (isIP(a) === 6) return a === "::1" || /^::ffff:127\./.test(a) || /^0*:(0*:){6}0*1$/.test(a);
  return false;
}

/**
 * True when `url`'s host is, or resolves only to, loopback addresses. `localhost` and `*.localhost`
 * count without a lookup (RFC 6761 §6.3); a name that does not resolve counts as not loopback (the
 * notice is advice, not a guess).
 */
export async function resolvesToLoopback(url: string): Promise<boolean> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host)) return isLoopbackAddress(host);
  try {
    const addresses = await lookup(host, { all: true });
    return addresses.length > 0 && addresses.every((a) => isLoopbackAddress(a.address));
  } catch {
    return false;
  }
}

/** This machine's first non-internal IPv4 address (a likely room Wi-Fi address), or null. */
export function lanAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const i of list ?? []) if (i.family === "IPv4" && !i.internal) return i.address;
  }
  return null;
}

/**
 * The notice for a loopback `url` (null otherwise): one paragraph for the console, naming the URL,
 * why phones cannot use it, and the two variables to set (with this machine's LAN address when known).
 */
export async function loopbackNotice(url: string, port: number): Promise<string | null> {
  if (!(await resolvesToLoopback(url))) return null;
  const lan = lanAddress();
  const example = `http://${lan ?? "<this computer's Wi-Fi address>"}:${port}`;
  return (
    `Note: join links and QR codes point to ${url}, a loopback address that only this computer can open; ` +
    `participants' phones cannot. To let phones join over the room's network, restart with ` +
    `HOST=0.0.0.0 PUBLIC_URL=${example} (see "Configuration" in README.md).`
  );
}
