import { randomUUID } from 'node:crypto';
import { signQr } from '../src/adapters/qr-signer';
import { RATE_RULES } from '../src/middlewares/rate-limit';
import { SqlRateLimitStore } from '../src/adapters/rate-limit-store';
import { createHarness, type Harness } from './helpers/harness';
import { buildWorld, type World } from './helpers/world';

describe('rate limits (counters in the store)', () => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await createHarness({ rateLimitScale: 1 });
    h.clock.set('2026-11-29T03:00:10Z');
    w = await buildWorld(h);
  });
  afterAll(() => h.close());

  it('limits check-ins per person with 429, Retry-After and the error body, then lets them through next window', async () => {
    const code = signQr(w.station.qrSecret, { kind: 'station', id: w.station.id });
    const limit = RATE_RULES.checkin.perUser;
    const statuses: number[] = [];
    for (let i = 0; i < limit + 2; i++) {
      statuses.push((await h.http().post('/api/v1/checkins').set(w.headers('worker')).send({ code, clientRequestId: randomUUID() })).status);
    }
    expect(statuses.slice(0, limit).every((s) => s === 200)).toBe(true);
    const refused = await h.http().post('/api/v1/checkins').set(w.headers('worker')).send({ code, clientRequestId: randomUUID() });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/秒后再试/), requestId: expect.any(String) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another person is not affected.
    expect((await h.http().post('/api/v1/checkins').set(w.headers('worker2')).send({ code, clientRequestId: randomUUID() })).status).toBe(200);
    h.clock.advance(60_000);
    expect((await h.http().post('/api/v1/checkins').set(w.headers('worker')).send({ code, clientRequestId: randomUUID() })).status).toBe(200);
  });

  it('limits sign-ins per address', async () => {
    h.clock.advance(60_000);
    const results = [];
    for (let i = 0; i < RATE_RULES.signin.perIp + 1; i++)
      results.push(
        (
          await h
            .http()
            .post('/api/v1/auth/dev')
            .send({ name: `限流${i}` })
        ).status,
      );
    expect(results.slice(0, RATE_RULES.signin.perIp).every((s) => s === 200)).toBe(true);
    expect(results[RATE_RULES.signin.perIp]).toBe(429);
  });

  it("lets the app's own pages use the camera (door scanning in a browser), and nobody else", async () => {
    for (const path of ['/', '/api/v1/organisations']) {
      const policy = (await h.http().get(path)).headers['permissions-policy'];
      expect(policy).toContain('camera=(self)');
      expect(policy).toContain('microphone=()');
    }
  });

  it('limits new browser sign-in codes per address', async () => {
    h.clock.advance(60_000);
    const results = [];
    for (let i = 0; i < RATE_RULES.browserCode.perIp + 1; i++) results.push((await h.http().post('/api/v1/auth/browser')).status);
    expect(results.slice(0, RATE_RULES.browserCode.perIp).every((s) => s === 201)).toBe(true);
    expect(results[RATE_RULES.browserCode.perIp]).toBe(429);
  });

  it('does not let a client choose its address with X-Forwarded-For when no proxy is trusted', async () => {
    h.clock.advance(60_000);
    const results = [];
    for (let i = 0; i < RATE_RULES.signin.perIp + 1; i++) {
      results.push(
        (
          await h
            .http()
            .post('/api/v1/auth/dev')
            .set('X-Forwarded-For', `203.0.113.${i}`)
            .send({ name: `伪装${i}` })
        ).status,
      );
    }
    expect(results[RATE_RULES.signin.perIp]).toBe(429);
  });

  it('adds the security headers, and CORS only for configured origins', async () => {
    const res = await h.http().get('/api/v1/organisations').set('Origin', 'https://admin.example.org');
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'access-control-allow-origin': 'https://admin.example.org',
    });
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const evil = await h.http().get('/api/v1/organisations').set('Origin', 'https://evil.example.com');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await h.http().options('/api/v1/me').set('Origin', 'https://admin.example.org').set('Access-Control-Request-Method', 'PATCH');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('PATCH');
  });
});

