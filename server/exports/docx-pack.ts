/**
 * Packs a `docx` Document into .docx bytes faster than `Packer.toBuffer`, with the same parts.
 *
 * Why (bench/outcome.ts, profiled; docs/decisions/007): for a 3-hour session (1.5 MB of
 * document.xml, 20 charts) `Packer.toBuffer` spent most of its time outside XML generation:
 * - its image step runs one regex replace over the whole document.xml per image (and one search per
 *   image and part), i.e. 20 passes and 20 copies of a 1.5 MB string, which also fed the GC;
 * - JSZip deflates in JavaScript (pako), several times slower than Node's zlib.
 * Here the library's own compiler still turns the document into XML parts; only the image
 * placeholders are resolved in one pass each, and the zip is written by yazl (node:zlib underneath;
 * it replaced a zip writer of our own, at +4–18 ms median and +10–47 ms on the first call for the
 * bench's DOCX, decision 007).
 *
 * Relies on `Packer.compiler` (private static in docx 9.x, pinned in package.json): checked at first
 * use, so a docx upgrade that moves it fails loudly in tests rather than producing a broken file.
 */
import { Packer, type File } from "docx";
import { ZipFile } from "yazl";

interface MediaData {
  fileName: string;
}
interface ZipEntry {
  name: string;
  dir: boolean;
  async(type: "nodebuffer"): Promise<Buffer>;
}
interface DocxCompiler {
  compile(file: File, prettify: undefined, overrides: []): { files: Record<string, ZipEntry> };
  imageReplacer: {
    replace(xml: string, media: readonly MediaData[], offset: number): string;
    getMediaData(xml: string, media: { Array: readonly MediaData[] }): MediaData[];
  };
}

/** `{name}` placeholders the docx library leaves in XML for media relationship ids. */
const PLACEHOLDER = /\{([^{}]+)\}/g;

let compiler: DocxCompiler | null = null;

/** A compiler of our own (the library's class, not its shared instance) with one-pass image placeholders. */
function docxCompiler(): DocxCompiler {
  if (compiler) return compiler;
  const shared = (Packer as unknown as { compiler?: DocxCompiler }).compiler;
  if (!shared || typeof shared.compile !== "function" || !shared.imageReplacer) {
    throw new Error("docx: Packer.compiler not found (library internals changed; see server/exports/docx-pack.ts)");
  }
  const own = new (shared.constructor as new () => DocxCompiler)();
  own.imageReplacer = {
    // Same result as the library's per-image `replace(new RegExp("{name}", "g"), id)`, in one pass.
    replace(xml, media, offset) {
      if (media.length === 0) return xml;
      const ids = new Map(media.map((m, i) => [m.fileName, String(offset + i)]));
      return xml.replace(PLACEHOLDER, (whole, name: string) => ids.get(name) ?? whole);
    },
    // The media whose placeholder occurs in `xml`, in media order (the library's filter, with a plain substring search).
    getMediaData(xml, media) {
      return media.Array.filter((m) => xml.includes(`{${m.fileName}}`));
    },
  };
  return (compiler = own);
}

/** Entry time of every part: the zip format's epoch, so equal parts give equal bytes (no wall-clock time). */
const ENTRY_TIME = new Date(1980, 0, 1);

/**
 * Zips parts with yazl (node:zlib deflate, level 6, in libuv's thread pool so the event loop stays free).
 * Every part is deflated, the charts' PNGs too (our PNG writer's own deflate leaves room); entries carry
 * only the fixed DOS time (no extended-timestamp field), so the same parts always give the same bytes.
 * @throws (rejects) when zlib fails.
 */
export function zipParts(parts: readonly { name: string; data: Buffer }[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const { name, data } of parts) zip.addBuffer(data, name, { mtime: ENTRY_TIME, forceDosTimestamp: true, compress: true });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("error", reject);
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * The .docx bytes of `doc`: the docx library's XML parts and media, in its order, zipped by yazl.
 * @throws Error when the docx library's compiler cannot be reached (see the module comment).
 */
export async function packDocx(doc: File): Promise<Buffer> {
  const zip = docxCompiler().compile(doc, undefined, []);
  const parts: { name: string; data: Buffer }[] = [];
  for (const entry of Object.values(zip.files)) if (!entry.dir) parts.push({ name: entry.name, data: await entry.async("nodebuffer") });
  return zipParts(parts);
}
