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
}

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
    },
    indices: [
      { name: 'idx_upload_user', columns: ['userId'] },
      { name: 'idx_upload_unattached', columns: ['attachedAt', 'createdAt'] },
    ],
  });
}
