import type { Middleware } from 'koa';
import type { AppState } from '../context';

/** Security headers on every response, and CORS only for configured browser origins. */
export function security(corsOrigins: string[]): Middleware<AppState> {
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
    }
    await next();
  };
}
