import { z } from 'zod';
import { singleLine } from './common';
import { LIMITS } from '../limits';
import { MeSchema } from './user';

/** POST /auth/wechat: the code from Taro.login(). */
export const WechatSignInSchema = z.object({ code: z.string().trim().min(1, { message: '缺少微信登录凭证' }).max(LIMITS.wechatCodeMax) }).strict();
export type WechatSignIn = z.infer<typeof WechatSignInSchema>;

/** POST /auth/dev: development and H5 demo sign-in by a chosen name. */
export const DevSignInSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { message: '请输入名字' })
      .max(LIMITS.devNameMax, { message: `名字最多${LIMITS.devNameMax}个字` })
      .refine(...singleLine('名字')),
  })
  .strict();
export type DevSignIn = z.infer<typeof DevSignInSchema>;

export const SessionSchema = z
  .object({
    /** Bearer token; send as `Authorization: Bearer <token>`. */
    token: z.string(),
    expiresAt: z.string(),
    me: MeSchema,
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof SessionSchema>;
