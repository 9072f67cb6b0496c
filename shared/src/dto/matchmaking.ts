import * as z from 'zod/mini';
import { isoDateTime, singleLine } from './common';
import { LIMITS } from '../limits';
import { GENDERS, OCCUPATIONS, PhoneSchema } from './user';

/** The consent text's version; a new text needs new consent. */
export const MATCH_CONSENT_VERSION = '2026-11-v1';

/** What a person agrees to before a matchmaking profile exists (PIPL: separate, explicit consent). */
export const MATCH_CONSENT_TEXT = [
  '交友资料（昵称、性别、出生年份、职业、城市、自我介绍、照片）只给同一场交友活动中已签到的参加者看。',
  '您的联系方式加密保存，只有在双方互相选择（配对成功）后，才会给对方看到。',
  '没有人会知道谁选择了您，除非您也选择了对方。活动组织者只看到人数统计，看不到任何人的选择和联系方式。',
  '您可以随时撤回同意：资料、您的选择和配对会立即删除。',
].join('\n');

export const CONTACT_KINDS = ['wechat', 'phone'] as const;

/** Whom a person wants to meet at a social: the board shows only these genders. */
export const WANTS_TO_MEET = ['male', 'female', 'any'] as const;
export type WantsToMeet = (typeof WANTS_TO_MEET)[number];
export const WANTS_TO_MEET_LABELS: Record<WantsToMeet, string> = { male: '男', female: '女', any: '都可以' };

const WechatIdSchema = z.string().check(z.regex(/^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/, { message: '微信号为6-20位，字母开头，可含字母、数字、下划线、减号' }));

export const MatchProfileInputSchema = z
  .strictObject({
    /** Must equal MATCH_CONSENT_VERSION: the version of the text the person read and accepted. */
    consentVersion: z.literal(MATCH_CONSENT_VERSION, { message: '请阅读并同意最新的交友资料使用说明' }),
    displayName: z
      .string()
      .check(
        z.trim(),
        z.minLength(1, { message: '请填写昵称' }),
        z.maxLength(LIMITS.nicknameMax, { message: `昵称最多${LIMITS.nicknameMax}个字` }),
        z.refine(...singleLine('昵称')),
      ),
    gender: z.enum(GENDERS, { message: '请选择性别' }),
    wantsToMeet: z.enum(WANTS_TO_MEET, { message: '请选择想认识的人（男、女或都可以）' }),
    birthYear: z.int().check(z.gte(LIMITS.birthYearMin), z.lte(new Date().getUTCFullYear() - 18, { message: '交友活动须年满18周岁' })),
    occupation: z.enum(OCCUPATIONS, { message: '请选择职业' }),
    city: z.string().check(z.trim(), z.minLength(1, { message: '请填写所在城市' }), z.maxLength(20), z.refine(...singleLine('城市'))),
    intro: z._default(z.string().check(z.trim(), z.maxLength(LIMITS.matchIntroMax, { message: `自我介绍最多${LIMITS.matchIntroMax}字` })), ''),
    /**
     * Always null: a link typed by one attendee would be loaded by every other attendee's phone
     * (trackers, javascript:, data:). Profile photos will come through the upload route.
     */
    photoUrl: z._default(z.null({ message: '交友资料暂不支持照片链接' }), null),
    contact: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('wechat'), value: WechatIdSchema }),
      z.strictObject({ kind: z.literal('phone'), value: PhoneSchema }),
    ]),
  })
  .register(z.globalRegistry, { id: 'MatchProfileInput' });
export type MatchProfileInput = z.infer<typeof MatchProfileInputSchema>;

/** My own profile, as I see it (contact included: it is mine). */
export const MyMatchProfileSchema = z
  .object({
    displayName: z.string(),
    gender: z.enum(GENDERS),
    /** Null for a profile made before the question was asked: the board then shows the other gender. */
    wantsToMeet: z.nullable(z.enum(WANTS_TO_MEET)),
    birthYear: z.int(),
    occupation: z.enum(OCCUPATIONS),
    city: z.string(),
    intro: z.string(),
    photoUrl: z.nullable(z.string()),
    contact: z.object({ kind: z.enum(CONTACT_KINDS), value: z.string() }),
    consentVersion: z.string(),
    consentAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'MyMatchProfile' });
export type MyMatchProfile = z.infer<typeof MyMatchProfileSchema>;

/** Another attendee's card: never a contact. `id` is a per-event pseudonym, not the account id. */
export const MatchCardSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    gender: z.enum(GENDERS),
    age: z.int(),
    occupation: z.enum(OCCUPATIONS),
    city: z.string(),
    intro: z.string(),
    photoUrl: z.nullable(z.string()),
    /** Whether I picked this person (my own picks only). */
    pickedByMe: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'MatchCard' });
export type MatchCard = z.infer<typeof MatchCardSchema>;

export const MatchBoardSchema = z.object({
  window: z.object({ opensAt: z.string(), closesAt: z.string(), open: z.boolean(), closed: z.boolean() }),
  picksAllowed: z.int(),
  picksUsed: z.int(),
  cards: z.array(MatchCardSchema),
});
export type MatchBoard = z.infer<typeof MatchBoardSchema>;

export const MatchSchema = z
  .object({
    card: z.omit(MatchCardSchema, { pickedByMe: true }),
    contact: z.object({ kind: z.enum(CONTACT_KINDS), value: z.string() }),
    matchedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Match' });
export const MatchListSchema = z.object({
  /** False until the matches are revealed (at the window's close, or at once if the event says so). */
  revealed: z.boolean(),
  revealAt: z.nullable(z.string()),
  /** When picking closes, and whether it has: until then "no match" only means "not yet". */
  picking: z.object({ closesAt: z.string(), closed: z.boolean() }),
  items: z.array(MatchSchema),
});
export type MatchList = z.infer<typeof MatchListSchema>;

export const MatchSettingsSchema = z
  .strictObject({
    picksPerPerson: z._default(z.int().check(z.gte(1), z.lte(LIMITS.matchPicksMax)), 3),
    pickOpensAt: isoDateTime(),
    pickClosesAt: isoDateTime(),
    revealAtOnce: z._default(z.boolean(), false),
    /** Confirmed seats per gender; null for no limit. Together they may be less than the capacity. */
    seatsPerGender: z._default(
      z.strictObject({
        male: z.nullable(z.int().check(z.gte(0, { message: '名额不能为负数' }), z.lte(100000))),
        female: z.nullable(z.int().check(z.gte(0, { message: '名额不能为负数' }), z.lte(100000))),
      }),
      { male: null, female: null },
    ),
  })
  .check(z.refine((s) => Date.parse(s.pickClosesAt) > Date.parse(s.pickOpensAt), { message: '选择截止时间须晚于开始时间', path: ['pickClosesAt'] }));
export type MatchSettings = z.infer<typeof MatchSettingsSchema>;

export const MatchStatsSchema = z
  .object({
    participants: z.object({ male: z.int(), female: z.int() }),
    picks: z.int(),
    matches: z.int(),
    reportsOpen: z.int(),
  })
  .register(z.globalRegistry, { id: 'MatchStats' });

export const ReportSchema = z.strictObject({
  reason: z.string().check(z.trim(), z.minLength(2, { message: '请写明举报原因' }), z.maxLength(200, { message: '原因最多200字' })),
});
export const MatchReportListSchema = z.object({
  items: z.array(z.object({ id: z.int(), reason: z.string(), reportedName: z.string(), createdAt: z.string(), handled: z.boolean() })),
});
