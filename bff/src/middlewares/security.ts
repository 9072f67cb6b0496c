import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import type { AppState } from '../context';

/**
 * The H5 app's policy: its own scripts only (and, by hash, the inline sizing script Taro writes into
 * index.html), so injected script cannot read the session token in web storage. Styles may be inline
 * (Taro's components set style attributes); images may be data:/blob: (QR canvases, picked photos).
 * Taro's tab bar links are href="javascript:;" no-ops: blocking them changes nothing.
 */
export function h5ContentSecurityPolicy(indexHtml: string): string {
  const hashes = [...indexHtml.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .filter((m) => m[1].length > 0)
    .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  return [
    "default-src 'self'",
    `script-src 'self' 'report-sample'${hashes.map((h) => ` ${h}`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // Taro's uploadFile reads the picked photo back from its blob: URL.
    "connect-src 'self' blob:",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/** Security headers on every response, and CORS only for configured browser origins. */
export function security(corsOrigins: string[], pagePolicy = h5ContentSecurityPolicy('')): Middleware<AppState> {
  const allowed = new Set(corsOrigins);
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'SAMEORIGIN');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    // The H5 door and home pages scan with the camera; no framed or other origin may use it.
    ctx.set('Permissions-Policy', 'camera=(self), microphone=(), geolocation=(self)');
    if (ctx.secure) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (ctx.path.startsWith('/api/')) {
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
      const origin = ctx.get('origin');
      if (origin && allowed.has(origin)) {
        ctx.set('Access-Control-Allow-Origin', origin);
        ctx.set('Vary', 'Origin');
        ctx.set('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After');
        if (ctx.method === 'OPTIONS') {
          ctx.set('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
          ctx.set('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-Request-Id, X-HTTP-Method-Override');
          ctx.set('Access-Control-Max-Age', '600');
          ctx.status = 204;
          return;
        }
      }
    } else {
      ctx.set('Content-Security-Policy', pagePolicy);
    }
    await next();
  };
}
