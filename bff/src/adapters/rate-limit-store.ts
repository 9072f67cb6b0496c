import type Redis from 'ioredis';
import { LessThan, type DataSource } from 'typeorm';
import { RateCounterEntity } from '../entities';

/** Counts a hit in a fixed window and returns the count so far in that window. */
export interface RateLimitStore {
  hit(bucket: string, windowMs: number, now: number): Promise<number>;
  close?(): Promise<void>;
}

/** Counters in the SQL store: one statement per hit on MySQL and on SQLite. */
export class SqlRateLimitStore implements RateLimitStore {
  private readonly mysql: boolean;
  private lastSweep = 0;

  constructor(private readonly ds: DataSource) {
    this.mysql = ds.options.type === 'mysql' || ds.options.type === 'mariadb';
  }

  async hit(bucket: string, windowMs: number, now: number): Promise<number> {
    const expiresAt = new Date(now + windowMs);
    this.sweep(now);
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

/** Counters in Redis (REDIS_URL): INCR and a first-hit expiry, in one round trip. */
export class RedisRateLimitStore implements RateLimitStore {
  constructor(private readonly redis: Redis) {}

  async hit(bucket: string, windowMs: number): Promise<number> {
    const res = await this.redis.multi().incr(bucket).pexpire(bucket, windowMs, 'NX').exec();
    if (!res || res[0][0]) throw res?.[0][0] ?? new Error('redis multi failed');
    return Number(res[0][1]);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
