import * as z from 'zod/mini';
import { RefIdSchema, IdSchema, isoDateTime } from './common';
import { LIMITS } from '../limits';
import { GENDERS, OCCUPATIONS } from './user';
import { LatitudeSchema, LongitudeSchema } from './station';
import { UploadIdSchema } from './upload';

export const EVENT_KINDS = ['training', 'health', 'lecture', 'competition', 'culture', 'union_joining', 'matchmaking', 'other'] as const;
export const EventKindSchema = z.enum(EVENT_KINDS).register(z.globalRegistry, { id: 'EventKind' });
export type EventKind = z.infer<typeof EventKindSchema>;
export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  training: '技能培训',
  health: '健康体检',
  lecture: '讲座',
  competition: '技能竞赛',
  culture: '文艺活动',
  union_joining: '入会仪式',
  matchmaking: '青年交友',
  other: '其他活动',
};

/** Lectures cover many topics (safety, anti-fraud, first aid, rights): their badge names the topic their title gives. */
const LECTURE_TOPICS: Array<[RegExp, string]> = [
  [/反诈|诈骗/, '反诈讲座'],
  [/急救|心肺复苏|AED/i, '急救讲座'],
  [/劳动合同|权益|薪酬|工资|法律|维权/, '权益讲座'],
  [/健康|心理/, '健康讲座'],
  [/安全|交通|消防/, '安全讲座'],
];

/** The label of an event's kind as a worker should read it: for lectures, their topic. */
export function eventKindLabel(e: { kind: EventKind; title: string }): string {
  if (e.kind !== 'lecture') return EVENT_KIND_LABELS[e.kind];
  return LECTURE_TOPICS.find(([re]) => re.test(e.title))?.[1] ?? EVENT_KIND_LABELS.lecture;
}

export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const REGISTRATION_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = { confirmed: '已报名', waitlisted: '候补中', cancelled: '已取消' };

export const EligibilitySchema = z
  .strictObject({
    genders: z._default(z.array(z.enum(GENDERS)).check(z.maxLength(2)), []),
    minAge: z._default(z.nullable(z.int().check(z.gte(16), z.lte(100))), null),
    maxAge: z._default(z.nullable(z.int().check(z.gte(16), z.lte(100))), null),
    occupations: z._default(z.array(z.enum(OCCUPATIONS)).check(z.maxLength(OCCUPATIONS.length)), []),
    membersOnly: z._default(z.boolean(), false),
  })
  .check(z.refine((e) => e.minAge === null || e.maxAge === null || e.minAge <= e.maxAge, { message: '最小年龄不能大于最大年龄', path: ['maxAge'] }))
  .register(z.globalRegistry, { id: 'Eligibility' });
export type Eligibility = z.infer<typeof EligibilitySchema>;

const datetime = isoDateTime();

/** What an organiser may ask at registration; the worker's answers reach the organiser's attendance. */
export const QUESTION_KINDS = ['name', 'phone', 'company', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = { name: '姓名', phone: '手机号', company: '单位', text: '其他问题' };
export const QUESTIONS_MAX = 5;
export const ANSWER_TEXT_MAX = 200;

export const RegistrationQuestionSchema = z
  .strictObject({
    kind: z.enum(QUESTION_KINDS),
    /** Shown to the worker; for kind text the organiser's own question. */
    label: z.string().check(z.trim(), z.minLength(1, { message: '请填写问题' }), z.maxLength(40, { message: '问题最多40个字' })),
    required: z._default(z.boolean(), false),
  })
  .register(z.globalRegistry, { id: 'RegistrationQuestion' });
export type RegistrationQuestion = z.infer<typeof RegistrationQuestionSchema>;

export const RegistrationQuestionsSchema = z.array(RegistrationQuestionSchema).check(
  z.maxLength(QUESTIONS_MAX, { message: `报名问题最多${QUESTIONS_MAX}个` }),
  z.refine((qs) => new Set(qs.map((q) => q.label)).size === qs.length, { message: '报名问题不能重复' }),
);

/** The organiser's contact phone: a mobile or a landline with area code (e.g. 0571-88001234). */
export const ContactPhoneSchema = z
  .string()
  .check(z.trim(), z.regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { message: '联系电话须为11位手机号或带区号的座机号，例如0571-88001234' }));

/**
 * The answers a registration must carry for these questions, one per question in the same order
 * (empty string for an optional question left blank). Each missing required answer is its own issue.
 */
