import fs from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';
import type { AppState } from '../context';

/** Webpack's content-hashed names (js/app.1a2b3c4d.js, static/images/scan.1a2b3c4d.png): never change, so cached for good. */
const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';

type Encoding = 'br' | 'gzip' | 'identity';

/**
 * The encoding to send among those we have, the smallest first (br, then gzip, then none),
 * whatever order the browser lists them in; `q=0` refuses one, `*` stands for those not named.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepted = (enc: Encoding) => (q.get(enc) ?? q.get('*') ?? 0) > 0;
  for (const enc of ['br', 'gzip'] as const) if (available.includes(enc) && accepted(enc)) return enc;
  return 'identity';
}

async function statFile(file: string): Promise<fs.Stats | null> {
  try {
    const s = await fs.promises.stat(file);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

/**
 * Serves the H5 build: the brotli or gzip copy made at build time (scripts/compress-h5.mjs) when
 * the browser accepts it, with `Vary: Accept-Encoding`; content-hashed files cached for a year
 * as immutable; everything else (index.html above all) revalidated on every use, answered with
 * 304 while its ETag or Last-Modified still holds.
 */
export function h5Static(root: string): Middleware<AppState> {
  const base = path.resolve(root);
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(ctx.path);
    } catch {
      return next();
    }
    if (rel.includes('\0')) return next();
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(base, path.normalize(rel));
    if (!file.startsWith(base + path.sep) || /\.(br|gz)$/.test(file)) return next();
    const stats = await statFile(file);
    if (!stats) return next();

    const [br, gz] = await Promise.all([statFile(`${file}.br`), statFile(`${file}.gz`)]);
    const available: Encoding[] = [...(br ? (['br'] as const) : []), ...(gz ? (['gzip'] as const) : [])];
    const encoding = chooseEncoding(ctx.get('Accept-Encoding'), available);
    const [sendFile, sendStats] = encoding === 'br' ? [`${file}.br`, br!] : encoding === 'gzip' ? [`${file}.gz`, gz!] : [file, stats];

    ctx.type = path.extname(file);
    if (available.length) ctx.vary('Accept-Encoding');
    if (encoding !== 'identity') ctx.set('Content-Encoding', encoding);
    ctx.set('Cache-Control', HASHED.test(file) ? IMMUTABLE : 'no-cache');
    // One tag per representation: a cache must not answer a gzip request with the brotli bytes.
    ctx.set('ETag', `W/"${sendStats.size.toString(16)}-${Math.floor(sendStats.mtimeMs).toString(16)}"`);
    ctx.lastModified = stats.mtime;
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.length = sendStats.size;
    // Koa sends no body for HEAD and closes the stream once the response is done.
    ctx.body = fs.createReadStream(sendFile);
  };
}
