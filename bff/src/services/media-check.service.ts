import { createHash, timingSafeEqual } from 'node:crypto';
import type { Logger } from 'pino';
import { And, In, IsNull, LessThan, Not, type EntityManager, type Repository } from 'typeorm';
import type { UploadPurpose } from '@xlx/shared';
import { WechatApiError, type WechatClient } from '../adapters/wechat';
import type { Clock } from '../adapters/clock';
import type { MediaSigner } from '../adapters/media-signer';
import { UploadEntity, UserEntity } from '../entities';
import type { MediaCheckStatus } from '../entities/upload.entity';

/** How long the link WeChat fetches the photo from works: WeChat may fetch it a while after we ask. */
const CHECK_LINK_TTL_SECONDS = 2 * 24 * 3600;
/** A check that could not be asked for (rate limited, WeChat down) is asked again after this. */
const RETRY_AFTER_MS = 10 * 60 * 1000;
/** A check asked for but never answered (the push was lost) is asked again after this. */
const NO_VERDICT_AFTER_MS = 24 * 3600 * 1000;
/** mediaCheckAsync v2 scenes: 1 profile, 2 comment, 3 forum, 4 social log. */
const SCENE: Record<UploadPurpose, number> = { station: 1, request: 2, event: 1 };

/** A WeChat message push, as `POST` JSON in plaintext mode. */
export interface PushMessage {
  Event?: unknown;
  trace_id?: unknown;
  errcode?: unknown;
  result?: { suggest?: unknown } | unknown;
}

/**
 * WeChat's asynchronous media check (`/wxa/media_check_async`, version 2) of photos others see.
 * On only with the AppID and secret, WECHAT_PUSH_TOKEN (the verdict arrives as a signed message
 * push) and PUBLIC_URL (WeChat fetches the photo through a signed link). A photo being checked is
 * shown only to its uploader; 'pass' shows it to everyone; 'risky' is never served again. An
 * uploader WeChat cannot check (no openid: H5 or dev sign-in) is not checked and the photo shows.
 */
export class MediaCheckService {
  constructor(
    private readonly uploads: Repository<UploadEntity>,
    private readonly users: Repository<UserEntity>,
    private readonly wechat: WechatClient,
    private readonly signer: MediaSigner,
    private readonly clock: Clock,
    private readonly opts: { pushToken?: string; publicUrl?: string },
    private readonly logger?: Logger,
  ) {}

  get enabled(): boolean {
    return Boolean(this.wechat.configured && this.opts.pushToken && this.opts.publicUrl);
  }

  /**
   * In the transaction that attaches `ids`: marks them 'checking' when the owner can be checked,
   * so that no one else ever sees them before the verdict. Returns the ids to send after commit.
   */
  async markChecking(tx: EntityManager, ownerId: number, ids: string[]): Promise<string[]> {
    if (!this.enabled || ids.length === 0) return [];
    const owner = await tx.getRepository(UserEntity).findOne({ where: { id: ownerId }, select: { id: true, openid: true } });
    if (!owner?.openid) return [];
    await tx.getRepository(UploadEntity).update({ id: In(ids) }, { checkStatus: 'checking', checkTraceId: null, checkSentAt: null });
    return ids;
  }

  /** Asks WeChat to check each upload; a failure leaves it 'checking' for the re-check job. */
  async send(ids: string[]): Promise<void> {
    for (const id of ids) await this.sendOne(id);
  }

