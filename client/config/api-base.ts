/**
 * The BFF address a build talks to (`TARO_APP_API_BASE`), chosen and checked when the client is built.
 *
 * - H5: '' (same origin: the BFF serves the app) unless set.
 * - Mini-program, development (`npm run dev:weapp`) and the local build (`npm run build`, `npm test`,
 *   `npm start`, which set XLX_LOCAL_BUILD=1): the BFF on this machine unless set; any http(s) address.
 * - Mini-program, any other production build (`npm run build:release`, `taro build --type weapp`): a
 *   release. WeChat sends `request` and `uploadFile` only to https domains registered in its console,
 *   never to an IP address or localhost, so the build refuses anything else and says what to set.
 */
export const LOCAL_API_BASE = 'http://127.0.0.1:3000';

export type ApiBaseEnv = Partial<Record<'NODE_ENV' | 'TARO_ENV' | 'TARO_APP_API_BASE' | 'XLX_LOCAL_BUILD', string>>;

const HINT =
  'A release build needs the https domain registered in the mini-program console ' +
  '(开发管理 → 服务器域名), e.g. `TARO_APP_API_BASE=https://api.example.org npm run build:release`. ' +
  'For this machine (DevTools simulator, tests) use `npm run build`, the local build (default ' +
  LOCAL_API_BASE +
  '), or `npm run dev:weapp`.';

/** A build the API base check refuses; the message names the variable and what to set. */
export class ApiBaseError extends Error {
  constructor(reason: string) {
    super(`TARO_APP_API_BASE ${reason}. ${HINT}`);
    this.name = 'ApiBaseError';
  }
}

/** True for an IPv4 or IPv6 literal host (as `URL.hostname` gives it). */
function isIpHost(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
}

function isLocalHost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local');
}

/** Whether this build is a mini-program release (production and not the local build). */
export function isReleaseBuild(env: ApiBaseEnv): boolean {
  const mini = (env.TARO_ENV ?? 'weapp') !== 'h5';
  const local = env.XLX_LOCAL_BUILD === '1' || env.XLX_LOCAL_BUILD === 'true';
  return mini && env.NODE_ENV === 'production' && !local;
}

/** The API base for this build; throws ApiBaseError when a release build would ship a bad one. */
export function resolveApiBase(env: ApiBaseEnv): string {
  const raw = env.TARO_APP_API_BASE?.trim();
  if ((env.TARO_ENV ?? 'weapp') === 'h5') return raw ?? '';
  const release = isReleaseBuild(env);
  if (!raw) {
    if (release) throw new ApiBaseError(`is unset: a release build (NODE_ENV=production) cannot ship the local default ${LOCAL_API_BASE}`);
    return LOCAL_API_BASE;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ApiBaseError(`"${raw}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ApiBaseError(`"${raw}" is not an http(s) URL`);
  if (url.search || url.hash || url.username || url.password) throw new ApiBaseError(`"${raw}" must not carry a user, a query or a fragment`);
  if (release) {
    if (url.protocol !== 'https:') throw new ApiBaseError(`"${raw}" is not https: WeChat sends requests only to https domains`);
    if (isIpHost(url.hostname)) throw new ApiBaseError(`"${raw}" is an IP address: WeChat accepts registered domain names only`);
    if (isLocalHost(url.hostname) || !url.hostname.includes('.')) {
      throw new ApiBaseError(`"${raw}" is localhost or a local host name: WeChat accepts registered domain names only`);
    }
  }
  // request.ts appends /api/v1 itself.
  return raw.replace(/\/+$/, '');
}
