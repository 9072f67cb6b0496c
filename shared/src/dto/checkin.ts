import * as z from 'zod/mini';
import { IdSchema, isoDateTime } from './common';
import { LatitudeSchema, LongitudeSchema, StationSchema } from './station';

/** A check-in request; the same clientRequestId always answers with the same check-in. */
export const CheckinRequestSchema = z
  .strictObject({
    code: z.string().check(z.trim(), z.minLength(1, { message: '请扫描或输入签到码' }), z.maxLength(200, { message: '签到码太长，请重新扫描' })),
    clientRequestId: z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, { message: '缺少有效的请求编号，请更新小程序后重试' })),
    location: z.optional(
      z.strictObject({ latitude: LatitudeSchema, longitude: LongitudeSchema, accuracy: z.optional(z.number().check(z.gte(0), z.lte(100000))) }),
    ),
    /** When the scan happened, for check-ins queued on the device without network. */
    clientTime: z.optional(isoDateTime('扫码时间格式不正确')),
  })
  .register(z.globalRegistry, { id: 'CheckinRequest' });
export type CheckinRequest = z.infer<typeof CheckinRequestSchema>;

export const CheckinResultSchema = z
  .object({
    id: z.int(),
    /** True when an earlier check-in within the dedupe window was returned instead of a new one. */
    duplicate: z.boolean(),
    checkedInAt: z.string(),
    /** What to show: 签到成功, or 已于 HH:mm 签到. */
    message: z.string(),
    station: StationSchema,
  })
  .register(z.globalRegistry, { id: 'CheckinResult' });
export type CheckinResult = z.infer<typeof CheckinResultSchema>;

export const VisitSchema = z
  .object({
    id: z.int(),
    stationId: z.int(),
    stationName: z.string(),
    checkedInAt: z.string(),
    offline: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'Visit' });
export type Visit = z.infer<typeof VisitSchema>;

export const VisitListSchema = z.object({ items: z.array(VisitSchema), nextCursor: z.nullable(z.int()) });
export type VisitList = z.infer<typeof VisitListSchema>;

export const VisitQuerySchema = z.strictObject({
  /** Return visits older than this id (keyset pagination). */
  before: z.optional(IdSchema),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 30),
});