export function registrationAnswersSchema(questions: RegistrationQuestion[]) {
  return z.pipe(
    z
      ._default(
        z
          .array(z.string().check(z.trim(), z.maxLength(ANSWER_TEXT_MAX, { message: `回答最多${ANSWER_TEXT_MAX}个字` })))
          .check(z.maxLength(questions.length, { message: '回答比问题多，请刷新页面后再报名' })),
        [],
      )
      .check(
        z.superRefine((answers, ctx) => {
          questions.forEach((q, i) => {
            const a = answers[i] ?? '';
            if (!a) {
              if (q.required) ctx.addIssue({ code: 'custom', path: [i], message: `请填写“${q.label}”` });
            } else if (q.kind === 'phone' && !/^1[3-9]\d{9}$/.test(a)) {
              ctx.addIssue({ code: 'custom', path: [i], message: `“${q.label}”须为11位手机号码` });
            }
          });
        }),
      ),
    z.transform((answers) => questions.map((_, i) => answers[i] ?? '')),
  );
}

const eventFields = {
  organisationId: RefIdSchema,
  kind: EventKindSchema,
  title: z
    .string()
    .check(z.trim(), z.minLength(1, { message: '请填写活动名称' }), z.maxLength(LIMITS.eventTitleMax, { message: `活动名称最多${LIMITS.eventTitleMax}个字` })),
  description: z._default(z.string().check(z.trim(), z.maxLength(2000, { message: '活动介绍最多2000字' })), ''),
  /** A station as venue, or an address with coordinates. */
  stationId: z._default(z.nullable(RefIdSchema), null),
  venue: z._default(z.string().check(z.trim(), z.maxLength(120, { message: '地点最多120个字' })), ''),
  latitude: z._default(z.nullable(LatitudeSchema), null),
  longitude: z._default(z.nullable(LongitudeSchema), null),
  startsAt: datetime,
  endsAt: datetime,
  registrationOpensAt: datetime,
  registrationClosesAt: datetime,
  capacity: z.int().check(z.gte(1, { message: '名额至少为1' }), z.lte(100000)),
  waitlist: z._default(z.boolean(), true),
  cancellationDeadline: z._default(z.nullable(datetime), null),
  eligibility: z._default(EligibilitySchema, { genders: [], minAge: null, maxAge: null, occupations: [], membersOnly: false }),
  selfCheckin: z._default(z.boolean(), false),
  /** For training: the certificate the course ends in, e.g. 保育员上岗证书. */
  certificateName: z._default(z.nullable(z.string().check(z.trim(), z.maxLength(60))), null),
  contactPhone: z._default(z.nullable(ContactPhoneSchema), null),
  questions: z._default(RegistrationQuestionsSchema, []),
};

function checkTimes(
  e: { startsAt: string; endsAt: string; registrationOpensAt: string; registrationClosesAt: string; cancellationDeadline: string | null },
  ctx: z.core.$RefinementCtx,
) {
  const t = (s: string) => Date.parse(s);
  if (t(e.endsAt) <= t(e.startsAt)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间须晚于开始时间' });
  if (t(e.registrationClosesAt) <= t(e.registrationOpensAt))
    ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: '报名截止时间须晚于报名开始时间' });
  if (t(e.registrationClosesAt) > t(e.endsAt)) ctx.addIssue({ code: 'custom', path: ['registrationClosesAt'], message: '报名截止时间不能晚于活动结束' });
  if (e.cancellationDeadline && t(e.cancellationDeadline) > t(e.startsAt))
    ctx.addIssue({ code: 'custom', path: ['cancellationDeadline'], message: '取消截止时间不能晚于活动开始' });
}

/** Create an event (organiser); it starts as a draft until published. */
export const EventInputSchema = z
  .strictObject(eventFields)
  .check(
    z.superRefine((e, ctx) => {
      checkTimes(e, ctx);
      if (e.stationId === null && (!e.venue || e.latitude === null || e.longitude === null)) {
        ctx.addIssue({ code: 'custom', path: ['venue'], message: '请选择驿站作为地点，或填写地址和坐标' });
      }
    }),
  )
  .register(z.globalRegistry, { id: 'EventInput' });
export type EventInput = z.infer<typeof EventInputSchema>;

