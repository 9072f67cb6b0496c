import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { AppState } from '../context';
import type { RateLimitStore } from '../adapters/rate-limit-store';
import { AppError } from '../lib/app-error';

export interface RateRule {
  windowMs: number;
  /** Per signed-in person. */
  perUser?: number;
  /** Per client address: generous, since a station's WiFi puts many riders behind one address. */
  perIp?: number;
}

/** Default limits; RATE_LIMIT_SCALE multiplies them (0 turns limiting off). */
export const RATE_RULES = {
  signin: { windowMs: 60_000, perIp: 60 },
  checkin: { windowMs: 60_000, perUser: 20, perIp: 1200 },
  registration: { windowMs: 60_000, perUser: 30, perIp: 1200 },
  request: { windowMs: 3_600_000, perUser: 10, perIp: 200 },
  upload: { windowMs: 3_600_000, perUser: 30, perIp: 600 },
  /** New sign-in codes for browsers: the page renews its code every 100 s, so this only stops floods. */
  browserCode: { windowMs: 60_000, perIp: 60 },
  /** A browser waiting for its sign-in code's approval asks again every 25 s, or sooner after an error. */
  browserWait: { windowMs: 60_000, perIp: 600 },
  /** Looking at, approving and declining browsers' sign-in codes. */
  browserConfirm: { windowMs: 60_000, perUser: 30, perIp: 600 },
  /** Exchanging WeChat's phone-button codes for a verified number. */
  phone: { windowMs: 3_600_000, perUser: 20, perIp: 600 },
} satisfies Record<string, RateRule>;
export type RateRuleName = keyof typeof RATE_RULES;

/** A fixed-length stand-in for a client-supplied subject (an address can be any text a proxy passed on). */
function subjectKey(subject: string): string {
  return createHash('sha256').update(subject).digest('base64url').slice(0, 22);
}

export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    private readonly scale: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly namespace = 'xlx',
  ) {}

  middleware(name: RateRuleName): Middleware<AppState> {
    const rule: RateRule = RATE_RULES[name];
    return async (ctx, next) => {
      if (this.scale <= 0) return next();
      const now = this.now();
      const window = Math.floor(now / rule.windowMs);
      const checks: Array<[string, number]> = [];
      if (rule.perIp) checks.push([`${this.namespace}:rl:${name}:ip:${subjectKey(ctx.ip)}:${window}`, rule.perIp * this.scale]);
      if (rule.perUser && ctx.state.user) checks.push([`${this.namespace}:rl:${name}:u:${ctx.state.user.id}:${window}`, rule.perUser * this.scale]);
      if (checks.length === 0) return next();
      let counts: number[];
      try {
        counts = await this.store.hit(
          checks.map(([bucket]) => bucket),
          rule.windowMs,
          now,
        );
      } catch (err) {
        // A counter store that is down must not stop riders signing in: fail open, loudly.
        this.logger.warn({ err, bucket: name }, 'rate limit store unavailable; request allowed');
        return next();
      }
      if (checks.some(([, limit], i) => counts[i] > limit)) {
        const retryAfter = Math.max(1, Math.ceil(((window + 1) * rule.windowMs - now) / 1000));
        throw new AppError(
          'RATE_LIMITED',
          `操作太频繁，请${retryAfter > 90 ? `${Math.ceil(retryAfter / 60)}分钟` : `${retryAfter}秒`}后再试`,
          { retryAfterSeconds: retryAfter },
          { 'Retry-After': String(retryAfter) },
        );
      }
      return next();
    };
  }
}