  private async sendOne(id: string): Promise<void> {
    const now = this.clock.now();
    const upload = await this.uploads.findOne({ where: { id, checkStatus: 'checking' }, select: { id: true, userId: true, purpose: true } });
    if (!upload) return;
    const owner = upload.userId ? await this.users.findOne({ where: { id: upload.userId }, select: { id: true, openid: true } }) : null;
    if (!owner?.openid) {
      // The uploader is gone (account deleted): nobody to check it as; a station's photo stays hidden.
      await this.uploads.update({ id }, { checkSentAt: now });
      return;
    }
    const mediaUrl = `${this.opts.publicUrl}${this.signer.path(id, now, CHECK_LINK_TTL_SECONDS)}`;
    try {
      const reply = await this.wechat.callWithToken('/wxa/media_check_async', {
        media_url: mediaUrl,
        media_type: 2,
        version: 2,
        scene: SCENE[upload.purpose],
        openid: owner.openid,
      });
      const trace = reply.json?.trace_id ?? reply.json?.traceId;
      await this.uploads.update({ id, checkStatus: 'checking' }, { checkTraceId: typeof trace === 'string' ? trace.slice(0, 64) : null, checkSentAt: now });
    } catch (err) {
      const errcode = err instanceof WechatApiError ? err.errcode : undefined;
      this.logger?.warn({ errcode, uploadId: id }, 'media check could not be asked for; the photo stays hidden and is asked again later');
      await this.uploads.update({ id, checkStatus: 'checking' }, { checkTraceId: null, checkSentAt: now });
    }
  }

  /**
   * The re-check job: photos still 'checking' whose check could not be asked for (10 minutes on),
   * or whose verdict never came (24 hours on), or never sent (a process stopped between commit
   * and send), are asked again. They stay hidden from others meanwhile.
   */
  async resendDue(limit = 50): Promise<number> {
    if (!this.enabled) return 0;
    const now = this.clock.now().getTime();
    const retry = new Date(now - RETRY_AFTER_MS);
    const lost = new Date(now - NO_VERDICT_AFTER_MS);
    const rows = await this.uploads.find({
      where: [
        { checkStatus: 'checking', checkTraceId: IsNull(), checkSentAt: LessThan(retry) },
        { checkStatus: 'checking', checkTraceId: Not(IsNull()), checkSentAt: LessThan(lost) },
        { checkStatus: 'checking', checkSentAt: IsNull(), attachedAt: And(Not(IsNull()), LessThan(retry)) },
      ],
      select: { id: true },
      take: limit,
    });
    await this.send(rows.map((r) => r.id));
    return rows.length;
  }

  /** Whether a push really comes from WeChat: SHA-1 of the sorted token, timestamp and nonce. */
  verify(q: { signature?: string; timestamp?: string; nonce?: string }): boolean {
    if (!this.opts.pushToken || !q.signature || !q.timestamp || !q.nonce) return false;
    const expected = Buffer.from(createHash('sha1').update([this.opts.pushToken, q.timestamp, q.nonce].sort().join('')).digest('hex'));
    const given = Buffer.from(q.signature.toLowerCase());
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  get pushConfigured(): boolean {
    return Boolean(this.opts.pushToken);
  }

  /** A verified push: a media check verdict updates its upload; anything else is ignored. */
  async receive(msg: PushMessage): Promise<void> {
    if (msg.Event !== 'wxa_media_check' || typeof msg.trace_id !== 'string' || !msg.trace_id) return;
    const trace = msg.trace_id.slice(0, 64);
    if (Number(msg.errcode ?? 0) !== 0) {
      // WeChat could not check it (e.g. 43104 no permission): asked again later, hidden meanwhile.
      this.logger?.warn({ errcode: msg.errcode, trace }, 'media check answered an error; asking again later');
      await this.uploads.update({ checkTraceId: trace, checkStatus: 'checking' }, { checkTraceId: null, checkSentAt: this.clock.now() });
      return;
    }
    const suggest = (msg.result as { suggest?: unknown } | undefined)?.suggest;
    // 'review' shows, as the text check does: WeChat is unsure, and an organiser can still remove it.
    const status: MediaCheckStatus | null = suggest === 'risky' ? 'risky' : suggest === 'pass' || suggest === 'review' ? 'pass' : null;
    if (!status) return;
    const done = await this.uploads.update({ checkTraceId: trace, checkStatus: 'checking' }, { checkStatus: status });
    if (done.affected) this.logger?.info({ trace, status }, 'media check verdict');
  }

  /** Each stored check status of `ids` ('checking', 'pass', 'risky'; absent: unchecked). */
  async statesOf(ids: string[]): Promise<Map<string, MediaCheckStatus>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.uploads.find({ where: { id: In(unique), checkStatus: Not(IsNull()) }, select: { id: true, checkStatus: true } });
    return new Map(rows.map((r) => [r.id, r.checkStatus as MediaCheckStatus]));
  }
}
