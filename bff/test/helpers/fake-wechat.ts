import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { qrPng } from '../../src/lib/qr-image';

/** What a test can make any call answer instead: a WeChat errcode, or an HTTP error. */
export type Failure = { errcode: number; errmsg?: string } | { http: number };

/** One call the fake received: path, query and JSON body. */
export interface FakeCall {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

/** A subscription message the fake accepted. */
export interface SentMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: string;
  lang?: string;
}

/**
 * A stand-in for api.weixin.qq.com on loopback, for every WeChat server API the product uses:
 * code2Session, stable_token, getwxacodeunlimit, subscribe/send, getuserphonenumber,
 * msg_sec_check and media_check_async. Tests steer it: token lifetime, expiry and invalidation,
 * and any call failing with any errcode or HTTP status.
 *
 * code2Session: codes starting with "good-" sign in as openid "o-<rest>"; a few codes answer
 * with WeChat's own error codes. Import it from bff tests and, by relative path, from test/e2e.
 */
export async function startFakeWechat(opts: { appId: string; secret: string }) {
  const calls: URL[] = [];
  const log: FakeCall[] = [];
  const messages: SentMessage[] = [];
  const failures = new Map<string, Failure[]>();
  const stableTokenCalls = { normal: 0, forced: 0 };
  /** Tokens WeChat accepts now, with their expiry (ms since epoch, on the fake's own clock). */
  const valid = new Map<string, number>();
  /** Tokens WeChat once issued and now answers 42001 (expired) or 40001 (invalid) for. */
  const expired = new Set<string>();
  let current: string | null = null;
  let serial = 0;
  let tokenTtlSeconds = 7200;
  let stableTokenDelayMs = 0;
  let pngOnce: Promise<Buffer> | undefined;

  const issue = () => {
    serial += 1;
    // Long, like WeChat's (at least 512 characters of room), and easy for the leak guard to spot.
    current = `ACCESS-TOKEN-${serial}-${'x'.repeat(120)}`;
    valid.set(current, Date.now() + tokenTtlSeconds * 1000);
    return current;
  };

  const checkToken = (query: URLSearchParams): Failure | null => {
    const t = query.get('access_token') ?? '';
    if (expired.has(t)) return { errcode: 42001, errmsg: 'access_token expired' };
    const until = valid.get(t);
    if (until === undefined) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    if (until < Date.now()) return { errcode: 42001, errmsg: 'access_token expired' };
    return null;
  };

  const routes: Record<string, (c: FakeCall) => Promise<unknown> | unknown> = {
    '/cgi-bin/stable_token': async ({ body }) => {
      if (body.appid !== opts.appId || body.secret !== opts.secret) return { errcode: 40125, errmsg: 'invalid appsecret' };
      const force = body.force_refresh === true;
      if (force) stableTokenCalls.forced += 1;
      else stableTokenCalls.normal += 1;
      if (stableTokenDelayMs) await new Promise((r) => setTimeout(r, stableTokenDelayMs));
      // Normal mode hands back the token in force while it is valid; forced mode voids it.
      if (force && current) {
        valid.delete(current);
        issue();
      } else if (!current || !valid.has(current) || valid.get(current)! < Date.now()) issue();
      return { access_token: current, expires_in: Math.max(0, Math.round((valid.get(current!)! - Date.now()) / 1000)) };
    },
    '/wxa/getwxacodeunlimit': async ({ body, query }) => {
      const bad = checkToken(query);
      if (bad) return bad;
      const scene = String(body.scene ?? '');
      if (!scene || scene.length > 32) return { errcode: 40169, errmsg: 'invalid length for scene' };
      if (body.check_path !== false && body.page && !/^pages\//.test(String(body.page))) return { errcode: 41030, errmsg: 'invalid page' };
      // One image drawn once: drawing per call is slow on a loaded machine; tests read the scene from the log.
      pngOnce ??= qrPng('fake-wxacode', 120);
      return { png: await pngOnce };
    },
    '/cgi-bin/message/subscribe/send': ({ body, query }) => {
      const bad = checkToken(query);
      if (bad) return bad;
      if (!body.touser || !body.template_id || typeof body.data !== 'object') return { errcode: 47003, errmsg: 'argument invalid' };
      messages.push(body as unknown as SentMessage);
      return { errcode: 0, errmsg: 'ok', msgid: messages.length };
    },
    '/wxa/business/getuserphonenumber': ({ body, query }) => {
      const bad = checkToken(query);
      if (bad) return bad;
      const code = String(body.code ?? '');
      if (!code.startsWith('phone-')) return { errcode: 40029, errmsg: 'invalid code' };
      const phone = code.slice(6);
      return {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: phone,
          purePhoneNumber: phone,
          countryCode: '86',
          watermark: { appid: opts.appId, timestamp: Math.floor(Date.now() / 1000) },
        },
      };
    },
    '/wxa/msg_sec_check': ({ body, query }) => {
      const bad = checkToken(query);
      if (bad) return bad;
      if (body.version !== 2 || !body.openid) return { errcode: 47001, errmsg: 'data format error' };
      const content = String(body.content ?? '');
      const suggest = content.includes('违禁') ? 'risky' : content.includes('待审') ? 'review' : 'pass';
      const label = suggest === 'pass' ? 100 : 20001;
      return {
        errcode: 0,
        errmsg: 'ok',
        trace_id: `trace-${log.length}`,
        result: { suggest, label },
        detail: [{ strategy: 'content_model', errcode: 0, suggest, label }],
      };
    },
    '/wxa/media_check_async': ({ body, query }) => {
      const bad = checkToken(query);
      if (bad) return bad;
      if (body.version !== 2 || !body.media_url || !body.openid) return { errcode: 47001, errmsg: 'data format error' };
      return { errcode: 0, errmsg: 'ok', trace_id: `media-trace-${log.length}` };
    },
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    calls.push(url);
    const send = (status: number, body: unknown) => {
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        let body: Record<string, unknown> = {};
        if (chunks.length) {
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          } catch {
            return send(200, { errcode: 47001, errmsg: 'data format error' });
          }
        }
        const call: FakeCall = { path: url.pathname, query: url.searchParams, body };
        log.push(call);
        const queued = failures.get(url.pathname);
        const failure = queued?.shift();
        if (failure) {
          if ('http' in failure) return send(failure.http, 'oops');
          return send(200, { errcode: failure.errcode, errmsg: failure.errmsg ?? 'failed by the test' });
        }
        if (url.pathname === '/sns/jscode2session') return code2Session(url, send);
        const handler = routes[url.pathname];
        if (!handler) return send(404, { errcode: 404, errmsg: 'not found' });
        const out = (await handler(call)) as { png?: Buffer } & Record<string, unknown>;
        if (out.png) {
          res.writeHead(200, { 'content-type': 'image/png' });
          return res.end(out.png);
        }
        send(200, out);
      })().catch((err) => send(500, { errcode: -1, errmsg: String(err) }));
    });
  });

  function code2Session(url: URL, send: (status: number, body: unknown) => void) {
    if (url.searchParams.get('appid') !== opts.appId || url.searchParams.get('secret') !== opts.secret) {
      return send(200, { errcode: 40125, errmsg: 'invalid appsecret' });
    }
    const code = url.searchParams.get('js_code') ?? '';
    if (code === 'used-code') return send(200, { errcode: 40163, errmsg: 'code been used' });
    if (code === 'busy') return send(200, { errcode: -1, errmsg: 'system error' });
    if (code === 'too-many') return send(200, { errcode: 45011, errmsg: 'api minute-quota reach limit' });
    if (code === 'http-500') return send(500, 'oops');
    if (code.startsWith('good-')) {
      return send(200, { openid: `o-${code.slice(5)}`, session_key: `SK-${code.slice(5)}-secret==` });
    }
    return send(200, { errcode: 40029, errmsg: 'invalid code' });
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    /** Every request's URL (code2Session passes everything in the query). */
    calls,
    /** Every request with its JSON body. */
    log,
    /** Calls to one API, e.g. callsTo('/wxa/getwxacodeunlimit'). */
    callsTo: (path: string) => log.filter((c) => c.path === path),
    /** Subscription messages accepted, in order. */
    messages,
    /** stable_token calls so far, normal and forced. */
    stableTokenCalls,
    /** The token WeChat holds in force now. */
    currentToken: () => current,
    /** The next `times` calls to `path` answer `failure` instead. */
    failNext(path: string, failure: Failure, times = 1) {
      const q = failures.get(path) ?? [];
      for (let i = 0; i < times; i += 1) q.push(failure);
      failures.set(path, q);
    },
    /** Lifetime of tokens issued from now on. */
    setTokenTtl(seconds: number) {
      tokenTtlSeconds = seconds;
    },
    /** stable_token waits this long before answering, so that concurrent askers overlap. */
    setStableTokenDelay(ms: number) {
      stableTokenDelayMs = ms;
    },
    /** The current token expires now: calls with it answer 42001; stable_token issues a new one. */
    expireToken() {
      if (!current) return;
      valid.delete(current);
      expired.add(current);
      current = null;
    },
    /** Somebody else force-refreshed: the current token answers 40001 and stable_token hands out a new one. */
    rotateToken() {
      if (!current) return;
      valid.delete(current);
      current = null;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type FakeWechat = Awaited<ReturnType<typeof startFakeWechat>>;
