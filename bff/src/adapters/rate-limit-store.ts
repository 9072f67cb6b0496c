import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { LessThan, type DataSource } from 'typeorm';
import { RateCounterEntity } from '../entities';
import { sqlDateParam } from '../lib/sql';

/** Counts a hit in fixed-window buckets and returns each bucket's count so far in its window. */
export interface RateLimitStore {
  /** One hit on every bucket (a request's per-address and per-person counters); counts in order. */
  hit(buckets: readonly string[], windowMs: number, now: number): Promise<number[]>;
  close?(): Promise<void>;
}

/** UPDATE, then INSERT IGNORE when missing, then UPDATE again: three rounds cover every honest race. */
const MYSQL_HIT_ATTEMPTS = 3;

/**
 * Counters in the SQL store: one statement per bucket per flush on MySQL and on SQLite. Hits on
 * one bucket that arrive while that bucket's previous statement is in the database are added in
 * one go (`count + n`) and each gets its own count back (the new count minus the hits after it),
 * so a hot bucket (one address behind which everybody sits) costs one commit per round trip, not
 * one per request queued on its row lock.
 */
export class SqlRateLimitStore implements RateLimitStore {
  private readonly mysql: boolean;
  private lastSweep = 0;
  private readonly pending = new Map<string, { expiresAt: Date; waiters: Array<{ resolve: (n: number) => void; reject: (e: unknown) => void }> }>();
  private readonly busy = new Set<string>();

  private readonly date: (d: Date) => Date | string;

  constructor(private readonly ds: DataSource) {
    this.mysql = ds.options.type === 'mysql' || ds.options.type === 'mariadb';
    this.date = sqlDateParam(ds);
  }

  async hit(buckets: readonly string[], windowMs: number, now: number): Promise<number[]> {
    this.sweep(now);
    const expiresAt = new Date(now + windowMs);
    return Promise.all(buckets.map((b) => this.queue(b, expiresAt)));
  }

  private queue(key: string, expiresAt: Date): Promise<number> {
    // The column is varchar(150): a longer key would be truncated on insert and never found again.
    const bucket = key.length <= 150 ? key : createHash('sha256').update(key).digest('hex');
    return new Promise((resolve, reject) => {
      const p = this.pending.get(bucket) ?? { expiresAt, waiters: [] };
      p.waiters.push({ resolve, reject });
      this.pending.set(bucket, p);
      if (!this.busy.has(bucket)) void this.flush(bucket);
    });
  }

  private async flush(bucket: string): Promise<void> {
    const p = this.pending.get(bucket);
    if (!p) return;
    this.pending.delete(bucket);
    this.busy.add(bucket);
    const n = p.waiters.length;
    try {
      const count = await this.hitMany(bucket, n, p.expiresAt);
      p.waiters.forEach((w, i) => w.resolve(count - n + 1 + i));
    } catch (err) {
      for (const w of p.waiters) w.reject(err);
    } finally {
      this.busy.delete(bucket);
      if (this.pending.has(bucket)) void this.flush(bucket);
    }
  }

  /** Adds n hits to the bucket and returns its count after them. */
  private async hitMany(bucket: string, n: number, expiresAt: Date): Promise<number> {
    if (this.mysql) {
      // A plain UPDATE of an existing row takes one record lock (INSERT … ON DUPLICATE KEY UPDATE
      // deadlocks under concurrent hits on one key). LAST_INSERT_ID(expr) hands the new count back.
      // Bounded: a key the store cannot hold (or a row that keeps vanishing) must fail, not spin.
      for (let attempt = 0; attempt < MYSQL_HIT_ATTEMPTS; attempt++) {
        const u = (await this.ds.query('UPDATE rate_counter SET count = LAST_INSERT_ID(count + ?) WHERE bucket = ?', [n, bucket])) as {
          affectedRows: number;
          insertId: number;
        };
        if (u.affectedRows === 1) return Number(u.insertId);
        const i = (await this.ds.query('INSERT IGNORE INTO rate_counter (bucket, count, expiresAt) VALUES (?, ?, ?)', [bucket, n, expiresAt])) as {
          affectedRows: number;
        };
        if (i.affectedRows === 1) return n;
        // Someone else created it between the two statements: count on it.
      }
      throw new Error('rate counter did not settle');
    }
    const rows = (await this.ds.query(
      'INSERT INTO rate_counter (bucket, count, expiresAt) VALUES (?, ?, ?) ON CONFLICT(bucket) DO UPDATE SET count = count + excluded.count RETURNING count',
      [bucket, n, this.date(expiresAt)],
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

/**
 * INCR every key and give a new key its window's expiry, atomically: one script, one command.
 * A single command (unlike MULTI) rides ioredis's auto-pipelining, so the counters of requests
 * arriving together reach Redis in one write.
 */
const HIT_SCRIPT = `
local counts = {}
for i, key in ipairs(KEYS) do
  counts[i] = redis.call('INCR', key)
  if counts[i] == 1 then redis.call('PEXPIRE', key, ARGV[1]) end
end
return counts`;

type RedisWithHit = Redis & { xlxRateHit(numKeys: number, ...args: Array<string | number>): Promise<number[]> };

/** Counters in Redis (REDIS_URL), shared by every BFF process: one command per request. */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: RedisWithHit;

  constructor(redis: Redis) {
    if (!('xlxRateHit' in redis)) redis.defineCommand('xlxRateHit', { lua: HIT_SCRIPT });
    this.redis = redis as RedisWithHit;
  }

  async hit(buckets: readonly string[], windowMs: number): Promise<number[]> {
    const counts = await this.redis.xlxRateHit(buckets.length, ...buckets, windowMs);
    return counts.map(Number);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
