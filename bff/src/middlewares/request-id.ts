import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { AppState } from '../context';

const INBOUND_ID = /^[A-Za-z0-9_.-]{8,64}$/;

/** Gives every request an id (a sane inbound X-Request-Id is kept) and a logger that carries it. */
export function requestId(logger: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const inbound = ctx.get('x-request-id');
    const id = INBOUND_ID.test(inbound) ? inbound : randomUUID();
    ctx.state.requestId = id;
    // The request's logger is made when something logs: most requests at level warn never do.
    let child: Logger | undefined;
    Object.defineProperty(ctx.state, 'log', { get: () => (child ??= logger.child({ reqId: id })), enumerable: true, configurable: true });
    ctx.set('X-Request-Id', id);
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      if (logger.isLevelEnabled('info')) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        // The route's pattern, never the path: paths carry kiosk tokens and ticket payloads (and
        // query strings personal data).
        ctx.state.log.info(
          { method: ctx.method, path: loggedPath(ctx), status: ctx.status, ms: Math.round(ms * 10) / 10, userId: ctx.state.user?.id },
          'request',
        );
      }
    }
  };
}

/** Any path segment long enough to be a token or a signed payload. */
const SECRET_LOOKING = /[^/]{16,}/g;

/** The matched route's pattern (/api/v1/kiosk/:token); an unmatched path with long segments masked. */
export function loggedPath(ctx: { path: string; _matchedRoute?: string | RegExp }): string {
  if (typeof ctx._matchedRoute === 'string') return ctx._matchedRoute;
  return ctx.path.replace(SECRET_LOOKING, ':redacted');
}
