import type { Upload } from '@xlx/shared';
import type { UploadEntity } from '../entities';

/** An upload as its owner sees it right after sending it: never the bytes or their hash. */
export function presentUpload(u: UploadEntity, url: string): Upload {
  return { id: u.id, url, mime: u.mime, size: u.size };
}
