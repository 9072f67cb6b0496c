import { createHmac } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { parseTemplates, type TemplateMap } from './services/subscribe-templates';

/** Repository root: bff/src (ts) and bff/dist (js) are both two levels below it. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }).transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z
  .object({
    // No default here: an unset NODE_ENV beside a MySQL store is a question, not development (see below).
    NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).optional(),
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
    WECHAT_WXACODE_ENV: z.enum(['release', 'trial', 'develop'], { message: 'must be release, trial or develop' }).default('release'),
    WECHAT_WXACODE_CHECK_PATH: bool.default(true),
    WECHAT_SUBSCRIBE_TEMPLATES: z.string().optional(),
    WECHAT_OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(600000).default(2000),
    WECHAT_PUSH_TOKEN: z
      .string()
      .regex(/^[A-Za-z0-9]{3,32}$/, { message: 'must be the 3 to 32 letters or digits set as Token in 开发管理 → 消息推送' })
      .optional(),
    WECHAT_API_BASE: z.string().url({ message: 'must be a URL such as https://api.weixin.qq.com' }).default('https://api.weixin.qq.com'),
    SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    H5_DIR: z
      .string()
      .min(1)
      .default(path.join(REPO_ROOT, 'client', 'dist', 'h5')),
    PUBLIC_URL: z
      .string()
      .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/, {
        message: 'must be the public origin people reach, e.g. https://xlx.example.org (no path: scanned links go under /q/)',
      })
      .optional(),
    WECHAT_VERIFY_FILE: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}\.txt:[A-Za-z0-9]{1,128}$/, {
        message: 'must be <file name>.txt:<content> as the WeChat console gives them, e.g. MP_verify_abc.txt:0123abcd',
      })
      .optional(),
    CHECKIN_DEDUPE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    DOOR_OPENS_MINUTES_BEFORE: z.coerce
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(120),
    MATCH_CONTACT_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, { message: 'must be 64 hex characters (32 random bytes), e.g. from `openssl rand -hex 32`' })
      .optional(),
    MEDIA_URL_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, { message: 'must be 64 hex characters (32 random bytes), e.g. from `openssl rand -hex 32`' })
      .optional(),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
      .optional(),
    RATE_LIMIT_SCALE: z.coerce.number().min(0).max(10000).default(1),
    RATE_LIMIT_NAMESPACE: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'letters, digits, _ and - only' })
      .default('xlx'),
    CORS_ORIGINS: z.string().default(''),
    TRUST_PROXY_HOPS: z.coerce
      .number({ message: 'must be the number of proxies in front of the server (0-5)' })
      .int()
      .min(0, { message: 'must be 0-5' })
      .max(5, { message: 'must be 0-5' })
      .default(0),
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
    if (env.NODE_ENV === undefined && env.DATABASE_URL && env.DEV_SIGNIN !== true) {
      // A production database with NODE_ENV forgotten would otherwise run with dev sign-in and the public development keys.
      ctx.addIssue({
        code: 'custom',
        path: ['NODE_ENV'],
        message: 'is unset while DATABASE_URL is set: set NODE_ENV=production for a real server, or DEV_SIGNIN=true to run a development server on MySQL',
      });
    }
    if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'is required when NODE_ENV=production (every printed and screen code is a link under it)',
      });
    } else if (env.NODE_ENV === 'production' && !env.PUBLIC_URL!.startsWith('https://')) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'must be https:// when NODE_ENV=production (WeChat opens the mini-program only from https links)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required when NODE_ENV=production (the embedded store is for development)' });
    }
  });

/** Development and tests only: production refuses to start without its own MATCH_CONTACT_KEY. */
const DEV_MATCH_CONTACT_KEY = 'xinlianxin-development-contact-key-not-for-production';

