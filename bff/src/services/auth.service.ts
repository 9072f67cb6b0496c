import { IsNull, type Repository } from 'typeorm';
import type { Role } from '@xlx/shared';
import type { SessionEntity, UserEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import { hashToken, newSessionToken } from '../adapters/crypto';
import type { WechatClient } from '../adapters/wechat';
import type { AuthUser } from '../context';
import { AppError } from '../lib/app-error';
import { isUniqueViolation } from '../lib/db-errors';

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  user: UserEntity;
}

export class AuthService {
  constructor(
    private readonly users: Repository<UserEntity>,
    private readonly sessions: Repository<SessionEntity>,
    private readonly wechat: WechatClient,
    private readonly clock: Clock,
    private readonly opts: { sessionTtlMs: number; devSignIn: boolean },
  ) {}

  get devSignInEnabled(): boolean {
    return this.opts.devSignIn;
  }

  /** Exchanges a Taro.login() code; the session_key is kept on the session row, never returned. */
  async signInWithWechat(code: string): Promise<IssuedSession> {
    const wx = await this.wechat.code2Session(code);
    const user = await this.findOrCreate({ openid: wx.openid });
    return this.issue(user, wx.sessionKey);
  }

  async signInDev(name: string): Promise<IssuedSession> {
    if (!this.opts.devSignIn) throw new AppError('NOT_FOUND', '请求的接口不存在');
    const user = await this.findOrCreate({ devName: name }, { nickname: name });
    return this.issue(user, null);
  }

  async logout(sessionId: number): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  /** Resolves a bearer token to the signed-in person, or null when it is unknown, expired or revoked. */
  async authenticate(token: string): Promise<AuthUser | null> {
    if (!token || token.length > 100) return null;
    // One round trip on every authenticated request: the session and its grants together.
    const rows = await this.sessions
      .createQueryBuilder('s')
      .leftJoin('role_grant', 'g', 'g.userId = s.userId')
      .select(['s.id AS sessionId', 's.userId AS userId', 'g.role AS role', 'g.organisationId AS organisationId'])
      .where('s.tokenHash = :hash AND s.revokedAt IS NULL AND s.expiresAt > :now', { hash: hashToken(token), now: this.clock.now() })
      .getRawMany<{ sessionId: number; userId: number; role: Role | null; organisationId: number | null }>();
    if (rows.length === 0) return null;
    return {
      id: Number(rows[0].userId),
      sessionId: Number(rows[0].sessionId),
      grants: rows.filter((r) => r.role !== null).map((r) => ({ role: r.role!, organisationId: Number(r.organisationId) })),
    };
  }

  /** Finds by a unique identity, or creates; a concurrent first sign-in is absorbed by the unique key. */
  private async findOrCreate(identity: { openid: string } | { devName: string }, defaults: Partial<UserEntity> = {}): Promise<UserEntity> {
    const existing = await this.users.findOneBy(identity);
    if (existing) return existing;
    try {
      const { identifiers } = await this.users.insert({ ...defaults, ...identity });
      return (await this.users.findOneByOrFail({ id: identifiers[0].id as number }));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const winner = await this.users.findOneBy(identity);
      if (!winner) throw err;
      return winner;
    }
  }

  private async issue(user: UserEntity, wechatSessionKey: string | null): Promise<IssuedSession> {
    const token = newSessionToken();
    const expiresAt = new Date(this.clock.now().getTime() + this.opts.sessionTtlMs);
    await this.sessions.insert({ tokenHash: hashToken(token), userId: user.id, wechatSessionKey, expiresAt, revokedAt: null });
    return { token, expiresAt, user };
  }
}
