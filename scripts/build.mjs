#!/usr/bin/env node
// Builds what is out of date: shared + bff (tsc) always (it is quick and type-checks), the
// H5 and weapp client bundles only when client/ or shared/ sources are newer than the build.
// `--force` rebuilds everything. Used by `npm start` and `npm test`. These are local builds: the
// mini-program talks to the BFF on this machine. `--release` (`npm run build:release`) builds the
// mini-program for WeChat instead, and refuses an API base WeChat would refuse.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressDir, needsCompression } from './compress-h5.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function run(args, env = {}) {
  const r = spawnSync('npm', args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

/** Builds what is stale; `targets` is a subset of ['server', 'h5', 'weapp']. Returns false on failure. */
export function build({ targets = ['server', 'h5', 'weapp'], force = false, release = false } = {}) {
  if (targets.includes('server') && run(['run', 'build:server', '--silent']) !== 0) return false;
  const sources = Math.max(newestMtime(path.join(root, 'client')), newestMtime(path.join(root, 'shared', 'src')));
  for (const type of ['h5', 'weapp']) {
    if (!targets.includes(type)) continue;
    const marker = path.join(root, 'client', 'dist', type, type === 'h5' ? 'index.html' : 'app.json');
    const stale = force || !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < sources;
    // XLX_LOCAL_BUILD: a build for this machine (DevTools simulator, tests), so the mini-program may
    // keep the loopback API base; `npm run build:release` is the build for WeChat (client/config/api-base.ts).
    const env = { NODE_ENV: 'production', XLX_LOCAL_BUILD: release ? '' : '1' };
    if (stale && run(['run', `build:${type}`, '-w', '@xlx/client', '--silent'], env) !== 0) return false;
    // Brotli and gzip copies for the BFF to serve (the build empties dist/h5 first).
    const h5Dir = path.join(root, 'client', 'dist', 'h5');
    if (type === 'h5' && needsCompression(h5Dir)) compressDir(h5Dir);
  }
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const release = process.argv.includes('--release');
  const force = release || process.argv.includes('--force');
  const targets = process.argv.filter((a) => ['server', 'h5', 'weapp'].includes(a));
  process.exit(build({ force, release, targets: targets.length ? targets : release ? ['weapp'] : undefined }) ? 0 : 1);
}