const SECRET_KEYS = new Set(['WECHAT_SECRET', 'WECHAT_PUSH_TOKEN', 'DATABASE_URL', 'MATCH_CONTACT_KEY', 'MEDIA_URL_KEY', 'REDIS_URL']);

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  db: { kind: 'mysql'; url: string; poolSize: number } | { kind: 'sqlite'; file: string };
  demoData: 'auto' | 'true' | 'false';
  devSignIn: boolean;
  /** wxacodeEnv / wxacodeCheckPath: which mini-program version a mini-program code opens, and whether WeChat checks its page exists. */
  wechat: { appId?: string; secret?: string; apiBase: string; wxacodeEnv: 'release' | 'trial' | 'develop'; wxacodeCheckPath: boolean; pushToken?: string };
  /** Subscription message templates by kind (WECHAT_SUBSCRIBE_TEMPLATES), validated at start-up. */
  subscribeTemplates: TemplateMap;
  /** How often each process looks for due reminders and unsent messages. */
  outboxPollMs: number;
  sessionTtlMs: number;
  logLevel: string;
  h5Dir: string;
  shutdownGraceMs: number;
  /**
   * Origin of every link the server hands out (scannable codes, kiosk links), never taken from a
   * request. Unset (development only): server.ts fills in the address it listens on.
   */
  publicUrl: string;
  /** The WeChat console's domain verification file (name, content), served at /<name> and /q/<name>. */
  wechatVerifyFile?: { name: string; content: string };
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
  /** Proxies in front of the server whose X-Forwarded-For entry is believed; 0 trusts none (the socket's address counts). */
  trustProxyHops: number;
  /** Start-up warnings the server prints loudly (a development server on a real database). */
  warnings: string[];
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
  const e = { ...parsed.data, NODE_ENV: parsed.data.NODE_ENV ?? 'development' };
  const warnings: string[] = [];
  if (e.NODE_ENV !== 'production' && e.DATABASE_URL) {
    warnings.push(
      `THIS IS A DEVELOPMENT SERVER (NODE_ENV=${parsed.data.NODE_ENV ?? 'unset'}) on MySQL: ${(e.DEV_SIGNIN ?? true) ? 'anyone can sign in as anyone through /api/v1/auth/dev, ' : ''}${e.MATCH_CONTACT_KEY ? '' : 'contacts are sealed with the public development key, '}never use it for real people's data; set NODE_ENV=production for that`,
    );
  }
  const templates = parseTemplates(e.WECHAT_SUBSCRIBE_TEMPLATES);
  if (templates.problems.length) throw new ConfigError(templates.problems.map((p) => `WECHAT_SUBSCRIBE_TEMPLATES ${p}`));
  const matchContactKey = e.MATCH_CONTACT_KEY ?? DEV_MATCH_CONTACT_KEY;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    db: e.DATABASE_URL
      ? { kind: 'mysql', url: e.DATABASE_URL, poolSize: e.DB_POOL_SIZE }
      : { kind: 'sqlite', file: path.join(e.DATA_DIR, 'xinlianxin.sqlite') },
    demoData: e.DEMO_DATA,
    devSignIn: e.DEV_SIGNIN ?? e.NODE_ENV !== 'production',
    wechat: {
      appId: e.WECHAT_APPID,
      secret: e.WECHAT_SECRET,
      apiBase: e.WECHAT_API_BASE.replace(/\/+$/, ''),
      wxacodeEnv: e.WECHAT_WXACODE_ENV,
      wxacodeCheckPath: e.WECHAT_WXACODE_CHECK_PATH,
      pushToken: e.WECHAT_PUSH_TOKEN,
    },
    sessionTtlMs: e.SESSION_TTL_DAYS * 24 * 3600 * 1000,
    logLevel: e.LOG_LEVEL,
    h5Dir: e.H5_DIR,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    publicUrl: (e.PUBLIC_URL ?? '').replace(/\/+$/, ''),
    wechatVerifyFile: e.WECHAT_VERIFY_FILE ? { name: e.WECHAT_VERIFY_FILE.split(':')[0], content: e.WECHAT_VERIFY_FILE.split(':')[1] } : undefined,
    checkinDedupeMinutes: e.CHECKIN_DEDUPE_MINUTES,
    doorOpensMinutesBefore: e.DOOR_OPENS_MINUTES_BEFORE,
    matchContactKey,
    // One secret fewer to manage, yet rotating this key (it only voids photo links) leaves contacts sealed.
    mediaUrlKey: e.MEDIA_URL_KEY ?? createHmac('sha256', matchContactKey).update('xlx:media-url-key:v1').digest('hex'),
    redisUrl: e.REDIS_URL,
    rateLimitScale: e.RATE_LIMIT_SCALE,
    rateLimitNamespace: e.RATE_LIMIT_NAMESPACE,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((s) => s.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    trustProxyHops: e.TRUST_PROXY_HOPS,
    warnings,
    responseLog: e.RESPONSE_LOG,
    subscribeTemplates: templates.templates,
    outboxPollMs: e.WECHAT_OUTBOX_POLL_MS,
  };
}
