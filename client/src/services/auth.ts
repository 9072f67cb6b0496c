import type { DevSignIn, Ok, Session, WechatSignIn } from '@xlx/shared';
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