/** Edit an event; organisation and kind stay as created. */
export const EventPatchSchema = z
  .strictObject({
    title: z.optional(eventFields.title),
    description: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
    stationId: z.optional(z.nullable(RefIdSchema)),
    venue: z.optional(z.string().check(z.trim(), z.maxLength(120))),
    latitude: z.optional(z.nullable(LatitudeSchema)),
    longitude: z.optional(z.nullable(LongitudeSchema)),
    startsAt: z.optional(datetime),
    endsAt: z.optional(datetime),
    registrationOpensAt: z.optional(datetime),
    registrationClosesAt: z.optional(datetime),
    capacity: z.optional(eventFields.capacity),
    waitlist: z.optional(z.boolean()),
    cancellationDeadline: z.optional(z.nullable(datetime)),
    eligibility: z.optional(EligibilitySchema),
    selfCheckin: z.optional(z.boolean()),
    certificateName: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(60)))),
    contactPhone: z.optional(z.nullable(ContactPhoneSchema)),
    questions: z.optional(RegistrationQuestionsSchema),
    /** The cover image: a fresh upload of purpose 'event' by this organiser, or null to remove it. */
    coverId: z.optional(z.nullable(UploadIdSchema)),
  })
  .register(z.globalRegistry, { id: 'EventPatch' });
export type EventPatch = z.infer<typeof EventPatchSchema>;

export const EventCoverSchema = z
  .object({ id: z.string(), url: z.string(), state: z.enum(['shown', 'checking']) })
  .register(z.globalRegistry, { id: 'EventCover' });
export type EventCover = z.infer<typeof EventCoverSchema>;

/** An event as workers see it, with my own standing. */
export const EventSchema = z
  .object({
    id: z.int(),
    organisationId: z.int(),
    organisationName: z.string(),
    kind: EventKindSchema,
    title: z.string(),
    description: z.string(),
    stationId: z.nullable(z.int()),
    venue: z.string(),
    latitude: z.nullable(z.number()),
    longitude: z.nullable(z.number()),
    /** From where I said I am (lat/lng in the query); null without it or without a place. */
    distanceMetres: z.optional(z.nullable(z.int())),
    startsAt: z.string(),
    endsAt: z.string(),
    registrationOpensAt: z.string(),
    registrationClosesAt: z.string(),
    capacity: z.int(),
    seatsLeft: z.int(),
    waitlist: z.boolean(),
    waitlistCount: z.int(),
    cancellationDeadline: z.nullable(z.string()),
    eligibility: z.object({
      genders: z.array(z.enum(GENDERS)),
      minAge: z.nullable(z.int()),
      maxAge: z.nullable(z.int()),
      occupations: z.array(z.enum(OCCUPATIONS)),
      membersOnly: z.boolean(),
    }),
    selfCheckin: z.boolean(),
    certificateName: z.nullable(z.string()),
    /** The organiser's phone for questions about this event. */
    contactPhone: z.nullable(z.string()),
    /** What registering asks, in order. */
    questions: z.array(z.object({ kind: z.enum(QUESTION_KINDS), label: z.string(), required: z.boolean() })),
    /**
     * The cover image (signed link, a path on the BFF), or null. Workers see it once WeChat's check
     * passed (or none runs); the organiser also while it is 'checking'.
     */
    cover: z.nullable(EventCoverSchema),
    status: z.enum(EVENT_STATUSES),
    /** Present when the request is signed in. */
    me: z.nullable(
      z.object({
        eligible: z.boolean(),
        /** Why I cannot register, in Chinese; empty when eligible. */
        reasons: z.array(z.string()),
        registration: z.nullable(z.object({ id: z.int(), status: z.enum(REGISTRATION_STATUSES) })),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'Event' });
export type Event = z.infer<typeof EventSchema>;

export const EventListSchema = z.object({ items: z.array(EventSchema) });
export type EventList = z.infer<typeof EventListSchema>;

export const EventQuerySchema = z.strictObject({
  kind: z.optional(EventKindSchema),
  /** Events of this union and the unions under it: a city's or a district's. */
  organisationId: z.optional(IdSchema),
  /** Where I am: nearest first (events without a place last), each with its distance. */
  lat: z.optional(z.coerce.number().check(z.gte(-90, { message: '纬度不正确' }), z.lte(90, { message: '纬度不正确' }))),
  lng: z.optional(z.coerce.number().check(z.gte(-180, { message: '经度不正确' }), z.lte(180, { message: '经度不正确' }))),
  /** Only events I can register for (needs a sign-in to mean anything). */
  eligibleOnly: z.optional(
    z.pipe(
      z.enum(['true', 'false']),
      z.transform((v) => v === 'true'),
    ),
  ),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(LIMITS.pageSizeMax)), 50),
});
export type EventQuery = z.infer<typeof EventQuerySchema>;

/** My registration, with the ticket when confirmed. */
export const RegistrationSchema = z
  .object({
    id: z.int(),
    eventId: z.int(),
    status: z.enum(REGISTRATION_STATUSES),
    /** 1-based place in the waitlist, when waitlisted. */
    waitlistPosition: z.nullable(z.int()),
    registeredAt: z.string(),
    cancelledAt: z.nullable(z.string()),
    checkedInAt: z.nullable(z.string()),
    /** Training: the completion record, once checked in. */
    completed: z.boolean(),
    /** Signed ticket payload for the QR code; only for a confirmed registration. */
    ticket: z.nullable(z.string()),
    event: z.object({
      id: z.int(),
      title: z.string(),
      kind: EventKindSchema,
      startsAt: z.string(),
      endsAt: z.string(),
      venue: z.string(),
      status: z.enum(EVENT_STATUSES),
      certificateName: z.nullable(z.string()),
      cancellationDeadline: z.nullable(z.string()),
    }),
  })
  .register(z.globalRegistry, { id: 'Registration' });
export type Registration = z.infer<typeof RegistrationSchema>;
export const RegistrationListSchema = z.object({ items: z.array(RegistrationSchema) });

/** Register: the answers to the event's questions (checked against them by the server). */
export const RegisterSchema = z
  .strictObject({
    answers: z.optional(z.array(z.string().check(z.maxLength(ANSWER_TEXT_MAX * 2))).check(z.maxLength(QUESTIONS_MAX))),
  })
  .register(z.globalRegistry, { id: 'Register' });
export type RegisterInput = z.infer<typeof RegisterSchema>;

/** Which door device sent a scan, and its clock then: kept in the event's scan history. */
const doorDevice = {
  /** A random id the device keeps (letters, digits, - and _). */
  deviceId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, { message: '设备编号不正确' }))),
  deviceTime: z.optional(isoDateTime()),
};

