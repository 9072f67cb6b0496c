import type { Browser } from 'playwright-core';
import { api, choosePhoto, drawPhoto, launchBrowser, phonePage, screenshot, settle, signInH5, startBff, type Bff } from './helpers';

/**
 * A worker files a request with a photo from the phone; the organiser sees the photo, replies and
 * resolves it; the worker rates it; the dashboard moves.
 */
describe('requests (H5 in Chromium)', () => {
  let bff: Bff;
  let browser: Browser;
  beforeAll(async () => {
    bff = await startBff();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
  });

  it('goes from filing to a satisfied rating, and the dashboard counts it', async () => {
    const organiserToken = await api<{ token: string; me: { grants: Array<{ organisationId: number }> } }>(bff.url, 'POST', '/auth/dev', undefined, {
      name: '上虞区总工会',
    });
    const orgId = organiserToken.me.grants[0].organisationId;
    const before = await api<{ requests: { received30d: number; resolved30d: number } }>(
      bff.url,
      'GET',
      `/organiser/organisations/${orgId}/dashboard`,
      organiserToken.token,
    );

    const worker = await phonePage(browser);
    await signInH5(worker, bff.url, '王泽锋');
    await worker.goto(`${bff.url}/#/pages/requests/index`);
    await worker.locator('#request-new').click();
    await worker.locator('#request-category-station_facilities').click();
    await worker.locator('#request-text textarea').fill('驿站的微波炉坏了，中午热饭要排很久，请尽快修理');
    // Addressed through a station, whose union receives it.
    await worker.locator('#request-stations [id^="request-station-"]').first().click();

    // A photo of the broken microwave, picked through the file chooser Taro.chooseImage opens on H5.
    const photo = await drawPhoto(worker, '微波炉坏了');
    await choosePhoto(worker, '#request-photo-add', photo, 'microwave.jpg');
    await worker.locator('#request-photo-0').waitFor({ state: 'visible' });
    await worker.locator('#request-photo-status-0').waitFor({ state: 'detached' });
    await worker.locator('#request-photo-error').waitFor({ state: 'detached' });
    await settle(worker);
    await screenshot(worker, 'request-photo-attached');
    await worker.locator('#request-submit').click();
    const workerToken = (await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name: '王泽锋' })).token;
    let id = 0;
    for (let i = 0; i < 40 && !id; i++) {
      const mine = await api<{ items: Array<{ id: number }> }>(bff.url, 'GET', '/me/requests', workerToken);
      id = mine.items[0]?.id ?? 0;
      if (!id) await worker.waitForTimeout(250);
    }
    expect(id).toBeGreaterThan(0);
    await worker.locator(`#request-item-${id}`).waitFor({ state: 'attached' });
    await settle(worker);
    await screenshot(worker, 'request-filed');
    const filed = await api<{ photoUrl: string | null }>(bff.url, 'GET', `/me/requests/${id}`, workerToken);
    expect(filed.photoUrl).toMatch(/^\/api\/v1\/uploads\/[A-Za-z0-9_-]{22}\?exp=\d+&sig=/);
    const served = await fetch(`${bff.url}${filed.photoUrl}`);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    // The server keeps only the pixels, encoded again: a JPEG, no longer the phone's bytes.
    const kept = Buffer.from(await served.arrayBuffer());
    expect(kept.subarray(0, 2).equals(Buffer.from([0xff, 0xd8]))).toBe(true);
    expect(kept.length).toBeGreaterThan(100);

    const organiser = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signInH5(organiser, bff.url, '上虞区总工会');
    await organiser.goto(`${bff.url}/#/organiser/pages/request/index?id=${id}`);
    // The organiser sees the worker's photo, loaded through its signed link.
    await organiser.locator('#req-photo').waitFor({ state: 'visible' });
    await organiser.waitForFunction(() => {
      const img = document.querySelector('#req-photo img') as HTMLImageElement | null;
      return !!img && img.complete && img.naturalWidth === 800;
    });
    await settle(organiser);
    await screenshot(organiser, 'request-organiser-photo');
    await organiser.locator('#req-reply-input textarea').fill('已安排维修师傅，明天上午更换微波炉');
    await organiser.locator('#req-reply-send').click();
    await organiser.getByText('已安排维修师傅').first().waitFor();
    await organiser.locator('#req-resolve').click();
    await organiser.getByText('已解决').first().waitFor();
    await settle(organiser);
    await screenshot(organiser, 'request-organiser-resolved');

    await worker.goto(`${bff.url}/#/pages/request/index?id=${id}`);
    await worker.getByText('已安排维修师傅').first().waitFor();
    // Neither answer is suggested: both buttons look the same.
    const look = (sel: string) =>
      worker.locator(sel).evaluate((el) => {
        const s = getComputedStyle(el);
        return [s.backgroundColor, s.color, s.borderColor, s.fontWeight, (el as HTMLElement).offsetWidth, (el as HTMLElement).offsetHeight].join('|');
      });
    expect(await look('#request-rate-yes')).toBe(await look('#request-rate-no'));
    await screenshot(worker, 'request-worker-rate-choice');
    await worker.locator('#request-rate-yes').click();
    await worker.getByText('满意').first().waitFor();
    await settle(worker);
    await screenshot(worker, 'request-worker-rated');

    await organiser.goto(`${bff.url}/#/organiser/pages/dashboard/index?organisationId=${orgId}`);
    await organiser
      .locator('#dash-requests-resolved')
      .getByText(String(before.requests.resolved30d + 1))
      .waitFor();
    await settle(organiser);
    await screenshot(organiser, 'dashboard');
    const after = await api<{ requests: { received30d: number; resolved30d: number } }>(
      bff.url,
      'GET',
      `/organiser/organisations/${orgId}/dashboard`,
      organiserToken.token,
    );
    expect(after.requests.received30d).toBe(before.requests.received30d + 1);
    expect(after.requests.resolved30d).toBe(before.requests.resolved30d + 1);
  });
});
