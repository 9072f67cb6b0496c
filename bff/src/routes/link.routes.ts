import fs from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';
import { parseQr, QR_LINK_PATH } from '@xlx/shared';
import type { AppState } from '../context';

/** Kinds a person scans with their own phone; tickets are for the door's scanner only. */
const LINKABLE = new Set(['station', 'station-rotating', 'event-rotating']);

const NO_H5 = '心连新网页版暂未部署。请打开微信，在小程序“心连新”里点“扫码签到”再扫一次。';

/**
 * What a browser gets at a scanned link and what WeChat's console fetches to verify the domain:
 * - `GET /q/<payload>`: the H5 app (index.html), which reads the payload from its own address
 *   and runs the check-in; 404 with the same page for anything that is not one of our codes, so
 *   the person still gets the app's message about it.
 * - `GET /<name>` and `GET /q/<name>`: the verification file of WECHAT_VERIFY_FILE.
 */
export function linkRoutes(h5Dir: string, verifyFile: { name: string; content: string } | undefined): Middleware<AppState> {
  const indexFile = path.join(h5Dir, 'index.html');
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (verifyFile && (ctx.path === `/${verifyFile.name}` || ctx.path === `${QR_LINK_PATH}${verifyFile.name}`)) {
      ctx.type = 'text/plain';
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = verifyFile.content;
      return;
    }
    if (!ctx.path.startsWith(QR_LINK_PATH)) return next();
    const payload = ctx.path.slice(QR_LINK_PATH.length);
    const parsed = payload.includes('/') ? null : parseQr(payload);
    ctx.status = parsed && LINKABLE.has(parsed.kind) ? 200 : 404;
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    let html: string | null = null;
    try {
      html = await fs.promises.readFile(indexFile, 'utf8');
    } catch {
      // No H5 build here: say what to do instead.
    }
    if (html === null) {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = ctx.status === 200 ? NO_H5 : '这不是心连新的签到码，请扫描驿站墙上或屏幕上的心连新二维码。';
      return;
    }
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = html;
  };
}
