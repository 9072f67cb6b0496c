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

/** GET /auth/options: which sign-in methods this server offers. */
export type AuthOptions = CallResponse<ApiRoutes['get /api/v1/auth/options']>;

export const authService = {
  options: (): Promise<AuthOptions> => call('get /api/v1/auth/options', {}, { auth: false }),
  wechat: (body: WechatSignIn): Promise<Session> => call('post /api/v1/auth/wechat', { body }, { auth: false }),
  dev: (body: DevSignIn): Promise<Session> => call('post /api/v1/auth/dev', { body }, { auth: false }),
  logout: (): Promise<Ok> => call('post /api/v1/auth/logout', {}),
};

/** 扫码登录: the browser's side (create, wait) and the mini-program's (describe, approve, decline). */
export const browserLoginService = {
  create: (): Promise<BrowserLoginCreated> => call('post /api/v1/auth/browser', {}, { auth: false }),
  /** Held open by the server up to 25 s; the timeout leaves room for a slow network. */
  wait: (id: number, secret: string): Promise<BrowserLoginWaitResult> =>
    call('post /api/v1/auth/browser/wait', { body: { id, secret } }, { auth: false, timeout: (BROWSER_LOGIN_WAIT_SECONDS + 15) * 1000 }),
  describe: (code: string): Promise<BrowserLoginDescription> => call('post /api/v1/auth/browser/describe', { body: { code } }),
  approve: (code: string): Promise<Ok> => call('post /api/v1/auth/browser/approve', { body: { code } }),
  decline: (code: string): Promise<Ok> => call('post /api/v1/auth/browser/decline', { body: { code } }),
};
