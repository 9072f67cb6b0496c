import {
  BrowserLoginCodeSchema,
  BrowserLoginCreatedSchema,
  BrowserLoginDescriptionSchema,
  BrowserLoginWaitResultSchema,
  BrowserLoginWaitSchema,
  OkSchema,
} from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { describeUserAgent } from '../lib/user-agent';
import { presentMe } from '../presenters/user.presenter';
import type { BrowserLoginService } from '../services/browser-login.service';
import type { UserService } from '../services/user.service';

/** 扫码登录: a browser shows a code, a signed-in mini-program user approves it, the browser collects its session. */
export function browserLoginRoutes(api: ApiRouter, logins: BrowserLoginService, users: UserService): void {
  api
    .route(
      {
        method: 'post',
        path: '/api/v1/auth/browser',
        tag: 'auth',
        summary: 'A new sign-in code for this browser, and the secret it must present to collect its session',
        access: 'public',
        rateLimit: 'browserCode',
        response: BrowserLoginCreatedSchema,
        status: 201,
      },
      async (ctx) => {
        const { ticket, code, secret } = await logins.create(describeUserAgent(ctx.get('user-agent')));
        return { id: ticket.id, code, secret, expiresAt: ticket.expiresAt.toISOString() };
      },
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/auth/browser/wait',
        tag: 'auth',
        summary: 'Long-poll (up to 25 s): answers as soon as the code is approved (with the session, once), declined or expired',
        access: 'public',
        rateLimit: 'browserWait',
        body: BrowserLoginWaitSchema,
        response: BrowserLoginWaitResultSchema,
        errors: ['NOT_FOUND', 'CONFLICT', 'QR_EXPIRED'],
      },
      async (ctx, { body }) => {
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
      },
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/auth/browser/describe',
        tag: 'auth',
        summary: 'What a scanned sign-in code would sign in (browser, time), for the confirmation page',
        access: 'user',
        rateLimit: 'browserConfirm',
        body: BrowserLoginCodeSchema,
        response: BrowserLoginDescriptionSchema,
        errors: ['QR_INVALID', 'NOT_FOUND', 'CONFLICT', 'QR_EXPIRED'],
      },
      async (_ctx, { body }) => {
        const t = await logins.describe(body.code);
        return { browser: t.browser, createdAt: t.createdAt.toISOString(), expiresAt: t.expiresAt.toISOString() };
      },
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/auth/browser/approve',
        tag: 'auth',
        summary: 'Sign the browser that shows this code in as me (once)',
        access: 'user',
        rateLimit: 'browserConfirm',
        body: BrowserLoginCodeSchema,
        response: OkSchema,
        errors: ['QR_INVALID', 'NOT_FOUND', 'CONFLICT', 'QR_EXPIRED', 'FORBIDDEN'],
      },
      async (ctx, { body }) => {
        await logins.approve(body.code, ctx.state.user!);
        return { ok: true as const };
      },
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/auth/browser/decline',
        tag: 'auth',
        summary: 'Refuse the sign-in of the browser that shows this code',
        access: 'user',
        rateLimit: 'browserConfirm',
        body: BrowserLoginCodeSchema,
        response: OkSchema,
        errors: ['QR_INVALID', 'NOT_FOUND', 'CONFLICT', 'QR_EXPIRED'],
      },
      async (ctx, { body }) => {
        await logins.decline(body.code, ctx.state.user!);
        return { ok: true as const };
      },
    );
}
