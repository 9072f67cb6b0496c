import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { WechatTokenEntity } from '../entities';
import { isDeadlock, retryOnDeadlock } from '../lib/db-errors';
import { sqlDateParam } from '../lib/sql';

/** A token as the shared cache keeps it. */
export interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * Where every BFF process finds the app's one access token: Redis when configured, else the
 * store. Exactly one process at a time holds the refresh lease; the others wait for the value.
 */
export interface TokenCache {
  read(): Promise<CachedToken | null>;
  /** Takes the refresh lease for leaseMs; false when another process holds it. */
  claim(owner: string, leaseMs: number, now: number): Promise<boolean>;
  /** Stores a fresh token and gives the lease back. */
  write(owner: string, value: CachedToken): Promise<void>;
  release(owner: string): Promise<void>;
  /** Takes the right to a forced refresh: at most one per 30 s across every process. */
  claimForce(now: number, intervalMs: number): Promise<boolean>;
}

const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** REDIS_URL: value with its expiry, a `SET NX PX` lock, a `SET NX PX` marker of the last forced refresh. */
export class RedisTokenCache implements TokenCache {
  private readonly key: string;
  constructor(
    private readonly redis: Redis,
    namespace: string,
    appId: string,
  ) {
    this.key = `${namespace}:wxtoken:${appId}`;
  }

  async read(): Promise<CachedToken | null> {
    const raw = await this.redis.get(this.key);
    if (!raw) return null;
    try {
      const v = JSON.parse(raw) as CachedToken;
      return typeof v.token === 'string' && typeof v.expiresAt === 'number' ? v : null;
    } catch {
      return null;
    }
  }

  async claim(owner: string, leaseMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.key}:lock`, owner, 'PX', leaseMs, 'NX')) === 'OK';
  }

  async write(owner: string, value: CachedToken): Promise<void> {
    // Kept a little past its expiry: both tokens work in WeChat's last 5 minutes anyway.
    const ttl = Math.max(1000, value.expiresAt - Date.now() + 60_000);
    await this.redis.set(this.key, JSON.stringify(value), 'PX', ttl);
    await this.release(owner);
  }

  async release(owner: string): Promise<void> {
    await this.redis.eval(RELEASE_SCRIPT, 1, `${this.key}:lock`, owner);
  }

  async claimForce(_now: number, intervalMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.key}:forced`, '1', 'PX', intervalMs, 'NX')) === 'OK';
  }
}

/** No Redis: one `wechat_token` row per app; the lease and the forced-refresh time are claimed by conditional UPDATEs. */
export class SqlTokenCache implements TokenCache {
  private readonly date: (d: Date) => Date | string;
  private ensured = false;
  constructor(
    private readonly ds: DataSource,
    private readonly appId: string,
  ) {
    this.date = sqlDateParam(ds);
  }

  private async ensureRow(): Promise<void> {
    if (this.ensured) return;
    // Two nodes inserting the row at once: the second certified gets a deadlock; once more finds it there.
    await retryOnDeadlock(() => this.ds.createQueryBuilder().insert().into(WechatTokenEntity).values({ appId: this.appId }).orIgnore().execute());
    this.ensured = true;
  }

  async read(): Promise<CachedToken | null> {
    const row = await this.ds.getRepository(WechatTokenEntity).findOneBy({ appId: this.appId });
    if (!row?.token || !row.expiresAt) return null;
    return { token: row.token, expiresAt: row.expiresAt.getTime() };
  }

  async claim(owner: string, leaseMs: number, now: number): Promise<boolean> {
    await this.ensureRow();
    try {
      const res = await this.ds
        .createQueryBuilder()
        .update(WechatTokenEntity)
        .set({ leaseUntil: () => ':until', leaseOwner: owner })
        .where('appId = :appId AND (leaseUntil IS NULL OR leaseUntil < :now)', {
          appId: this.appId,
          now: this.date(new Date(now)),
          until: this.date(new Date(now + leaseMs)),
        })
        .execute();
      return res.affected === 1;
    } catch (err) {
      // On a Galera cluster two nodes claiming at once both match locally; the one certified second
      // fails at commit with a deadlock: the other process holds the lease.
      if (isDeadlock(err)) return false;
      throw err;
    }
  }

  async write(owner: string, value: CachedToken): Promise<void> {
    await this.ds
      .createQueryBuilder()
      .update(WechatTokenEntity)
      .set({ token: value.token, expiresAt: new Date(value.expiresAt), leaseUntil: null, leaseOwner: null })
      .where('appId = :appId AND leaseOwner = :owner', { appId: this.appId, owner })
      .execute();
  }

