import { z } from 'zod';
import { LIMITS, UPLOAD_LIMIT_TEXT, UploadIdSchema, UploadImageQuerySchema, UploadQuerySchema, UploadSchema } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { readOneFile } from '../lib/multipart';
import { presentUpload } from '../presenters/upload.presenter';
import type { UploadService } from '../services/upload.service';

const TOO_LARGE = `照片超过 ${UPLOAD_LIMIT_TEXT}，请换一张小一些的照片，或截图后再上传`;

export function uploadRoutes(api: ApiRouter, uploads: UploadService): void {
  api
    .route(
      {
        method: 'post',
        path: '/api/v1/uploads',
        tag: 'uploads',
        access: 'user',
        rateLimit: 'upload',
        query: UploadQuerySchema,
        consumes: 'multipart/form-data',
        response: UploadSchema,
        status: 201,
        summary: `One photo (JPEG, PNG or WebP, at most ${UPLOAD_LIMIT_TEXT}) as the one file of a multipart form; attach it to a request or station within a day. Kept without the location the phone wrote into it (Exif GPS, XMP): size is of what is kept`,
        errors: ['BAD_REQUEST', 'FORBIDDEN', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'],
      },
      async (ctx, { query: { purpose } }) => {
        const bytes = await readOneFile(ctx.req, { maxBytes: LIMITS.uploadBytesMax, tooLargeMessage: TOO_LARGE });
        const upload = await uploads.create(ctx.state.user!, purpose, bytes);
        return presentUpload(upload, uploads.link(upload.id, purpose));
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/uploads/:id',
        tag: 'uploads',
        access: 'public',
        params: z.object({ id: UploadIdSchema }),
        query: UploadImageQuerySchema,
        response: z.string(),
        produces: 'image/*',
        summary: 'The image behind a signed link; requests and stations hand out links to those who may see them',
        errors: ['FORBIDDEN', 'NOT_FOUND'],
      },
      async (ctx, { params, query: { exp, sig } }) => {
        const image = await uploads.open(params.id, exp, sig);
        ctx.type = image.mime;
        ctx.set('Cache-Control', `private, max-age=${image.maxAgeSeconds}`);
        return image.bytes;
      },
    );
}
