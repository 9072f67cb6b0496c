import { z } from 'zod';
import { IdSchema, isoDateTime } from './common';
import { LatitudeSchema, LongitudeSchema, StationSchema } from './station';

/** A check-in request; the same clientRequestId always answers with the same check-in. */
export const CheckinRequestSchema = z
  .object({
    code: z.string().trim().min(1, { message: '请扫描或输入签到码' }).max(200, { message: '签到码太长，请重新扫描' }),
    clientRequestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: '缺少有效的请求编号，请更新小程序后重试' }),
    location: z
      .object({ latitude: LatitudeSchema, longitude: LongitudeSchema, accuracy: z.number().min(0).max(100000).optional() })
      .strict()
      .optional(),
    /** When the scan happened, for check-ins queued on the device without network. */
    clientTime: isoDateTime('扫码时间格式不正确').optional(),
  })
  .strict()
  .meta({ id: 'CheckinRequest' });
export type CheckinRequest = z.infer<typeof CheckinRequestSchema>;

export const CheckinResultSchema = z
  .object({
    id: z.number().int(),
    /** True when an earlier check-in within the dedupe window was returned instead of a new one. */
    duplicate: z.boolean(),
    checkedInAt: z.string(),
    /** What to show: 签到成功, or 已于 HH:mm 签到. */
    message: z.string(),
    station: StationSchema,
  })
  .meta({ id: 'CheckinResult' });
export type CheckinResult = z.infer<typeof CheckinResultSchema>;

export const VisitSchema = z
  .object({
    id: z.number().int(),
    stationId: z.number().int(),
    stationName: z.string(),
    checkedInAt: z.string(),
    offline: z.boolean(),
  })
  .meta({ id: 'Visit' });
export type Visit = z.infer<typeof VisitSchema>;

export const VisitListSchema = z.object({ items: z.array(VisitSchema), nextCursor: z.number().int().nullable() });
export type VisitList = z.infer<typeof VisitListSchema>;

export const VisitQuerySchema = z
  .object({
    /** Return visits older than this id (keyset pagination). */
    before: IdSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(30),
  })
  .strict();
