import * as z from 'zod/mini';
import { LIMITS } from '../limits';

/** Occupation categories of new-employment-form workers. */
export const OCCUPATIONS = ['courier', 'food_delivery', 'ride_hailing', 'truck_driver', 'domestic', 'other'] as const;
export const OccupationSchema = z.enum(OCCUPATIONS).register(z.globalRegistry, { id: 'Occupation' });
export type Occupation = z.infer<typeof OccupationSchema>;
export const OCCUPATION_LABELS: Record<Occupation, string> = {
  courier: '快递员',
  food_delivery: '外卖骑手',
  ride_hailing: '网约车司机',
  truck_driver: '货车司机',
  domestic: '家政服务员',
  other: '其他',
};

/** How the home page greets a worker: by their trade, or 工友 when it is 其他 or unknown. */
export function occupationGreeting(o: Occupation | null | undefined): string {
  return `${o && o !== 'other' ? OCCUPATION_LABELS[o] : '工友'}，辛苦了！`;
}

export const GENDERS = ['male', 'female'] as const;
export const GenderSchema = z.enum(GENDERS).register(z.globalRegistry, { id: 'Gender' });
export type Gender = z.infer<typeof GenderSchema>;
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

export const ROLES = ['organiser', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const RoleGrantSchema = z
  .object({
    role: RoleSchema,
    organisationId: z.int(),
    organisationName: z.string(),
  })
  .register(z.globalRegistry, { id: 'RoleGrant' });
export type RoleGrant = z.infer<typeof RoleGrantSchema>;

/** The signed-in person as they see themselves. */
export const MeSchema = z
  .object({
    id: z.int(),
    nickname: z.nullable(z.string()),
    occupation: z.nullable(OccupationSchema),
    gender: z.nullable(GenderSchema),
    birthYear: z.nullable(z.int()),
    /** Shown masked (138****5678) except to the person themself, who sees it whole. */
    phone: z.nullable(z.string()),
    grants: z.array(RoleGrantSchema),
    createdAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

/** Mainland China mobile numbers: 11 digits starting with 1[3-9]. */
export const PhoneSchema = z.string().check(z.regex(/^1[3-9]\d{9}$/, { message: '请输入11位手机号码，例如13800138000' }));

/** The code `<Button openType="getPhoneNumber">` hands the mini-program, to exchange on the server. */
export const WechatPhoneInputSchema = z.strictObject({
  code: z.string().check(z.trim(), z.minLength(1, { message: '没有收到微信的手机号授权，请重新点击或直接输入手机号' }), z.maxLength(128)),
});
/** The number WeChat verified for the signed-in person, for the form; a form sending it back is marked verified. */
export const WechatPhoneSchema = z.object({ phone: z.string() });

export function birthYearSchema(now: Date = new Date()) {
  const max = now.getUTCFullYear() - LIMITS.minAgeYears;
  return z
    .number({ message: '出生年份须为数字' })
    .check(
      z.int({ message: '出生年份须为整数' }),
      z.gte(LIMITS.birthYearMin, { message: `出生年份不能早于${LIMITS.birthYearMin}年` }),
      z.lte(max, { message: `出生年份不能晚于${max}年（须年满${LIMITS.minAgeYears}周岁）` }),
    );
}

const nickname = z.string({ message: '昵称须为文字' }).check(
  z.trim(),
  z.minLength(1, { message: '昵称不能为空' }),
  z.maxLength(LIMITS.nicknameMax, { message: `昵称最多${LIMITS.nicknameMax}个字` }),
  // eslint-disable-next-line no-control-regex -- control characters are what it refuses
  z.refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: '昵称不能包含控制字符' }),
);

/** PATCH /me: every field optional, null clears it; unknown fields are refused. */
export const UpdateMeSchema = z
  .strictObject({
    nickname: z.optional(nickname),
    occupation: z.optional(z.nullable(z.enum(OCCUPATIONS, { message: '请选择职业类别' }))),
    gender: z.optional(z.nullable(z.enum(GENDERS, { message: '请选择性别' }))),
    birthYear: z.optional(z.nullable(birthYearSchema())),
    phone: z.optional(z.nullable(PhoneSchema)),
  })
  .register(z.globalRegistry, { id: 'UpdateMe' });
export type UpdateMe = z.infer<typeof UpdateMeSchema>;
