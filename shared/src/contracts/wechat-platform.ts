import * as z from 'zod/mini';
import { contract } from '../contract';
import { WechatPhoneInputSchema, WechatPhoneSchema } from '../dto/user';

export const WechatSignedQuerySchema = z.looseObject({
  signature: z.string().check(z.maxLength(64)),
  timestamp: z.string().check(z.maxLength(20)),
  nonce: z.string().check(z.maxLength(64)),
});

export const WechatEchoQuerySchema = z.extend(WechatSignedQuerySchema, { echostr: z.string().check(z.maxLength(200)) });

/** WeChat's phone button, and the message push endpoint that brings media check verdicts. */
export const wechatPlatformContracts = {
  wechatPhone: contract({
    method: 'post',
    path: '/api/v1/me/phone/wechat',
    tag: 'me',
    access: 'user',
    body: WechatPhoneInputSchema,
    response: WechatPhoneSchema,
    summary:
      'Exchanges the code of the getPhoneNumber button for the number WeChat verified; a membership application sending it is marked verified. Typing stays possible',
    errors: ['NOT_FOUND', 'RATE_LIMITED', 'UPSTREAM_UNAVAILABLE'],
  }),
  wechatPushCheck: contract({
    method: 'get',
    path: '/api/v1/wechat/push',
    tag: 'wechat',
    access: 'public',
    query: WechatEchoQuerySchema,
    response: z.string(),
    produces: 'text/plain',
    summary: 'WeChat checks the message push URL: echoes echostr when the signature (SHA-1 of the sorted token, timestamp and nonce) is right',
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  wechatPush: contract({
    method: 'post',
    path: '/api/v1/wechat/push',
    tag: 'wechat',
    access: 'public',
    query: WechatSignedQuerySchema,
    response: z.string(),
    produces: 'text/plain',
    consumes: 'application/json',
    summary: 'A signed WeChat message push (JSON, plaintext mode): wxa_media_check verdicts show or hide the photo they name',
    errors: ['BAD_REQUEST', 'FORBIDDEN', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE'],
  }),
};
