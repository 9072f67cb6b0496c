import { EventEmitter } from 'node:events';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { LessThan, type Repository } from 'typeorm';
import { BROWSER_LOGIN_TTL_SECONDS, BROWSER_LOGIN_WAIT_SECONDS, QR_SIG_LENGTH, encodeQr, parseQr } from '@xlx/shared';
import type { BrowserLoginEntity } from '../entities';
import type { BrowserLoginStatus } from '../entities/browser-login.entity';
import type { Clock } from '../adapters/clock';
import { hashToken, newSessionToken } from '../adapters/crypto';
import type { AuthUser } from '../context';
import { AppError } from '../lib/app-error';
import { sqlDateParam } from '../lib/sql';
import type { AuthService, IssuedSession } from './auth.service';

export type WaitOutcome = { status: 'pending' | 'declined' | 'expired' } | { status: 'signed_in'; session: IssuedSession };

const UNKNOWN = () => new AppError('NOT_FOUND', '登录码不存在，请在电脑上刷新页面后重新扫码');
const EXPIRED = () => new AppError('QR_EXPIRED', '登录码已过期，请在电脑上刷新页面后重新扫码');
const DECLINED = () => new AppError('CONFLICT', '这次登录已取消，如需登录请在电脑上刷新页面后重新扫码');
const APPROVED = () => new AppError('CONFLICT', '这个登录码已经确认过了，无需重复确认');
const COLLECTED = () => new AppError('CONFLICT', '这个登录码已经用过了，请刷新页面重新扫码');

/** After its expiry an approved ticket may still be collected this long (the browser was mid-wait). */
const COLLECT_GRACE_MS = 60_000;

/**
 * 扫码登录: a browser asks for a sign-in code, a signed-in mini-program user approves it, and
 * the browser that holds the ticket's secret collects a session of its own. Every change of
 * status is a conditional UPDATE, so a code approved twice, or collected twice, at the same
 * moment on two processes, succeeds once.
 */
export class BrowserLoginService {
  /** Wakes this process's waiters at once when this process decides a ticket. */
  private readonly decided = new EventEmitter().setMaxListeners(0);
  private readonly dateParam: (d: Date) => Date | string;
  private stopping = false;

  constructor(
    private readonly tickets: Repository<BrowserLoginEntity>,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    /** waitMs: how long a wait is held open; recheckMs: how often a waiter re-reads the store (another process may decide). */
    private readonly opts: { waitMs: number; recheckMs: number } = { waitMs: BROWSER_LOGIN_WAIT_SECONDS * 1000, recheckMs: 1000 },
  ) {
    this.dateParam = sqlDateParam(tickets.manager.connection);
  }

  async create(browser: string): Promise<{ ticket: BrowserLoginEntity; code: string; secret: string }> {
    // Whole seconds, as a MySQL datetime keeps them: the expiry handed out is the one stored.
    const now = new Date(Math.floor(this.clock.now().getTime() / 1000) * 1000);
    // Old tickets are of no use to anyone: the next browser sweeps them away.
    await this.tickets.delete({ expiresAt: LessThan(new Date(now.getTime() - 3600_000)) });
    const secret = newSessionToken();
    const codeSig = randomBytes(9).toString('base64url').slice(0, QR_SIG_LENGTH);
    const row = {
      codeSig,
      secretHash: hashToken(secret),
      status: 'pending' as const,
      browser: browser.slice(0, 60),
      createdAt: now,
      expiresAt: new Date(now.getTime() + BROWSER_LOGIN_TTL_SECONDS * 1000),
      userId: null,
      decidedAt: null,
      sessionId: null,
    };
    const { identifiers } = await this.tickets.insert(row);
    const ticket = { ...row, id: Number(identifiers[0].id) } as BrowserLoginEntity;
    return { ticket, code: encodeQr({ kind: 'login', id: ticket.id, sig: codeSig }), secret };
  }

