#!/usr/bin/env node
// Brotli (quality 11) and gzip (level 9) copies of the H5 build's text files, made once at build
// time so that the BFF only picks the copy the browser accepts (bff/src/middlewares/h5-static.ts).
// A copy is kept only when it is smaller than the file. Run by scripts/build.mjs after the H5 build.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|webmanifest)$/;

function walk(dir) {
  const files = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files.push(...walk(p));
    else files.push(p);
  }
  return files;
}

/** Writes <file>.br and <file>.gz next to every compressible file of `dir`; returns the counts. */
export function compressDir(dir) {
  let files = 0;
  let before = 0;
  let after = 0;
  for (const file of walk(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const raw = fs.readFileSync(file);
    const variants = {
      '.br': zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
      '.gz': zlib.gzipSync(raw, { level: 9 }),
    };
    for (const [ext, data] of Object.entries(variants)) {
      const out = file + ext;
      // A stale copy from an earlier build must not outlive its file.
      if (data.length < raw.length) fs.writeFileSync(out, data);
      else fs.rmSync(out, { force: true });
    }
    files++;
    before += raw.length;
    after += Math.min(raw.length, variants['.br'].length);
  }
  return { files, before, after };
}

/** True when the build has no compressed copies yet, or older ones than its index.html. */
export function needsCompression(dir) {
  const index = path.join(dir, 'index.html');
  const br = `${index}.br`;
  return fs.existsSync(index) && (!fs.existsSync(br) || fs.statSync(br).mtimeMs < fs.statSync(index).mtimeMs);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'client', 'dist', 'h5'));
  const r = compressDir(dir);
  console.log(`compressed ${r.files} files in ${dir}: ${(r.before / 1024).toFixed(0)} KB → ${(r.after / 1024).toFixed(0)} KB (brotli)`);
}
