import type { Browser, Page } from 'playwright-core';
import { api, choosePhoto, drawPhoto, launchBrowser, pageAtWidth, screenshot, settle, signInH5, startBff, type Bff } from './helpers';

/**
 * Issue 17 (10): an event's cover. The organiser adds one on the event edit page; the worker's
 * event page shows it on top (16:9), and an event without one shows no empty frame — at 390 px
 * and 1,280 px, kept as screenshots.
 */
describe('event cover image (H5 in Chromium)', () => {
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

  const pageAt = (width: 390 | 1280) => pageAtWidth(browser, width);
  const eventId = async (title: string) =>
    (await api<{ items: Array<{ id: number; title: string }> }>(bff.url, 'GET', '/events?limit=50')).items.find((e) => e.title === title)!.id;
  /** The cover's <img> once it has loaded: its drawn size and accessible name. */
  const shownCover = async (page: Page) => {
    const img = page.locator('#event-cover img');
    await img.waitFor();
    await page.waitForFunction(() => {
      const el = document.querySelector('#event-cover img') as HTMLImageElement | null;
      return !!el && el.complete && el.naturalWidth > 0;
    });
    const box = (await page.locator('.event-cover').boundingBox())!;
    const label = await page
      .locator('#event-cover')
      .evaluate((el) => el.getAttribute('aria-label') ?? el.querySelector('img')?.getAttribute('aria-label') ?? el.querySelector('img')?.getAttribute('alt'));
    return { box, label };
  };

  it('the organiser adds a cover on the edit page; the worker sees it on top of the event at 390 px', async () => {
    const id = await eventId('女性“两癌”公益筛查');
    const org = await pageAt(390);
    await signInH5(org, bff.url, '上虞区总工会');
    await org.goto(`${bff.url}/#/organiser/pages/event-edit/index?id=${id}`);
    await org.locator('#event-cover-choose').waitFor();
    await choosePhoto(org, '#event-cover-choose', await drawPhoto(org, '两癌筛查', '#d2386c'), 'cover.jpg');
    await org.locator('#event-cover-preview img').waitFor();
    await org.locator('#event-cover-card').scrollIntoViewIfNeeded();
    await settle(org);
    await screenshot(org, 'event-cover-edit-390');
    const saved = await api<{ cover: { url: string } | null }>(bff.url, 'GET', `/events/${id}`);
    expect(saved.cover?.url).toMatch(/^\/api\/v1\/uploads\//);

    const w = await pageAt(390);
    await w.goto(`${bff.url}/#/pages/event/index?id=${id}`);
    const { box, label } = await shownCover(w);
    expect(label).toBe('女性“两癌”公益筛查的活动封面');
    expect(box.width / box.height).toBeCloseTo(16 / 9, 1);
    // On top: above the title.
    expect(box.y).toBeLessThan((await w.locator('#event-title').boundingBox())!.y);
    await settle(w);
    await screenshot(w, 'event-cover-390');
  });

  it('at 1,280 px a demo event shows its cover; an event without one starts with its title', async () => {
    const w = await pageAt(1280);
    await w.goto(`${bff.url}/#/pages/event/index?id=${await eventId('专业母婴护理公益培训班')}`);
    const { box } = await shownCover(w);
    expect(box.width).toBeGreaterThan(300);
    // A band, not a 16:9 picture the width of the screen: the title stays in view.
    expect(box.height).toBeLessThanOrEqual(360);
    expect(box.width / box.height).toBeGreaterThan(2);
    await settle(w);
    await screenshot(w, 'event-cover-1280');

    await w.goto(`${bff.url}/#/pages/event/index?id=${await eventId('劳动合同与薪酬权益讲座')}`);
    await w.locator('#event-title').waitFor();
    await expect(w.locator('#event-cover').count()).resolves.toBe(0);
    await screenshot(w, 'event-no-cover-1280');
  });
});
