import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { chromium, type Browser, type Page } from 'playwright-core';
import { api, launchBrowser, phonePage, screenshot, settle, signInH5, startBff, storedToken, type Bff } from './helpers';

/**
 * A Y4M video (YUV4MPEG2, 4:2:0) showing one QR code, for Chromium's fake camera
 * (--use-file-for-fake-video-capture loops it): what a phone held up to a webcam would give.
 */
function qrVideo(text: string, file: string): void {
  const W = 640;
  const H = 480;
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = Math.floor((Math.min(W, H) * 0.7) / (n + 8));
  const side = cell * (n + 8);
  const left = Math.floor((W - side) / 2);
  const top = Math.floor((H - side) / 2);
  const y = Buffer.alloc(W * H, 90); // a grey room around a white card
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      const mx = Math.floor(px / cell) - 4;
      const my = Math.floor(py / cell) - 4;
      const dark = mx >= 0 && my >= 0 && mx < n && my < n && qr.modules.get(my, mx);
      y[(top + py) * W + left + px] = dark ? 16 : 235;
    }
  }
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const frames: Buffer[] = [Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`)];
  for (let i = 0; i < 10; i++) frames.push(Buffer.from('FRAME\n'), y, chroma, chroma);
  fs.writeFileSync(file, Buffer.concat(frames));
}

/** 扫码登录 and scanning with a camera in the browser, in real Chromium against the real BFF. */
describe('browser sign-in by code, and the camera at the door (H5 in Chromium)', () => {
  let bff: Bff;
  let browser: Browser;
  let organiserToken: string;
  beforeAll(async () => {
    bff = await startBff({ DOOR_OPENS_MINUTES_BEFORE: String(7 * 24 * 60) }); // the ticket's event is days away
    browser = await launchBrowser();
    organiserToken = (await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name: '上虞区总工会' })).token;
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
  });

  /** The code the sign-in page shows, as the phone's camera would read it. */
  const shownCode = async (page: Page): Promise<string> => {
    const box = page.locator('#browser-login-qr');
    await page.waitForFunction(() => /^L1\./.test(document.querySelector('#browser-login-qr')?.getAttribute('data-code') ?? ''));
    return (await box.getAttribute('data-code'))!;
  };

  it('a desk browser shows a code; a phone user scans it, sees what signs in, confirms; the browser is signed in as them', async () => {
    const desk = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    // As in production: the server offers no development sign-in, so the page shows none.
    await desk.route('**/api/v1/auth/options', (route) => route.fulfill({ json: { devSignIn: false, wechat: true } }));
    await desk.goto(`${bff.url}/#/pages/login/index`);
    const code = await shownCode(desk);
    await expect(desk.locator('#dev-form').count()).resolves.toBe(0);
    // The QR image is drawn from that very code.
    await desk.locator('#browser-login-image img').waitFor();
    expect(decodeURIComponent((await desk.locator('#browser-login-image img').getAttribute('src'))!)).toContain(code);
    await settle(desk);
    await screenshot(desk, 'browser-signin-code');

    // The phone: the organiser, signed in, scans the code with the in-app scanner (typed here) and lands on the confirmation.
    const phone = await phonePage(browser);
    await signInH5(phone, bff.url, '上虞区总工会');
    await phone.locator('#scan-button').click();
    await phone.locator('#scan-code-input input').fill(code);
    await phone.locator('#scan-code-submit').click();
    await phone.locator('#login-confirm').waitFor();
    await expect(phone.locator('#login-confirm-browser').innerText()).resolves.toMatch(/Chrome · Linux/);
    await expect(phone.locator('#login-confirm-time').innerText()).resolves.toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    await settle(phone);
    await screenshot(phone, 'browser-signin-confirm');
    await phone.locator('#login-confirm-approve').click();
    await phone.locator('#login-confirm-done').getByText('已确认登录').waitFor();

    // The browser was waiting: it is signed in as the organiser and leaves the sign-in page.
    await desk.locator('#scan-button').waitFor({ timeout: 15_000 });
    const deskToken = await storedToken(desk);
    const me = await api<{ nickname: string; grants: unknown[] }>(bff.url, 'GET', '/me', deskToken);
    expect(me.nickname).toBe('上虞区总工会');
    expect(me.grants.length).toBeGreaterThan(0);
    await settle(desk);
    await screenshot(desk, 'browser-signin-done');

    // The code is used up: the phone cannot approve it again.
    await expect(api(bff.url, 'POST', '/auth/browser/approve', organiserToken, { code })).rejects.toThrow(/409/);

    // 我的 on the phone lists the browser, and ends it.
    await phone.goto(`${bff.url}/#/pages/me/index`);
    const row = phone.locator('.me-device', { hasText: 'Chrome · Linux' });
    await row.waitFor();
    await phone.locator('.me-device', { hasText: '（本机）' }).waitFor();
    await row.scrollIntoViewIfNeeded();
    await settle(phone);
    await screenshot(phone, 'browser-signin-devices');
    await row.locator('.me-device-end').click();
    await phone.locator('.taro-model__confirm').filter({ hasText: '退出' }).click();
    await row.waitFor({ state: 'detached' });
    await expect(api(bff.url, 'GET', '/me', deskToken)).rejects.toThrow(/401/);
  });

  it('an organiser at the door scans a ticket with the browser camera and lets the worker in', async () => {
    // The worker's ticket, then a fake camera that shows it.
    const events = await api<{ items: Array<{ id: number; title: string }> }>(bff.url, 'GET', '/events?limit=50');
    const health = events.items.find((e) => e.title === '新就业形态劳动者免费健康体检')!;
    const workerToken = (await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name: '陆军' })).token;
    const reg = await api<{ ticket: string }>(bff.url, 'POST', `/events/${health.id}/registrations`, workerToken);
    expect(reg.ticket).toMatch(/^T1\./);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlx-camera-'));
    const video = path.join(dir, 'ticket.y4m');
    qrVideo(reg.ticket, video);

    const camera = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    try {
      const context = await camera.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN', permissions: ['camera'] });
      const door = await context.newPage();
      await signInH5(door, bff.url, '上虞区总工会');
      await door.goto(`${bff.url}/#/organiser/pages/door/index?eventId=${health.id}`);
      await door.locator('#door-scan').click();
      await door.locator('#camera-scanner').waitFor();
      await door.locator('#door-result.door-ok').waitFor({ timeout: 20_000 });
      await expect(door.locator('#door-result').innerText()).resolves.toContain('陆军');
      // The viewfinder closed and the camera was let go.
      await expect(door.locator('#camera-scanner').count()).resolves.toBe(0);
      await settle(door);
      await screenshot(door, 'door-camera-ok');
      const attendance = await api<{ items: Array<{ name: string; checkedInAt: string | null }> }>(
        bff.url,
        'GET',
        `/organiser/events/${health.id}/attendance`,
        organiserToken,
      );
      expect(attendance.items.find((a) => a.name === '陆军')?.checkedInAt).toEqual(expect.any(String));
    } finally {
      await camera.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
