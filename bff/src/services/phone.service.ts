import type { Logger } from 'pino';
import type { Repository } from 'typeorm';
import { PhoneSchema } from '@xlx/shared';
import { WechatApiError, type WechatClient } from '../adapters/wechat';
import type { UserEntity } from '../entities';
import { AppError } from '../lib/app-error';

/** errcodes that mean the phone code is bad or used: the person taps again or types. */
const BAD_CODE = new Set([40029, 40163, 40226]);

const field = (message: string) => new AppError('VALIDATION_FAILED', message, { issues: [{ path: 'code', message, code: 'custom' }] });

/**
 * WeChat's phone button: `<Button openType="getPhoneNumber">` hands the mini-program a code, the
 * server exchanges it (`/wxa/business/getuserphonenumber`) for the number WeChat verified. The
 * number is kept as the person's verified phone, so that a form sending it back is marked verified.
 */
export class PhoneService {
  constructor(
    private readonly wechat: WechatClient,
    private readonly users: Repository<UserEntity>,
    private readonly logger?: Logger,
  ) {}

  async exchange(userId: number, code: string): Promise<{ phone: string }> {
    if (!this.wechat.configured) throw new AppError('NOT_FOUND', '暂不支持微信手机号快捷填写，请直接输入手机号');
    let info: { purePhoneNumber?: unknown; countryCode?: unknown } | undefined;
    try {
      // An expired or invalid access token is refreshed once and the call retried by the client.
      const reply = await this.wechat.callWithToken('/wxa/business/getuserphonenumber', { code });
      info = reply.json?.phone_info as typeof info;
    } catch (err) {
      const errcode = err instanceof WechatApiError ? err.errcode : undefined;
      if (errcode !== undefined && BAD_CODE.has(errcode)) throw field('微信手机号授权已失效，请重新点击“微信手机号快捷填写”，或直接输入手机号');
      if (errcode === 45009 || errcode === 45011)
        throw new AppError('RATE_LIMITED', '获取微信手机号太频繁，请直接输入手机号，或稍后再试', undefined, { 'Retry-After': '60' });
      this.logger?.warn({ errcode, userId }, 'phone number exchange failed');
      throw new AppError('UPSTREAM_UNAVAILABLE', '暂时无法获取微信手机号，请直接输入手机号');
    }
    const phone = typeof info?.purePhoneNumber === 'string' ? info.purePhoneNumber : '';
    if ((info?.countryCode !== undefined && String(info.countryCode) !== '86') || !PhoneSchema.safeParse(phone).success) {
      throw field('这个微信绑定的不是中国大陆手机号，请直接输入手机号');
    }
    await this.users.update({ id: userId }, { verifiedPhone: phone });
    return { phone };
  }
}