  async release(owner: string): Promise<void> {
    await this.ds
      .createQueryBuilder()
      .update(WechatTokenEntity)
      .set({ leaseUntil: null, leaseOwner: null })
      .where('appId = :appId AND leaseOwner = :owner', { appId: this.appId, owner })
      .execute();
  }

  async claimForce(now: number, intervalMs: number): Promise<boolean> {
    await this.ensureRow();
    const res = await this.ds
      .createQueryBuilder()
      .update(WechatTokenEntity)
      .set({ forcedAt: () => ':now' })
      .where('appId = :appId AND (forcedAt IS NULL OR forcedAt < :since)', {
        appId: this.appId,
        now: this.date(new Date(now)),
        since: this.date(new Date(now - intervalMs)),
      })
      .execute();
    return res.affected === 1;
  }
}

/** Fetches a token from WeChat: `POST /cgi-bin/stable_token`. */
export type TokenFetcher = (forceRefresh: boolean) => Promise<{ token: string; expiresInSeconds: number }>;

const REFRESH_AHEAD_MS = 5 * 60 * 1000;
const LEASE_MS = 10_000;
const FORCE_INTERVAL_MS = 30_000;
const WAIT_STEP_MS = 50;

/**
 * The one access token of the app for this process: read from the shared cache, refreshed by
 * one process at a time 5 minutes before expiry, force-refreshed at most once per 30 s across
 * every process when WeChat calls it invalid.
 */
export class AccessTokenProvider {
  private local: CachedToken | null = null;
  private inflight: Promise<string> | null = null;
  private readonly owner = randomBytes(8).toString('hex');

  constructor(
    private readonly cache: TokenCache,
    private readonly fetchToken: TokenFetcher,
    private readonly now: () => number = Date.now,
    private readonly opts: { waitMs?: number } = {},
  ) {}

  private fresh(v: CachedToken | null): v is CachedToken {
    return Boolean(v && v.expiresAt - REFRESH_AHEAD_MS > this.now());
  }

  /** A token that WeChat accepts, refreshing it when due. */
  async get(): Promise<string> {
    if (this.fresh(this.local)) return this.local.token;
    // Callers in this process share one look-up.
    this.inflight ??= this.obtain(null).finally(() => (this.inflight = null));
    return this.inflight;
  }

  /** WeChat said `bad` is invalid or expired (40001, 42001): a new token, once for every caller. */
  async invalidate(bad: string): Promise<string> {
    if (this.local?.token === bad) this.local = null;
    if (this.inflight) {
      const joined = await this.inflight.catch(() => null);
      if (joined && joined !== bad) return joined;
    }
    this.inflight ??= this.obtain(bad).finally(() => (this.inflight = null));
    return this.inflight;
  }

  private async obtain(bad: string | null): Promise<string> {
    const deadline = Date.now() + (this.opts.waitMs ?? 15_000);
    for (;;) {
      const shared = await this.cache.read();
      const usable = shared && shared.token !== bad && shared.expiresAt > this.now();
      if (usable && this.fresh(shared)) return this.keep(shared);
      if (await this.cache.claim(this.owner, LEASE_MS, this.now())) {
        try {
          // Someone may have written between our read and our claim.
          const again = await this.cache.read();
          if (again && again.token !== bad && this.fresh(again)) {
            await this.cache.release(this.owner);
            return this.keep(again);
          }
          let got = await this.fetchToken(false);
          // In normal mode WeChat hands back the same token while it is valid; only a forced refresh replaces a bad one.
          if (bad && got.token === bad && (await this.cache.claimForce(this.now(), FORCE_INTERVAL_MS))) got = await this.fetchToken(true);
          const value = { token: got.token, expiresAt: this.now() + got.expiresInSeconds * 1000 };
          await this.cache.write(this.owner, value);
          return this.keep(value);
        } catch (err) {
          await this.cache.release(this.owner).catch(() => undefined);
          throw err;
        }
      }
      // Another process is refreshing: a token still valid serves meanwhile (both work in the last 5 minutes).
      if (usable) return this.keep(shared);
      if (Date.now() > deadline) throw new Error('timed out waiting for another process to refresh the WeChat access token');
      await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
    }
  }

  private keep(v: CachedToken): string {
    this.local = v;
    return v.token;
  }
}
