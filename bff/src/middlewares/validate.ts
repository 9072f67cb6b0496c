import type { Middleware } from 'koa';
import { z } from 'zod';
import type { AppState } from '../context';

type Source = 'body' | 'query' | 'params';

/**
 * Parses one part of the request with a shared schema; a failure throws a ZodError, which the
 * error handler turns into VALIDATION_FAILED listing every failing field.
 */
export function validate(schema: z.core.$ZodType, source: Source = 'body'): Middleware<AppState> {
  return async (ctx, next) => {
    // No body at all reads as {}; an explicit JSON null is a wrong type like any other.
    const input =
      source === 'body'
        ? ctx.request.body === undefined
          ? {}
          : ctx.request.body
        : source === 'query'
          ? ctx.query
          : (ctx as unknown as { params: unknown }).params;
    ctx.state[source] = z.parse(schema, input);
    return next();
  };
}
