import { AppError } from '../lib/app-error';
import { AccessTokenProvider, type TokenCache } from './wechat-token';

export interface WechatSession {
  openid: string;
  sessionKey: string;
  unionid?: string;
}

/** A WeChat server API answer: JSON, or an image (getwxacodeunlimit answers PNG bytes on success). */
export interface WechatReply {
  json?: Record<string, unknown>;
  image?: { bytes: Buffer; contentType: string };
}

/** WeChat answered with an errcode other than 0, or with an HTTP error (errcode -2), or not at all (-3). */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat errcode ${errcode}: ${errmsg}`);
  }
}

/** errcodes that mean the access token is invalid (40001, 40014) or expired (42001). */
export const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

/** WeChat's server APIs, behind an interface so tests can point at a fake server. */
export interface WechatClient {
  readonly configured: boolean;
  code2Session(code: string): Promise<WechatSession>;
  /**
   * POSTs JSON to a WeChat API that takes `?access_token=`: a shared token, refreshed once and
   * the call retried once when WeChat calls it invalid or expired. Throws WechatApiError for any errcode.
   */
  callWithToken(path: string, body: Record<string, unknown>): Promise<WechatReply>;
  /** Where the shared access token lives (Redis or the store); set once at start-up. */
  useTokenCache(cache: TokenCache): void;
  readonly hasTokenCache: boolean;
}

interface Code2SessionReply {
  openid?: string;
  session_key?: string;
  unionid?: string;
  errcode?: number;
  errmsg?: string;
}

/** errcodes that mean the code itself is bad: the user should reopen the mini-program. */
const INVALID_CODE = new Set([40029, 40163, 40226]);

export class HttpWechatClient implements WechatClient {
  readonly configured: boolean;
  private tokens: AccessTokenProvider | null = null;

  constructor(private readonly opts: { appId?: string; secret?: string; apiBase: string; timeoutMs?: number; tokenCache?: TokenCache; now?: () => number }) {
    this.configured = Boolean(opts.appId && opts.secret);
    if (opts.tokenCache) this.useTokenCache(opts.tokenCache);
  }

  get hasTokenCache(): boolean {
    return this.tokens !== null;
  }

  useTokenCache(cache: TokenCache): void {
    this.tokens = new AccessTokenProvider(cache, (force) => this.stableToken(force), this.opts.now);
  }

  /** `POST /cgi-bin/stable_token`: WeChat's token that stays the same while valid (forced: a new one). */
  private async stableToken(forceRefresh: boolean): Promise<{ token: string; expiresInSeconds: number }> {
    const reply = await this.post('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: this.opts.appId,
      secret: this.opts.secret,
      force_refresh: forceRefresh,
    });
    const json = reply.json ?? {};
    if (typeof json.access_token !== 'string' || typeof json.expires_in !== 'number') throw new WechatApiError(-2, 'stable_token answered no token');
    return { token: json.access_token, expiresInSeconds: json.expires_in };
  }

  async callWithToken(path: string, body: Record<string, unknown>): Promise<WechatReply> {
    if (!this.configured || !this.tokens) throw new AppError('NOT_FOUND', '未配置微信小程序的 AppID 和密钥，无法使用该功能，请联系管理员');
    const token = await this.tokens.get();
    try {
      return await this.post(path, body, token);
    } catch (err) {
      if (!(err instanceof WechatApiError) || !TOKEN_ERRORS.has(err.errcode)) throw err;
      return this.post(path, body, await this.tokens.invalidate(token));
    }
  }

  /** One POST; a JSON answer with a non-zero errcode becomes a WechatApiError. */
  private async post(path: string, body: Record<string, unknown>, accessToken?: string): Promise<WechatReply> {
    const url = new URL(path, this.opts.apiBase);
    if (accessToken) url.search = new URLSearchParams({ access_token: accessToken }).toString();
    let res: Response;
    let bytes: Buffer;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
      });
      bytes = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      throw new WechatApiError(-3, `no answer: ${(err as Error).message}`);
    }
    if (!res.ok) throw new WechatApiError(-2, `HTTP ${res.status}`);
    const type = res.headers.get('content-type') ?? '';
    if (type.startsWith('image/')) return { image: { bytes, contentType: type } };
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new WechatApiError(-2, 'answer is neither JSON nor an image');
    }
    const errcode = Number(json.errcode ?? 0);
    if (errcode !== 0) throw new WechatApiError(errcode, String(json.errmsg ?? ''));
    return { json };
  }

  async code2Session(code: string): Promise<WechatSession> {
    if (!this.opts.appId || !this.opts.secret) throw new AppError('NOT_FOUND', '未配置微信登录，请使用开发登录或联系管理员');
    const url = new URL('/sns/jscode2session', this.opts.apiBase);
    url.search = new URLSearchParams({ appid: this.opts.appId, secret: this.opts.secret, js_code: code, grant_type: 'authorization_code' }).toString();
    let reply: Code2SessionReply;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000) });
      if (!res.ok) throw new Error(`code2Session HTTP ${res.status}`);
      reply = (await res.json()) as Code2SessionReply;
    } catch {
      throw new AppError('UPSTREAM_UNAVAILABLE');
    }
    if (reply.errcode && reply.errcode !== 0) {
      if (INVALID_CODE.has(reply.errcode)) throw new AppError('WECHAT_CODE_INVALID');
      if (reply.errcode === 45011) throw new AppError('RATE_LIMITED', '登录太频繁，请稍等一分钟再试', undefined, { 'Retry-After': '60' });
      throw new AppError('UPSTREAM_UNAVAILABLE');
    }
    if (!reply.openid || !reply.session_key) throw new AppError('UPSTREAM_UNAVAILABLE');
    return { openid: reply.openid, sessionKey: reply.session_key, unionid: reply.unionid };
  }
}
