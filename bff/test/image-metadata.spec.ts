import { UPLOAD_MIME_TYPES } from '@xlx/shared';
import { stripLocation } from '../src/lib/image-metadata';
import { JPEG as FAKE_JPEG, WEBP as FAKE_WEBP } from './helpers/uploads';
import {
  APP1,
  APP2,
  AT,
  EXIF_HEADER,
  exifSegment,
  exifTiff,
  JFIF,
  jpeg,
  jpegExif,
  JPEG_IMAGE,
  png,
  pngChunk,
  PNG_IDAT,
  PNG_IEND,
  PNG_IHDR,
  readIfd,
  riffChunk,
  segment,
  TAG,
  VP8L,
  vp8x,
  VP8X_FLAG,
  webp,
  XMP_EXTENSION_HEADER,
  XMP_HEADER,
  XMP_LOCATION,
  xmpPacket,
  type ByteOrder,
} from './helpers/images';

const ORDERS: ByteOrder[] = ['II', 'MM'];
const ICC = segment(APP2, Buffer.from('ICC_PROFILE\0\x01\x01not a real profile', 'latin1'));

/** Runs the function on a copy, checking it leaves its input alone. */
function strip(bytes: Buffer, mime: (typeof UPLOAD_MIME_TYPES)[number]): Buffer {
  const before = Buffer.from(bytes);
  const out = stripLocation(bytes, mime);
  expect(bytes.equals(before)).toBe(true);
  return out;
}

describe('stripLocation: JPEG', () => {
  describe.each(ORDERS)('Exif in %s byte order', (order) => {
    const block = exifTiff(order);
    const src = jpeg(JFIF, exifSegment(block), ICC);

    it('empties the GPS IFD and takes IFD0’s pointer to it out, at the same length and place', () => {
      expect(src.includes(block.latitude) && src.includes(block.longitude)).toBe(true);
      const out = strip(src, 'image/jpeg');
      expect(out.length).toBe(src.length);
      expect(out.includes(block.latitude)).toBe(false);
      expect(out.includes(block.longitude)).toBe(false);
      const tiff = jpegExif(out)!;
      expect(tiff.subarray(AT.gpsIfd, AT.ifd1).equals(Buffer.alloc(AT.ifd1 - AT.gpsIfd))).toBe(true);

      const ifd0 = readIfd(tiff, AT.ifd0);
      expect(ifd0.entries.map((e) => e.tag)).toEqual([TAG.make, TAG.orientation, TAG.exifIfd]);
      // Orientation is where it was, with its value: the photo still turns the right way.
      expect(readIfd(jpegExif(src)!, AT.ifd0).entries[1]).toEqual(ifd0.entries[1]);
      expect(ifd0.entries[1]).toEqual({ tag: TAG.orientation, type: 3, count: 1, value: 6 });
      // Everything else IFD0 points to still reads.
      expect(tiff.toString('latin1', ifd0.entries[0].value, ifd0.entries[0].value + 5)).toBe('Phone');
      const exif = readIfd(tiff, ifd0.entries[2].value);
      expect(exif.entries[0].tag).toBe(TAG.dateTimeOriginal);
      expect(tiff.toString('latin1', exif.entries[0].value, exif.entries[0].value + 19)).toBe('2024:05:01 12:00:00');
      expect(ifd0.next).toBe(AT.ifd1);
      expect(readIfd(tiff, ifd0.next).entries).toEqual([{ tag: TAG.compression, type: 3, count: 1, value: 6 }]);
    });

    it('leaves every other segment and the image data byte for byte', () => {
      const out = strip(src, 'image/jpeg');
      const exifEnd = 2 + JFIF.length + exifSegment(block).length;
      expect(out.subarray(0, 2 + JFIF.length + 4 + EXIF_HEADER.length).equals(src.subarray(0, 2 + JFIF.length + 4 + EXIF_HEADER.length))).toBe(true);
      expect(out.subarray(exifEnd).equals(Buffer.concat([ICC, JPEG_IMAGE]))).toBe(true);
    });
  });

  it('drops XMP segments, the packet and its extensions, and nothing around them', () => {
    const block = exifTiff('II');
    const src = jpeg(JFIF, segment(APP1, xmpPacket()), exifSegment(block), segment(APP1, xmpPacket(XMP_EXTENSION_HEADER)), ICC);
    const out = strip(src, 'image/jpeg');
    expect(out.includes(XMP_LOCATION)).toBe(false);
    expect(out.includes(block.latitude)).toBe(false);
    expect(out.length).toBe(src.length - 2 * (4 + xmpPacket().length) - (XMP_EXTENSION_HEADER.length - XMP_HEADER.length));
    const expected = jpeg(JFIF, exifSegment({ ...block, tiff: jpegExif(out)! }), ICC);
    expect(out.equals(expected)).toBe(true);
  });

  it('cleans every Exif segment, and finds segments behind fill bytes', () => {
    const [a, b] = ORDERS.map(exifTiff);
    const src = jpeg(Buffer.from([0xff, 0xff]), exifSegment(a), Buffer.from([0xff]), exifSegment(b));
    const out = strip(src, 'image/jpeg');
    for (const block of [a, b]) expect(out.includes(block.latitude) || out.includes(block.longitude)).toBe(false);
    expect(out.subarray(out.length - JPEG_IMAGE.length).equals(JPEG_IMAGE)).toBe(true);
  });

  it('gives back the very same bytes when there is no location to strip', () => {
    const noGps = exifTiff('MM');
    noGps.tiff.writeUInt16BE(3, AT.ifd0); // IFD0 without its last entry, the GPS pointer
    noGps.tiff.writeUInt32BE(0, AT.ifd0 + 2 + 3 * 12);
    for (const file of [jpeg(), jpeg(JFIF, ICC), jpeg(exifSegment(noGps)), FAKE_JPEG]) expect(strip(file, 'image/jpeg')).toBe(file);
  });

  it('reads only the segments before the scan: what follows is the image’s', () => {
    const late = Buffer.concat([jpeg(JFIF), exifSegment(exifTiff('II'))]);
    expect(strip(late, 'image/jpeg')).toBe(late);
  });
});

