import Taro from '@tarojs/taro';
import { ERROR_MESSAGES, issuesByField, type ErrorCode, type FieldIssue } from '@xlx/shared';
import { clearToken, getToken } from './token';

/** '' on H5 (the BFF serves the app), the BFF's address on the mini-program. */
export const API_BASE = process.env.TARO_APP_API_BASE || '';
const API_PREFIX = '/api/v1';
/** Riders are often on slow or patchy mobile networks. */
const TIMEOUT_MS = 10_000;

export const NETWORK_MESSAGE = '网络不给力，请检查网络后重试';

export type ApiErrorCode = ErrorCode | 'NETWORK';

/** Every failed call, on every platform: an HTTP error body, a non-JSON failure or no network. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  readonly details?: unknown;
  readonly requestId?: string;

  constructor(init: { code: ApiErrorCode; message: string; status: number; details?: unknown; requestId?: string }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
    this.requestId = init.requestId;
  }

  /** Field issues of a VALIDATION_FAILED answer (empty otherwise). */
  get issues(): FieldIssue[] {
    const d = this.details as { issues?: unknown } | undefined;
    if (!d || !Array.isArray(d.issues)) return [];
    return d.issues.filter((i): i is FieldIssue => !!i && typeof (i as FieldIssue).path === 'string' && typeof (i as FieldIssue).message === 'string');
  }

  /** Server messages keyed by field path: what a form shows under each input. */
  get fieldErrors(): Record<string, string> {
    return issuesByField(this.issues);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** A message fit to show a worker for anything a call may throw. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.message;
  return ERROR_MESSAGES.INTERNAL;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

export interface RawResponse {
  statusCode: number;
  data: unknown;
  header?: Record<string, string>;
}

function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code);
}

function fallbackCode(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502) return 'UPSTREAM_UNAVAILABLE';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  if (status >= 400 && status < 500) return 'BAD_REQUEST';
  return 'INTERNAL';
}

function headerValue(header: Record<string, string> | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const key = Object.keys(header).find((k) => k.toLowerCase() === name);
  return key ? header[key] : undefined;
}

/** The error for an HTTP answer outside 2xx, whatever its body looks like (also used for uploads). */
export function httpError(res: RawResponse): ApiError {
  const body = res.data as { error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown } } | null;
  const e = body && typeof body === 'object' ? body.error : undefined;
  const code = e && isKnownCode(e.code) ? e.code : fallbackCode(res.statusCode);
  return new ApiError({
    code,
    message: e && typeof e.message === 'string' && e.message ? e.message : ERROR_MESSAGES[code],
    status: res.statusCode,
    details: e?.details,
    requestId: (e && typeof e.requestId === 'string' ? e.requestId : undefined) ?? headerValue(res.header, 'x-request-id'),
  });
}

export function networkError(): ApiError {
  return new ApiError({ code: 'NETWORK', message: NETWORK_MESSAGE, status: 0 });
}

export interface RequestOptions {
  /** Query parameters (GET) or JSON body (other methods). */
  data?: unknown;
  /** Send the bearer token (default true). */
  auth?: boolean;
  timeout?: number;
}

/**
 * The one wrapper around Taro.request. Resolves with the parsed JSON body of a 2xx answer;
 * everything else (4xx/5xx, which the mini-program resolves but H5 may reject, timeouts,
 * no network) becomes an ApiError. A 401 forgets the stored token.
 */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const header: Record<string, string> = { Accept: 'application/json' };
  const token = options.auth === false ? null : getToken();
  if (token) header.Authorization = `Bearer ${token}`;

  let sendMethod: Method = method;
  if (process.env.TARO_ENV === 'weapp' && method === 'PATCH') {
    // wx.request has no PATCH: tunnel it through POST, the BFF honours the override header.
    sendMethod = 'POST';
    header['X-HTTP-Method-Override'] = 'PATCH';
  }
  if (method !== 'GET' && options.data !== undefined) header['Content-Type'] = 'application/json';

  let res: RawResponse;
  try {
    res = (await Taro.request({
      url: `${API_BASE}${API_PREFIX}${path}`,
      method: sendMethod as 'POST',
      data: options.data as Record<string, unknown> | undefined,
      header,
      dataType: 'json',
      timeout: options.timeout ?? TIMEOUT_MS,
    })) as RawResponse;
  } catch (err) {
    // Some platforms reject on an HTTP error instead of resolving: keep the answer if there is one.
    const r = err as Partial<RawResponse> | undefined;
    if (r && typeof r.statusCode === 'number' && r.statusCode >= 400) {
      res = { statusCode: r.statusCode, data: r.data ?? null, header: r.header };
    } else {
      throw networkError();
    }
  }

  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  const error = httpError(res);
  if (error.status === 401 && token) clearToken();
  throw error;
}
