import { authContracts as C } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import type { IssuedSession } from '../services/auth.service';
import type { UserService } from '../services/user.service';
import type { AuthService } from '../services/auth.service';
import { presentMe } from '../presenters/user.presenter';

export function authRoutes(api: ApiRouter, auth: AuthService, users: UserService, wechatConfigured: boolean): void {
  const present = async (s: IssuedSession) => ({ token: s.token, expiresAt: s.expiresAt.toISOString(), me: presentMe(await users.getMe(s.user.id)) });

  api
    .route(C.authOptions, async () => ({ devSignIn: auth.devSignInEnabled, wechat: wechatConfigured }))
    .route(C.wechatSignIn, { rateLimit: 'signin' }, async (_ctx, { body }) => present(await auth.signInWithWechat(body.code)))
    .route(C.devSignIn, { rateLimit: 'signin' }, async (_ctx, { body }) => present(await auth.signInDev(body.name)))
    .route(C.logout, async (ctx) => {
      await auth.logout(ctx.state.user!.sessionId);
      return { ok: true as const };
    });
}
