import type { Harness } from './harness';

/** Real 16×12 photos as phones send them (the server decodes and encodes every photo again). */
export const JPEG = Buffer.from(
  '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAMABADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABv/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKQAI2f/2Q==',
  'base64',
);
export const WEBP = Buffer.from('UklGRjoAAABXRUJQVlA4IC4AAADQAQCdASoQAAwAAUAmJaACdLoB+AADsAD+pNf/TSPGkeNI+Yt/84ljqd3aAAAA', 'base64');

export interface Sent {
  status: number;
  body: { id?: string; url?: string; mime?: string; size?: number; error?: { code: string; message: string; details?: unknown } };
}

/** POST /uploads as Taro.uploadFile sends it: one file in a multipart form. */
export function sendPhoto(
  h: Harness,
  headers: Record<string, string>,
  bytes: Buffer,
  opts: { purpose?: string; filename?: string; contentType?: string } = {},
): Promise<Sent> {
  return h
    .http()
    .post(`/api/v1/uploads?purpose=${opts.purpose ?? 'request'}`)
    .set(headers)
    .attach('photo', bytes, { filename: opts.filename ?? 'photo.jpg', contentType: opts.contentType ?? 'image/jpeg' }) as unknown as Promise<Sent>;
}
