import {
  BROWSER_LOGIN_WAIT_SECONDS,
  type BrowserLoginCreated,
  type BrowserLoginDescription,
  type BrowserLoginWaitResult,
  type DevSignIn,
  type Ok,
  type Session,
  type WechatSignIn,
} from '@xlx/shared';
import { api } from './request';

/** GET /auth/options: which sign-in methods this server offers. */
export interface AuthOptions {
  devSignIn: boolean;
  wechat: boolean;
}

export const authService = {
  options: () => api.get<AuthOptions>('/auth/options', undefined, { auth: false }),
  wechat: (body: WechatSignIn) => api.post<Session>('/auth/wechat', body, { auth: false }),
  dev: (body: DevSignIn) => api.post<Session>('/auth/dev', body, { auth: false }),
  logout: () => api.post<Ok>('/auth/logout'),
};

/** 扫码登录: the browser's side (create, wait) and the mini-program's (describe, approve, decline). */
export const browserLoginService = {
  create: () => api.post<BrowserLoginCreated>('/auth/browser', undefined, { auth: false }),
  /** Held open by the server up to 25 s; the timeout leaves room for a slow network. */
  wait: (id: number, secret: string) =>
    api.post<BrowserLoginWaitResult>('/auth/browser/wait', { id, secret }, { auth: false, timeout: (BROWSER_LOGIN_WAIT_SECONDS + 15) * 1000 }),
  describe: (code: string) => api.post<BrowserLoginDescription>('/auth/browser/describe', { code }),
  approve: (code: string) => api.post<Ok>('/auth/browser/approve', { code }),
  decline: (code: string) => api.post<Ok>('/auth/browser/decline', { code }),
};
