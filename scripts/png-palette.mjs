// Rewrites PNGs as palette PNGs (colour type 3 with a tRNS alpha table): the app's line icons are
// one colour at many alpha levels, and the share card three colours with their anti-aliasing, so
// 256 palette entries hold them exactly or nearly so, at a third of the bytes of RGBA. The weapp
// main package counts every byte of them. Run: node scripts/png-palette.mjs <file.png>...
// (scripts/render-icons.mjs runs it on the icons it renders.)
import fs from 'node:fs';
import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunks(buf) {
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  const out = [];
  for (let at = 8; at < buf.length;) {
    const length = buf.readUInt32BE(at);
    out.push({ type: buf.toString('latin1', at + 4, at + 8), data: buf.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return out;
}

const paeth = (a, b, c) => {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** RGBA pixels of an 8-bit, non-interlaced PNG (grey, RGB, palette, grey+alpha or RGBA). */
export function decode(buf) {
  const list = chunks(buf);
  const ihdr = list.find((c) => c.type === 'IHDR').data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const [depth, type, , , interlace] = [ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]];
  if (depth !== 8 || interlace !== 0) throw new Error(`unsupported PNG: depth ${depth}, interlace ${interlace}`);
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[type];
  const raw = zlib.inflateSync(Buffer.concat(list.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * channels;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? px[y * stride + x - channels] : 0;
      const b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? px[(y - 1) * stride + x - channels] : 0;
      px[y * stride + x] = (v + [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter]) & 0xff;
    }
  }
  const plte = list.find((c) => c.type === 'PLTE')?.data;
  const trns = list.find((c) => c.type === 'tRNS')?.data;
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = px.subarray(i * channels, (i + 1) * channels);
    const rgbaPx =
      type === 0
        ? [s[0], s[0], s[0], 255]
        : type === 2
          ? [s[0], s[1], s[2], 255]
          : type === 3
            ? [plte[s[0] * 3], plte[s[0] * 3 + 1], plte[s[0] * 3 + 2], trns && s[0] < trns.length ? trns[s[0]] : 255]
            : type === 4
              ? [s[0], s[0], s[0], s[1]]
              : [s[0], s[1], s[2], s[3]];
    rgba.set(rgbaPx, i * 4);
  }
  return { width, height, rgba };
}

/** At most 256 colours: exact when the image has no more, else the nearest of the most used ones. */
export function palette(rgba) {
  const count = new Map();
  for (let i = 0; i < rgba.length; i += 4) {
    // A fully transparent pixel's colour is never seen: all of them are one entry.
    const key = rgba[i + 3] === 0 ? 0 : rgba.readUInt32BE(i);
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const colours = [...count.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const kept = colours.slice(0, 256);
  const index = new Map(kept.map((k, i) => [k, i]));
  const split = (k) => [k >>> 24, (k >>> 16) & 0xff, (k >>> 8) & 0xff, k & 0xff];
  const parts = kept.map(split);
  let worst = 0;
  for (const k of colours.slice(256)) {
    const [r, g, b, a] = split(k);
    let best = 0;
    let bestD = Infinity;
    for (const [i, [pr, pg, pb, pa]] of parts.entries()) {
      const d = (r - pr) ** 2 + (g - pg) ** 2 + (b - pb) ** 2 + (a - pa) ** 2;
      if (d < bestD) [best, bestD] = [i, d];
    }
    index.set(k, best);
    worst = Math.max(worst, Math.sqrt(bestD));
  }
  return { parts, index, exact: colours.length <= 256, worst };
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A palette PNG of the image: filter 0 (none suits palette indices best), deflate at level 9. */
export function encodePalette({ width, height, rgba }) {
  const { parts, index, exact, worst } = palette(rgba);
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const key = rgba[i + 3] === 0 ? 0 : rgba.readUInt32BE(i);
      rows[y * (width + 1) + 1 + x] = index.get(key);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8);
  const plte = Buffer.from(parts.flatMap(([r, g, b]) => [r, g, b]));
  const alphas = parts.map(([, , , a]) => a);
  // tRNS lists alphas up to the last entry that is not opaque.
  let last = alphas.length;
  while (last > 0 && alphas[last - 1] === 255) last--;
  const png = Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('PLTE', plte),
    ...(last ? [chunk('tRNS', Buffer.from(alphas.slice(0, last)))] : []),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9, memLevel: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return { png, exact, worst };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  let before = 0;
  let after = 0;
  for (const file of process.argv.slice(2)) {
    const input = fs.readFileSync(file);
    const { png, exact, worst } = encodePalette(decode(input));
    before += input.length;
    if (png.length < input.length) {
      fs.writeFileSync(file, png);
      after += png.length;
    } else after += input.length;
    if (!exact) console.log(`${file}: more than 256 colours, the rest mapped to the nearest (largest distance ${worst.toFixed(1)} of 510)`);
  }
  console.log(`${process.argv.length - 2} PNG(s): ${before} bytes -> ${after} bytes`);
}
