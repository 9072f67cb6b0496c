import * as z from 'zod/mini';
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
  .check(
    z.trim(),
    z.minLength(5, { message: '请至少写5个字，说清楚遇到的问题' }),
    z.maxLength(LIMITS.requestTextMax, { message: `最多${LIMITS.requestTextMax}字` }),
  );

export const RequestInputSchema = z
  .strictObject({
    category: z.enum(REQUEST_CATEGORIES, { message: '请选择类别' }),
    text,
    /** The union it is addressed to; taken from the station when one is given. */
    organisationId: z._default(z.nullable(RefIdSchema), null),
    stationId: z._default(z.nullable(RefIdSchema), null),
    eventId: z._default(z.nullable(RefIdSchema), null),
    /** A photo uploaded with POST /uploads?purpose=request by the same person, not used before. */
    photoId: z._default(z.nullable(UploadIdSchema), null),
    /** Older app versions send null here. A link is refused: photos are uploaded (photoId). */
    photoUrl: z.optional(z.null({ message: '请用“添加照片”上传照片，不能填写图片链接' })),
  })
  // `when` runs this check even when other fields fail, so every problem is listed at once.
  .check(
    z.refine((r) => (r?.organisationId ?? null) !== null || (r?.stationId ?? null) !== null, {
      message: '请选择要反映的工会或驿站',
      path: ['organisationId'],
      when: () => true,
    }),
  )
  .register(z.globalRegistry, { id: 'RequestInput' });
export type RequestInput = z.infer<typeof RequestInputSchema>;

/** Recorded by an organiser for a request received in person. */
export const OfflineRequestInputSchema = z.strictObject({
  category: z.enum(REQUEST_CATEGORIES, { message: '请选择类别' }),
  text,
  organisationId: RefIdSchema,
  stationId: z._default(z.nullable(RefIdSchema), null),
  reporterName: z._default(z.string().check(z.trim(), z.maxLength(20), z.refine(...singleLine('来访人姓名'))), ''),
});

export const ReplyInputSchema = z.strictObject({
  text: z.string().check(z.trim(), z.minLength(1, { message: '请输入回复内容' }), z.maxLength(LIMITS.requestTextMax)),
});
export const RateInputSchema = z.strictObject({ satisfied: z.boolean({ message: '请选择满意或不满意' }) });
export const StatusInputSchema = z.strictObject({ status: z.enum(['in_progress', 'resolved', 'closed'], { message: '状态不正确' }) });
export const AssignInputSchema = z.strictObject({ assigneeId: RefIdSchema });

export const RequestSchema = z
  .object({
    id: z.int(),
    category: z.enum(REQUEST_CATEGORIES),
    text: z.string(),
    organisationId: z.int(),
    organisationName: z.string(),
    stationId: z.nullable(z.int()),
    eventId: z.nullable(z.int()),
    /** Signed path of the photo on the BFF (prefix the API base), valid for about an hour; only the worker and the organisers in scope get it. */
    photoUrl: z.nullable(z.string()),
    /**
     * WeChat's check of the photo: 'checking' (the worker sees it with a 审核中 note, organisers not
     * yet), 'risky' (hidden from everyone), null (shown, or no photo).
     */
    photoCheck: z.nullable(z.enum(['checking', 'risky'])),
    channel: z.enum(REQUEST_CHANNELS),
    status: z.enum(REQUEST_STATUSES),
    overdue: z.boolean(),
    dueAt: z.string(),
    createdAt: z.string(),
    resolvedAt: z.nullable(z.string()),
    rating: z.nullable(z.enum(['satisfied', 'unsatisfied'])),
    assigneeName: z.nullable(z.string()),
    /** Shown to organisers only: who filed it (nickname), for in-person follow-up. */
    reporterName: z.nullable(z.string()),
    replies: z.array(z.object({ id: z.int(), fromOrganiser: z.boolean(), author: z.string(), text: z.string(), createdAt: z.string() })),
  })
  .register(z.globalRegistry, { id: 'Request' });
