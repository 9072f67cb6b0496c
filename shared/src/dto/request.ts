import { z } from 'zod';
import { IdSchema, RefIdSchema, singleLine } from './common';
import { LIMITS } from '../limits';
import { UploadIdSchema } from './upload';
import { OCCUPATIONS, PhoneSchema } from './user';

export const REQUEST_CATEGORIES = ['rights_pay', 'safety', 'station_facilities', 'training', 'other'] as const;
export const REQUEST_CATEGORY_LABELS: Record<(typeof REQUEST_CATEGORIES)[number], string> = {
  rights_pay: '权益与薪酬',
  safety: '安全',
  station_facilities: '驿站设施',
  training: '培训',
  other: '其他',
};
export const REQUEST_STATUSES = ['submitted', 'in_progress', 'resolved', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = { submitted: '已提交', in_progress: '处理中', resolved: '已解决', closed: '已关闭' };
export const REQUEST_CHANNELS = ['online', 'offline'] as const;

const text = z
  .string()
  .trim()
  .min(5, { message: '请至少写5个字，说清楚遇到的问题' })
  .max(LIMITS.requestTextMax, { message: `最多${LIMITS.requestTextMax}字` });

export const RequestInputSchema = z
  .object({
    category: z.enum(REQUEST_CATEGORIES, { message: '请选择类别' }),
    text,
    /** The union it is addressed to; taken from the station when one is given. */
    organisationId: RefIdSchema.nullable().default(null),
    stationId: RefIdSchema.nullable().default(null),
    eventId: RefIdSchema.nullable().default(null),
    /** A photo uploaded with POST /uploads?purpose=request by the same person, not used before. */
    photoId: UploadIdSchema.nullable().default(null),
    /** Older app versions send null here. A link is refused: photos are uploaded (photoId). */
    photoUrl: z.null({ message: '请用“添加照片”上传照片，不能填写图片链接' }).optional(),
  })
  .strict()
  // `when` runs this check even when other fields fail, so every problem is listed at once.
  .refine((r) => (r?.organisationId ?? null) !== null || (r?.stationId ?? null) !== null, {
    message: '请选择要反映的工会或驿站',
    path: ['organisationId'],
    when: () => true,
  })
  .meta({ id: 'RequestInput' });
export type RequestInput = z.infer<typeof RequestInputSchema>;

/** Recorded by an organiser for a request received in person. */
export const OfflineRequestInputSchema = z
  .object({
    category: z.enum(REQUEST_CATEGORIES, { message: '请选择类别' }),
    text,
    organisationId: RefIdSchema,
    stationId: RefIdSchema.nullable().default(null),
    reporterName: z
      .string()
      .trim()
      .max(20)
      .refine(...singleLine('来访人姓名'))
      .default(''),
  })
  .strict();

export const ReplyInputSchema = z.object({ text: z.string().trim().min(1, { message: '请输入回复内容' }).max(LIMITS.requestTextMax) }).strict();
export const RateInputSchema = z.object({ satisfied: z.boolean({ message: '请选择满意或不满意' }) }).strict();
export const StatusInputSchema = z.object({ status: z.enum(['in_progress', 'resolved', 'closed'], { message: '状态不正确' }) }).strict();
export const AssignInputSchema = z.object({ assigneeId: RefIdSchema }).strict();

export const RequestSchema = z
  .object({
    id: z.number().int(),
    category: z.enum(REQUEST_CATEGORIES),
    text: z.string(),
    organisationId: z.number().int(),
    organisationName: z.string(),
    stationId: z.number().int().nullable(),
    eventId: z.number().int().nullable(),
    /** Signed path of the photo on the BFF (prefix the API base), valid for about an hour; only the worker and the organisers in scope get it. */
    photoUrl: z.string().nullable(),
    /**
     * WeChat's check of the photo: 'checking' (the worker sees it with a 审核中 note, organisers not
     * yet), 'risky' (hidden from everyone), null (shown, or no photo).
     */
    photoCheck: z.enum(['checking', 'risky']).nullable(),
    channel: z.enum(REQUEST_CHANNELS),
    status: z.enum(REQUEST_STATUSES),
    overdue: z.boolean(),
    dueAt: z.string(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
    rating: z.enum(['satisfied', 'unsatisfied']).nullable(),
    assigneeName: z.string().nullable(),
    /** Shown to organisers only: who filed it (nickname), for in-person follow-up. */
    reporterName: z.string().nullable(),
    replies: z.array(z.object({ id: z.number().int(), fromOrganiser: z.boolean(), author: z.string(), text: z.string(), createdAt: z.string() })),
  })
  .meta({ id: 'Request' });
export type WorkerRequest = z.infer<typeof RequestSchema>;
export const RequestListSchema = z.object({ items: z.array(RequestSchema) });
export const RequestQuerySchema = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    organisationId: IdSchema.optional(),
  })
  .strict();
