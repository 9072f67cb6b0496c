import { crc32, deflateSync } from 'node:zlib';

/**
 * Small real images built in code, with location metadata as phones write it: an Exif block
 * (TIFF, either byte order) with Orientation, an Exif IFD, a GPS IFD with latitude and
 * longitude, and a thumbnail IFD; XMP packets; WebP and PNG containers around them.
 */

export type ByteOrder = 'II' | 'MM';
type Entry = [tag: number, type: number, count: number, value: number | Buffer];

const SHORT = 3;
const LONG = 4;
const ASCII = 2;
const BYTE = 1;
const RATIONAL = 5;
export const TAG = { make: 0x010f, orientation: 0x0112, exifIfd: 0x8769, gpsIfd: 0x8825, dateTimeOriginal: 0x9003, compression: 0x0103 } as const;

/** Offsets inside exifTiff()'s block: IFD0 at 8 with Make, Orientation, the Exif IFD and the GPS IFD pointers. */
export const AT = { ifd0: 8, make: 62, exifIfd: 68, dateTime: 86, gpsIfd: 106, latitude: 172, longitude: 196, ifd1: 220, end: 238 } as const;

function rationals(le: boolean, values: Array<[number, number]>): Buffer {
  const b = Buffer.alloc(values.length * 8);
  values.flat().forEach((v, i) => (le ? b.writeUInt32LE(v, i * 4) : b.writeUInt32BE(v, i * 4)));
  return b;
}

export interface ExifBlock {
  tiff: Buffer;
  latitude: Buffer;
  longitude: Buffer;
}

