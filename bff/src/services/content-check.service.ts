import type { Logger } from 'pino';
import type { Repository } from 'typeorm';
import { WechatApiError, type WechatClient } from '../adapters/wechat';
import type { UserEntity } from '../entities';
import { AppError } from '../lib/app-error';

/** WeChat: the openid has not used the mini-program recently enough to be checked. */
const NOT_RECENT_USER = 61010;

/** msgSecCheck v2 scenes: 1 profile, 2 comment, 3 forum, 4 social log. */
export type TextScene = 1 | 2 | 3 | 4;

/** Checks text a person writes before others see it. */
export interface TextChecker {
  /** Throws VALIDATION_FAILED naming `field` when WeChat calls the text risky; returns the verdict otherwise. */
  check(userId: number, text: string, scene: TextScene, field: string): Promise<'pass' | 'review' | 'unchecked'>;
}

/**
 * WeChat's text check (`/wxa/msg_sec_check`, version 2), before text that others will read is
 * stored. "risky" is refused with the field named; "review" passes and is logged.
 *
 * When WeChat cannot answer (down, rate-limited, a token it refuses twice), nothing is stored and
 * nothing is let through: the answer is UPSTREAM_UNAVAILABLE with a message saying the text is kept
 * in the form and to press 提交 again shortly. The form keeps what was typed (the client never
 * clears a form on an error), so an outage loses nothing and shows nobody unchecked text.
 *
 * The check needs the openid of someone who used the mini-program lately. Every production account
 * has one (production signs in only through WeChat, or a browser through a phone's 扫码登录); a
 * development sign-in has none, and its text is stored unchecked. WeChat's "not a recent user"
 * answer (61010) is treated the same way: that person signed in through WeChat, so WeChat's own
 * rules already bind them, and refusing would lock a desk organiser out of replying.
 */
export class WechatTextChecker implements TextChecker {
  constructor(
    private readonly wechat: WechatClient,
    private readonly users: Repository<UserEntity>,
    private readonly logger?: Logger,
  ) {}

  async check(userId: number, text: string, scene: TextScene, field: string): Promise<'pass' | 'review' | 'unchecked'> {
    if (!this.wechat.configured || !text.trim()) return 'unchecked';
    const user = await this.users.findOne({ where: { id: userId }, select: { id: true, openid: true } });
    if (!user?.openid) return 'unchecked';
    let suggest: unknown;
    try {
      const reply = await this.wechat.callWithToken('/wxa/msg_sec_check', { content: text, version: 2, scene, openid: user.openid });
      suggest = (reply.json?.result as { suggest?: unknown } | undefined)?.suggest;
    } catch (err) {
      const errcode = err instanceof WechatApiError ? err.errcode : undefined;
      if (errcode === NOT_RECENT_USER) {
        this.logger?.info({ userId, scene }, 'text check: not a recent mini-program user; accepted unchecked');
        return 'unchecked';
      }
      this.logger?.warn({ errcode, userId }, 'text check unavailable; nothing stored');
      throw new AppError('UPSTREAM_UNAVAILABLE', '内容安全检查暂时不可用，您填写的内容没有提交，也没有丢失，请稍后再点一次提交');
    }
    if (suggest === 'risky') {
      const message = '内容可能含有违规信息，请修改后再提交';
      throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: field, message, code: 'content_risky' }] });
    }
    if (suggest === 'review') {
      this.logger?.info({ userId, scene }, 'text check suggests review; accepted');
      return 'review';
    }
    return suggest === 'pass' ? 'pass' : 'unchecked';
  }
}
