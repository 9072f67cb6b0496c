import { uploadContracts as C, LIMITS, UPLOAD_LIMIT_TEXT } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { readOneFile } from '../lib/multipart';
import { presentUpload } from '../presenters/upload.presenter';
import type { UploadService } from '../services/upload.service';

const TOO_LARGE = `照片超过 ${UPLOAD_LIMIT_TEXT}，请换一张小一些的照片，或截图后再上传`;

export function uploadRoutes(api: ApiRouter, uploads: UploadService): void {
  api
    .route(C.uploadPhoto, { rateLimit: 'upload' }, async (ctx, { query: { purpose } }) => {
      const bytes = await readOneFile(ctx.req, { maxBytes: LIMITS.uploadBytesMax, tooLargeMessage: TOO_LARGE });
      const upload = await uploads.create(ctx.state.user!, purpose, bytes);
      return presentUpload(upload, uploads.link(upload.id, purpose));
    })
    .route(C.uploadImage, async (ctx, { params, query: { exp, sig } }) => {
      const image = await uploads.open(params.id, exp, sig);
      ctx.type = image.mime;
      ctx.set('Cache-Control', `private, max-age=${image.maxAgeSeconds}`);
      return image.bytes;
    });
}
