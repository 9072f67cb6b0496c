import { EntitySchema } from 'typeorm';
import type { UploadMime, UploadPurpose } from '@xlx/shared';

/** A photo uploaded from a phone. Kept in the store, so that every BFF process serves the same files. */
export class UploadEntity {
  /** 128 random bits, base64url. Unguessable, yet serving it still takes a signed link. */
  id: string;
  /** Who uploaded it; null once an organiser's account is deleted and the photo stays with its station. */
  userId: number | null;
  purpose: UploadPurpose;
  /** Decided from the file's first bytes. */
  mime: UploadMime;
  size: number;
  /** Hex SHA-256 of the bytes; server-side only. */
  sha256: string;
  bytes: Buffer;
  createdAt: Date;
  /** When a request or station took it; an upload still null a day on is swept. */
  attachedAt: Date | null;
  /**
   * WeChat's media check: null unchecked (shown; no credentials, or an uploader WeChat cannot
   * check), 'checking' (hidden from others until the verdict), 'pass' (shown), 'risky' (never served).
   */
  checkStatus?: MediaCheckStatus | null;
  /** media_check_async's trace_id; the pushed verdict names it. */
  checkTraceId?: string | null;
  /** When the check was last asked for (also when it failed, so the re-check job waits). */
  checkSentAt?: Date | null;
}

export type MediaCheckStatus = 'checking' | 'pass' | 'risky';

/**
 * The upload table for one kind of store. Its bytes need MEDIUMBLOB on MySQL (a BLOB stops at
 * 64 KB), and SQLite knows only BLOB. A decorator's column type is one for every driver and
 * TypeORM refuses types a driver lacks, while an EntitySchema is read per data source: so this
 * entity alone is declared here, per store.
 */
export function uploadEntitySchema(store: 'mysql' | 'sqlite'): EntitySchema<UploadEntity> {
  return new EntitySchema<UploadEntity>({
    name: 'UploadEntity',
    target: UploadEntity,
    tableName: 'upload',
    columns: {
      id: { type: 'varchar', length: 22, primary: true },
      userId: { type: 'int', nullable: true },
      purpose: { type: 'varchar', length: 10 },
      mime: { type: 'varchar', length: 12 },
      size: { type: 'int' },
      sha256: { type: 'varchar', length: 64 },
      bytes: { type: store === 'mysql' ? 'mediumblob' : 'blob' },
      createdAt: { type: 'datetime' },
      attachedAt: { type: 'datetime', nullable: true },
      checkStatus: { type: 'varchar', length: 10, nullable: true },
      checkTraceId: { type: 'varchar', length: 64, nullable: true },
      checkSentAt: { type: 'datetime', nullable: true },
    },
    indices: [
      { name: 'idx_upload_user', columns: ['userId'] },
      { name: 'idx_upload_unattached', columns: ['attachedAt', 'createdAt'] },
      { name: 'idx_upload_trace', columns: ['checkTraceId'] },
      { name: 'idx_upload_check', columns: ['checkStatus', 'checkSentAt'] },
    ],
  });
}
