import * as z from 'zod/mini';
import { SessionSchema } from './auth';

/** Seconds a browser's sign-in code stays valid; the sign-in page renews it before then. */
export const BROWSER_LOGIN_TTL_SECONDS = 120;
/** Longest a browser's wait for approval is held open by the server, in seconds. */
export const BROWSER_LOGIN_WAIT_SECONDS = 25;

/** POST /auth/browser: a new sign-in code for this browser, and the secret only it holds. */
export const BrowserLoginCreatedSchema = z.object({
  id: z.int(),
  /** The L1 payload the sign-in page shows as a QR code. */
  code: z.string(),
  /** Presented to collect the session; never shown, never in the code. */
  secret: z.string(),
  expiresAt: z.string(),
});
export type BrowserLoginCreated = z.infer<typeof BrowserLoginCreatedSchema>;

/** POST /auth/browser/wait: the browser presents its ticket and secret. */
export const BrowserLoginWaitSchema = z.strictObject({
  id: z.number({ message: '缺少登录码编号' }).check(z.int(), z.positive(), z.lte(2_147_483_647)),
  secret: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, { message: '登录凭证格式不正确，请刷新页面' })),
});
export type BrowserLoginWait = z.infer<typeof BrowserLoginWaitSchema>;

export const BROWSER_LOGIN_WAIT_STATUSES = ['pending', 'declined', 'expired', 'signed_in'] as const;

/** Still pending (wait again), settled without a session, or signed in with the session. */
export const BrowserLoginWaitResultSchema = z.object({
  status: z.enum(BROWSER_LOGIN_WAIT_STATUSES),
  session: z.optional(SessionSchema),
});
export type BrowserLoginWaitResult = z.infer<typeof BrowserLoginWaitResultSchema>;

/** The scanned sign-in code, as the mini-program read it (payload or link). */
export const BrowserLoginCodeSchema = z.strictObject({
  code: z.string().check(z.trim(), z.minLength(1, { message: '缺少登录码，请重新扫码' }), z.maxLength(200, { message: '登录码太长，请重新扫码' })),
});
export type BrowserLoginCode = z.infer<typeof BrowserLoginCodeSchema>;

/** What the mini-program user confirms: which browser asks, and since when. */
export const BrowserLoginDescriptionSchema = z.object({
  /** e.g. "Chrome · Windows" */
  browser: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type BrowserLoginDescription = z.infer<typeof BrowserLoginDescriptionSchema>;

export const SESSION_KINDS = ['miniprogram', 'browser', 'dev'] as const;
export const SESSION_KIND_LABELS: Record<(typeof SESSION_KINDS)[number], string> = { miniprogram: '微信小程序', browser: '浏览器', dev: '演示登录' };

/** One of my signed-in devices (GET /me/sessions). */
export const DeviceSessionSchema = z
  .object({
    id: z.int(),
    kind: z.enum(SESSION_KINDS),
    /** What signed in: "微信小程序", or the browser, e.g. "Chrome · Windows". */
    label: z.string(),
    createdAt: z.string(),
    expiresAt: z.string(),
    /** The session making this request. */
    current: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'DeviceSession' });
export type DeviceSession = z.infer<typeof DeviceSessionSchema>;
export const DeviceSessionListSchema = z.object({ items: z.array(DeviceSessionSchema) });
export type DeviceSessionList = z.infer<typeof DeviceSessionListSchema>;