describe('stripLocation: malformed Exif', () => {
  /** The JPEG of a changed Exif block, and what stripLocation makes of it. */
  const run = (order: ByteOrder, change: (tiff: Buffer, u16: (v: number, at: number) => void, u32: (v: number, at: number) => void) => Buffer | void) => {
    const block = exifTiff(order);
    const le = order === 'II';
    const u16 = (v: number, at: number) => void (le ? block.tiff.writeUInt16LE(v, at) : block.tiff.writeUInt16BE(v, at));
    const u32 = (v: number, at: number) => void (le ? block.tiff.writeUInt32LE(v, at) : block.tiff.writeUInt32BE(v, at));
    const tiff = change(block.tiff, u16, u32) ?? block.tiff;
    const src = jpeg(segment(APP1, Buffer.concat([EXIF_HEADER, tiff])));
    const out = stripLocation(src, 'image/jpeg');
    expect(out.length).toBe(src.length);
    expect(out.subarray(out.length - JPEG_IMAGE.length).equals(JPEG_IMAGE)).toBe(true);
    return { block, src, out, tiff: jpegExif(out)! };
  };
  const gpsEntry = AT.ifd0 + 2 + 3 * 12;

  it.each(ORDERS)('%s: a GPS IFD that says it has more entries than fit is wiped as far as it goes', (order) => {
    const { block, out, tiff } = run(order, (_t, u16) => u16(0xffff, AT.gpsIfd));
    expect(out.includes(block.latitude) || out.includes(block.longitude)).toBe(false);
    expect(readIfd(tiff, AT.ifd0).entries.map((e) => e.tag)).not.toContain(TAG.gpsIfd);
  });

  it.each(ORDERS)('%s: GPS values pointing outside the block, and a GPS pointer past its end, change nothing else', (order) => {
    const far = run(order, (_t, _u16, u32) => {
      u32(0xfffffff0, AT.gpsIfd + 2 + 2 * 12 + 8); // latitude's offset
      u32(0xffffffff, AT.gpsIfd + 2 + 4 * 12 + 4); // longitude's count
    });
    expect(far.tiff.subarray(AT.gpsIfd, AT.latitude).equals(Buffer.alloc(AT.latitude - AT.gpsIfd))).toBe(true);
    const gone = run(order, (_t, _u16, u32) => u32(0x7fffffff, gpsEntry + 8));
    expect(readIfd(gone.tiff, AT.ifd0).entries.map((e) => e.tag)).toEqual([TAG.make, TAG.orientation, TAG.exifIfd]);
    expect(gone.tiff.subarray(AT.ifd0 + 2 + 4 * 12 + 4).equals(gone.block.tiff.subarray(AT.ifd0 + 2 + 4 * 12 + 4))).toBe(true);
  });

  it.each(ORDERS)('%s: a GPS pointer into the header leaves the header alone', (order) => {
    const { tiff } = run(order, (_t, _u16, u32) => u32(2, gpsEntry + 8));
    expect(tiff.toString('latin1', 0, 2)).toBe(order);
    expect(readIfd(tiff, AT.ifd0).entries).toHaveLength(3);
  });

  it.each(ORDERS)('%s: an IFD0 cut off before its next-IFD offset loses just the GPS pointer entry', (order) => {
    const { tiff } = run(order, (t) => t.subarray(0, gpsEntry + 12 + 2));
    expect(tiff.subarray(gpsEntry, gpsEntry + 12).equals(Buffer.alloc(12))).toBe(true);
    expect(tiff.subarray(0, gpsEntry).equals(exifTiff(order).tiff.subarray(0, gpsEntry))).toBe(true);
  });

  it.each(ORDERS)('%s: no TIFF header, or IFD0 outside the block: left as it is', (order) => {
    for (const change of [(t: Buffer) => void t.write('XX', 0), (t: Buffer) => void t.writeUInt16LE(0x2b2b, 2), (_t: Buffer, _u16: unknown, u32: (v: number, at: number) => void) => u32(0xffff0000, 4)]) {
      const { src, out } = run(order, change);
      expect(out).toBe(src);
    }
  });
});

