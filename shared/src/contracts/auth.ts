import * as z from 'zod/mini';
import { contract } from '../contract';
import { DevSignInSchema, SessionSchema, WechatSignInSchema } from '../dto/auth';
import { OkSchema } from '../dto/common';

export const AuthOptionsSchema = z.object({ devSignIn: z.boolean(), wechat: z.boolean() });

/** Signing in and out. */
export const authContracts = {
  authOptions: contract({
    method: 'get',
    path: '/api/v1/auth/options',
    tag: 'auth',
    summary: 'Which sign-in methods this server offers',
    access: 'public',
    response: AuthOptionsSchema,
  }),
  wechatSignIn: contract({
    method: 'post',
    path: '/api/v1/auth/wechat',
    tag: 'auth',
    summary: 'Sign in with a Taro.login() code (WeChat code2Session)',
    access: 'public',
    body: WechatSignInSchema,
    response: SessionSchema,
    errors: ['WECHAT_CODE_INVALID', 'UPSTREAM_UNAVAILABLE', 'RATE_LIMITED', 'NOT_FOUND'],
  }),
  devSignIn: contract({
    method: 'post',
    path: '/api/v1/auth/dev',
    tag: 'auth',
    summary: 'Development sign-in by name (only when DEV_SIGNIN is on; 404 otherwise)',
    access: 'public',
    body: DevSignInSchema,
    response: SessionSchema,
    errors: ['NOT_FOUND'],
  }),
  logout: contract({
    method: 'post',
    path: '/api/v1/auth/logout',
    tag: 'auth',
    summary: 'Revoke the current session token',
    access: 'user',
    response: OkSchema,
  }),
};
