import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { RedisRateLimitStore } from '../src/adapters/rate-limit-store';

describe('rate-limit counters in Redis', () => {
  let redis: Redis | null = null;
  const prefix = `xlx-test-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    const r = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1, connectTimeout: 1000, lazyConnect: true, enableAutoPipelining: true });
    try {
      await r.connect();
      redis = r;
    } catch {
      r.disconnect();
      if (process.env.CI) throw new Error('Redis is not reachable on 127.0.0.1:6379');
      console.warn('Redis not reachable: skipping the Redis counter tests');
    }
  });
  afterAll(async () => {
    if (!redis) return;
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('counts every bucket of a request in one command and gives new counters their window', async () => {
    if (!redis) return;
    const store = new RedisRateLimitStore(redis);
    const [ip, user] = [`${prefix}:ip`, `${prefix}:u`];
    expect(await store.hit([ip, user], 60_000)).toEqual([1, 1]);
    expect(await store.hit([ip], 60_000)).toEqual([2]);
    expect(await store.hit([ip, user], 60_000)).toEqual([3, 2]);
    const ttl = await redis.pttl(ip);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('keeps exact counts when many requests hit at once (auto-pipelined together)', async () => {
    if (!redis) return;
    const store = new RedisRateLimitStore(redis);
    const key = `${prefix}:burst`;
    const counts = await Promise.all(Array.from({ length: 200 }, () => store.hit([key], 60_000)));
    expect(counts.map(([c]) => c).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('does not extend the window of a counter that already has one', async () => {
    if (!redis) return;
    const store = new RedisRateLimitStore(redis);
    const key = `${prefix}:window`;
    await store.hit([key], 1_000);
    await store.hit([key], 60_000);
    expect(await redis.pttl(key)).toBeLessThanOrEqual(1_000);
  });
});
