import { AppError } from '../lib/app-error';

export interface WechatSession {
  openid: string;
  sessionKey: string;
  unionid?: string;
}

/** WeChat's jscode2session, behind an interface so tests can point at a fake server. */
export interface WechatClient {
  readonly configured: boolean;
  code2Session(code: string): Promise<WechatSession>;
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
  constructor(
    private readonly opts: { appId?: string; secret?: string; apiBase: string; timeoutMs?: number },
  ) {
    this.configured = Boolean(opts.appId && opts.secret);
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
