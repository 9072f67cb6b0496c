import { IsNull, type Repository } from 'typeorm';
import type { Role } from '@xlx/shared';
import type { SessionEntity, UserEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import { hashToken, newSessionToken } from '../adapters/crypto';
import { causalRead, isGalera } from '../db/cluster';
import type { WechatClient } from '../adapters/wechat';
import type { AuthUser } from '../context';
import { AppError } from '../lib/app-error';
import { isUniqueViolation } from '../lib/db-errors';
import { sqlDateParam, utcDate } from '../lib/sql';

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  user: UserEntity;
}

/**
 * How long a resolved session is trusted in this process without asking the store again. Logout
 * and account deletion through this process take effect at once; through another replica, within
 * this time. Every authenticated request would otherwise cost a database round trip.
 */
export const SESSION_CACHE_MS = 5_000;

interface SessionRow {
  tokenHash: string;
  sessionId: number;
  userId: number;
  expiresAt: Date | string;
  kind: SessionEntity['kind'];
  role: Role | null;
  organisationId: number | null;
}

interface CachedSession {
  user: AuthUser;
  sessionExpiresAt: number;
  cachedUntil: number;
}

/** The sessions (with their grants) of `n` token hashes, still valid at the last parameter. */
function sessionSql(n: number): string {
  return (
    'SELECT s.tokenHash AS tokenHash, s.id AS sessionId, s.userId AS userId, s.expiresAt AS expiresAt, s.kind AS kind, g.role AS role, g.organisationId AS organisationId ' +
    `FROM session s LEFT JOIN role_grant g ON g.userId = s.userId WHERE s.tokenHash IN (${Array(n).fill('?').join(', ')}) AND s.revokedAt IS NULL AND s.expiresAt > ?`
  );
}

export class AuthService {
  private readonly cache = new Map<string, CachedSession>();
  private readonly dateParam: (d: Date) => Date | string;

  constructor(
    private readonly users: Repository<UserEntity>,
    private readonly sessions: Repository<SessionEntity>,
    private readonly wechat: WechatClient,
    private readonly clock: Clock,
    private readonly opts: { sessionTtlMs: number; devSignIn: boolean },
  ) {
    this.dateParam = sqlDateParam(sessions.manager.connection);
  }

  get devSignInEnabled(): boolean {
    return this.opts.devSignIn;
  }

  /** Exchanges a Taro.login() code; the session_key is kept on the session row, never returned. */
  async signInWithWechat(code: string): Promise<IssuedSession> {
    const wx = await this.wechat.code2Session(code);
    const user = await this.findOrCreate({ openid: wx.openid });
    return this.issue(user, { wechatSessionKey: wx.sessionKey, kind: 'miniprogram', label: null });
  }

  async signInDev(name: string): Promise<IssuedSession> {
    if (!this.opts.devSignIn) throw new AppError('NOT_FOUND', '请求的接口不存在');
    const user = await this.findOrCreate({ devName: name }, { nickname: name });
    return this.issue(user, { wechatSessionKey: null, kind: 'dev', label: null });
  }

