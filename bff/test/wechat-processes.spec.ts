import { randomBytes } from 'node:crypto';
import { startFakeWechat, type FakeWechat } from './helpers/fake-wechat';
import { WECHAT } from './helpers/leak-guard';
import { api, redisUp, sharedStoreEnv, startServer, type Running } from './helpers/server-process';
import { STORE } from './helpers/store';

const CODE = '/wxa/getwxacodeunlimit';

describe(`one WeChat access token for two BFF processes (${STORE})`, () => {
  let wx: FakeWechat;
  beforeEach(async () => {
    wx = await startFakeWechat(WECHAT);
  });
  afterEach(() => wx.close());

  for (const via of ['store', 'redis'] as const) {
    it(`refreshes once when both ask at once, and once again after WeChat voids the token (${via})`, async () => {
      if (via === 'redis' && !(await redisUp())) return console.warn('Redis not reachable: skipping');
      const { env, cleanup } = await sharedStoreEnv();
      const common = {
        ...env,
        WECHAT_APPID: WECHAT.appId,
        WECHAT_SECRET: WECHAT.secret,
        WECHAT_API_BASE: wx.baseUrl,
        ...(via === 'redis' ? { REDIS_URL: 'redis://127.0.0.1:6379', RATE_LIMIT_NAMESPACE: `t${randomBytes(4).toString('hex')}` } : {}),
      };
      const servers: Running[] = [];
      try {
        // One after the other, so that only the first loads the demo data.
        servers.push(await startServer(common));
        servers.push(await startServer(common));
        const [a, b] = servers;
        const token = (await api(a.url, 'POST', '/api/v1/auth/dev', undefined, { name: '上虞区总工会' })).body.token as string;
        const stations = (await api(a.url, 'GET', '/api/v1/organiser/stations', token)).body.items as Array<{ id: number }>;
        expect(stations.length).toBeGreaterThanOrEqual(4);
        const code = (s: Running, id: number) => api(s.url, 'GET', `/api/v1/organiser/stations/${id}/wxacode.png`, token);

        wx.setStableTokenDelay(400);
        const first = await Promise.all([code(a, stations[0].id), code(b, stations[1].id), code(a, stations[2].id), code(b, stations[3].id)]);
        expect(first.map((r) => r.status)).toEqual([200, 200, 200, 200]);
        expect(wx.stableTokenCalls).toEqual({ normal: 1, forced: 0 });

        // Somebody else force-refreshed: both processes hear 40001 and fetch the new token once between them.
        wx.rotateToken();
        const fresh = stations.length > 5 ? [stations[4].id, stations[5].id] : [stations[0].id, stations[1].id];
        if (stations.length <= 5)
          await Promise.all([
            api(a.url, 'POST', `/api/v1/organiser/stations/${fresh[0]}/code/renew`, token),
            api(a.url, 'POST', `/api/v1/organiser/stations/${fresh[1]}/code/renew`, token),
          ]);
        const second = await Promise.all([code(a, fresh[0]), code(b, fresh[1])]);
        expect(second.map((r) => r.status)).toEqual([200, 200]);
        expect(wx.stableTokenCalls).toEqual({ normal: 2, forced: 0 });
        expect(wx.callsTo(CODE).filter((c) => c.query.get('access_token') === wx.currentToken())).toHaveLength(2);
      } finally {
        for (const s of servers) await s.stop();
        await cleanup();
      }
    }, 90000);
  }
});