describe('stripLocation: WebP', () => {
  const block = exifTiff('II');
  const xmp = xmpPacket().subarray(XMP_HEADER.length);
  const ICCP = riffChunk('ICCP', Buffer.from('not a real profile'));

  it('drops the EXIF and XMP chunks, clears their flags and fixes the RIFF size', () => {
    const src = webp(vp8x(VP8X_FLAG.icc | VP8X_FLAG.exif | VP8X_FLAG.xmp), ICCP, VP8L, riffChunk('EXIF', block.tiff), riffChunk('XMP ', xmp));
    const out = strip(src, 'image/webp');
    expect(out.equals(webp(vp8x(VP8X_FLAG.icc), ICCP, VP8L))).toBe(true);
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out.includes(block.latitude) || out.includes(XMP_LOCATION)).toBe(false);
  });

  it('handles chunks of odd size (a pad byte), before the image too', () => {
    const odd = riffChunk('EXIF', Buffer.concat([block.tiff, Buffer.from([0])]));
    expect(odd.length % 2).toBe(0);
    const src = webp(vp8x(VP8X_FLAG.exif), odd, VP8L);
    expect(strip(src, 'image/webp').equals(webp(vp8x(0), VP8L))).toBe(true);
    // The last chunk written without its pad byte, as some encoders do.
    const unpadded = webp(vp8x(VP8X_FLAG.exif), VP8L, odd.subarray(0, odd.length - 1));
    expect(strip(unpadded, 'image/webp').equals(webp(vp8x(0), VP8L))).toBe(true);
  });

  it('keeps what follows the RIFF, and gives back the same bytes when there is nothing to strip', () => {
    const tail = Buffer.from('trailing');
    const src = Buffer.concat([webp(vp8x(VP8X_FLAG.exif), VP8L, riffChunk('EXIF', block.tiff)), tail]);
    expect(strip(src, 'image/webp').equals(Buffer.concat([webp(vp8x(0), VP8L), tail]))).toBe(true);
    for (const file of [webp(VP8L), webp(vp8x(VP8X_FLAG.icc), ICCP, VP8L), FAKE_WEBP]) expect(strip(file, 'image/webp')).toBe(file);
  });
});

