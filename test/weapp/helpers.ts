import fs from 'node:fs';
import path from 'node:path';
import { startFakeWechat } from '../../bff/test/helpers/fake-wechat';
import { ROOT, api, startBff, type Bff } from '../e2e/helpers';
import { MiniProgram, type LaunchOptions } from './runtime/mini-program';
import { Device } from './runtime/wx';

export { api, MiniProgram, Device };
export type { LaunchOptions } from './runtime/mini-program';
export const WEAPP_DIR = path.join(ROOT, 'client', 'dist', 'weapp');

const APP_ID = 'wx-test-app';
const SECRET = 'weapp-test-secret';

export interface WeappWorld {
  bff: Bff;
  /** Every code2Session call the BFF made to the fake WeChat. */
  wechatCalls: URL[];
  stop: () => Promise<void>;
}

/** The real BFF on a fresh SQLite store with demo data, signing in through the fake WeChat. */
export async function startWorld(): Promise<WeappWorld> {
  if (!fs.existsSync(path.join(WEAPP_DIR, 'app.json'))) {
    throw new Error('client/dist/weapp is missing: `node scripts/build.mjs weapp` (npm test builds it)');
  }
  const wechat = await startFakeWechat({ appId: APP_ID, secret: SECRET });
  let bff: Bff;
  try {
    // The door journey scans a demo event days away: open the door for the week ahead.
    bff = await startBff({ WECHAT_APPID: APP_ID, WECHAT_SECRET: SECRET, WECHAT_API_BASE: wechat.baseUrl, DOOR_OPENS_MINUTES_BEFORE: String(7 * 24 * 60) });
  } catch (e) {
    await wechat.close();
    throw e;
  }
  return {
    bff,
    wechatCalls: wechat.calls,
    stop: async () => {
      try {
        await bff.stop();
      } finally {
        await wechat.close();
      }
    },
  };
}

const launched: MiniProgram[] = [];

/** Cold-starts the built mini-program on `device` (a phone: its storage survives relaunches). */
export async function launch(world: WeappWorld, device: Device, options: LaunchOptions = {}): Promise<MiniProgram> {
  device.bffUrl = world.bff.url;
  const mp = await MiniProgram.launch({ device, dir: WEAPP_DIR, launch: options });
  launched.push(mp);
  return mp;
}

/** Ends every launch's timers (call in afterEach). */
export function closeAll(): void {
  for (const mp of launched.splice(0)) mp.close();
}

/** A phone whose WeChat account signs in as openid `o-<who>`. */
export function phone(who: string): Device {
  const d = new Device();
  d.loginCode = () => `good-${who}`;
  return d;
}

/** A real, small JPEG (48 × 32): the BFF decodes and re-encodes every photo, so it must be a whole image. */
export const JPEG = Buffer.from(
  '/9j/2wBDAAoHBwgHBgoICAgLCgoLDhgQDg0NDh0VFhEYIx8lJCIfIiEmKzcvJik0KSEiMEExNDk7Pj4+JS5ESUM8SDc9Pjv/2wBDAQoLCw4NDhwQEBw7KCIoOzs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozv/wAARCAAgADADASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFgEBAQEAAAAAAAAAAAAAAAAAAAUH/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEQMRAD8AnwEloAAAAAAAAAAD/9k=',
  'base64',
);

/**
 * Gives the app time to do what it must not do (a second check-in, a second result page): the
 * assertions after it check that nothing more happened. Never used to wait for something to appear.
 */
export const settle = (ms = 1500) => new Promise((r) => setTimeout(r, ms));

export async function organiserToken(world: WeappWorld, name = '上虞区总工会'): Promise<string> {
  return (await api<{ token: string }>(world.bff.url, 'POST', '/auth/dev', undefined, { name })).token;
}
