import { Packer } from "docx";
import { describe, expect, it, vi } from "vitest";
import { buildSummary } from "../../app/domain/summary";
import { packDocx, zipParts } from "../../server/exports/docx-pack";
import { docxDocument } from "../../server/exports/docx";
import { summaryInput } from "../fixtures/summary/workshop";
import { readZip } from "../fixtures/summary/zip-lite";

const meta = { version: 3, publishedAt: Date.UTC(2024, 4, 20, 7, 0) };

describe("DOCX packer (server/exports/docx-pack.ts)", () => {
  it("writes the same parts as the docx library's Packer, charts included", async () => {
    const body = buildSummary(summaryInput());
    const ours = readZip(await packDocx(docxDocument(body, meta)));
    const theirs = readZip(await Packer.toBuffer(docxDocument(body, meta)));
    // The library also writes folder entries ("word/"); Word needs none.
    const files = [...theirs.keys()].filter((k) => !k.endsWith("/"));
    expect([...ours.keys()].sort()).toEqual(files.sort());
    expect([...ours.keys()].some((k) => k.startsWith("word/media/") && k.endsWith(".png"))).toBe(true);
    // The library names hyperlink relationships with random ids, in either packer.
    const same = (b: Buffer) => b.toString("latin1").replace(/rId[a-z0-9_-]{12,}/g, "rId~");
    for (const name of files) {
      // core.xml carries the creation time (new Date() in the library), so it differs between any two runs.
      if (name === "docProps/core.xml") continue;
      expect(same(ours.get(name)!), name).toBe(same(theirs.get(name)!));
    }
    // Media relationship ids were resolved: no "{hash.png}" placeholder is left in the document.
    expect(ours.get("word/document.xml")!.toString("utf8")).not.toMatch(/\{[0-9a-f]{40}\.png\}/);
  });

  it("zips parts that round-trip, deflated, with the same bytes for the same parts (no wall-clock time)", async () => {
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24));
    const text = Buffer.from("<w:p/>".repeat(1000), "utf8");
    const parts = [
      { name: "a/noise.bin", data: noise },
      { name: "b/text.xml", data: text },
    ];
    const zip = await zipParts(parts);
    expect(zip.subarray(0, 4).toString("binary")).toBe("PK\x03\x04");
    const back = readZip(zip);
    expect([...back.keys()]).toEqual(["a/noise.bin", "b/text.xml"]);
    expect(back.get("a/noise.bin")!.equals(noise)).toBe(true);
    expect(back.get("b/text.xml")!.equals(text)).toBe(true);
    expect(zip.length).toBeLessThan(noise.length + text.length);
    // A clock-stamped zip would differ at another time (DOS time: 2 s steps, so hours and years apart).
    // Only Date is faked: zlib's callbacks and timers run as usual.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      for (const at of [Date.UTC(2031, 6, 14, 9, 30, 7), Date.UTC(1999, 11, 31, 23, 59, 58)]) {
        vi.setSystemTime(at);
        expect((await zipParts(parts)).equals(zip), new Date(at).toISOString()).toBe(true);
      }
    } finally {
      vi.useRealTimers();
    }
  });
});
