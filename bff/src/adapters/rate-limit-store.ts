import type Redis from 'ioredis';
import { LessThan, type DataSource } from 'typeorm';
import { RateCounterEntity } from '../entities';

/** Counts a hit in fixed-window buckets and returns each bucket's count so far in its window. */
export interface RateLimitStore {
  /** One hit on every bucket (a request's per-address and per-person counters); counts in order. */
  hit(buckets: readonly string[], windowMs: number, now: number): Promise<number[]>;
  close?(): Promise<void>;
}

/** Counters in the SQL store: one statement per hit on MySQL and on SQLite. */
export class SqlRateLimitStore implements RateLimitStore {
  private readonly mysql: boolean;
  private lastSweep = 0;

  constructor(private readonly ds: DataSource) {
    this.mysql = ds.options.type === 'mysql' || ds.options.type === 'mariadb';
  }

  async hit(buckets: readonly string[], windowMs: number, now: number): Promise<number[]> {
    this.sweep(now);
    const counts: number[] = [];
    for (const bucket of buckets) counts.push(await this.hitOne(bucket, new Date(now + windowMs)));
    return counts;
  }

  private async hitOne(bucket: string, expiresAt: Date): Promise<number> {
    if (this.mysql) {
      // A plain UPDATE of an existing row takes one record lock (INSERT … ON DUPLICATE KEY UPDATE
      // deadlocks under concurrent hits on one key). LAST_INSERT_ID(expr) hands the new count back.
      for (;;) {
        const u = (await this.ds.query('UPDATE rate_counter SET count = LAST_INSERT_ID(count + 1) WHERE bucket = ?', [bucket])) as { affectedRows: number; insertId: number };
        if (u.affectedRows === 1) return Number(u.insertId);
        const i = (await this.ds.query('INSERT IGNORE INTO rate_counter (bucket, count, expiresAt) VALUES (?, 1, ?)', [bucket, expiresAt])) as { affectedRows: number };
        if (i.affectedRows === 1) return 1;
        // Someone else created it between the two statements: count on it.
      }
    }
    const rows = (await this.ds.query(
      "INSERT INTO rate_counter (bucket, count, expiresAt) VALUES (?, 1, ?) ON CONFLICT(bucket) DO UPDATE SET count = count + 1 RETURNING count",
      [bucket, expiresAt.toISOString().replace('T', ' ').replace('Z', '')],
    )) as Array<{ count: number }>;
    return Number(rows[0].count);
  }

  /** Expired counters are deleted at most once a minute, off the request's path. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    void this.ds
      .getRepository(RateCounterEntity)
      .delete({ expiresAt: LessThan(new Date(now - 60_000)) })
      .catch(() => undefined);
  }
}

/** Counters in Redis (REDIS_URL): INCR and a first-hit expiry for every bucket, in one round trip. */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(private readonly redis: Redis) {}

  async hit(buckets: readonly string[], windowMs: number): Promise<number[]> {
    const multi = this.redis.multi();
    for (const bucket of buckets) multi.incr(bucket).pexpire(bucket, windowMs, 'NX');
    const res = await multi.exec();
    if (!res) throw new Error('redis multi failed');
    return buckets.map((_, i) => {
      const [err, count] = res[2 * i];
      if (err) throw err;
      return Number(count);
    });
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
