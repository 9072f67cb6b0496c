import pino from 'pino';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp, type App } from '../../src/app';
import { FakeClock } from '../../src/adapters/clock';
import { HttpWechatClient } from '../../src/adapters/wechat';
import { openTestStore } from './store';
import type { TemplateMap } from '../../src/services/subscribe-templates';
import { startFakeWechat, type FakeWechat } from './fake-wechat';
import { assertNoSecretsLeft, WECHAT } from './leak-guard';

export { assertNoSecretsLeft, WECHAT };

/** The PUBLIC_URL of every test app: links and scannable codes are built from it. */
export const PUBLIC_URL = 'https://xlx.example.org';

export interface Harness {
  app: App;
  /** The fake WeChat this app talks to. */
  wx: FakeWechat;
  ds: DataSource;
  clock: FakeClock;
  http: () => ReturnType<typeof request>;
  /** Signs in through the dev route and returns the bearer token. */
  signIn: (name: string) => Promise<string>;
  /** Every response body and header value the app produced so far (checked for secrets on close). */
  responses: string[];
  close: () => Promise<void>;
}

/** A real app on a fresh test store with a fake WeChat and a fake clock. */
export async function createHarness(
  opts: {
    devSignIn?: boolean;
    h5Dir?: string;
    rateLimitScale?: number;
    wechatVerifyFile?: { name: string; content: string };
    browserLoginWait?: { waitMs: number; recheckMs: number };
    wechatConfigured?: boolean;
    subscribeTemplates?: TemplateMap;
    wechatPushToken?: string;
    publicUrl?: string;
    trustProxyHops?: number;
    logger?: pino.Logger;
  } = {},
): Promise<Harness> {
  const store = await openTestStore();
  const wx = await startFakeWechat(WECHAT);
  const clock = new FakeClock(new Date());
  const creds = opts.wechatConfigured === false ? {} : WECHAT;
  const app = createApp({
    // Limits are off unless a test is about them: suites sign in many people from one address.
    config: {
      wechat: { ...creds, apiBase: wx.baseUrl, wxacodeEnv: 'release', wxacodeCheckPath: true, pushToken: opts.wechatPushToken },
      subscribeTemplates: opts.subscribeTemplates,
      devSignIn: opts.devSignIn ?? true,
      sessionTtlMs: 30 * 24 * 3600 * 1000,
      h5Dir: opts.h5Dir ?? '/nonexistent',
      rateLimitScale: opts.rateLimitScale ?? 0,
      corsOrigins: ['https://admin.example.org'],
      trustProxyHops: opts.trustProxyHops,
      publicUrl: opts.publicUrl ?? PUBLIC_URL,
      wechatVerifyFile: opts.wechatVerifyFile,
      browserLoginWait: opts.browserLoginWait,
    },
    dataSource: store.ds,
    logger: opts.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    wechat: new HttpWechatClient({ ...creds, apiBase: wx.baseUrl }),
    clock,
  });
  // Every response this app gives is kept, so close() can check that no secret ever left.
  const bodies: string[] = [];
  app.koa.middleware.unshift(async (ctx, next) => {
    await next();
    const b = ctx.body;
    if (b === undefined || b === null) return;
    bodies.push(Buffer.isBuffer(b) ? '' : typeof b === 'string' ? b : JSON.stringify(b));
    for (const value of Object.values(ctx.response.headers)) bodies.push(String(value));
  });
  const callback = app.koa.callback();
  const http = () => request(callback);
  return {
    app,
    wx,
    ds: store.ds,
    clock,
    http,
    responses: bodies,
    signIn: async (name) => {
      const res = await http().post('/api/v1/auth/dev').send({ name });
      if (res.status !== 200) throw new Error(`dev sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    close: async () => {
      await wx.close();
      // The last rollup pass runs before the store goes (as the server's shutdown does).
      await app.services.rollup.settle().catch(() => undefined);
      try {
        assertNoSecretsLeft(bodies);
      } finally {
        await store.close();
      }
    },
  };
}
