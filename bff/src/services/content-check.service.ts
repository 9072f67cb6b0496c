import type { Logger } from 'pino';
import type { Repository } from 'typeorm';
import { WechatApiError, type WechatClient } from '../adapters/wechat';
import type { UserEntity } from '../entities';
import { AppError } from '../lib/app-error';

/** msgSecCheck v2 scenes: 1 profile, 2 comment, 3 forum, 4 social log. */
export type TextScene = 1 | 2 | 3 | 4;

/** Checks text a person writes before others see it. */
export interface TextChecker {
  /** Throws VALIDATION_FAILED naming `field` when WeChat calls the text risky; returns the verdict otherwise. */
  check(userId: number, text: string, scene: TextScene, field: string): Promise<'pass' | 'review' | 'unchecked'>;
}

/**
 * WeChat's text check (`/wxa/msg_sec_check`, version 2). It needs the openid of someone who used
 * the mini-program in the last two hours: text from H5-only accounts, or when WeChat cannot answer,
 * is let through unchecked (a worker's request must never be lost to an outage; organisers read
 * every request, and a profile is shown only to attendees of the same social). "review" passes and
 * is logged; "risky" is refused with a message saying what to do.
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
      this.logger?.warn({ errcode: err instanceof WechatApiError ? err.errcode : undefined, userId }, 'text check unavailable; text accepted unchecked');
      return 'unchecked';
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
