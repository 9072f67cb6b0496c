import { wechatPlatformContracts as C } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { AppError } from '../lib/app-error';
import type { MediaCheckService, PushMessage } from '../services/media-check.service';
import type { PhoneService } from '../services/phone.service';

const PUSH_BYTES_MAX = 64 * 1024;

async function readJson(stream: AsyncIterable<unknown>): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > PUSH_BYTES_MAX) throw new AppError('PAYLOAD_TOO_LARGE');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AppError('BAD_REQUEST', '消息推送不是有效的 JSON：请在消息推送中选择数据格式 JSON、明文模式');
  }
}

/** WeChat's phone button, and the message push endpoint that brings media check verdicts. */
export function wechatPlatformRoutes(api: ApiRouter, phones: PhoneService, media: MediaCheckService): void {
  const verified = (query: { signature: string; timestamp: string; nonce: string }) => {
    if (!media.pushConfigured) throw new AppError('NOT_FOUND', '未配置微信消息推送（WECHAT_PUSH_TOKEN）');
    if (!media.verify(query)) throw new AppError('FORBIDDEN', '消息推送签名无效');
  };
  api
    .route(C.wechatPhone, { rateLimit: 'phone' }, async (ctx, { body }) => phones.exchange(ctx.state.user!.id, body.code))
    .route(C.wechatPushCheck, async (_ctx, { query }) => {
      verified(query);
      return query.echostr;
    })
    .route(C.wechatPush, async (ctx, { query }) => {
      verified(query);
      // Read here whatever Content-Type WeChat declares: the signature, not the header, vouches for it.
      const body = await readJson(ctx.req);
      if (body && typeof body === 'object') await media.receive(body as PushMessage);
      return 'success';
    });
}
