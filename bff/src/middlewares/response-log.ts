import fs from 'node:fs';
import type { Middleware } from 'koa';
import type { AppState } from '../context';

/**
 * Tests only (RESPONSE_LOG, refused in production): appends every API response's status, headers
 * and JSON or text body to a file, one JSON line each, so that the suites that run the server as
 * a process (the end-to-end journeys, the server tests) can be checked for leaked secrets just
 * like the in-process suites. Binary bodies (QR images, photos) and static files are skipped.
 */
export function responseLog(file: string): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
    } finally {
      if (ctx.path.startsWith('/api/')) {
        const b = ctx.body;
        const body =
          b === undefined || b === null || Buffer.isBuffer(b) || typeof (b as { pipe?: unknown }).pipe === 'function'
            ? ''
            : typeof b === 'string'
              ? b
              : JSON.stringify(b);
        fs.appendFileSync(file, `${JSON.stringify({ method: ctx.method, path: ctx.path, status: ctx.status, headers: ctx.response.headers, body })}\n`);
      }
    }
  };
}
