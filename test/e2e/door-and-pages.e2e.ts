import type { Browser, Page } from 'playwright-core';
import { api, launchBrowser, phonePage, screenshot, settle, signInH5, startBff, type Bff } from './helpers';

/** The door's hours, the organiser's matchmaking form, and pages that cannot load, at 390 px and 1,280 px. */
describe('door hours, saved settings, pages offline (H5 in Chromium)', () => {
  let bff: Bff;
  let browser: Browser;
  let organiser: string;
  beforeAll(async () => {
    bff = await startBff();
    browser = await launchBrowser();
    organiser = (await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name: '上虞区总工会' })).token;
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

  it('the door refuses a ticket days before the event, says from when it admits, and admits only on 仍然放行', async () => {
    const events = await api<{ items: Array<{ id: number; title: string }> }>(bff.url, 'GET', '/events?limit=50');
    const training = events.items.find((e) => e.title === '专业母婴护理公益培训班')!; // seven days away
    const tickets: string[] = [];
    for (const name of ['门口甲', '门口乙']) {
      const t = (await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name })).token;
      tickets.push((await api<{ ticket: string }>(bff.url, 'POST', `/events/${training.id}/registrations`, t)).ticket);
    }
    for (const [i, page] of [await desk(), await phonePage(browser)].entries()) {
      if (i === 1) await signInH5(page, bff.url, '上虞区总工会');
      const width = i === 0 ? 1280 : 390;
      await page.goto(`${bff.url}/#/organiser/pages/door/index?eventId=${training.id}`);
      await page.locator('#door-code-input input').fill(tickets[i]);
      await page.locator('#door-submit').click();
      await page.locator('#door-result.door-error').waitFor();
      const refused = await page.locator('#door-result').innerText();
      expect(refused).toContain('不在入场时间');
      expect(refused).toMatch(/活动尚未开始，\d+月\d+日 \d\d:\d\d 起可入场/);
      expect(refused).not.toContain('请放行');
      await settle(page);
      await screenshot(page, `door-too-early-${width}`);
      await page.locator('#door-override').click();
      await page.locator('#door-result.door-ok').waitFor();
      await expect(page.locator('#door-result').innerText()).resolves.toContain('已破例放行');
      await settle(page);
      await screenshot(page, `door-override-${width}`);
    }
    const attendance = await api<{ items: Array<{ checkedInAt: string | null; completed: boolean }> }>(
      bff.url,
      'GET',
      `/organiser/events/${training.id}/attendance?status=checked_in`,
      organiser,
    );
    expect(attendance.items).toHaveLength(2);
  });

  it("the organiser's matchmaking form shows the saved settings after a fresh load, at both widths", async () => {
    const events = await api<{ items: Array<{ id: number; kind: string }> }>(bff.url, 'GET', '/events?kind=matchmaking');
    const eventId = events.items[0].id;
    // Saved elsewhere: picking 2026-12-20 19:30 to 2026-12-21 21:00, results at once, 2 picks each.
    await api(bff.url, 'PUT', `/organiser/events/${eventId}/match-settings`, organiser, {
      picksPerPerson: 2,
      pickOpensAt: '2026-12-20T19:30:00+08:00',
      pickClosesAt: '2026-12-21T21:00:00+08:00',
      revealAtOnce: true,
      seatsPerGender: { male: 12, female: null },
    });
    for (const [width, page] of [
      [1280, await desk()],
      [390, await phonePage(browser)],
    ] as const) {
      if (width === 390) await signInH5(page, bff.url, '上虞区总工会');
      await page.goto(`${bff.url}/#/organiser/pages/match/index?eventId=${eventId}`);
      await page.reload();
      await page.locator('#match-saved').waitFor();
      await page.locator('#match-save').waitFor();
      await expect(page.locator('#match-opens-date').innerText()).resolves.toContain('2026-12-20');
      await expect(page.locator('#match-opens-time').innerText()).resolves.toContain('19:30');
      await expect(page.locator('#match-closes-date').innerText()).resolves.toContain('2026-12-21');
      await expect(page.locator('#match-closes-time').innerText()).resolves.toContain('21:00');
      await expect(page.locator('#match-picks input').inputValue()).resolves.toBe('2');
      await expect(page.locator('#match-seats-male input').inputValue()).resolves.toBe('12');
      await expect(page.locator('#match-reveal-now').getAttribute('class')).resolves.toContain('chip-active');
      await settle(page);
      await screenshot(page, `match-settings-saved-${width}`);
    }
    // Saving the untouched form changes nothing.
    const page = await desk();
    await page.goto(`${bff.url}/#/organiser/pages/match/index?eventId=${eventId}`);
    await page.locator('#match-save').waitFor();
    await page.locator('#match-save').click();
    await page.getByText('已保存').first().waitFor();
    const after = await api<{ pickOpensAt: string; pickClosesAt: string; revealAtOnce: boolean }>(
      bff.url,
      'GET',
      `/organiser/events/${eventId}/match-settings`,
      organiser,
    );
    expect([Date.parse(after.pickOpensAt), Date.parse(after.pickClosesAt), after.revealAtOnce]).toEqual([
      Date.parse('2026-12-20T19:30:00+08:00'),
      Date.parse('2026-12-21T21:00:00+08:00'),
      true,
    ]);
  });

  it('a matchmaking profile asks whom you want to meet', async () => {
    const page = await phonePage(browser);
    await signInH5(page, bff.url, '想认识');
    await page.goto(`${bff.url}/#/pages/match-profile/index`);
    await page.locator('#match-wants-female').waitFor();
    await page.locator('#match-wants-any').click();
    await expect(page.locator('#match-wants-any').getAttribute('class')).resolves.toContain('chip-active');
    await settle(page);
    await screenshot(page, 'match-profile-wants-390');
  });

  it('a 上虞 rider sorts events by distance and filters by area; the choice is remembered (390 and 1280 px)', async () => {
    // A rider in 上虞 (WGS-84, as a browser reports it).
    const here = { latitude: 30.0297, longitude: 120.8715 };
    const nearest = await api<{ items: Array<{ id: number; title: string; distanceMetres: number | null }> }>(
      bff.url,
      'GET',
      `/events?lat=${here.latitude}&lng=${here.longitude}`,
    );
    expect(nearest.items[0].distanceMetres).toBeLessThan(30_000);
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 844 }, locale: 'zh-CN', geolocation: here, permissions: ['geolocation'] });
      const page = await context.newPage();
      await signInH5(page, bff.url, `附近${width}`);
      await page.locator('.weui-tabbar__item', { hasText: '活动' }).click();
      await page.locator('#events-list').waitFor();
      await page.locator('#events-near').click();
      // The switch turns on once the phone's position has come (it is asked for first).
      await page.locator('#events-near .toggle.toggle-on').waitFor();
      await page.locator('#events-list .event-card').first().getByText('距您').waitFor();
      const cards = await page.locator('#events-list .event-card').allInnerTexts();
      // Each card says how far it is, nearest first; the first is in 上虞, 景宁 and 金东 come later.
      const metres = cards.map((t) => {
        const m = /距您([\d.]+) (米|公里)/.exec(t);
        return m ? Number(m[1]) * (m[2] === '公里' ? 1000 : 1) : Infinity;
      });
      expect(metres[0]).toBeLessThan(30_000);
      expect([...metres].sort((x, y) => x - y)).toEqual(metres);
      const far = cards.findIndex((t) => /景宁|金东|盘纸/.test(t));
      expect(far === -1 || metres[far] > 100_000).toBe(true);
      // The time and place lines carry the app's icons (no emoji), drawn at text size.
      const icon = await page.locator('#events-list .event-card .icon').first().boundingBox();
      expect(icon && icon.width > 10 && icon.height > 10).toBe(true);
      await settle(page);
      await screenshot(page, `events-near-${width}`);
      // Remembered: a fresh load keeps the order.
      await page.reload();
      await page.locator('#events-list .event-card').first().getByText('距您').waitFor();
      await expect(page.locator('#events-near .toggle').getAttribute('class')).resolves.toContain('toggle-on');
      await context.close();
    }
  });

  for (const width of [390, 1280]) {
    it(`offline, a tab that cannot load says so and offers 重试, which opens it once online (${width} px)`, async () => {
      const page = width === 390 ? await phonePage(browser) : await browser.newPage({ viewport: { width, height: 800 }, locale: 'zh-CN' });
      await signInH5(page, bff.url, `离线${width}`);
      await page.context().setOffline(true);
      await page.locator('.weui-tabbar__item', { hasText: '活动' }).click();
      await page.locator('#page-load-error').waitFor();
      await expect(page.locator('#page-load-error').innerText()).resolves.toContain('页面没能打开');
      await settle(page);
      await screenshot(page, `tab-offline-${width}`);
      await page.locator('#page-load-error-retry').click();
      await expect(page.locator('#page-load-error-text').innerText()).resolves.toContain('还是没有网络');
      await page.context().setOffline(false);
      await page.locator('#page-load-error-retry').click();
      await page.locator('#events-kinds').waitFor();
      await expect(page.locator('#page-load-error').count()).resolves.toBe(0);
      await settle(page);
      await screenshot(page, `tab-offline-retried-${width}`);
    });
  }
});
