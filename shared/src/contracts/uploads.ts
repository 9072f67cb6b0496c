import * as z from 'zod/mini';
import { contract } from '../contract';
import { UPLOAD_LIMIT_TEXT, UploadIdSchema, UploadImageQuerySchema, UploadQuerySchema, UploadSchema } from '../dto/upload';

/** An upload's id in its link's path. */
export const UploadIdParamSchema = z.object({ id: UploadIdSchema });

/** Photos: the upload (multipart; the client sends it with uploadFile) and the signed image link. */
export const uploadContracts = {
  uploadPhoto: contract({
    method: 'post',
    path: '/api/v1/uploads',
    tag: 'uploads',
    access: 'user',
    query: UploadQuerySchema,
    consumes: 'multipart/form-data',
    response: UploadSchema,
    status: 201,
    summary: `One photo (JPEG, PNG or WebP, at most ${UPLOAD_LIMIT_TEXT}) as the one file of a multipart form; attach it to a request or station within a day. Kept without the location the phone wrote into it (Exif GPS, XMP): size is of what is kept`,
    errors: ['BAD_REQUEST', 'FORBIDDEN', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
  }),
  uploadImage: contract({
    method: 'get',
    path: '/api/v1/uploads/:id',
    tag: 'uploads',
    access: 'public',
    params: UploadIdParamSchema,
    query: UploadImageQuerySchema,
    response: z.string(),
    produces: 'image/*',
    summary: 'The image behind a signed link; requests and stations hand out links to those who may see them',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
};
