import { LessThan, type DataSource, type Repository } from 'typeorm';
import { parseQr, QR_MAX_LENGTH } from '@xlx/shared';
import type { Clock } from '../adapters/clock';
import { WechatApiError, type WechatClient } from '../adapters/wechat';
import { WxacodeEntity } from '../entities';
import { AppError } from '../lib/app-error';

export interface WxacodeOptions {
  /** Which version of the mini-program the code opens. */
  envVersion: 'release' | 'trial' | 'develop';
  /** WeChat checks that the page exists in the released version (turn off before the first release). */
  checkPath: boolean;
}

/** The page a mini-program code opens; it reads the payload from `query.scene`. */
export const WXACODE_PAGE = 'pages/index/index';
/** Rotating codes change every 30 s: their images are kept for 10 minutes. */
const ROTATING_KEEP_MS = 10 * 60 * 1000;

/**
 * Mini-program codes (小程序码) from `wxacode.getUnlimited`, scene = our QR payload. Each image
 * is kept in the store, so a poster printed twice (by any BFF process) costs one WeChat call.
 */
export class WxacodeService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: Repository<WxacodeEntity>,
    private readonly wechat: WechatClient,
    private readonly clock: Clock,
    private readonly opts: WxacodeOptions,
  ) {}

  get configured(): boolean {
    return this.wechat.configured;
  }

  /** PNG bytes of the mini-program code of one of our payloads. */
  async forPayload(payload: string): Promise<Buffer> {
    const parsed = parseQr(payload);
    if (!parsed || payload.length > QR_MAX_LENGTH) throw new AppError('QR_INVALID', '无法生成该小程序码');
    if (!this.wechat.configured) throw new AppError('NOT_FOUND', '未配置微信小程序的 AppID 和密钥，暂不能生成小程序码，请使用普通二维码');
    const key = `${this.opts.envVersion}|${WXACODE_PAGE}|${payload}`;
    const kept = await this.repo.findOne({ where: { key }, select: { key: true, bytes: true } });
    if (kept) return kept.bytes;
    let bytes: Buffer;
    try {
      const reply = await this.wechat.callWithToken('/wxa/getwxacodeunlimit', {
        scene: payload,
        page: WXACODE_PAGE,
        check_path: this.opts.checkPath,
        env_version: this.opts.envVersion,
        width: 430,
      });
      if (!reply.image) throw new WechatApiError(-2, 'getwxacodeunlimit answered no image');
      bytes = reply.image.bytes;
    } catch (err) {
      if (err instanceof WechatApiError) {
        // 41030: the page is not in the released version (check_path on before the first release).
        if (err.errcode === 41030)
          throw new AppError('CONFLICT', '小程序尚未发布该页面，暂不能生成小程序码；请先发布小程序，或关闭页面检查（WECHAT_WXACODE_CHECK_PATH=false）');
        if (err.errcode === 45009 || err.errcode === 45011)
          throw new AppError('RATE_LIMITED', '生成小程序码太频繁，请稍等一分钟再试', undefined, { 'Retry-After': '60' });
        throw new AppError('UPSTREAM_UNAVAILABLE', '微信暂时无法生成小程序码，请稍后再试，或先使用普通二维码');
      }
      throw err;
    }
    const rotating = parsed.kind === 'station-rotating' || parsed.kind === 'event-rotating';
    const now = this.clock.now();
    await this.ds.createQueryBuilder().insert().into(WxacodeEntity).values({ key, bytes, rotating, createdAt: now }).orIgnore().execute();
    if (rotating) await this.repo.delete({ rotating: true, createdAt: LessThan(new Date(now.getTime() - ROTATING_KEEP_MS)) });
    return bytes;
  }
}
