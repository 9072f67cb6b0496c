import type { Browser, Page } from 'playwright-core';
import { api, launchBrowser, phonePage, screenshot, settle, startBff, storedToken, type Bff } from './helpers';

/**
 * A worker without the mini-program scans the station poster with the phone's camera: the
 * browser opens the link, the H5 app asks them to sign in, then checks in once and says so.
 */
describe('scanned link opened in a phone browser (H5 in Chromium)', () => {
  let bff: Bff;
  let browser: Browser;
  let organiserToken: string;
  let stationId: number;
  let link: string;
  let payload: string;
  beforeAll(async () => {
    // No PUBLIC_URL: in development links point at the address the BFF listens on.
    bff = await startBff();
    browser = await launchBrowser();
    organiserToken = (await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name: '上虞区总工会' })).token;
    const stations = await api<{ items: Array<{ id: number; name: string }> }>(bff.url, 'GET', '/organiser/stations', organiserToken);
    stationId = stations.items.find((s) => s.name === '恒利工会驿站')!.id;
    ({ link, payload } = await api<{ link: string; payload: string }>(bff.url, 'GET', `/organiser/stations/${stationId}/code`, organiserToken));
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
  });

  const visitsHere = async (page: Page) => {
    const list = await api<{ items: Array<{ stationId: number }> }>(bff.url, 'GET', '/me/visits', await storedToken(page));
    return list.items.filter((v) => v.stationId === stationId).length;
  };

  it('a signed-out worker opens the poster link, signs in, and sees 签到成功 exactly once, also after a reload', async () => {
    expect(link).toBe(`${bff.url}/q/${payload}`);
    const worker = await phonePage(browser);
    await worker.goto(link);
    // Not signed in: the sign-in page first, then straight on to the check-in.
    await worker.locator('#dev-name input').fill('陆军');
    await settle(worker);
    await screenshot(worker, 'scan-link-sign-in');
    await worker.locator('#dev-submit').click();
    await worker.locator('#checkin-result-title').getByText('签到成功').waitFor();
    await expect(worker.locator('#checkin-result-station').innerText()).resolves.toContain('恒利工会驿站');
    expect(await worker.locator('#checkin-result-title').count()).toBe(1);
    expect(await visitsHere(worker)).toBe(1);
    expect(new URL(worker.url()).pathname).toBe('/'); // the link is off the address bar
    await settle(worker);
    await screenshot(worker, 'scan-link-checked-in');

    // A reload shows the same result and makes no second visit.
    await worker.reload();
    await worker.locator('#checkin-result-title').getByText('签到成功').waitFor();
    await settle(worker);
    expect(await visitsHere(worker)).toBe(1);
  });

  it('a tampered or unknown link gets a clear message and records nothing', async () => {
    const worker = await phonePage(browser);
    await worker.goto(`${bff.url}/#/pages/login/index`);
    await worker.locator('#dev-name input').fill('朱超');
    await worker.locator('#dev-submit').click();
    await worker.locator('#scan-button').waitFor();
    const before = await visitsHere(worker);

    const tampered = `${bff.url}/q/${payload.slice(0, -2)}${payload.endsWith('AA') ? 'BB' : 'AA'}`;
    await worker.goto(tampered);
    await worker.locator('#checkin-result-title').getByText('签到未成功').waitFor();
    await expect(worker.locator('#checkin-result-message').innerText()).resolves.toContain('无法识别这个二维码');
    await settle(worker);
    await screenshot(worker, 'scan-link-tampered');

    await worker.goto(`${bff.url}/q/not-a-code`);
    await worker.locator('#checkin-result-title').getByText('签到未成功').waitFor();
    await expect(worker.locator('#checkin-result-message').innerText()).resolves.toContain('请扫描驿站墙上或屏幕上的心连新');
    expect(await visitsHere(worker)).toBe(before);
  });

  it('the kiosk screen shows the link of its rotating code, and scanning it checks in', async () => {
    const kiosk = await api<{ token: string }>(bff.url, 'POST', `/organiser/stations/${stationId}/kiosk-links`, organiserToken);
    const code = await api<{ link: string }>(bff.url, 'GET', `/kiosk/${kiosk.token}`);
    expect(code.link.startsWith(`${bff.url}/q/R1.`)).toBe(true);
    const worker = await phonePage(browser);
    await worker.goto(code.link);
    await worker.locator('#dev-name input').fill('王泽锋');
    await worker.locator('#dev-submit').click();
    await worker
      .locator('#checkin-result-title')
      .getByText(/签到成功|已于 \d\d:\d\d 签到/)
      .waitFor();
  });

  it('the kiosk screen hides its code as stale when the tablet loses the network, and shows a fresh one when it returns', async () => {
    const kiosk = await api<{ token: string; url: string }>(bff.url, 'POST', `/organiser/stations/${stationId}/kiosk-links`, organiserToken);
    expect(kiosk.url.startsWith(`${bff.url}/#/organiser/pages/kiosk/index?token=`)).toBe(true);
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'zh-CN' });
    const screen = await context.newPage();
    await screen.goto(kiosk.url);
    await screen.locator('#kiosk-qr').waitFor();
    expect(await screen.locator('#kiosk-stale').count()).toBe(0);
    await context.setOffline(true);
    await screen.locator('#kiosk-stale').getByText('网络已断开，二维码已失效').waitFor();
    await settle(screen);
    await screenshot(screen, 'kiosk-offline-stale');
    await context.setOffline(false);
    await screen.locator('#kiosk-stale').waitFor({ state: 'detached' });
    await context.close();
  });
});
