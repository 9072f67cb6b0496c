import * as z from 'zod/mini';
import { IdSchema } from './common';
import { LIMITS } from '../limits';

/** What a photo is uploaded for: it can only be attached to that kind of thing. */
export const UPLOAD_PURPOSES = ['request', 'station', 'event'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/** The only image types kept; the server decides by the file's first bytes, not its name or declared type. */
export const UPLOAD_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type UploadMime = (typeof UPLOAD_MIME_TYPES)[number];

/** An upload's id: 128 random bits, base64url. */
export const UploadIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/, { message: '照片编号不正确，请重新添加照片' }));

/** POST /uploads?purpose=…: the photo itself travels as the one file of a multipart form. */
export const UploadQuerySchema = z.strictObject({ purpose: z.enum(UPLOAD_PURPOSES, { message: '用途须为 request、station 或 event' }) });

export const UploadSchema = z
  .object({
    id: z.string(),
    /** Path of the image on the BFF (prefix the API base), signed and valid for a while: works in <Image src> without a token. */
    url: z.string(),
    mime: z.enum(UPLOAD_MIME_TYPES),
    size: z.int(),
  })
  .register(z.globalRegistry, { id: 'Upload' });
export type Upload = z.infer<typeof UploadSchema>;

/** The capability part of an image URL: when it stops working and the server's signature over id and expiry. */
export const UploadImageQuerySchema = z.strictObject({
  exp: IdSchema.check(z.lte(2 ** 40)),
  sig: z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/)),
});

/** The upload size limit in words for messages: "3 MB". */
export const UPLOAD_LIMIT_TEXT = `${Math.round(LIMITS.uploadBytesMax / (1024 * 1024))} MB`;
