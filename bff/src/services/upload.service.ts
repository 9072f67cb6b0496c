import { createHash, randomBytes } from 'node:crypto';
import { In, IsNull, LessThan, type DataSource, type EntityManager, type Repository } from 'typeorm';
import { LIMITS, UploadIdSchema, type UploadMime, type UploadPurpose } from '@xlx/shared';
import { UploadEntity } from '../entities';
import type { Clock } from '../adapters/clock';
import type { MediaSigner } from '../adapters/media-signer';
import type { AuthUser } from '../context';
import { AppError, notFound } from '../lib/app-error';
import { reencodeImage } from '../lib/image-encode';
import { sniffImage } from '../lib/image-type';
import type { MediaCheckService } from './media-check.service';

/** How long a handed-out link works: a request's photo is personal, a station's or an event cover public. */
const LINK_TTL_SECONDS: Record<UploadPurpose, number> = { request: 3600, station: 30 * 24 * 3600, event: 30 * 24 * 3600 };

export interface Attachment {
  purpose: UploadPurpose;
  /** The input field named in a refusal (photoId, photos). */
  field: string;
  /** Uploads to take: the owner's own, of this purpose, not attached anywhere yet. */
  claim: string[];
  /** Uploads no longer wanted (taken off a station): deleted. */
  release?: string[];
}

/** Photos from phones: stored, attached to a request or station, served through signed links, swept when never used. */
export class UploadService {
  constructor(
    private readonly ds: DataSource,
    private readonly uploads: Repository<UploadEntity>,
    private readonly signer: MediaSigner,
    private readonly clock: Clock,
    /** WeChat's media check of attached photos, when configured. */
    readonly checker?: MediaCheckService,
  ) {}

  /** Keeps a photo the caller sent, without where it was taken; its type is decided by its first bytes. */
  async create(user: AuthUser, purpose: UploadPurpose, sent: Buffer): Promise<UploadEntity> {
    if (purpose === 'station' && user.grants.length === 0) throw new AppError('FORBIDDEN', '只有工会组织者可以上传驿站照片');
    if (purpose === 'event' && user.grants.length === 0) throw new AppError('FORBIDDEN', '只有工会组织者可以上传活动封面');
    const mime = sniffImage(sent);
    if (!mime) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
    // Phones write the place into the file (and more): only the pixels, encoded again, are stored,
    // and size and hash describe what is.
    const bytes = await reencodeImage(sent, mime);
    if (!bytes) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '照片无法读取，请换一张照片（JPEG、PNG 或 WebP）');
    const row: UploadEntity = {
      id: randomBytes(16).toString('base64url'),
      userId: user.id,
      purpose,
      mime,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes,
      createdAt: this.clock.now(),
      attachedAt: null,
    };
    await this.uploads.insert(row);
    return row;
  }

  /** A link to an upload's image, for someone who may see what it belongs to. */
  link(id: string, purpose: UploadPurpose): string {
    return this.signer.path(id, this.clock.now(), LINK_TTL_SECONDS[purpose]);
  }

  /** Links for the stored ids that are uploads (older rows may hold something else). */
  links(ids: string[], purpose: UploadPurpose): Array<{ id: string; url: string }> {
    return ids.filter((id) => UploadIdSchema.safeParse(id).success).map((id) => ({ id, url: this.link(id, purpose) }));
  }

  /** The image behind a link. The link is the permission: a forged or expired one is refused. */
  async open(id: string, exp: number, sig: string): Promise<{ mime: UploadMime; bytes: Buffer; maxAgeSeconds: number }> {
    const now = this.clock.now();
    const check = this.signer.check(id, exp, sig, now);
    if (check === 'forged') throw new AppError('FORBIDDEN', '图片链接无效，请回到页面刷新后再看');
    if (check === 'expired') throw new AppError('FORBIDDEN', '图片链接已过期，请回到页面刷新后再看');
    const upload = await this.uploads.findOne({ where: { id }, select: { id: true, mime: true, bytes: true, checkStatus: true } });
    if (!upload) throw notFound('照片');
    if (upload.checkStatus === 'risky') throw new AppError('FORBIDDEN', '这张照片未通过微信内容安全检查，已被隐藏');
    const left = exp - Math.floor(now.getTime() / 1000);
    return { mime: upload.mime, bytes: Buffer.from(upload.bytes), maxAgeSeconds: Math.max(0, Math.min(3600, left)) };
  }

  /** The stored bytes of an upload nobody has found risky (for the server's own use, e.g. a poster). */
  async bytesOf(id: string): Promise<Buffer | null> {
    const upload = await this.uploads.findOne({ where: { id }, select: { id: true, bytes: true, checkStatus: true } });
    return upload && upload.checkStatus !== 'risky' ? Buffer.from(upload.bytes) : null;
  }

  /**
   * Runs `work` in one transaction with the uploads it attaches and releases. Any refusal (not
   * the owner's, another purpose, attached already) rolls the whole change back.
   */
  async attaching<T>(ownerId: number, a: Attachment, work: (tx: EntityManager) => Promise<T>): Promise<T> {
    if (!a.claim.length && !a.release?.length) return work(this.ds.manager);
    let toCheck: string[] = [];
    const result = await this.ds.transaction(async (tx) => {
      const repo = tx.getRepository(UploadEntity);
      if (a.claim.length) {
        const done = await repo.update({ id: In(a.claim), userId: ownerId, purpose: a.purpose, attachedAt: IsNull() }, { attachedAt: this.clock.now() });
        if ((done.affected ?? 0) !== a.claim.length) throw await this.refusal(repo, ownerId, a);
        // Hidden from others from the moment it is attached until WeChat's verdict.
        if (this.checker) toCheck = await this.checker.markChecking(tx, ownerId, a.claim);
      }
      const result = await work(tx);
      if (a.release?.length) await repo.delete({ id: In(a.release), purpose: a.purpose });
      return result;
    });
    // After commit: a failure to ask leaves the photo hidden, for the re-check job.
    if (toCheck.length) await this.checker!.send(toCheck).catch(() => undefined);
    return result;
  }

  /** Deletes uploads never attached within a day. Runs off the request path (a timer in the server). */
  async sweepOrphans(now = this.clock.now()): Promise<number> {
    const cutoff = new Date(now.getTime() - LIMITS.uploadOrphanHours * 3600 * 1000);
    const done = await this.uploads.delete({ attachedAt: IsNull(), createdAt: LessThan(cutoff) });
    return done.affected ?? 0;
  }

  /** Why a claim failed, in words for the form; another person's upload reads as missing. */
  private async refusal(repo: Repository<UploadEntity>, ownerId: number, a: Attachment): Promise<AppError> {
    const rows = await repo.find({ where: { id: In(a.claim), userId: ownerId }, select: { id: true, purpose: true, attachedAt: true } });
    const field = (message: string) => new AppError('VALIDATION_FAILED', message, { issues: [{ path: a.field, message, code: 'custom' }] });
    if (rows.length < a.claim.length) return field('照片已失效（超过一天未提交会被清理），请重新添加照片');
    if (rows.some((r) => r.purpose !== a.purpose)) return field('这张照片不是为这里上传的，请重新添加照片');
    return new AppError('CONFLICT', '这张照片已经用过了，请删除后重新添加照片');
  }
}
