import { z } from 'zod';
import { DevSignInSchema, OkSchema, SessionSchema, WechatSignInSchema } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import type { IssuedSession } from '../services/auth.service';
import type { UserService } from '../services/user.service';
import type { AuthService } from '../services/auth.service';
import { presentMe } from '../presenters/user.presenter';

const AuthOptionsSchema = z.object({ devSignIn: z.boolean(), wechat: z.boolean() });

export function authRoutes(api: ApiRouter, auth: AuthService, users: UserService, wechatConfigured: boolean): void {
  const present = async (s: IssuedSession) => ({ token: s.token, expiresAt: s.expiresAt.toISOString(), me: presentMe(await users.getMe(s.user.id)) });

  api
    .route(
      {
        method: 'get',
        path: '/api/v1/auth/options',
        tag: 'auth',
        summary: 'Which sign-in methods this server offers',
        access: 'public',
        response: AuthOptionsSchema,
      },
      async () => ({ devSignIn: auth.devSignInEnabled, wechat: wechatConfigured }),
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/auth/wechat',
        tag: 'auth',
        summary: 'Sign in with a Taro.login() code (WeChat code2Session)',
        access: 'public',
        rateLimit: 'signin',
        body: WechatSignInSchema,
        response: SessionSchema,
        errors: ['WECHAT_CODE_INVALID', 'UPSTREAM_UNAVAILABLE', 'RATE_LIMITED', 'NOT_FOUND'],
      },
      async (_ctx, { body }) => present(await auth.signInWithWechat(body.code)),
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/auth/dev',
        tag: 'auth',
        summary: 'Development sign-in by name (only when DEV_SIGNIN is on; 404 otherwise)',
        access: 'public',
        rateLimit: 'signin',
        body: DevSignInSchema,
        response: SessionSchema,
        errors: ['NOT_FOUND'],
      },
      async (_ctx, { body }) => present(await auth.signInDev(body.name)),
    )
    .route(
      { method: 'post', path: '/api/v1/auth/logout', tag: 'auth', summary: 'Revoke the current session token', access: 'user', response: OkSchema },
      async (ctx) => {
        await auth.logout(ctx.state.user!.sessionId);
        return { ok: true as const };
      },
    );
}
