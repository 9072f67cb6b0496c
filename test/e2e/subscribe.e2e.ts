import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { startFakeWechat, type FakeWechat } from '../../bff/test/helpers/fake-wechat';
import { WECHAT } from '../../bff/test/helpers/leak-guard';
import { TEMPLATES_ENV } from '../../bff/test/helpers/templates';
import { api, launchBrowser, phonePage, screenshot, settle, signInH5, startBff, type Bff } from './helpers';

const HOUR = 3600e3;

/**
 * A worker registers for a full event from the H5 app and accepts the subscription messages
 * (stubbed: H5 has no requestSubscribeMessage); when a seat frees up they are promoted, and
 * WeChat receives one message with the event's name that opens the event page.
 */
describe('subscription messages (H5 in Chromium)', () => {
  let wx: FakeWechat;
  let bff: Bff;
  let browser: Browser;
  beforeAll(async () => {
    wx = await startFakeWechat(WECHAT);
    bff = await startBff({
      WECHAT_APPID: WECHAT.appId,
      WECHAT_SECRET: WECHAT.secret,
      WECHAT_API_BASE: wx.baseUrl,
      WECHAT_SUBSCRIBE_TEMPLATES: TEMPLATES_ENV,
      WECHAT_OUTBOX_POLL_MS: '200',
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
    await wx?.close();
  });

  it('register, accept, get promoted from the waitlist: one message with the event name and page', async () => {
    const organiser = await api<{ token: string; me: { grants: Array<{ organisationId: number }> } }>(bff.url, 'POST', '/auth/dev', undefined, {
      name: '上虞区总工会',
    });
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const title = '外卖骑手防骗知识讲座';
    const event = await api<{ id: number }>(bff.url, 'POST', '/organiser/events', organiser.token, {
      organisationId: organiser.me.grants[0].organisationId,
      kind: 'lecture',
      title,
      description: '反诈民警讲解常见骗局',
      stationId: null,
      venue: '上虞区职工服务中心',
      latitude: 30.03,
      longitude: 120.87,
      startsAt: iso(now + 72 * HOUR),
      endsAt: iso(now + 74 * HOUR),
      registrationOpensAt: iso(now - HOUR),
      registrationClosesAt: iso(now + 48 * HOUR),
      capacity: 1,
      waitlist: true,
      cancellationDeadline: iso(now + 24 * HOUR),
      eligibility: { genders: [], minAge: null, maxAge: null, occupations: [], membersOnly: false },
      selfCheckin: false,
      certificateName: null,
    });
    await api(bff.url, 'POST', `/organiser/events/${event.id}/publish`, organiser.token);
    const holder = await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name: '朱超' });
    const seat = await api<{ id: number; status: string }>(bff.url, 'POST', `/events/${event.id}/registrations`, holder.token);
    expect(seat.status).toBe('confirmed');

    const worker = await phonePage(browser);
    // The sheet WeChat would show: this person accepts every message offered.
    await worker.addInitScript(() => {
      (window as unknown as { __xlxSubscribeStub: (ids: string[]) => Record<string, string> }).__xlxSubscribeStub = (ids) => {
        (window as unknown as { __xlxAsked: string[] }).__xlxAsked = ids;
        return Object.fromEntries(ids.map((id) => [id, 'accept']));
      };
    });
    await signInH5(worker, bff.url, '王泽锋');
    // The person also uses the mini-program, so WeChat knows them by an openid (H5 dev sign-in has none).
    const me = await api<{ token: string; me: { id: number } }>(bff.url, 'POST', '/auth/dev', undefined, { name: '王泽锋' });
    const db = new Database(path.join(bff.dataDir, 'xinlianxin.sqlite'), { timeout: 5000 });
    db.prepare('UPDATE user SET openid = ? WHERE id = ?').run('o-e2e-rider', me.me.id);
    db.close();

    await worker.goto(`${bff.url}/#/pages/event/index?id=${event.id}`);
    await worker.locator('#register-button').waitFor({ state: 'visible' });
    await settle(worker);
    await worker.locator('#register-button').click();
    await worker.locator('#ticket-link').or(worker.getByText('候补')).first().waitFor({ state: 'visible' });
    expect(await worker.evaluate(() => (window as unknown as { __xlxAsked?: string[] }).__xlxAsked)).toEqual(['TPL-REMIND', 'TPL-PROMOTED', 'TPL-CHANGED']);
    const mine = await api<{ items: Array<{ eventId: number; status: string }> }>(bff.url, 'GET', '/me/registrations', me.token);
    expect(mine.items.find((r) => r.eventId === event.id)?.status).toBe('waitlisted');

    // The seat holder cancels: the worker is promoted, and the message goes out once.
    await api(bff.url, 'POST', `/me/registrations/${seat.id}/cancel`, holder.token);
    for (let i = 0; i < 200 && wx.messages.length === 0; i++) await worker.waitForTimeout(100);
    const metrics = async () => (await (await fetch(`${bff.url}/metrics`)).text()).match(/wechat_outbox_backlog (\d+)/)?.[1];
    for (let i = 0; i < 100 && (await metrics()) !== '0'; i++) await worker.waitForTimeout(100);
    expect(wx.messages).toHaveLength(1);
    expect(wx.messages[0]).toMatchObject({
      touser: 'o-e2e-rider',
      template_id: 'TPL-PROMOTED',
      page: `pages/event/index?id=${event.id}`,
      data: { thing1: { value: title }, phrase3: { value: '候补成功' } },
    });

    await worker.reload();
    await worker.locator('#ticket-link').waitFor({ state: 'visible' });
    await settle(worker);
    await screenshot(worker, 'subscribe-promoted');
  });
});
