import { IsNull, MoreThan, type Repository } from 'typeorm';
import type { RoleGrantEntity, SessionEntity, UserEntity } from '../entities';
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
    private readonly grants: Repository<RoleGrantEntity>,
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
    const session = await this.sessions.findOne({
      where: { tokenHash: hashToken(token), revokedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) },
      select: { id: true, userId: true },
    });
    if (!session) return null;
    const grants = await this.grants.find({ where: { userId: session.userId }, select: { role: true, organisationId: true } });
    return { id: session.userId, sessionId: session.id, grants: grants.map((g) => ({ role: g.role, organisationId: g.organisationId })) };
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
