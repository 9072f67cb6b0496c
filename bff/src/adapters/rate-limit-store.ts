import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { LessThan, type DataSource } from 'typeorm';
import { RateCounterEntity } from '../entities';
import { isDeadlock } from '../lib/db-errors';
import { sqlDateParam } from '../lib/sql';

/** Counts a hit in fixed-window buckets and returns each bucket's count so far in its window. */
export interface RateLimitStore {
  /** One hit on every bucket (a request's per-address and per-person counters); counts in order. */
  hit(buckets: readonly string[], windowMs: number, now: number): Promise<number[]>;
  close?(): Promise<void>;
}

/** UPDATE, then INSERT IGNORE when missing, then UPDATE again: three rounds cover every honest race. */
const MYSQL_HIT_ATTEMPTS = 3;

/** Buckets written together in one transaction at most (well under MySQL's packet and SQLite's parameter limits). */
const MAX_GROUP = 500;
/** A group that deadlocks with another process's (Galera reports certification failures alike) is run again. */
const GROUP_ATTEMPTS = 5;

type Waiter = { resolve: (n: number) => void; reject: (e: unknown) => void };

/**
 * Counters in the SQL store. Hits that arrive in the same turn of the event loop are written
 * together: one bucket alone takes one statement (UPDATE, or INSERT IGNORE for a new window); many
 * buckets (a rush: each person's counter new) take one transaction for all of them, an upsert and a
 * read of the counts it holds locked, instead of two statements each. Hits on one bucket that
 * arrive while that bucket's previous write is in the database are added in one go (`count + n`)
 * and each gets its own count back (the new count minus the hits after it), so a hot bucket (one
 * address behind which everybody sits) costs one commit per round trip, not one per request queued
 * on its row lock.
 */
export class SqlRateLimitStore implements RateLimitStore {
  private readonly mysql: boolean;
  private lastSweep = 0;
  private readonly pending = new Map<string, { expiresAt: Date; waiters: Waiter[] }>();
  private readonly busy = new Set<string>();
  private scheduled = false;

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
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Writes every pending bucket that has no write in the database now, in one go. */
  private flush(): void {
    const ready = [...this.pending.keys()].filter((b) => !this.busy.has(b)).slice(0, MAX_GROUP);
    if (ready.length === 0) return;
    const group = ready.map((bucket) => {
      const p = this.pending.get(bucket)!;
      this.pending.delete(bucket);
      this.busy.add(bucket);
      return { bucket, n: p.waiters.length, expiresAt: p.expiresAt, waiters: p.waiters };
    });
    const written =
      group.length === 1 ? this.hitMany(group[0].bucket, group[0].n, group[0].expiresAt).then((c) => new Map([[group[0].bucket, c]])) : this.hitGroup(group);
    void written
      .then(
        (counts) => {
          for (const g of group) {
            const count = counts.get(g.bucket);
            if (count === undefined) for (const w of g.waiters) w.reject(new Error('rate counter not found after writing it'));
            else g.waiters.forEach((w, i) => w.resolve(count - g.n + 1 + i));
          }
        },
        (err: unknown) => {
          for (const g of group) for (const w of g.waiters) w.reject(err);
        },
      )
      .finally(() => {
        for (const g of group) this.busy.delete(g.bucket);
        if (this.pending.size) this.schedule();
      });
    // More ready than one group holds: the next group goes now too.
    if (this.pending.size) this.schedule();
  }

  /** Adds each bucket's hits and returns the counts after them, in one transaction (one statement on SQLite). */
  private async hitGroup(group: Array<{ bucket: string; n: number; expiresAt: Date }>): Promise<Map<string, number>> {
    // Rows in key order, so that two processes' groups take their row locks in the same order.
    const sorted = [...group].sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0));
    const values = sorted.map(() => '(?, ?, ?)').join(', ');
    const params = sorted.flatMap((g) => [g.bucket, g.n, this.date(g.expiresAt)]);
    if (!this.mysql) {
      const rows = (await this.ds.query(
        `INSERT INTO rate_counter (bucket, count, expiresAt) VALUES ${values} ON CONFLICT(bucket) DO UPDATE SET count = count + excluded.count RETURNING bucket, count`,
        params,
      )) as Array<{ bucket: string; count: number }>;
      return new Map(rows.map((r) => [r.bucket, Number(r.count)]));
    }
    for (let attempt = 1; ; attempt++) {
      const runner = this.ds.createQueryRunner();
      try {
        await runner.startTransaction();
        // The upsert holds every row it touched until COMMIT: the read after it sees exactly our counts.
        await runner.query(
          `INSERT INTO rate_counter (bucket, count, expiresAt) VALUES ${values} ON DUPLICATE KEY UPDATE count = count + VALUES(count)`,
          params,
        );
        const rows = (await runner.query(
          `SELECT bucket, count FROM rate_counter WHERE bucket IN (${sorted.map(() => '?').join(', ')})`,
          sorted.map((g) => g.bucket),
        )) as Array<{ bucket: string; count: number | string }>;
        await runner.commitTransaction();
        return new Map(rows.map((r) => [r.bucket, Number(r.count)]));
      } catch (err) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        if (!isDeadlock(err) || attempt >= GROUP_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, 2 + Math.random() * 10 * attempt));
      } finally {
        await runner.release();
      }
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