/** An Exif TIFF block: Orientation 6 (turn 90°), taken at 31°14'23.45"N 121°28'56.78"E. */
export function exifTiff(order: ByteOrder): ExifBlock {
  const le = order === 'II';
  const b = Buffer.alloc(AT.end);
  const u16 = (v: number, at: number) => (le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
  const ifd = (at: number, entries: Entry[], next = 0) => {
    u16(entries.length, at);
    entries.forEach(([tag, type, count, value], i) => {
      const e = at + 2 + i * 12;
      u16(tag, e);
      u16(type, e + 2);
      u32(count, e + 4);
      if (Buffer.isBuffer(value)) value.copy(b, e + 8);
      else if (type === SHORT) u16(value, e + 8);
      else u32(value, e + 8);
    });
    u32(next, at + 2 + entries.length * 12);
  };
  const latitude = rationals(le, [
    [31, 1],
    [14, 1],
    [2345, 100],
  ]);
  const longitude = rationals(le, [
    [121, 1],
    [28, 1],
    [5678, 100],
  ]);
  b.write(order, 0, 'latin1');
  u16(42, 2);
  u32(AT.ifd0, 4);
  ifd(
    AT.ifd0,
    [
      [TAG.make, ASCII, 6, AT.make],
      [TAG.orientation, SHORT, 1, 6],
      [TAG.exifIfd, LONG, 1, AT.exifIfd],
      [TAG.gpsIfd, LONG, 1, AT.gpsIfd],
    ],
    AT.ifd1,
  );
  b.write('Phone\0', AT.make, 'latin1');
  ifd(AT.exifIfd, [[TAG.dateTimeOriginal, ASCII, 20, AT.dateTime]]);
  b.write('2024:05:01 12:00:00\0', AT.dateTime, 'latin1');
  ifd(AT.gpsIfd, [
    [0x0000, BYTE, 4, Buffer.from([2, 3, 0, 0])],
    [0x0001, ASCII, 2, Buffer.from('N\0')],
    [0x0002, RATIONAL, 3, AT.latitude],
    [0x0003, ASCII, 2, Buffer.from('E\0')],
    [0x0004, RATIONAL, 3, AT.longitude],
  ]);
  latitude.copy(b, AT.latitude);
  longitude.copy(b, AT.longitude);
  ifd(AT.ifd1, [[TAG.compression, SHORT, 1, 6]]);
  return { tiff: b, latitude, longitude };
}

export interface IfdEntry {
  tag: number;
  type: number;
  count: number;
  /** The value field: an offset, or a LONG/SHORT value held in place. */
  value: number;
}

/** Reads one IFD of a TIFF block (as a test reads it: it throws on anything out of range). */
export function readIfd(tiff: Buffer, at: number): { entries: IfdEntry[]; next: number } {
  const le = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const count = u16(at);
  const entries = Array.from({ length: count }, (_, i) => {
    const e = at + 2 + i * 12;
    const type = u16(e + 2);
    return { tag: u16(e), type, count: u32(e + 4), value: type === SHORT ? u16(e + 8) : u32(e + 8) };
  });
  return { entries, next: u32(at + 2 + count * 12) };
}

// ---------------------------------------------------------------- JPEG

export const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
export const XMP_HEADER = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');
export const XMP_EXTENSION_HEADER = Buffer.from('http://ns.adobe.com/xmp/extension/\0', 'latin1');
export const APP0 = 0xe0;
export const APP1 = 0xe1;
export const APP2 = 0xe2;

/** What a phone's XMP says about where a photo was taken. */
export const XMP_LOCATION = '<exif:GPSLatitude>31,14.39N</exif:GPSLatitude><exif:GPSLongitude>121,28.95E</exif:GPSLongitude>';
export const xmpPacket = (header = XMP_HEADER) =>
  Buffer.concat([header, Buffer.from(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description>${XMP_LOCATION}</rdf:Description></rdf:RDF></x:xmpmeta>`)]);

/** One marker segment: FF, the marker, the length (counting itself) and the body. */
export function segment(marker: number, body: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

export const exifSegment = (block: ExifBlock) => segment(APP1, Buffer.concat([EXIF_HEADER, block.tiff]));
export const JFIF = segment(APP0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]));

/**
 * The image itself: a baseline 1×1 grey JPEG after its metadata (quantisation and Huffman tables,
 * frame, scan, compressed data, end). libjpeg decodes it.
 */
export const JPEG_IMAGE = Buffer.concat([
  segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
  segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
  segment(0xc4, Buffer.from([0x00, 1, ...Array<number>(15).fill(0), 0])),
  segment(0xc4, Buffer.from([0x10, 1, ...Array<number>(15).fill(0), 0])),
  segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
  Buffer.from([0x3f, 0xff, 0xd9]),
]);

/** SOI, the segments given, then the image. */
export const jpeg = (...segments: Buffer[]) => Buffer.concat([Buffer.from([0xff, 0xd8]), ...segments, JPEG_IMAGE]);

/** The TIFF block of the first Exif segment of a JPEG (as a test finds it: assumes a well-formed file). */
export function jpegExif(file: Buffer): Buffer | null {
  let p = 2;
  while (file[p] === 0xff && file[p + 1] !== 0xda) {
    const end = p + 2 + file.readUInt16BE(p + 2);
    const body = file.subarray(p + 4, end);
    if (file[p + 1] === APP1 && body.subarray(0, 6).equals(EXIF_HEADER)) return body.subarray(6);
    p = end;
  }
  return null;
}

// ---------------------------------------------------------------- WebP

/** A RIFF chunk with its pad byte. */
export function riffChunk(fourcc: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, 'latin1');
  head.writeUInt32LE(payload.length, 4);
  return Buffer.concat([head, payload, Buffer.alloc(payload.length % 2)]);
}

export const VP8X_FLAG = { icc: 0x20, alpha: 0x10, exif: 0x08, xmp: 0x04 } as const;
/** The extended-format header of a 1×1 canvas. */
export const vp8x = (flags: number) => riffChunk('VP8X', Buffer.from([flags, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
/** A lossless 1×1 image, as cwebp writes it (17 bytes, so with a pad byte). */
export const VP8L = riffChunk('VP8L', Buffer.from('2f000000000750992257a6ff8188e87f00', 'hex'));

export function webp(...chunks: Buffer[]): Buffer {
  const body = Buffer.concat([Buffer.from('WEBP'), ...chunks]);
  const head = Buffer.from('RIFF\0\0\0\0');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

// ---------------------------------------------------------------- PNG

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG chunk with its CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The header and data of a 1×1 grey PNG. */
export const PNG_IHDR = pngChunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
export const PNG_IDAT = pngChunk('IDAT', deflateSync(Buffer.from([0, 0x80])));
export const PNG_IEND = pngChunk('IEND', Buffer.alloc(0));
export const png = (...chunks: Buffer[]) => Buffer.concat([PNG_SIGNATURE, ...chunks]);
