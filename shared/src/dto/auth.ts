import * as z from 'zod/mini';
import { singleLine } from './common';
import { LIMITS } from '../limits';
import { MeSchema } from './user';

/** POST /auth/wechat: the code from Taro.login(). */
export const WechatSignInSchema = z.strictObject({
  code: z.string().check(z.trim(), z.minLength(1, { message: '缺少微信登录凭证' }), z.maxLength(LIMITS.wechatCodeMax)),
});
export type WechatSignIn = z.infer<typeof WechatSignInSchema>;

/** POST /auth/dev: development and H5 demo sign-in by a chosen name. */
export const DevSignInSchema = z.strictObject({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, { message: '请输入名字' }),
      z.maxLength(LIMITS.devNameMax, { message: `名字最多${LIMITS.devNameMax}个字` }),
      z.refine(...singleLine('名字')),
    ),
});
export type DevSignIn = z.infer<typeof DevSignInSchema>;

export const SessionSchema = z
  .object({
    /** Bearer token; send as `Authorization: Bearer <token>`. */
    token: z.string(),
    expiresAt: z.string(),
    me: MeSchema,
  })
  .register(z.globalRegistry, { id: 'Session' });
export type Session = z.infer<typeof SessionSchema>;
