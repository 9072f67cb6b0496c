import type { Browser, Page } from 'playwright-core';
import { api, launchBrowser, phonePage, screenshot, settle, signInH5, startBff, type Bff } from './helpers';

const HOUR = 3600 * 1000;

/** The door like pretixSCAN: two door devices, a search by name or phone digits, 签到 by hand, counts in sync; the torch. */
describe('the door with several devices (H5 in Chromium)', () => {
  let bff: Bff;
  let browser: Browser;
  let eventId: number;
  beforeAll(async () => {
    bff = await startBff();
    browser = await launchBrowser();
    const organiser = await api<{ token: string; me: { grants: Array<{ organisationId: number }> } }>(bff.url, 'POST', '/auth/dev', undefined, {
      name: '上虞区总工会',
    });
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    // Starts in half an hour: the door is open.
    const event = await api<{ id: number }>(bff.url, 'POST', '/organiser/events', organiser.token, {
      organisationId: organiser.me.grants[0].organisationId,
      kind: 'lecture',
      title: '骑手交通安全讲座',
      description: '交警讲解电动车安全',
      stationId: null,
      venue: '上虞区职工服务中心',
      latitude: 30.03,
      longitude: 120.87,
      startsAt: iso(now + HOUR / 2),
      endsAt: iso(now + 2 * HOUR),
      registrationOpensAt: iso(now - HOUR),
      registrationClosesAt: iso(now + HOUR / 4),
      capacity: 10,
      waitlist: true,
      cancellationDeadline: null,
      eligibility: { genders: [], minAge: null, maxAge: null, occupations: [], membersOnly: false },
      selfCheckin: false,
      certificateName: null,
    });
    eventId = event.id;
    await api(bff.url, 'POST', `/organiser/events/${eventId}/publish`, organiser.token);
    for (const [name, phone] of [
      ['陈家豪', '13812345678'],
      ['陈静', '13955558888'],
      ['刘洋', '13700002468'],
    ]) {
      const t = (await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name })).token;
      await api(bff.url, 'PATCH', '/me', t, { phone });
      await api(bff.url, 'POST', `/events/${eventId}/registrations`, t);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
  });

  const desk = async (): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signInH5(page, bff.url, '上虞区总工会');
    return page;
  };
  const door = (page: Page) => page.goto(`${bff.url}/#/organiser/pages/door/index?eventId=${eventId}`);
  /** Waits until the big count reads `text` (e.g. "1/3"); fails the journey if it never does. */
  const countIs = (page: Page, text: string, timeout = 10_000) =>
    page.waitForFunction(
      (want) => `${document.querySelector('#door-count-in')?.textContent}/${document.querySelector('#door-count-expected')?.textContent}` === want,
      text,
      { timeout },
    );

  it('two door devices: one finds 陈静 by phone digits and checks her in, the other counts her within seconds', async () => {
    const phone = await phonePage(browser);
    await signInH5(phone, bff.url, '上虞区总工会');
    const wide = await desk();
    await door(phone);
    await door(wide);
    await countIs(phone, '0/3');
    await countIs(wide, '0/3');
    await expect(phone.locator('#door-count').innerText()).resolves.toContain('已入场 / 应到');

    // By name: two 陈, both waiting.
    await wide.locator('#door-search-input input').fill('陈');
    await wide.locator('#door-search-submit').click();
    await wide.locator('.door-attendee').nth(1).waitFor();
    const rows = await wide.locator('.door-attendee').allInnerTexts();
    expect(rows.join('\n')).toContain('陈家豪');
    expect(rows.join('\n')).toContain('手机尾号 8888');
    expect(rows.join('\n')).not.toContain('13955558888');
    await settle(wide);
    await screenshot(wide, 'door-search-1280');

    // By the last digits on the phone device, then 签到.
    await phone.locator('#door-search-input input').fill('8888');
    await phone.locator('#door-search-submit').click();
    const row = phone.locator('.door-attendee', { hasText: '陈静' });
    await row.waitFor();
    expect(await phone.locator('.door-attendee').count()).toBe(1);
    await row.locator('[id^=door-checkin-]').click();
    await phone.locator('#door-result.door-ok').waitFor();
    await expect(phone.locator('#door-result').innerText()).resolves.toContain('陈静 签到成功');
    await row.getByText('已入场').waitFor();
    await countIs(phone, '1/3');
    await settle(phone);
    await screenshot(phone, 'door-manual-checkin-390');

    // The desk device was not touched: its count follows by polling.
    await countIs(wide, '1/3', 15_000);
    await wide.locator('#door-count').scrollIntoViewIfNeeded();
    await settle(wide);
    await screenshot(wide, 'door-count-synced-1280');

    // 签到 pressed again on the other device for the same person: told she is already in.
    await wide.locator('#door-search-input input').fill('陈静');
    await wide.locator('#door-search-submit').click();
    await wide.locator('.door-attendee', { hasText: '陈静' }).getByText('已入场').waitFor();

    // Too few digits is refused before asking.
    await phone.locator('#door-search-input input').fill('88');
    await phone.locator('#door-search-submit').click();
    await phone.getByText('手机号请至少输入后4位').waitFor();
    const checkedIn = await api<{ items: Array<{ name: string }> }>(
      bff.url,
      'GET',
      `/organiser/events/${eventId}/attendance?status=checked_in`,
      (await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name: '上虞区总工会' })).token,
    );
    expect(checkedIn.items.map((i) => i.name)).toEqual(['陈静']);
  });

  it('the camera scanner offers 手电筒 only where the camera has a torch, and switches it', async () => {
    for (const withTorch of [true, false]) {
      const phone = await phonePage(browser);
      await phone.addInitScript((torch: boolean) => {
        const w = window as unknown as { __torch: unknown[] };
        w.__torch = [];
        navigator.mediaDevices.getUserMedia = async () => {
          const canvas = document.createElement('canvas');
          canvas.width = 320;
          canvas.height = 240;
          const g = canvas.getContext('2d')!;
          setInterval(() => {
            g.fillStyle = `hsl(${Date.now() % 360}, 50%, 50%)`;
            g.fillRect(0, 0, 320, 240);
          }, 100);
          const stream = (canvas as HTMLCanvasElement & { captureStream: (fps: number) => MediaStream }).captureStream(5);
          const track = stream.getVideoTracks()[0] as MediaStreamTrack & Record<string, unknown>;
          track.getCapabilities = () => (torch ? { torch: true } : {});
          track.applyConstraints = async (c: unknown) => {
            w.__torch.push(c);
          };
          return stream;
        };
      }, withTorch);
      await signInH5(phone, bff.url, '上虞区总工会');
      await door(phone);
      await phone.locator('#door-scan').click();
      await phone.locator('#camera-scanner').waitFor();
      // Past opening the camera: the torch button, if any, is there by now.
      await phone.waitForFunction(() => document.querySelector('#camera-scanner-status')?.textContent !== '正在打开相机…');
      if (withTorch) {
        await phone.locator('#camera-scanner-torch').click();
        await expect(phone.locator('#camera-scanner-torch').innerText()).resolves.toBe('关闭手电筒');
        expect(await phone.evaluate(() => (window as unknown as { __torch: unknown[] }).__torch)).toEqual([{ advanced: [{ torch: true }] }]);
        await settle(phone);
        await screenshot(phone, 'door-torch-390');
      } else {
        expect(await phone.locator('#camera-scanner-torch').count()).toBe(0);
      }
      await phone.locator('#camera-scanner-close').click();
    }
  });
});
