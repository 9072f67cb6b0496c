import {
  BROWSER_LOGIN_WAIT_SECONDS,
  type CallResponse,
  type BrowserLoginCreated,
  type BrowserLoginDescription,
  type BrowserLoginWaitResult,
  type DevSignIn,
  type Ok,
  type Session,
  type WechatSignIn,
} from '@xlx/shared';
import { call, type ApiRoutes } from './api';
import type { EarlyBrowserLogin } from './first-page.h5';

/** GET /auth/options: which sign-in methods this server offers. */
export type AuthOptions = CallResponse<ApiRoutes['get /api/v1/auth/options']>;

export const authService = {
  options: (): Promise<AuthOptions> => call('get /api/v1/auth/options', {}, { auth: false }),
  wechat: (body: WechatSignIn): Promise<Session> => call('post /api/v1/auth/wechat', { body }, { auth: false }),
  dev: (body: DevSignIn): Promise<Session> => call('post /api/v1/auth/dev', { body }, { auth: false }),
  logout: (): Promise<Ok> => call('post /api/v1/auth/logout', {}),
};

/** An early answer older than this is not used: its code would be shown close to expiring. */
const EARLY_MAX_AGE_MS = 20_000;

/**
 * H5: the sign-in code first-page.h5.ts asked for while the app's code was loading, taken once.
 * Anything but a fresh 2xx answer falls back to asking again (which reports errors as usual).
 */
function takeEarlyBrowserLogin(): Promise<BrowserLoginCreated> | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null;
  const slot = window as unknown as { __xlxEarlyBrowserLogin?: EarlyBrowserLogin };
  const early = slot.__xlxEarlyBrowserLogin;
  if (!early) return null;
  delete slot.__xlxEarlyBrowserLogin;
  if (Date.now() - early.at > EARLY_MAX_AGE_MS) return null;
  const answer = early.response.then((res) => {
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json() as Promise<BrowserLoginCreated>;
  });
  return answer.catch(() => call('post /api/v1/auth/browser', {}, { auth: false }));
}

/** 扫码登录: the browser's side (create, wait) and the mini-program's (describe, approve, decline). */
export const browserLoginService = {
  create: (): Promise<BrowserLoginCreated> => takeEarlyBrowserLogin() ?? call('post /api/v1/auth/browser', {}, { auth: false }),
  /** Held open by the server up to 25 s; the timeout leaves room for a slow network. */
  wait: (id: number, secret: string): Promise<BrowserLoginWaitResult> =>
    call('post /api/v1/auth/browser/wait', { body: { id, secret } }, { auth: false, timeout: (BROWSER_LOGIN_WAIT_SECONDS + 15) * 1000 }),
  describe: (code: string): Promise<BrowserLoginDescription> => call('post /api/v1/auth/browser/describe', { body: { code } }),
  approve: (code: string): Promise<Ok> => call('post /api/v1/auth/browser/approve', { body: { code } }),
  decline: (code: string): Promise<Ok> => call('post /api/v1/auth/browser/decline', { body: { code } }),
};
