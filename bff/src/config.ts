import { createHmac } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/** Repository root: bff/src (ts) and bff/dist (js) are both two levels below it. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535, { message: 'must be 0-65535' }).default(3000),
    DATABASE_URL: z
      .string()
      .regex(/^(mysql|mariadb):\/\/.+/, { message: 'must be a mysql:// URL, or unset for the embedded SQLite store' })
      .optional(),
    DATA_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'data')),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DEMO_DATA: z.enum(['auto', 'true', 'false'], { message: 'must be auto, true or false' }).default('auto'),
    DEV_SIGNIN: bool.optional(),
    WECHAT_APPID: z.string().min(1).optional(),
    WECHAT_SECRET: z.string().min(1).optional(),
    WECHAT_API_BASE: z.string().url({ message: 'must be a URL such as https://api.weixin.qq.com' }).default('https://api.weixin.qq.com'),
    SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    H5_DIR: z.string().min(1).default(path.join(REPO_ROOT, 'client', 'dist', 'h5')),
    PUBLIC_URL: z.string().url({ message: 'must be the public base URL, e.g. https://xlx.example.org' }).optional(),
    CHECKIN_DEDUPE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    DOOR_OPENS_MINUTES_BEFORE: z.coerce.number().int().min(0).max(7 * 24 * 60).default(120),
    MATCH_CONTACT_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, { message: 'must be 64 hex characters (32 random bytes), e.g. from `openssl rand -hex 32`' }).optional(),
    MEDIA_URL_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, { message: 'must be 64 hex characters (32 random bytes), e.g. from `openssl rand -hex 32`' }).optional(),
    REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' }).optional(),
    RATE_LIMIT_SCALE: z.coerce.number().min(0).max(10000).default(1),
    RATE_LIMIT_NAMESPACE: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'letters, digits, _ and - only' }).default('xlx'),
    CORS_ORIGINS: z.string().default(''),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120000).default(10000),
    RESPONSE_LOG: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.DEV_SIGNIN === true) {
      ctx.addIssue({ code: 'custom', path: ['DEV_SIGNIN'], message: 'must not be enabled when NODE_ENV=production' });
    }
    if (Boolean(env.WECHAT_APPID) !== Boolean(env.WECHAT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: [env.WECHAT_APPID ? 'WECHAT_SECRET' : 'WECHAT_APPID'], message: 'WECHAT_APPID and WECHAT_SECRET go together' });
    }
    if (env.NODE_ENV === 'production' && !env.MATCH_CONTACT_KEY) {
      ctx.addIssue({ code: 'custom', path: ['MATCH_CONTACT_KEY'], message: 'is required when NODE_ENV=production (it seals matchmaking contacts)' });
    }
    if (env.NODE_ENV === 'production' && env.RESPONSE_LOG) {
      ctx.addIssue({ code: 'custom', path: ['RESPONSE_LOG'], message: 'records every response and is for tests only; unset it when NODE_ENV=production' });
    }
    if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required when NODE_ENV=production (the embedded store is for development)' });
    }
  });

/** Development and tests only: production refuses to start without its own MATCH_CONTACT_KEY. */
const DEV_MATCH_CONTACT_KEY = 'xinlianxin-development-contact-key-not-for-production';

const SECRET_KEYS = new Set(['WECHAT_SECRET', 'DATABASE_URL', 'MATCH_CONTACT_KEY', 'MEDIA_URL_KEY', 'REDIS_URL']);

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  db: { kind: 'mysql'; url: string; poolSize: number } | { kind: 'sqlite'; file: string };
  demoData: 'auto' | 'true' | 'false';
  devSignIn: boolean;
  wechat: { appId?: string; secret?: string; apiBase: string };
  sessionTtlMs: number;
  logLevel: string;
  h5Dir: string;
  shutdownGraceMs: number;
  /** Base URL for links the server hands out (kiosk links); the request's origin when unset. */
  publicUrl: string;
  checkinDedupeMinutes: number;
  /** The door admits tickets from this many minutes before an event starts until it ends. */
  doorOpensMinutesBefore: number;
  /** Seals matchmaking contacts; a fixed development key outside production. */
  matchContactKey: string;
  /** Signs photo links (hex); derived from the contact key unless MEDIA_URL_KEY sets its own. */
  mediaUrlKey: string;
  /** Rate-limit counters in Redis when set, else in the store. */
  redisUrl?: string;
  /** Multiplies every rate limit; 0 turns limiting off. */
  rateLimitScale: number;
  /** Prefix of the counters' keys, so that deployments sharing a Redis keep apart. */
  rateLimitNamespace: string;
  /** Browser origins allowed to call the API cross-origin (the H5 build itself is same-origin). */
  corsOrigins: string[];
  /** Tests only: a file that gets every API response (status, headers, body), for the leak guard. */
  responseLog?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses and validates the environment once; every bad variable is named in the error. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? '(env)');
        // Secrets are never echoed back, even in a start-up error.
        const shown = SECRET_KEYS.has(key) ? '(hidden)' : JSON.stringify(input[key] ?? null);
        return `${key} ${i.message} (got ${shown})`;
      }),
    );
  }
  const e = parsed.data;
  const matchContactKey = e.MATCH_CONTACT_KEY ?? DEV_MATCH_CONTACT_KEY;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    db: e.DATABASE_URL ? { kind: 'mysql', url: e.DATABASE_URL, poolSize: e.DB_POOL_SIZE } : { kind: 'sqlite', file: path.join(e.DATA_DIR, 'xinlianxin.sqlite') },
    demoData: e.DEMO_DATA,
    devSignIn: e.DEV_SIGNIN ?? e.NODE_ENV !== 'production',
    wechat: { appId: e.WECHAT_APPID, secret: e.WECHAT_SECRET, apiBase: e.WECHAT_API_BASE.replace(/\/+$/, '') },
    sessionTtlMs: e.SESSION_TTL_DAYS * 24 * 3600 * 1000,
    logLevel: e.LOG_LEVEL,
    h5Dir: e.H5_DIR,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    publicUrl: (e.PUBLIC_URL ?? '').replace(/\/+$/, ''),
    checkinDedupeMinutes: e.CHECKIN_DEDUPE_MINUTES,
    doorOpensMinutesBefore: e.DOOR_OPENS_MINUTES_BEFORE,
    matchContactKey,
    // One secret fewer to manage, yet rotating this key (it only voids photo links) leaves contacts sealed.
    mediaUrlKey: e.MEDIA_URL_KEY ?? createHmac('sha256', matchContactKey).update('xlx:media-url-key:v1').digest('hex'),
    redisUrl: e.REDIS_URL,
    rateLimitScale: e.RATE_LIMIT_SCALE,
    rateLimitNamespace: e.RATE_LIMIT_NAMESPACE,
    corsOrigins: e.CORS_ORIGINS.split(',').map((s) => s.trim().replace(/\/+$/, '')).filter(Boolean),
    responseLog: e.RESPONSE_LOG,
  };
}
