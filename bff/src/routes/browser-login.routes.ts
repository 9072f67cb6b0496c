import { browserLoginContracts as C } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { describeUserAgent } from '../lib/user-agent';
import { presentMe } from '../presenters/user.presenter';
import type { BrowserLoginService } from '../services/browser-login.service';
import type { UserService } from '../services/user.service';

/** 扫码登录: a browser shows a code, a signed-in mini-program user approves it, the browser collects its session. */
export function browserLoginRoutes(api: ApiRouter, logins: BrowserLoginService, users: UserService): void {
  api
    .route(C.createBrowserLogin, { rateLimit: 'browserCode' }, async (ctx) => {
      const { ticket, code, secret } = await logins.create(describeUserAgent(ctx.get('user-agent')));
      return { id: ticket.id, code, secret, expiresAt: ticket.expiresAt.toISOString() };
    })
    .route(C.waitBrowserLogin, { rateLimit: 'browserWait' }, async (ctx, { body }) => {
      const { id, secret } = body;
      // A browser that went away (page closed, code renewed) stops its wait at the next re-read.
      let gone = false;
      ctx.res.once('close', () => {
        gone = !ctx.res.writableEnded;
      });
      const r = await logins.wait(id, secret, () => gone);
      if (r.status !== 'signed_in') return { status: r.status };
      const s = r.session;
      return { status: r.status, session: { token: s.token, expiresAt: s.expiresAt.toISOString(), me: presentMe(await users.getMe(s.user.id)) } };
    })
    .route(C.describeBrowserLogin, { rateLimit: 'browserConfirm' }, async (_ctx, { body }) => {
      const t = await logins.describe(body.code);
      return { browser: t.browser, createdAt: t.createdAt.toISOString(), expiresAt: t.expiresAt.toISOString() };
    })
    .route(C.approveBrowserLogin, { rateLimit: 'browserConfirm' }, async (ctx, { body }) => {
      await logins.approve(body.code, ctx.state.user!);
      return { ok: true as const };
    })
    .route(C.declineBrowserLogin, { rateLimit: 'browserConfirm' }, async (ctx, { body }) => {
      await logins.decline(body.code, ctx.state.user!);
      return { ok: true as const };
    });
}