describe('stripLocation: PNG', () => {
  const block = exifTiff('MM');
  const xmp = xmpPacket().subarray(XMP_HEADER.length);
  const comment = pngChunk('tEXt', Buffer.from('Comment\0taken on the night shift'));
  const itxt = (keyword: string) => pngChunk('iTXt', Buffer.concat([Buffer.from(`${keyword}\0\0\0\0\0`), xmp]));

  it('drops eXIf and the XMP text chunks, keeps every other chunk with its CRC', () => {
    const src = png(PNG_IHDR, pngChunk('eXIf', block.tiff), comment, itxt('XML:com.adobe.xmp'), pngChunk('tEXt', Buffer.concat([Buffer.from('Raw profile type exif\0'), block.tiff])), PNG_IDAT, PNG_IEND);
    const out = strip(src, 'image/png');
    expect(out.equals(png(PNG_IHDR, comment, PNG_IDAT, PNG_IEND))).toBe(true);
    expect(out.includes(block.latitude) || out.includes(XMP_LOCATION)).toBe(false);
  });

  it('keeps text chunks under other keywords, and gives back the same bytes when there is nothing to strip', () => {
    const file = png(PNG_IHDR, comment, itxt('Description'), PNG_IDAT, PNG_IEND);
    expect(strip(file, 'image/png')).toBe(file);
    const afterEnd = Buffer.concat([png(PNG_IHDR, PNG_IDAT, PNG_IEND), pngChunk('eXIf', block.tiff)]);
    expect(strip(afterEnd, 'image/png')).toBe(afterEnd);
  });
});

describe('stripLocation: truncated and garbage input', () => {
  const fixtures: Array<[string, Buffer]> = [
    ...ORDERS.map((o): [string, Buffer] => [`jpeg ${o}`, jpeg(JFIF, segment(APP1, xmpPacket()), exifSegment(exifTiff(o)), ICC)]),
    ['webp', webp(vp8x(VP8X_FLAG.exif | VP8X_FLAG.xmp), riffChunk('EXIF', exifTiff('II').tiff), riffChunk('XMP ', xmpPacket()), VP8L)],
    ['png', png(PNG_IHDR, pngChunk('eXIf', exifTiff('MM').tiff), PNG_IDAT, PNG_IEND)],
  ];
  /** A small seeded generator, so that a failure repeats. */
  const random = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  /** Runs every type on the bytes; what went wrong, if anything (checked plainly: expect is slow over thousands of runs). */
  const trouble = (bytes: Buffer): string | null => {
    const before = Buffer.from(bytes);
    for (const mime of UPLOAD_MIME_TYPES) {
      const out = stripLocation(bytes, mime);
      if (!Buffer.isBuffer(out) || out.length > bytes.length) return `${mime}: ${out.length} bytes out of ${bytes.length}`;
      if (!bytes.equals(before)) return `${mime}: changed its input`;
    }
    return null;
  };
  const survives = (bytes: Buffer) => {
    const found = trouble(bytes);
    if (found) expect(`${found} for ${bytes.toString('hex')}`).toBeNull();
  };

  it.each(fixtures)('%s: every prefix, as any type', (_name, file) => {
    for (let n = 0; n <= file.length; n++) survives(file.subarray(0, n));
  });

  it.each(fixtures)('%s: thousands of corrupted copies, as any type', (_name, file) => {
    const next = random(file.length);
    const values = [0x00, 0xff, 0x7f, 0x80, 0x01];
    for (let i = 0; i < 10000; i++) {
      const copy = Buffer.from(file);
      const changes = 1 + Math.floor(next() * 4);
      for (let c = 0; c < changes; c++) {
        const at = Math.floor(next() * copy.length);
        copy[at] = next() < 0.5 ? values[Math.floor(next() * values.length)] : Math.floor(next() * 256);
      }
      survives(copy);
    }
  });

  it('random bytes behind each signature, in a container that fits them', () => {
    const next = random(7);
    const wraps = [
      (body: Buffer) => Buffer.concat([Buffer.from([0xff, 0xd8]), body]),
      (body: Buffer) => jpeg(segment(APP1, Buffer.concat([EXIF_HEADER, Buffer.from(next() < 0.5 ? 'II*\0\x08\0\0\0' : 'MM\0*\0\0\0\x08', 'latin1'), body]))),
      (body: Buffer) => webp(vp8x(0xff), body),
      (body: Buffer) => png(PNG_IHDR, body),
    ];
    for (const wrap of wraps) {
      for (let i = 0; i < 500; i++) {
        const body = Buffer.from(Array.from({ length: Math.floor(next() * 300) }, () => Math.floor(next() * 256)));
        survives(wrap(body));
      }
    }
  });
});
