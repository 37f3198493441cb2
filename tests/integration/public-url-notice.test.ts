/**
 * U5: the server PROCESS (`server/index.ts`, as `npm start` runs it) says once at start when join
 * links and QR codes point to a loopback address phones cannot open (pino warning + a console line
 * after the URL banner), and says nothing when PUBLIC_URL is reachable from other machines.
 */
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { isLoopbackAddress, resolvesToLoopback } from "../../server/config/public-url";
import { waitFor } from "../helpers/app";
import { startServerProcess, type ServerProcess } from "../helpers/server-process";

const processes: ServerProcess[] = [];
afterAll(async () => {
  for (const p of processes) {
    await p.stop("SIGKILL");
    rmSync(p.dataDir, { recursive: true, force: true });
  }
});

const start = async (env: Record<string, string> = {}) => {
  const p = await startServerProcess({ env });
  processes.push(p);
  return p;
};
const NOTICE = "only this computer can open; participants' phones cannot";
const WARNING = /"level":40,[^\n]*join links use a loopback address/;
const count = (text: string, part: string) => text.split(part).length - 1;

describe("loopback notice (U5)", { timeout: 120_000 }, () => {
  it("the default URL (127.0.0.1) gets one console notice and one pino warning, after the URL and setup link", async () => {
    const p = await start();
    await waitFor(() => p.output().includes(NOTICE), 10_000);
    // Give a second print (if there were one) the chance to appear before counting.
    await new Promise((r) => setTimeout(r, 300));
    const out = p.output();
    expect(count(out, NOTICE)).toBe(1);
    expect(out.split("\n").filter((line) => WARNING.test(line))).toHaveLength(1);
    expect(out).toContain(`point to ${p.baseUrl}, a loopback address`);
    expect(out).toMatch(/HOST=0\.0\.0\.0 PUBLIC_URL=http:\/\/\S+:\d+/);
    expect(out.indexOf("Roundtable is running at")).toBeLessThan(out.indexOf(NOTICE));
    expect(out.indexOf("create the organiser account at")).toBeLessThan(out.indexOf(NOTICE));
  });

  it("PUBLIC_URL=http://localhost:… is loopback too; a LAN address gets no notice", async () => {
    const local = await start({ PUBLIC_URL: "http://localhost:8123" });
    await waitFor(() => local.output().includes(NOTICE), 10_000);
    expect(local.output()).toContain("point to http://localhost:8123, a loopback address");

    const lan = await start({ PUBLIC_URL: "http://192.0.2.10:3000" });
    expect(lan.baseUrl).toBe("http://192.0.2.10:3000");
    await new Promise((r) => setTimeout(r, 500));
    expect(lan.output()).not.toContain(NOTICE);
    expect(lan.output()).not.toMatch(WARNING);
  });

  it("classifies addresses and names", async () => {
    for (const a of ["127.0.0.1", "127.10.0.3", "::1", "[::1]", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"]) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ["192.168.1.20", "10.0.0.1", "0.0.0.0", "::", "fe80::1", "128.0.0.1"]) expect(isLoopbackAddress(a), a).toBe(false);
    expect(await resolvesToLoopback("http://rt.localhost:3000")).toBe(true);
    expect(await resolvesToLoopback("http://[::1]:3000")).toBe(true);
    expect(await resolvesToLoopback("https://203.0.113.5")).toBe(false);
    // A name that does not resolve is not called loopback (.invalid never resolves, RFC 6761).
    expect(await resolvesToLoopback("http://roundtable.invalid")).toBe(false);
  });
});
