import type { UploadMime } from '@xlx/shared';

/**
 * Where a photo was taken is personal data we must not keep, and phones write it into the file:
 * the Exif GPS IFD (JPEG APP1, WebP `EXIF`, PNG `eXIf`) and XMP packets. `stripLocation` returns
 * the photo without them, leaving the image data and colour profiles byte for byte. In a JPEG the
 * Exif block is edited in place, at the same length with every offset still valid, so Orientation
 * and the rest of Exif stay readable; XMP segments are dropped whole, since nothing points into
 * them. In WebP and PNG the Exif and XMP chunks are dropped whole: an Exif orientation there is
 * rare (phones write those formats for screenshots) and goes with the chunk.
 *
 * It never throws and never reads outside the bytes it is given. Where a structure is malformed
 * (a length past the end, a marker missing, an offset out of range) it stops there and leaves the
 * bytes from that point as they are, rather than refuse the photo: phones write well-formed files,
 * and a worker should not lose an odd but displayable photo. A lenient reader that resyncs past
 * such a break could still find metadata behind it; that is the accepted cost. A photo with
 * nothing to strip is returned as the same Buffer.
 */
export function stripLocation(bytes: Buffer, mime: UploadMime): Buffer {
  switch (mime) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
    default:
      return bytes;
  }
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const startsWith = (b: Buffer, prefix: Buffer) => b.length >= prefix.length && b.subarray(0, prefix.length).equals(prefix);

/** Copies a source piece by piece, leaving out the ranges dropped: the source itself when nothing is. */
class Splicer {
  private readonly pieces: Buffer[] = [];
  private copied = 0;
  constructor(private readonly src: Buffer) {}

  /** Leaves out src[from, to). */
  drop(from: number, to: number): void {
    this.pieces.push(this.src.subarray(this.copied, from));
    this.copied = to;
  }

  /** Puts `bytes` in place of src[from, to). */
  replace(from: number, to: number, bytes: Buffer): void {
    this.drop(from, to);
    this.pieces.push(bytes);
  }

  get removed(): number {
    return this.copied - this.pieces.reduce((n, p) => n + p.length, 0);
  }

  done(): Buffer {
    if (this.pieces.length === 0) return this.src;
    return Buffer.concat([...this.pieces, this.src.subarray(this.copied)]);
  }
}

// ---------------------------------------------------------------- JPEG

const EXIF_HEADER = latin1('Exif\0\0');
/** An XMP packet, and the continuation segments of one too large for a single segment. */
const XMP_HEADERS = [latin1('http://ns.adobe.com/xap/1.0/\0'), latin1('http://ns.adobe.com/xmp/extension/\0')];

const APP1 = 0xe1;
const SOS = 0xda;
const EOI = 0xd9;

/** Walks the marker segments up to the start of scan; the compressed image after it is not touched. */
function stripJpeg(src: Buffer): Buffer {
  if (src.length < 2 || src[0] !== 0xff || src[1] !== 0xd8) return src;
  const out = new Splicer(src);
  let p = 2;
  while (p < src.length && src[p] === 0xff) {
    let m = p + 1;
    while (m < src.length && src[m] === 0xff) m++; // fill bytes
    if (m >= src.length) break;
    const marker = src[m];
    if (marker === SOS || marker === EOI) break;
    // Markers without a length (TEM, RST0-7) do not belong here, but carry nothing either.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      p = m + 1;
      continue;
    }
    if (marker === 0x00 || marker === 0xd8 || m + 3 > src.length) break;
    const length = src.readUInt16BE(m + 1);
    const end = m + 1 + length;
    if (length < 2 || end > src.length) break;
    if (marker === APP1) {
      const body = src.subarray(m + 3, end);
      if (XMP_HEADERS.some((h) => startsWith(body, h))) {
        out.drop(p, end);
      } else if (startsWith(body, EXIF_HEADER)) {
        const tiffStart = m + 3 + EXIF_HEADER.length;
        const clean = withoutGps(src.subarray(tiffStart, end));
        if (clean) out.replace(tiffStart, end, clean);
      }
    }
    p = end;
  }
  return out.done();
}

// ---------------------------------------------------------------- Exif (TIFF)

const GPS_IFD_POINTER = 0x8825;
const ENTRY = 12;
/** Bytes per value of each TIFF field type (1 BYTE … 13 IFD); others are unknown. */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const HEADER = 8;

/** Reads a TIFF structure in its byte order; a read outside it answers -1. */
class TiffReader {
  readonly le: boolean;
  constructor(readonly b: Buffer) {
    this.le = b[0] === 0x49;
  }
  u16(at: number): number {
    if (at < 0 || at + 2 > this.b.length) return -1;
    return this.le ? this.b.readUInt16LE(at) : this.b.readUInt16BE(at);
  }
  u32(at: number): number {
    if (at < 0 || at + 4 > this.b.length) return -1;
    return this.le ? this.b.readUInt32LE(at) : this.b.readUInt32BE(at);
  }
  /** How many of an IFD's entries lie wholly inside the structure (a truncated IFD has fewer than it says). */
  entriesWithin(ifd: number): number {
    const count = this.u16(ifd);
    if (count < 0) return 0;
    return Math.min(count, Math.floor((this.b.length - ifd - 2) / ENTRY));
  }
}

/**
 * The TIFF structure of an Exif block with its GPS IFD emptied: the IFD and the values it points
 * to are zeroed and IFD0's pointer to it is taken out (later entries move up, the next-IFD offset
 * with them), all within the same bytes. Null when there is no GPS IFD pointer or the header is
 * not TIFF's.
 */