  /** The browser's wait: answers as soon as the ticket is decided, or still pending after opts.waitMs. */
  async wait(id: number, secret: string, gone: () => boolean = () => false): Promise<WaitOutcome> {
    const deadline = Date.now() + this.opts.waitMs;
    for (;;) {
      const t = await this.tickets.findOneBy({ id });
      if (!t || !same(t.secretHash, hashToken(secret))) throw UNKNOWN();
      if (t.status === 'approved') return { status: 'signed_in', session: await this.collect(t) };
      if (t.status === 'collected') throw COLLECTED();
      if (t.status === 'declined' || t.status === 'expired') return { status: t.status };
      if (t.expiresAt.getTime() <= this.clock.now().getTime()) {
        await this.transition(id, 'pending', { status: 'expired' });
        // Approved in the same instant: the next read collects it.
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0 || this.stopping || gone()) return { status: 'pending' };
      await this.sleep(id, Math.min(this.opts.recheckMs, left));
    }
  }

  /** What the mini-program user is asked to confirm; refuses a code that can no longer be approved. */
  async describe(code: string): Promise<BrowserLoginEntity> {
    const t = await this.find(code);
    this.assertOpen(t);
    return t;
  }

  async approve(code: string, user: AuthUser): Promise<void> {
    if (user.sessionKind === 'browser') throw new AppError('FORBIDDEN', '请在微信小程序里扫码确认登录，不能用已登录的浏览器确认');
    await this.decide(code, user, 'approved');
  }

  async decline(code: string, user: AuthUser): Promise<void> {
    await this.decide(code, user, 'declined');
  }

  /** Graceful shutdown: open waits answer "pending" now, and the browser asks again elsewhere. */
  stop(): void {
    this.stopping = true;
    this.decided.emit('all');
  }

  private async decide(code: string, user: AuthUser, status: 'approved' | 'declined'): Promise<void> {
    const t = await this.find(code);
    const now = this.clock.now();
    const ok = await this.transition(t.id, 'pending', { status, userId: user.id, decidedAt: now }, now);
    if (!ok) {
      // Someone else decided it first, or it expired: say which, from the row as it is now.
      this.assertOpen((await this.tickets.findOneBy({ id: t.id })) ?? t);
      throw EXPIRED();
    }
    this.decided.emit(String(t.id));
  }

  /** The one browser holding the secret turns an approval into its session; a second collect fails. */
  private async collect(t: BrowserLoginEntity): Promise<IssuedSession> {
    if (t.expiresAt.getTime() + COLLECT_GRACE_MS <= this.clock.now().getTime()) {
      await this.transition(t.id, 'approved', { status: 'expired' });
      throw EXPIRED();
    }
    const won = await this.transition(t.id, 'approved', { status: 'collected' }, undefined, t.secretHash);
    if (!won) throw COLLECTED();
    const session = await this.auth.signInBrowser(t.userId!, t.browser);
    await this.tickets.update({ id: t.id }, { sessionId: session.sessionId });
    return session;
  }

  private async find(code: string): Promise<BrowserLoginEntity> {
    const p = parseQr(code);
    if (!p || p.kind !== 'login') throw new AppError('QR_INVALID', '这不是心连新的电脑登录码，请扫描电脑登录页上的二维码');
    const t = await this.tickets.findOneBy({ id: p.id });
    if (!t || !same(t.codeSig, p.sig)) throw UNKNOWN();
    return t;
  }

  private assertOpen(t: BrowserLoginEntity): void {
    if (t.status === 'approved') throw APPROVED();
    if (t.status === 'collected') throw APPROVED();
    if (t.status === 'declined') throw DECLINED();
    if (t.status === 'expired' || t.expiresAt.getTime() <= this.clock.now().getTime()) throw EXPIRED();
  }

  /** UPDATE … WHERE id AND status = from (and, leaving pending, not yet expired); true when this call made the change. */
  private async transition(id: number, from: BrowserLoginStatus, set: Partial<BrowserLoginEntity>, openAt?: Date, secretHash?: string): Promise<boolean> {
    let q = this.tickets.createQueryBuilder().update().set(set).where('id = :id AND status = :from', { id, from });
    if (openAt) q = q.andWhere('expiresAt > :now', { now: this.dateParam(openAt) });
    if (secretHash) q = q.andWhere('secretHash = :secretHash', { secretHash });
    const r = await q.execute();
    return Boolean(r.affected);
  }

  private sleep(id: number, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const key = String(id);
      const done = () => {
        clearTimeout(timer);
        this.decided.off(key, done);
        this.decided.off('all', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.decided.on(key, done);
      this.decided.on('all', done);
    });
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