export const RequestStatsSchema = z
  .object({
    items: z.array(
      z.object({
        organisationId: z.number().int(),
        organisationName: z.string(),
        channel: z.enum(REQUEST_CHANNELS),
        received: z.number().int(),
        resolved: z.number().int(),
        overdue: z.number().int(),
        rated: z.number().int(),
        satisfied: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'RequestStats' });

/** revoked: was a member, no longer (the card answers 已注销 when verified). */
export const MEMBERSHIP_STATUSES = ['pending', 'approved', 'rejected', 'revoked'] as const;
export const MembershipInputSchema = z
  .object({
    organisationId: RefIdSchema,
    name: z
      .string()
      .trim()
      .min(2, { message: '请填写真实姓名' })
      .max(20)
      .refine(...singleLine('姓名')),
    phone: PhoneSchema,
    employer: z
      .string()
      .trim()
      .min(1, { message: '请填写工作单位或平台，例如 美团、顺丰' })
      .max(40)
      .refine(...singleLine('工作单位')),
    occupation: z.enum(OCCUPATIONS, { message: '请选择职业' }),
    ceremonyEventId: RefIdSchema.nullable().default(null),
  })
  .strict()
  .meta({ id: 'MembershipInput' });
export const MembershipSchema = z
  .object({
    id: z.number().int(),
    organisationId: z.number().int(),
    organisationName: z.string(),
    status: z.enum(MEMBERSHIP_STATUSES),
    name: z.string(),
    /** Masked except to the applicant. */
    phone: z.string(),
    /** The phone is the one WeChat verified for the applicant (the phone button), not typed. */
    phoneVerified: z.boolean(),
    employer: z.string(),
    occupation: z.enum(OCCUPATIONS),
    ceremonyEventId: z.number().int().nullable(),
    memberNo: z.string().nullable(),
    /** The member card's signed code (M1.…), only to the member and only while approved. */
    cardCode: z.string().nullable().default(null),
    rejectReason: z.string().nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'Membership' });
export const MembershipListSchema = z.object({ items: z.array(MembershipSchema) });
/** An organiser's list of applications: by status, within one organisation of the subtree. */
export const MembershipQuerySchema = z.object({ status: z.enum(MEMBERSHIP_STATUSES).optional(), organisationId: IdSchema.optional() }).strict();
/** An organiser verifies a member card (核验会员): the code scanned or typed. */
export const MemberCardVerifySchema = z.object({ code: z.string().trim().min(1, { message: '请扫描或输入会员卡上的核验码' }).max(200) }).strict();
export const MemberCardResultSchema = z
  .object({
    /** valid: a member now; revoked: was a member, no longer; invalid: forged or not a member card. */
    result: z.enum(['valid', 'invalid', 'revoked']),
    message: z.string(),
    name: z.string().nullable(),
    organisationName: z.string().nullable(),
    memberNo: z.string().nullable(),
  })
  .meta({ id: 'MemberCardResult' });
export type MemberCardResult = z.infer<typeof MemberCardResultSchema>;
export const RejectInputSchema = z.object({ reason: z.string().trim().min(2, { message: '请说明不通过的原因，方便申请人修改' }).max(200) }).strict();

export const DashboardSchema = z
  .object({
    organisation: z.object({ id: z.number().int(), name: z.string() }),
    visits: z.object({
      today: z.number().int(),
      workersToday: z.number().int(),
      workers30d: z.number().int(),
      perDay: z.array(z.object({ date: z.string(), visits: z.number().int() })),
    }),
    events: z.object({ held30d: z.number().int(), upcoming: z.number().int(), attendanceRate: z.number().nullable(), noShowRate: z.number().nullable() }),
    matchmaking: z.object({ matches: z.number().int() }),
    requests: z.object({ received30d: z.number().int(), resolved30d: z.number().int(), open: z.number().int(), overdue: z.number().int() }),
    members: z.object({ new30d: z.number().int(), pending: z.number().int() }),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof DashboardSchema>;