function withoutGps(tiff: Buffer): Buffer | null {
  if (tiff.length < HEADER) return null;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const r = new TiffReader(tiff);
  if (r.u16(2) !== 42) return null;
  const ifd0 = r.u32(4);
  if (ifd0 < HEADER) return null;
  const within = r.entriesWithin(ifd0);
  const entryAt = (i: number) => ifd0 + 2 + i * ENTRY;
  const pointers: number[] = [];
  for (let i = 0; i < within; i++) if (r.u16(entryAt(i)) === GPS_IFD_POINTER) pointers.push(i);
  if (pointers.length === 0) return null;

  const out = Buffer.from(tiff);
  for (const i of pointers) wipeIfd(r, out, r.u32(entryAt(i) + 8));

  const count = r.u16(ifd0);
  const ifdEnd = entryAt(count) + 4; // after the next-IFD offset
  if (within === count && ifdEnd <= tiff.length) {
    // Rewritten from the original, so that a GPS value overlapping IFD0 cannot take IFD0 with it.
    let w = ifd0 + 2;
    for (let i = 0; i < count; i++) {
      if (pointers.includes(i)) continue;
      w += tiff.copy(out, w, entryAt(i), entryAt(i) + ENTRY);
    }
    w += tiff.copy(out, w, entryAt(count), ifdEnd);
    out.fill(0, w, ifdEnd);
    if (r.le) out.writeUInt16LE(count - pointers.length, ifd0);
    else out.writeUInt16BE(count - pointers.length, ifd0);
  } else {
    // A truncated IFD0: its size cannot change safely, so the pointer entry becomes all zeros (type 0 is skipped by readers).
    for (const i of pointers) out.fill(0, entryAt(i), entryAt(i) + ENTRY);
  }
  return out;
}

/** Zeroes, in `out`, the IFD at `ifd` as read from `r` and the values its entries point to; never the TIFF header. */
function wipeIfd(r: TiffReader, out: Buffer, ifd: number): void {
  const zero = (from: number, to: number) => {
    const a = Math.max(from, HEADER);
    const b = Math.min(to, out.length);
    if (a < b) out.fill(0, a, b);
  };
  if (ifd < HEADER || r.u16(ifd) < 0) return;
  const within = r.entriesWithin(ifd);
  for (let i = 0; i < within; i++) {
    const entry = ifd + 2 + i * ENTRY;
    const size = (TYPE_SIZE[r.u16(entry + 2)] ?? 0) * r.u32(entry + 4);
    if (size > 4) {
      const at = r.u32(entry + 8);
      zero(at, at + size);
    }
  }
  zero(ifd, ifd + 2 + r.u16(ifd) * ENTRY + 4);
}

// ---------------------------------------------------------------- PNG

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Text chunk keywords that hold XMP, or Exif as ImageMagick and exiftool write it into older PNGs. */
const METADATA_KEYWORDS = new Set(['XML:com.adobe.xmp', 'Raw profile type exif', 'Raw profile type xmp', 'Raw profile type APP1']);
const TEXT_CHUNKS = new Set(['tEXt', 'iTXt', 'zTXt']);

/** Drops eXIf and the text chunks that carry XMP or Exif; the chunks kept are copied with their CRCs. */
function stripPng(src: Buffer): Buffer {
  if (!startsWith(src, PNG_SIGNATURE)) return src;
  const out = new Splicer(src);
  let p = PNG_SIGNATURE.length;
  while (p + 12 <= src.length) {
    const length = src.readUInt32BE(p);
    const type = src.toString('latin1', p + 4, p + 8);
    const end = p + 12 + length;
    if (end > src.length) break;
    const data = src.subarray(p + 8, p + 8 + length);
    if (type === 'eXIf' || (TEXT_CHUNKS.has(type) && METADATA_KEYWORDS.has(keyword(data)))) out.drop(p, end);
    p = end;
    if (type === 'IEND') break;
  }
  return out.done();
}

/** A text chunk's keyword: 1 to 79 Latin-1 characters ended by a zero byte. */
function keyword(data: Buffer): string {
  const end = data.subarray(0, 80).indexOf(0);
  return end > 0 ? data.toString('latin1', 0, end) : '';
}

// ---------------------------------------------------------------- WebP

const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/** Drops the EXIF and XMP chunks, clears their flags in VP8X and fixes the RIFF size. */
function stripWebp(src: Buffer): Buffer {
  if (src.length < 12 || src.toString('latin1', 0, 4) !== 'RIFF' || src.toString('latin1', 8, 12) !== 'WEBP') return src;
  const riffEnd = 8 + src.readUInt32LE(4);
  if (riffEnd > src.length) return src;
  const out = new Splicer(src);
  let flagsAt = -1;
  let clear = 0;
  let p = 12;
  while (p + 8 <= riffEnd) {
    const fourcc = src.toString('latin1', p, p + 4);
    const size = src.readUInt32LE(p + 4);
    let end = p + 8 + size;
    if (end > riffEnd) break;
    if (size % 2 === 1 && end < riffEnd) end += 1; // pad byte (some writers leave it off the last chunk)
    if (fourcc === 'VP8X' && size >= 1 && flagsAt < 0) flagsAt = p + 8 - out.removed;
    if (fourcc === 'EXIF' || fourcc === 'XMP ') {
      out.drop(p, end);
      clear |= fourcc === 'EXIF' ? VP8X_EXIF : VP8X_XMP;
    }
    p = end;
  }
  if (clear === 0) return src;
  const removed = out.removed;
  const result = out.done();
  result.writeUInt32LE(riffEnd - 8 - removed, 4);
  if (flagsAt >= 0) result[flagsAt] &= ~clear;
  return result;
}
