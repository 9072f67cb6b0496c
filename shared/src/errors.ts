import * as z from 'zod/mini';

/** Every error code the API can answer with, and the HTTP status each maps to. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  WECHAT_CODE_INVALID: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  QR_INVALID: 400,
  QR_EXPIRED: 410,
  STATION_INACTIVE: 409,
  LOCATION_REQUIRED: 400,
  TOO_FAR: 403,
  NOT_ELIGIBLE: 403,
  REGISTRATION_CLOSED: 409,
  EVENT_FULL: 409,
  TICKET_INVALID: 400,
  TICKET_WRONG_EVENT: 409,
  TICKET_NOT_CONFIRMED: 409,
  DOOR_NOT_OPEN: 409,
  PICK_REFUSED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UPSTREAM_UNAVAILABLE: 502,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

/** Default Chinese messages: shown to workers, so each says what to do next. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '填写的内容有误，请按提示修改后再提交',
  BAD_REQUEST: '请求格式不正确，请刷新后重试',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  WECHAT_CODE_INVALID: '微信登录凭证无效或已过期，请重新进入小程序再试',
  FORBIDDEN: '您没有权限进行此操作，如有需要请联系工会管理员',
  NOT_FOUND: '内容不存在或已被删除',
  CONFLICT: '操作与当前状态冲突，请刷新后重试',
  QR_INVALID: '无法识别这个二维码，请扫描驿站墙上或屏幕上的心连新签到码',
  QR_EXPIRED: '签到码已过期，请扫描屏幕上最新的二维码',
  STATION_INACTIVE: '该驿站暂停服务，暂不能签到，请前往附近其他驿站',
  LOCATION_REQUIRED: '该驿站需要核验位置，请允许获取位置后重新扫码',
  TOO_FAR: '您离驿站太远，请到驿站现场后再扫码签到',
  NOT_ELIGIBLE: '您不符合本活动的报名条件，可以看看其他活动',
  REGISTRATION_CLOSED: '当前不在报名时间内，请留意活动的报名时间',
  EVENT_FULL: '名额已满，可以看看其他活动',
  TICKET_INVALID: '无法识别这张票，请让参加者打开小程序里的电子票',
  TICKET_WRONG_EVENT: '这张票不是本场活动的，请核对活动名称',
  TICKET_NOT_CONFIRMED: '这张票没有有效名额（已取消或仍在候补），不能入场',
  DOOR_NOT_OPEN: '现在不在入场时间内，请在活动开始前后再来',
  PICK_REFUSED: '暂时不能选择，请看提示',
  PAYLOAD_TOO_LARGE: '提交的内容太大，请精简后再试',
  UNSUPPORTED_MEDIA_TYPE: '只能上传 JPG、PNG 或 WebP 格式的照片，请换一张照片再试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '服务器开小差了，请稍后再试',
  UPSTREAM_UNAVAILABLE: '微信服务暂时不可用，请稍后再试',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
};

export const FieldIssueSchema = z
  .object({
    /** Dotted path of the failing field, e.g. "birthYear" or "items.0.name". */
    path: z.string(),
    /** Chinese, says how to fix the value. */
    message: z.string(),
    /** Machine-readable reason (zod issue code). */
    code: z.string(),
  })
  .register(z.globalRegistry, { id: 'FieldIssue' });
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.optional(z.unknown()),
      requestId: z.string(),
    }),
  })
  .register(z.globalRegistry, { id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export function isErrorBody(value: unknown): value is ErrorBody {
  return ErrorBodySchema.safeParse(value).success;
}
