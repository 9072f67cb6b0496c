import type { Middleware } from 'koa';
import type { AppState } from '../context';
import { AppError } from '../lib/app-error';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when any string (value or key) in parsed JSON holds a lone UTF-16 surrogate; iterative, for deep nesting. */
function hasLoneSurrogate(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) return true;
    } else if (Array.isArray(value)) {
      stack.push(...value);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (LONE_SURROGATE.test(k)) return true;
        stack.push(v);
      }
    }
  }
  return false;
}

/**
 * Reads a JSON body up to `limit` bytes; anything else is refused before it reaches a route.
 * `readsOwnBody` names the routes (uploads) that take a stream of their own instead.
 */
export function jsonBody(limit: number, readsOwnBody: (method: string, path: string) => boolean = () => false): Middleware<AppState> {
  return async (ctx, next) => {
    if (!BODY_METHODS.has(ctx.method) || !ctx.path.startsWith('/api/') || readsOwnBody(ctx.method, ctx.path)) return next();
    const declared = Number(ctx.get('content-length') || 0);
    if (declared > limit) throw new AppError('PAYLOAD_TOO_LARGE', `提交的内容超过 ${Math.round(limit / 1024)} KB，请精简后再试`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req) {
      size += (chunk as Buffer).length;
      if (size > limit) throw new AppError('PAYLOAD_TOO_LARGE', `提交的内容超过 ${Math.round(limit / 1024)} KB，请精简后再试`);
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    if (raw.trim() === '') {
      ctx.request.body = undefined;
    } else {
      if (!ctx.is('application/json')) throw new AppError('BAD_REQUEST', '请以 JSON 格式提交（Content-Type: application/json）');
      try {
        ctx.request.body = JSON.parse(raw);
      } catch {
        throw new AppError('BAD_REQUEST', '提交的内容不是有效的 JSON，请检查后重试');
      }
      // A lone UTF-16 surrogate (sent escaped, "\ud800") cannot be stored as UTF-8: refuse it here rather
      // than fail in the store. The parsed strings are checked, not the text: a literal backslash
      // followed by "ud800" is ordinary text.
      if (hasLoneSurrogate(ctx.request.body)) throw new AppError('BAD_REQUEST', '提交的内容包含无法识别的字符，请删除后重试');
    }
    return next();
  };
}

declare module 'koa' {
  interface Request {
    body?: unknown;
  }
}
