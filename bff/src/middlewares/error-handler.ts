import type { Middleware } from 'koa';
import { z } from 'zod';
import { ERROR_MESSAGES, toFieldIssues, type ErrorBody, type ErrorCode } from '@xlx/shared';
import type { AppState } from '../context';
import { AppError } from '../lib/app-error';
import { isDeadlock, isStoreUnavailable } from '../lib/db-errors';

/**
 * The one place errors become responses: the same body for every failure, no stack or SQL
 * ever leaves, and anything unexpected is logged with the request id.
 */
export function errorHandler(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('NOT_FOUND', '请求的接口不存在');
      if (ctx.status === 405 && ctx.body === undefined) throw new AppError('NOT_FOUND', '请求的接口不存在');
    } catch (err) {
      const appErr = toAppError(err);
      if (appErr.status >= 500) {
        ctx.state.log?.error({ err }, 'request failed');
      }
      const body: ErrorBody = {
        error: {
          code: appErr.code,
          message: appErr.message,
          ...(appErr.details !== undefined ? { details: appErr.details } : {}),
          requestId: ctx.state.requestId,
        },
      };
      ctx.status = appErr.status;
      ctx.body = body;
      if (appErr.headers) ctx.set(appErr.headers);
      if (appErr.code === 'SERVICE_UNAVAILABLE') ctx.set('Retry-After', '5');
    }
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.core.$ZodError) return new AppError('VALIDATION_FAILED', ERROR_MESSAGES.VALIDATION_FAILED, { issues: toFieldIssues(err) });
  // A deadlock that outlived the retries (a cluster's certification conflict): nothing was stored; try again later.
  if (isStoreUnavailable(err) || isDeadlock(err)) return new AppError('SERVICE_UNAVAILABLE');
  const e = err as { status?: number; expose?: boolean; type?: string };
  // Errors thrown by koa itself (ctx.throw) carry a status.
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    const code: ErrorCode =
      e.status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : e.status === 401
          ? 'UNAUTHENTICATED'
          : e.status === 403
            ? 'FORBIDDEN'
            : e.status === 404
              ? 'NOT_FOUND'
              : 'BAD_REQUEST';
    return new AppError(code);
  }
  return new AppError('INTERNAL');
}