/** The organiser's door scan. */
export const DoorScanSchema = z
  .strictObject({
    code: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    /** The organiser admits this ticket outside the door's hours on purpose; recorded as an override. */
    override: z.optional(z.boolean()),
    ...doorDevice,
  })
  .register(z.globalRegistry, { id: 'DoorScan' });
export const DoorScanResultSchema = z
  .object({
    /** ok: checked in now; already: checked in before (amber); the rest are refusals (red). */
    result: z.enum(['ok', 'already']),
    registrationId: z.int(),
    attendeeName: z.string(),
    checkedInAt: z.string(),
    checkedInBy: z.nullable(z.string()),
    message: z.string(),
    /** Admitted outside the door's hours by the organiser's override. */
    override: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'DoorScanResult' });
export type DoorScanResult = z.infer<typeof DoorScanResultSchema>;

export const AttendeeSchema = z
  .object({
    registrationId: z.int(),
    name: z.string(),
    phoneLast4: z.nullable(z.string()),
    status: z.enum(REGISTRATION_STATUSES),
    registeredAt: z.string(),
    checkedInAt: z.nullable(z.string()),
    completed: z.boolean(),
    /** Answers to the event's questions, same order as its `questions`; '' when left blank. */
    answers: z.array(z.string()),
  })
  .register(z.globalRegistry, { id: 'Attendee' });
export const AttendanceSchema = z
  .object({
    counts: z.object({
      capacity: z.int(),
      confirmed: z.int(),
      waitlisted: z.int(),
      cancelled: z.int(),
      checkedIn: z.int(),
      notArrived: z.int(),
      /** After the event: confirmed but never checked in. */
      noShows: z.nullable(z.int()),
    }),
    /** The event's questions, headers for each attendee's answers. */
    questions: z.array(z.object({ kind: z.enum(QUESTION_KINDS), label: z.string(), required: z.boolean() })),
    items: z.array(AttendeeSchema),
  })
  .register(z.globalRegistry, { id: 'Attendance' });
export type Attendance = z.infer<typeof AttendanceSchema>;

/** How an attendee got in: the door scanned their ticket, the organiser found them by name (manual), or they scanned the venue's code (self). */
export const CHECKIN_METHODS = ['scan', 'manual', 'self'] as const;
export type CheckinMethod = (typeof CHECKIN_METHODS)[number];

