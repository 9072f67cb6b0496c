import type { Browser } from 'playwright-core';
import { api, choosePhoto, drawPhoto, launchBrowser, phonePage, screenshot, settle, signInH5, startBff, type Bff } from './helpers';

/** The station and event journeys in real Chromium against the H5 build served by the real BFF. */
describe('journeys (H5 in Chromium)', () => {
  let bff: Bff;
  let browser: Browser;
  let organiserToken: string;
  let stationId: number;
  let code: string;
  beforeAll(async () => {
    // The door admits tickets only near the event; the demo health check is three days away.
    bff = await startBff({ DOOR_OPENS_MINUTES_BEFORE: String(7 * 24 * 60) });
    browser = await launchBrowser();
    organiserToken = (await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name: '上虞区总工会' })).token;
    const stations = await api<{ items: Array<{ id: number; name: string }> }>(bff.url, 'GET', '/organiser/stations', organiserToken);
    const hengli = stations.items.find((s) => s.name === '恒利工会驿站')!;
    stationId = hengli.id;
    code = (await api<{ payload: string }>(bff.url, 'GET', `/organiser/stations/${stationId}/code`, organiserToken)).payload;
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
  });

  it('a rider pastes the station code, sees 签到成功, and the organiser page shows the visit', async () => {
    const before = (await api<{ today: { visits: number } }>(bff.url, 'GET', `/organiser/stations/${stationId}/stats`, organiserToken)).today.visits;
    const rider = await phonePage(browser);
    await signInH5(rider, bff.url, '王泽锋');
    await rider.locator('#scan-button').click();
    await rider.locator('#scan-code-input input').fill(code);
    await rider.locator('#scan-code-submit').click();
    await rider.locator('#checkin-result-title').getByText('签到成功').waitFor();
    await expect(rider.locator('#checkin-result-station').innerText()).resolves.toContain('恒利工会驿站');
    await settle(rider);
    await screenshot(rider, 'station-checkin-success');

    // The same code again says when they signed in, and makes no second visit.
    await rider.goto(`${bff.url}/#/pages/index/index`);
    await rider.locator('#scan-button').waitFor();
    if (!(await rider.locator('#scan-code-input input').isVisible())) await rider.locator('#scan-button').click();
    await rider.locator('#scan-code-input input').fill(code);
    await rider.locator('#scan-code-submit').click();
    await rider
      .locator('#checkin-result-title')
      .getByText(/已于 \d\d:\d\d 签到/)
      .waitFor();

    const organiser = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signInH5(organiser, bff.url, '上虞区总工会');
    await organiser.goto(`${bff.url}/#/organiser/pages/station/index?id=${stationId}`);
    await organiser
      .locator('#station-stats-today')
      .getByText(String(before + 1), { exact: true })
      .waitFor();
    await settle(organiser);
    await screenshot(organiser, 'station-organiser-stats');
  });

  it('a worker registers and opens the ticket; the organiser checks it in at the door; the worker sees 已签到', async () => {
    const events = await api<{ items: Array<{ id: number; title: string }> }>(bff.url, 'GET', '/events?limit=50');
    const health = events.items.find((e) => e.title === '新就业形态劳动者免费健康体检')!;

    const worker = await phonePage(browser);
    await signInH5(worker, bff.url, '朱超');
    await worker.goto(`${bff.url}/#/pages/event/index?id=${health.id}`);
    await worker.locator('#register-button').click();
    await worker.locator('#registration-status').getByText('已报名').waitFor();
    await worker.locator('#ticket-link').first().click();
    const ticketText = await worker.locator('#ticket-code-text').innerText();
    expect(ticketText.trim()).toMatch(/^T1\./);
    await worker.locator('#ticket-qr').waitFor();
    await settle(worker);
    await screenshot(worker, 'event-ticket');

    const organiser = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signInH5(organiser, bff.url, '上虞区总工会');
    await organiser.goto(`${bff.url}/#/organiser/pages/door/index?eventId=${health.id}`);
    await organiser.locator('#door-code-input input').fill(ticketText.trim());
    await organiser.locator('#door-submit').click();
    await organiser.locator('#door-result.door-ok').waitFor();
    await expect(organiser.locator('#door-result').innerText()).resolves.toContain('朱超');
    await settle(organiser);
    await screenshot(organiser, 'event-door-ok');
    // A second scan answers in amber with who and when.
    await organiser.locator('#door-code-input input').fill(ticketText.trim());
    await organiser.locator('#door-submit').click();
    await organiser.locator('#door-result.door-already').waitFor();

    // The ticket page polls and flips to 已签到.
    await worker
      .locator('#ticket-status')
      .getByText(/已签到/)
      .waitFor({ timeout: 15000 });
    await settle(worker);
    await screenshot(worker, 'event-ticket-checked-in');
  });

  it('an organiser adds photos to a station in its form; workers see them on the station page', async () => {
    const organiser = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signInH5(organiser, bff.url, '上虞区总工会');
    await organiser.goto(`${bff.url}/#/organiser/pages/station-edit/index?id=${stationId}`);
    await organiser.locator('#station-photo-add').waitFor();
    for (const [i, [caption, colour]] of [
      ['驿站门头', '#2e7d32'],
      ['休息区', '#1565c0'],
    ].entries()) {
      await choosePhoto(organiser, '#station-photo-add', await drawPhoto(organiser, caption, colour), `station-${i}.jpg`);
      await organiser.locator(`#station-photo-${i}`).waitFor();
      await organiser.locator(`#station-photo-status-${i}`).waitFor({ state: 'detached' });
    }
    await organiser.locator('#station-photo').scrollIntoViewIfNeeded();
    await settle(organiser);
    await screenshot(organiser, 'station-photos-form');
    await organiser.locator('#station-save').click();
    let photos: string[] = [];
    for (let i = 0; i < 40 && photos.length < 2; i++) {
      photos = (await api<{ photos: string[] }>(bff.url, 'GET', `/stations/${stationId}`)).photos;
      if (photos.length < 2) await organiser.waitForTimeout(250);
    }
    expect(photos).toHaveLength(2);

    const worker = await phonePage(browser);
    await signInH5(worker, bff.url, '朱超');
    await worker.goto(`${bff.url}/#/pages/station/index?id=${stationId}`);
    await worker.locator('#station-photos').waitFor();
    await worker.waitForFunction(() =>
      [0, 1].every((i) => {
        const img = document.querySelector(`#station-photo-${i} img`) as HTMLImageElement | null;
        return !!img && img.complete && img.naturalWidth === 800;
      }),
    );
    await settle(worker);
    await screenshot(worker, 'station-photos-worker');
  });

  it('a check-in made without network is queued and delivered exactly once when the network returns', async () => {
    const rider = await phonePage(browser);
    await signInH5(rider, bff.url, '陆军');
    const token = (await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name: '陆军' })).token;
    await rider.context().setOffline(true);
    await rider.locator('#scan-button').click();
    await rider.locator('#scan-code-input input').fill(code);
    await rider.locator('#scan-code-submit').click();
    // Offline, the answer comes on the spot, and the home page counts what waits to be sent.
    await rider.getByText('已保存签到').first().waitFor();
    await rider.getByText('知道了').click();
    await rider.locator('#offline-banner').waitFor();
    await settle(rider);
    await screenshot(rider, 'offline-queued');
    const before = await api<{ items: unknown[] }>(bff.url, 'GET', '/me/visits', token);
    expect(before.items).toHaveLength(0);
    await rider.context().setOffline(false);
    // The queue flushes when the browser says it is online again.
    for (let i = 0; i < 40; i++) {
      const v = await api<{ items: unknown[] }>(bff.url, 'GET', '/me/visits', token);
      if (v.items.length > 0) break;
      await rider.waitForTimeout(250);
    }
    await rider.waitForTimeout(1500); // any duplicate delivery would have arrived by now
    const after = await api<{ items: Array<{ stationName: string }> }>(bff.url, 'GET', '/me/visits', token);
    expect(after.items).toHaveLength(1);
    expect(after.items[0].stationName).toBe('恒利工会驿站');
    await screenshot(rider, 'offline-delivered');
  });
});
