/**
 * A minimal PNG encoder (8-bit palette, no interlace) and a raster canvas with solid rectangles.
 * Enough for bar charts in the DOCX export without a canvas library or a browser: the DOCX stays
 * a pure, fast, deterministic function (same body → same bytes), independent of Chromium.
 * Format: https://www.w3.org/TR/png-3/ (signature, IHDR, PLTE, IDAT with zlib data, IEND; CRC-32 per chunk).
 *
 * Why a palette: one byte per pixel lets a rectangle be a native `fill` per scanline, and rows of
 * repeated bytes compress with zlib's run-length strategy at a fraction of the default's cost.
 */
import { constants, deflateSync } from "node:zlib";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO-HDLC, the one PNG and zip use) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A raster of up to 256 colours, origin top-left, initialised to white. */
export class Raster {
  /** Palette index per pixel, row-major. */
  readonly pixels: Uint8Array;
  private readonly palette: number[] = [0xffffff];

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width * height > 16_000_000) {
      throw new RangeError(`bad raster size ${width}×${height}`);
    }
    this.pixels = new Uint8Array(width * height);
  }

  private index(rgb: number): number {
    let i = this.palette.indexOf(rgb);
    if (i === -1) {
      if (this.palette.length === 256) throw new RangeError("a raster holds at most 256 colours");
      i = this.palette.push(rgb) - 1;
    }
    return i;
  }

  /** Fills a rectangle (clipped to the raster) with `rgb` = 0xRRGGBB. Fractional edges are rounded. */
  fillRect(x: number, y: number, w: number, h: number, rgb: number): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    if (x1 <= x0 || y1 <= y0) return;
    const i = this.index(rgb);
    for (let yy = y0; yy < y1; yy++) this.pixels.fill(i, yy * this.width + x0, yy * this.width + x1);
  }

  /** Encodes the raster as PNG bytes (colour type 3, 8 bits per index). */
  toPng(): Buffer {
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(this.width, 0);
    ihdr.writeUInt32BE(this.height, 4);
    ihdr[8] = 8; // bits per palette index
    ihdr[9] = 3; // colour type: indexed
    // bytes 10-12: compression 0, filter method 0, interlace 0
    const plte = Buffer.alloc(this.palette.length * 3);
    this.palette.forEach((rgb, i) => {
      plte[i * 3] = (rgb >> 16) & 0xff;
      plte[i * 3 + 1] = (rgb >> 8) & 0xff;
      plte[i * 3 + 2] = rgb & 0xff;
    });
    const raw = Buffer.alloc((this.width + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      // Leading 0 = filter type None for the scanline.
      raw.set(this.pixels.subarray(y * this.width, (y + 1) * this.width), y * (this.width + 1) + 1);
    }
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return Buffer.concat([
      signature,
      chunk("IHDR", ihdr),
      chunk("PLTE", plte),
      chunk("IDAT", deflateSync(raw, { strategy: constants.Z_RLE })),
      chunk("IEND", new Uint8Array(0)),
    ]);
  }
}