/** The door's search: a name (or part of one), or the last 4 or more digits of a phone. */
export const DoorSearchQuerySchema = z.strictObject({
  q: z.string().check(z.trim(), z.minLength(1, { message: '请输入姓名或手机号后4位' }), z.maxLength(20, { message: '最多20个字' })),
});
export const DoorAttendeeSchema = z.extend(z.pick(AttendeeSchema, { registrationId: true, name: true, phoneLast4: true, status: true, checkedInAt: true }), {
  checkinMethod: z.nullable(z.enum(CHECKIN_METHODS)),
});
export type DoorAttendee = z.infer<typeof DoorAttendeeSchema>;
export const DoorSearchSchema = z.object({
  items: z.array(DoorAttendeeSchema),
  /** How many matched; more than `items` when the search should be narrowed. */
  total: z.int(),
});
export type DoorSearch = z.infer<typeof DoorSearchSchema>;
/** A manual check-in at the door: `override` admits outside the door's hours (audited). */
export const DoorManualSchema = z.strictObject({ override: z.optional(z.boolean()), ...doorDevice });
/** Undoing a check-in made by mistake (kept in the history as an undo, never erased). */
export const DoorUndoSchema = z.strictObject(doorDevice);

/** What the history of an event's door holds: entries, their undos, and refused scans with the reason. */
export const DOOR_SCAN_KINDS = ['entry', 'undo', 'refused'] as const;
export type DoorScanKind = (typeof DOOR_SCAN_KINDS)[number];
export const DOOR_SCAN_REASONS = ['forged', 'wrong_event', 'cancelled', 'waitlisted', 'too_early', 'ended', 'already_in'] as const;
export type DoorScanReason = (typeof DOOR_SCAN_REASONS)[number];
export const DOOR_SCAN_REASON_LABELS: Record<DoorScanReason, string> = {
  forged: '票无效',
  wrong_event: '非本场',
  cancelled: '已取消',
  waitlisted: '候补中',
  too_early: '未到入场时间',
  ended: '活动已结束',
  already_in: '重复入场',
};
export const DoorScanRowSchema = z
  .object({
    id: z.int(),
    kind: z.enum(DOOR_SCAN_KINDS),
    reason: z.nullable(z.enum(DOOR_SCAN_REASONS)),
    method: z.enum([...CHECKIN_METHODS, 'migrated']),
    override: z.boolean(),
    registrationId: z.nullable(z.int()),
    /** The attendee's display name; null when the code named no one we could trust. */
    attendeeName: z.nullable(z.string()),
    /** Who scanned; null for self check-in. */
    scannedBy: z.nullable(z.string()),
    deviceId: z.nullable(z.string()),
    deviceTime: z.nullable(z.string()),
    receivedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'DoorScanRow' });
export type DoorScanRow = z.infer<typeof DoorScanRowSchema>;
export const DoorScanHistorySchema = z.object({ items: z.array(DoorScanRowSchema) });
export type DoorScanHistory = z.infer<typeof DoorScanHistorySchema>;
export const DoorScanHistoryQuerySchema = z.strictObject({ registrationId: z.optional(IdSchema) });

/** The door's counts, polled by every door device; `since` is the version the device shows. */
export const DoorCountsQuerySchema = z.strictObject({ since: z.optional(z.string().check(z.maxLength(40))) });
export const DoorCountsSchema = z.object({
  /** Changes whenever a count does. */
  version: z.string(),
  /** False when `since` is still current: the counts are left out. */
  changed: z.boolean(),
  checkedIn: z.optional(z.int()),
  /** Confirmed registrations: who is expected. */
  expected: z.optional(z.int()),
});
export type DoorCounts = z.infer<typeof DoorCountsSchema>;
export const AttendanceQuerySchema = z.strictObject({
  q: z.optional(z.string().check(z.trim(), z.maxLength(20))),
  status: z.optional(z.enum(['confirmed', 'waitlisted', 'cancelled', 'checked_in', 'not_arrived', 'no_show'])),
});

export const NotificationSchema = z
  .object({
    id: z.int(),
    title: z.string(),
    body: z.string(),
    eventId: z.nullable(z.int()),
    createdAt: z.string(),
    read: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'Notification' });
export const NotificationListSchema = z.object({ items: z.array(NotificationSchema), unread: z.int() });
