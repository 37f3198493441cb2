/**
 * Packs a `docx` Document into .docx bytes faster than `Packer.toBuffer`, with the same parts.
 *
 * Why (bench/outcome.ts, profiled; docs/decisions/007): for a 3-hour session (1.5 MB of
 * document.xml, 20 charts) `Packer.toBuffer` spent most of its time outside XML generation:
 * - its image step runs one regex replace over the whole document.xml per image (and one search per
 *   image and part), i.e. 20 passes and 20 copies of a 1.5 MB string, which also fed the GC;
 * - JSZip deflates in JavaScript (pako), several times slower than Node's zlib.
 * Here the library's own compiler still turns the document into XML parts; only the image
 * placeholders are resolved in one pass each, and the zip is written with node:zlib.
 *
 * Relies on `Packer.compiler` (private static in docx 9.x, pinned in package.json): checked at first
 * use, so a docx upgrade that moves it fails loudly in tests rather than producing a broken file.
 */
import { Packer, type File } from "docx";
import { constants, crc32, deflateRawSync } from "node:zlib";

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

/** 1980-01-01 00:00 in MS-DOS date/time: entries carry no wall-clock time, so equal parts give equal bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * Writes a zip (PKWARE APPNOTE 6.3: local headers, central directory, end record; no zip64, so
 * every part and the whole file must stay under 4 GiB). Parts are deflated unless that does not
 * shrink them (PNGs), in which case they are stored.
 */
export function zipParts(parts: readonly { name: string; data: Buffer }[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of parts) {
    const nameBytes = Buffer.from(name, "utf8");
    const deflated = deflateRawSync(data, { level: constants.Z_DEFAULT_COMPRESSION });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: names are UTF-8
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    local.copy(entry, 6, 4, 30); // version needed … name length, as in the local header
    // extra, comment, disk number, internal attributes: 0 (bytes 30–37); external attributes: 0
    entry.writeUInt32LE(offset, 42);
    chunks.push(local, nameBytes, body);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dir, end]);
}

/**
 * The .docx bytes of `doc`: the docx library's XML parts and media, in its order, zipped with node:zlib.
 * @throws Error when the docx library's compiler cannot be reached (see the module comment).
 */
export async function packDocx(doc: File): Promise<Buffer> {
  const zip = docxCompiler().compile(doc, undefined, []);
  const parts: { name: string; data: Buffer }[] = [];
  for (const entry of Object.values(zip.files)) if (!entry.dir) parts.push({ name: entry.name, data: await entry.async("nodebuffer") });
  return zipParts(parts);
}
