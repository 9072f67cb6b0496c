import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode } from '@xlx/shared';

/** A failure the client is meant to see: its code picks the status, its message is shown to people. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
    readonly details?: unknown,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (what = '内容') => new AppError('NOT_FOUND', `${what}不存在或已被删除`);
