import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FakeClock } from '../src/adapters/clock';
import { HttpWechatClient, WechatApiError } from '../src/adapters/wechat';
import { RedisTokenCache, SqlTokenCache, type TokenCache } from '../src/adapters/wechat-token';
import { startFakeWechat, type FakeWechat } from './helpers/fake-wechat';
import { WECHAT } from './helpers/leak-guard';
import { openTestStore, STORE } from './helpers/store';

const CODE = '/wxa/getwxacodeunlimit';
const body = (scene = 'S1.1.abcdefghijkl') => ({ scene, page: 'pages/index/index', check_path: true, env_version: 'release' });

describe(`WeChat access token shared by every process (${STORE})`, () => {
  let wx: FakeWechat;
  let store: { ds: DataSource; close: () => Promise<void> };
  let redis: Redis | null = null;
  const namespace = `xlx-wxt-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    store = await openTestStore();
    const r = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1, connectTimeout: 1000, lazyConnect: true });
    try {
      await r.connect();
      redis = r;
    } catch {
      r.disconnect();
      if (process.env.CI) throw new Error('Redis is not reachable on 127.0.0.1:6379');
      console.warn('Redis not reachable: skipping the Redis token cache tests');
    }
  });
  afterAll(async () => {
    await store.close();
    if (redis) {
      const keys = await redis.keys(`${namespace}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });

  let appSerial = 0;
  /** Two "processes": clients with their own memory, sharing only the cache (a fresh app id per test). */
  function twoClients(kind: 'store' | 'redis', clock?: FakeClock) {
    appSerial += 1;
    const appKey = `${WECHAT.appId}-${appSerial}`;
    const cache = (): TokenCache => (kind === 'redis' ? new RedisTokenCache(redis!, namespace, appKey) : new SqlTokenCache(store.ds, appKey));
    const make = () => new HttpWechatClient({ ...WECHAT, apiBase: wx.baseUrl, tokenCache: cache(), now: clock ? () => clock.now().getTime() : undefined });
    return [make(), make()] as const;
  }

  beforeEach(async () => {
    wx = await startFakeWechat(WECHAT);
  });
  afterEach(() => wx.close());

  for (const kind of ['store', 'redis'] as const) {
    describe(`through ${kind === 'redis' ? 'Redis' : 'the store'}`, () => {
      const skip = () => kind === 'redis' && !redis;

      it('asks WeChat once when two processes need a token at the same moment', async () => {
        if (skip()) return;
        wx.setStableTokenDelay(300);
        const [a, b] = twoClients(kind);
        const replies = await Promise.all([
          ...Array.from({ length: 5 }, () => a.callWithToken(CODE, body())),
          ...Array.from({ length: 5 }, () => b.callWithToken(CODE, body())),
        ]);
        expect(replies.every((r) => r.image?.contentType === 'image/png')).toBe(true);
        expect(wx.stableTokenCalls).toEqual({ normal: 1, forced: 0 });
        // Every call went out with the one token.
        expect(new Set(wx.callsTo(CODE).map((c) => c.query.get('access_token')))).toEqual(new Set([wx.currentToken()]));
      });

      it('refreshes 5 minutes before expiry, in one process only', async () => {
        if (skip()) return;
        const clock = new FakeClock(new Date());
        const [a, b] = twoClients(kind, clock);
        await a.callWithToken(CODE, body());
        await b.callWithToken(CODE, body());
        expect(wx.stableTokenCalls.normal).toBe(1);
        clock.advance((7200 - 6 * 60) * 1000);
        await b.callWithToken(CODE, body());
        expect(wx.stableTokenCalls.normal).toBe(1);
        clock.advance(2 * 60 * 1000); // now 4 minutes before expiry
        await Promise.all([a.callWithToken(CODE, body()), b.callWithToken(CODE, body())]);
        expect(wx.stableTokenCalls.normal).toBe(2);
      });

      it('on an expired token (42001) fetches a new one once and retries the call', async () => {
        if (skip()) return;
        const [a, b] = twoClients(kind);
        await a.callWithToken(CODE, body());
        const first = wx.currentToken();
        wx.expireToken();
        const [ra, rb] = await Promise.all([a.callWithToken(CODE, body()), b.callWithToken(CODE, body())]);
        expect(ra.image && rb.image).toBeTruthy();
        expect(wx.stableTokenCalls).toEqual({ normal: 2, forced: 0 });
        expect(wx.currentToken()).not.toBe(first);
      });

      it('on an invalid token (40001) that WeChat still hands out, forces one refresh across processes and retries', async () => {
        if (skip()) return;
        const [a, b] = twoClients(kind);
        await a.callWithToken(CODE, body());
        await b.callWithToken(CODE, body());
        // Both processes are told their (still current) token is invalid.
        wx.failNext(CODE, { errcode: 40001 }, 2);
        const [ra, rb] = await Promise.all([a.callWithToken(CODE, body()), b.callWithToken(CODE, body())]);
        expect(ra.image && rb.image).toBeTruthy();
        expect(wx.stableTokenCalls.forced).toBe(1);
        // A second 40001 within 30 s does not force again (WeChat allows one force every 30 s).
        wx.failNext(CODE, { errcode: 40001 }, 1);
        await a.callWithToken(CODE, body());
        expect(wx.stableTokenCalls.forced).toBe(1);
      });

      it('retries once only: a second invalid-token answer reaches the caller', async () => {
        if (skip()) return;
        const [a] = twoClients(kind);
        wx.failNext(CODE, { errcode: 42001 }, 2);
        await expect(a.callWithToken(CODE, body())).rejects.toMatchObject({ errcode: 42001 });
        expect(wx.callsTo(CODE)).toHaveLength(2);
      });
    });
  }

  it('passes other errcodes and HTTP errors to the caller without refreshing', async () => {
    const [a] = twoClients('store');
    wx.failNext(CODE, { errcode: 45009, errmsg: 'reach max api daily quota limit' });
    await expect(a.callWithToken(CODE, body())).rejects.toEqual(expect.objectContaining({ errcode: 45009 }));
    wx.failNext(CODE, { http: 502 });
    await expect(a.callWithToken(CODE, body())).rejects.toBeInstanceOf(WechatApiError);
    expect(wx.stableTokenCalls).toEqual({ normal: 1, forced: 0 });
  });

  it('reports a failing stable_token as an upstream error, and the next call tries again', async () => {
    const [a] = twoClients('store');
    wx.failNext('/cgi-bin/stable_token', { errcode: -1, errmsg: 'system error' });
    await expect(a.callWithToken(CODE, body())).rejects.toMatchObject({ errcode: -1 });
    await expect(a.callWithToken(CODE, body())).resolves.toHaveProperty('image');
  });
});