  /** A browser's session, once a signed-in person approved its sign-in code. */
  async signInBrowser(userId: number, label: string): Promise<IssuedSession & { sessionId: number }> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw new AppError('NOT_FOUND', '确认登录的账号已注销，请重新扫码');
    return this.issue(user, { wechatSessionKey: null, kind: 'browser', label });
  }

  /** My sessions that still work, newest first. */
  async listSessions(userId: number): Promise<SessionEntity[]> {
    return this.sessions
      .createQueryBuilder('s')
      .where('s.userId = :userId AND s.revokedAt IS NULL AND s.expiresAt > :now', { userId, now: this.dateParam(this.clock.now()) })
      .orderBy('s.id', 'DESC')
      .getMany();
  }

  /** Ends one of my own sessions; another person's, or one already ended, is not found. */
  async endSession(userId: number, sessionId: number): Promise<void> {
    const r = await this.sessions
      .createQueryBuilder()
      .update()
      .set({ revokedAt: this.clock.now() })
      .where('id = :sessionId AND userId = :userId AND revokedAt IS NULL AND expiresAt > :now', { sessionId, userId, now: this.dateParam(this.clock.now()) })
      .execute();
    if (!r.affected) throw new AppError('NOT_FOUND', '该设备已退出登录，请刷新列表');
    this.forget((u) => u.sessionId === sessionId);
  }

  async logout(sessionId: number): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
    this.forget((u) => u.sessionId === sessionId);
  }

  /**
   * The session and grants rows of a token hash. Lookups that arrive in the same turn of the
   * event loop (a crowd pressing at once, each a first request of its process) share one query.
   */
  private sessionRows(hash: string): Promise<SessionRow[]> {
    return new Promise((resolve, reject) => {
      const waiting = this.lookups.get(hash) ?? [];
      waiting.push({ resolve, reject });
      this.lookups.set(hash, waiting);
      if (this.lookups.size === 1 && waiting.length === 1) setImmediate(() => void this.lookUp());
    });
  }

  private async lookUp(): Promise<void> {
    const batch = [...this.lookups].slice(0, 200);
    if (batch.length === 0) return;
    for (const [hash] of batch) this.lookups.delete(hash);
    if (this.lookups.size) setImmediate(() => void this.lookUp());
    try {
      const rows = (await this.sessions.manager.query(sessionSql(batch.length), [
        ...batch.map(([hash]) => hash),
        this.dateParam(this.clock.now()),
      ])) as SessionRow[];
      for (const [hash, waiting] of batch) {
        const mine = rows.filter((r) => r.tokenHash === hash);
        for (const w of waiting) w.resolve(mine);
      }
    } catch (err) {
      for (const [, waiting] of batch) for (const w of waiting) w.reject(err);
    }
  }

  private readonly lookups = new Map<string, Array<{ resolve: (rows: SessionRow[]) => void; reject: (e: unknown) => void }>>();

  /** After an account is erased or its grants change: its cached sessions are dropped. */
  forgetUser(userId: number): void {
    this.forget((u) => u.id === userId);
  }

  private forget(match: (u: AuthUser) => boolean): void {
    for (const [hash, entry] of this.cache) if (match(entry.user)) this.cache.delete(hash);
  }

  /** Resolves a bearer token to the signed-in person, or null when it is unknown, expired or revoked. */
  async authenticate(token: string): Promise<AuthUser | null> {
    if (!token || token.length > 100) return null;
    const hash = hashToken(token);
    const now = this.clock.now().getTime();
    const hit = this.cache.get(hash);
    if (hit && hit.cachedUntil > now && hit.sessionExpiresAt > now) return hit.user;
    this.cache.delete(hash);
    // One round trip on a cache miss: the session and its grants together. Unknown tokens are not
    // cached, so random tokens cannot crowd out real ones.
    let rows = await this.sessionRows(hash);
    // On a cluster the session may have been made a moment ago through another node: ask again,
    // waiting for this node to apply everything committed before (a no-op off Galera).
    const ds = this.sessions.manager.connection;
    if (rows.length === 0 && isGalera(ds)) {
      rows = (await this.sessions.manager.query(causalRead(ds, sessionSql(1)), [hash, this.dateParam(this.clock.now())])) as SessionRow[];
    }
    if (rows.length === 0) return null;
    const user: AuthUser = {
      id: Number(rows[0].userId),
      sessionId: Number(rows[0].sessionId),
      sessionKind: rows[0].kind,
      grants: rows.filter((r) => r.role !== null).map((r) => ({ role: r.role!, organisationId: Number(r.organisationId) })),
    };
    if (this.cache.size >= 10_000) this.cache.clear();
    this.cache.set(hash, { user, sessionExpiresAt: utcDate(rows[0].expiresAt).getTime(), cachedUntil: now + SESSION_CACHE_MS });
    return user;
  }

  /** Finds by a unique identity, or creates; a concurrent first sign-in is absorbed by the unique key. */
  private async findOrCreate(identity: { openid: string } | { devName: string }, defaults: Partial<UserEntity> = {}): Promise<UserEntity> {
    const existing = await this.users.findOneBy(identity);
    if (existing) return existing;
    try {
      const { identifiers } = await this.users.insert({ ...defaults, ...identity });
      return await this.users.findOneByOrFail({ id: identifiers[0].id as number });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const winner = await this.users.findOneBy(identity);
      if (!winner) throw err;
      return winner;
    }
  }

  private async issue(user: UserEntity, how: Pick<SessionEntity, 'wechatSessionKey' | 'kind' | 'label'>): Promise<IssuedSession & { sessionId: number }> {
    const token = newSessionToken();
    const expiresAt = new Date(this.clock.now().getTime() + this.opts.sessionTtlMs);
    const { identifiers } = await this.sessions.insert({ tokenHash: hashToken(token), userId: user.id, ...how, expiresAt, revokedAt: null });
    return { token, expiresAt, user, sessionId: Number(identifiers[0].id) };
  }
}