describe('rate limits behind a trusted proxy (TRUST_PROXY_HOPS=1)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ rateLimitScale: 1, trustProxyHops: 1 });
    h.clock.set('2026-11-29T03:00:10Z');
  });
  afterAll(() => h.close());

  it('counts the address the proxy appended, not the ones the client wrote before it', async () => {
    const results = [];
    for (let i = 0; i < RATE_RULES.signin.perIp + 1; i++) {
      results.push(
        (
          await h
            .http()
            .post('/api/v1/auth/dev')
            .set('X-Forwarded-For', `203.0.113.${i}, 198.51.100.7`)
            .send({ name: `代理${i}` })
        ).status,
      );
    }
    expect(results[RATE_RULES.signin.perIp]).toBe(429);
    // Another address behind the same proxy has its own counter.
    expect((await h.http().post('/api/v1/auth/dev').set('X-Forwarded-For', '198.51.100.8').send({ name: '另一个' })).status).toBe(200);
  });

  it('answers when the forwarded address is far longer than a counter key (it used to spin on MySQL)', async () => {
    h.clock.advance(60_000);
    const long = 'a'.repeat(200);
    const first = await h.http().post('/api/v1/auth/dev').set('X-Forwarded-For', long).send({ name: '长地址1' });
    const second = await h.http().post('/api/v1/auth/dev').set('X-Forwarded-For', long).send({ name: '长地址2' });
    expect([first.status, second.status]).toEqual([200, 200]);
  });
});

describe('SqlRateLimitStore', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('counts a bucket longer than its column, instead of losing it', async () => {
    const store = new SqlRateLimitStore(h.ds);
    const bucket = `xlx:rl:signin:ip:${'x'.repeat(200)}:1`;
    expect(await store.hit([bucket], 60_000, Date.now())).toEqual([1]);
    expect(await store.hit([bucket], 60_000, Date.now())).toEqual([2]);
  });

  it('counts many buckets hit together exactly, in a few statements, from two stores at once', async () => {
    let statements = 0;
    const counted = <T extends object>(target: T): T =>
      new Proxy(target, {
        get(t, key) {
          const value = Reflect.get(t, key);
          if (key === 'query')
            return (...args: unknown[]) => {
              statements++;
              return (value as (...a: unknown[]) => unknown).apply(t, args);
            };
          if (key === 'createQueryRunner') return () => counted((value as () => object).call(t));
          return typeof value === 'function' ? value.bind(t) : value;
        },
      });
    const ds = counted(h.ds);
    const [a, b] = [new SqlRateLimitStore(ds), new SqlRateLimitStore(ds)];
    const now = Date.now();
    const buckets = Array.from({ length: 60 }, (_, i) => `xlx:rl:test:group:${now}:${i}`);
    // A rush: 60 people's new counters, in one turn of the event loop, on one store.
    const first = await Promise.all(buckets.map((k) => a.hit([k], 60_000, now)));
    expect(first.map((c) => c[0])).toEqual(buckets.map(() => 1));
    expect(statements).toBeLessThanOrEqual(4); // not 120 (an UPDATE and an INSERT each)
    // Then every bucket 5 times more, from two stores (two processes) at once: each hit gets its own count.
    const hits: Array<Promise<number[]>> = [];
    for (let round = 0; round < 5; round++)
      for (const [i, k] of buckets.entries()) hits.push((i + round) % 2 ? a.hit([k], 60_000, now) : b.hit([k], 60_000, now));
    const counts = (await Promise.all(hits)).map((c) => c[0]);
    for (const i of buckets.keys()) expect(counts.filter((_, j) => j % buckets.length === i).sort((x, y) => x - y)).toEqual([2, 3, 4, 5, 6]);
  });

  it('gives up with an error, never loops, when a counter cannot be written', async () => {
    const queries: string[] = [];
    // A store that accepts nothing: every UPDATE and INSERT IGNORE touches no row.
    const stuck = {
      options: { type: 'mysql' },
      query: async (sql: string) => (queries.push(sql), { affectedRows: 0, insertId: 0 }),
      getRepository: () => ({ delete: async () => undefined }),
    };
    const sut = new SqlRateLimitStore(stuck as unknown as typeof h.ds);
    await expect(sut.hit(['b'], 60_000, Date.now())).rejects.toThrow();
    expect(queries.length).toBeLessThanOrEqual(6);
  });
});
