import { randomBytes } from 'node:crypto';
import type { Harness } from './harness';

/** Files as phones send them. Only the first bytes decide the type, so the rest may be anything. */
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), randomBytes(4000)]);
export const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0x00, 0x00, 0x00]), Buffer.from('WEBPVP8 '), randomBytes(200)]);

export interface Sent {
  status: number;
  body: { id?: string; url?: string; mime?: string; size?: number; error?: { code: string; message: string; details?: unknown } };
}

/** POST /uploads as Taro.uploadFile sends it: one file in a multipart form. */
export function sendPhoto(h: Harness, headers: Record<string, string>, bytes: Buffer, opts: { purpose?: string; filename?: string; contentType?: string } = {}): Promise<Sent> {
  return h
    .http()
    .post(`/api/v1/uploads?purpose=${opts.purpose ?? 'request'}`)
    .set(headers)
    .attach('photo', bytes, { filename: opts.filename ?? 'photo.jpg', contentType: opts.contentType ?? 'image/jpeg' }) as unknown as Promise<Sent>;
}
