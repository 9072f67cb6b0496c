#!/usr/bin/env node
// Prints the weapp main package and subpackage sizes (what WeChat counts against its 2 MB
// per-package cap) and the H5 first page's JavaScript (as built, and as it travels: the brotli copies
// scripts/compress-h5.mjs makes); fails when the main package is over budget. What the first page
// really loads over the wire, lazily loaded page included, is measured in Chromium by first-render.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const weapp = path.join(root, 'client', 'dist', 'weapp');
const h5 = path.join(root, 'client', 'dist', 'h5');
// Issue 13 asks for 600 KB, reached on 2026-12-03 (596.8 KB): the budget is the target, so it cannot grow back.
export const MAIN_TARGET = 600 * 1024;
const MAIN_BUDGET = Number(process.env.WEAPP_MAIN_BUDGET_BYTES ?? 600 * 1024);

function walk(dir) {
  const files = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files.push(...walk(p));
    else files.push(p);
  }
  return files;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Sizes of the weapp build: { main, subpackages: { root: bytes } }. */
export function weappSizes() {
  if (!fs.existsSync(path.join(weapp, 'app.json'))) throw new Error('no weapp build: run `npm run build` first');
  const app = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  const sub = Object.fromEntries(roots.map((r) => [r, 0]));
  let main = 0;
  for (const f of walk(weapp)) {
    const rel = path.relative(weapp, f).split(path.sep).join('/');
    if (rel.endsWith('.map')) continue;
    const size = fs.statSync(f).size;
    const owner = roots.find((r) => rel === r || rel.startsWith(`${r}/`));
    if (owner) sub[owner] += size;
    else main += size;
  }
  return { main, subpackages: sub };
}

/** JavaScript the H5 first page loads: the scripts index.html references. */
export function h5FirstPageJs() {
  const index = path.join(h5, 'index.html');
  if (!fs.existsSync(index)) throw new Error('no H5 build: run `npm run build` first');
  const html = fs.readFileSync(index, 'utf8');
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]);
  let total = 0;
  for (const s of srcs) {
    const p = path.join(h5, s.replace(/^\//, ''));
    if (fs.existsSync(p)) total += fs.statSync(p).size;
  }
  return { files: srcs.length, bytes: total };
}

/** The same files as they travel: html, entry scripts and stylesheets, each as its brotli copy when the build made one. */
export function h5EntryCompressed() {
  const index = path.join(h5, 'index.html');
  if (!fs.existsSync(index)) throw new Error('no H5 build: run `npm run build` first');
  const html = fs.readFileSync(index, 'utf8');
  const refs = [...html.matchAll(/<(?:script[^>]+src|link[^>]+href)="(\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const sized = (p) => (fs.existsSync(`${p}.br`) ? fs.statSync(`${p}.br`).size : fs.existsSync(p) ? fs.statSync(p).size : 0);
  let total = sized(index);
  for (const r of refs) total += sized(path.join(h5, r.replace(/^\//, '')));
  return { files: refs.length + 1, bytes: total };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { main, subpackages } = weappSizes();
  console.log(`weapp main package: ${kb(main)} (budget ${kb(MAIN_BUDGET)}, target ${kb(MAIN_TARGET)})`);
  for (const [r, size] of Object.entries(subpackages)) console.log(`weapp subpackage ${r}: ${kb(size)}`);
  const js = h5FirstPageJs();
  console.log(`H5 first page JavaScript: ${kb(js.bytes)} in ${js.files} files`);
  const entry = h5EntryCompressed();
  console.log(
    `H5 entry (index.html, entry scripts and styles) compressed: ${kb(entry.bytes)} in ${entry.files} files (the whole first page: node test/bench/first-render.mjs)`,
  );
  if (main > MAIN_BUDGET) {
    console.error(`weapp main package is over budget by ${kb(main - MAIN_BUDGET)}`);
    process.exit(1);
  }
}
