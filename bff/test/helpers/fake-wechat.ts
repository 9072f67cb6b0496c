import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for api.weixin.qq.com on loopback. Codes starting with "good-" sign in as
 * openid "o-<rest>"; a few codes answer with WeChat's own error codes.
 */
export async function startFakeWechat(opts: { appId: string; secret: string }) {
  const calls: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    calls.push(url);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/sns/jscode2session') return send(404, { errcode: 404, errmsg: 'not found' });
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
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
