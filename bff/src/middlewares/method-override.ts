import type { Middleware } from 'koa';
import type { AppState } from '../context';

/**
 * WeChat's wx.request cannot send PATCH; the mini-program sends POST with
 * `X-HTTP-Method-Override: PATCH`. Only POST may be overridden, and only to PATCH.
 */
export function methodOverride(): Middleware<AppState> {
  return async (ctx, next) => {
    if (ctx.method === 'POST' && ctx.get('x-http-method-override').toUpperCase() === 'PATCH') ctx.method = 'PATCH';
    return next();
  };
}