export type WorkerRequest = z.infer<typeof RequestSchema>;
export const RequestListSchema = z.object({ items: z.array(RequestSchema) });
export const RequestQuerySchema = z.strictObject({
  status: z.optional(z.enum(REQUEST_STATUSES)),
  overdue: z.optional(
    z.pipe(
      z.enum(['true', 'false']),
      z.transform((v) => v === 'true'),
    ),
  ),
  organisationId: z.optional(IdSchema),
});
export const RequestStatsSchema = z
  .object({
    items: z.array(
      z.object({
        organisationId: z.int(),
        organisationName: z.string(),
        channel: z.enum(REQUEST_CHANNELS),
        received: z.int(),
        resolved: z.int(),
        overdue: z.int(),
        rated: z.int(),
        satisfied: z.int(),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'RequestStats' });

/** revoked: was a member, no longer (the card answers 已注销 when verified). */
export const MEMBERSHIP_STATUSES = ['pending', 'approved', 'rejected', 'revoked'] as const;
export const MembershipInputSchema = z
  .strictObject({
    organisationId: RefIdSchema,
    name: z.string().check(z.trim(), z.minLength(2, { message: '请填写真实姓名' }), z.maxLength(20), z.refine(...singleLine('姓名'))),
    phone: PhoneSchema,
    employer: z
      .string()
      .check(z.trim(), z.minLength(1, { message: '请填写工作单位或平台，例如 美团、顺丰' }), z.maxLength(40), z.refine(...singleLine('工作单位'))),
    occupation: z.enum(OCCUPATIONS, { message: '请选择职业' }),
    ceremonyEventId: z._default(z.nullable(RefIdSchema), null),
  })
  .register(z.globalRegistry, { id: 'MembershipInput' });
export const MembershipSchema = z
  .object({
    id: z.int(),
    organisationId: z.int(),
    organisationName: z.string(),
    status: z.enum(MEMBERSHIP_STATUSES),
    name: z.string(),
    /** Masked except to the applicant. */
    phone: z.string(),
    /** The phone is the one WeChat verified for the applicant (the phone button), not typed. */
    phoneVerified: z.boolean(),
    employer: z.string(),
    occupation: z.enum(OCCUPATIONS),
    ceremonyEventId: z.nullable(z.int()),
    memberNo: z.nullable(z.string()),
    /** The member card's signed code (M1.…), only to the member and only while approved. */
    cardCode: z._default(z.nullable(z.string()), null),
    rejectReason: z.nullable(z.string()),
    createdAt: z.string(),
    decidedAt: z.nullable(z.string()),
  })
  .register(z.globalRegistry, { id: 'Membership' });
export const MembershipListSchema = z.object({ items: z.array(MembershipSchema) });
/** An organiser's list of applications: by status, within one organisation of the subtree. */
export const MembershipQuerySchema = z.strictObject({ status: z.optional(z.enum(MEMBERSHIP_STATUSES)), organisationId: z.optional(IdSchema) });
/** An organiser verifies a member card (核验会员): the code scanned or typed. */
export const MemberCardVerifySchema = z.strictObject({
  code: z.string().check(z.trim(), z.minLength(1, { message: '请扫描或输入会员卡上的核验码' }), z.maxLength(200)),
});
export const MemberCardResultSchema = z
  .object({
    /** valid: a member now; revoked: was a member, no longer; invalid: forged or not a member card. */
    result: z.enum(['valid', 'invalid', 'revoked']),
    message: z.string(),
    name: z.nullable(z.string()),
    organisationName: z.nullable(z.string()),
    memberNo: z.nullable(z.string()),
  })
  .register(z.globalRegistry, { id: 'MemberCardResult' });
export type MemberCardResult = z.infer<typeof MemberCardResultSchema>;
export const RejectInputSchema = z.strictObject({
  reason: z.string().check(z.trim(), z.minLength(2, { message: '请说明不通过的原因，方便申请人修改' }), z.maxLength(200)),
});

export const DashboardSchema = z
  .object({
    organisation: z.object({ id: z.int(), name: z.string() }),
    visits: z.object({
      today: z.int(),
      workersToday: z.int(),
      workers30d: z.int(),
      perDay: z.array(z.object({ date: z.string(), visits: z.int() })),
    }),
    events: z.object({ held30d: z.int(), upcoming: z.int(), attendanceRate: z.nullable(z.number()), noShowRate: z.nullable(z.number()) }),
    matchmaking: z.object({ matches: z.int() }),
    requests: z.object({ received30d: z.int(), resolved30d: z.int(), open: z.int(), overdue: z.int() }),
    members: z.object({ new30d: z.int(), pending: z.int() }),
  })
  .register(z.globalRegistry, { id: 'Dashboard' });
export type Dashboard = z.infer<typeof DashboardSchema>;
