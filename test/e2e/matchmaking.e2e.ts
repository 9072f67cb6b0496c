import type { Browser } from 'playwright-core';
import { MATCH_CONSENT_VERSION } from '@xlx/shared';
import { api, launchBrowser, phonePage, screenshot, settle, signInH5, startBff, type Bff } from './helpers';

/** Two attendees pick each other, a third picks one of them: only the two learn of it. */
describe('matchmaking social (H5 in Chromium)', () => {
  let bff: Bff;
  let browser: Browser;
  let eventId: number;
  const people = { a: { name: '周文', wx: 'zhouwen_88' }, b: { name: '梁丹', wx: 'liangdan_97' }, c: { name: '陆军', wx: 'lujun_2020' } };
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    bff = await startBff();
    browser = await launchBrowser();
    const organiser = (await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name: '上虞区总工会' })).token;
    const events = await api<{ items: Array<{ id: number; kind: string }> }>(bff.url, 'GET', '/events?kind=matchmaking');
    eventId = events.items[0].id;
    const now = Date.now();
    await api(bff.url, 'PUT', `/organiser/events/${eventId}/match-settings`, organiser, {
      picksPerPerson: 3,
      pickOpensAt: new Date(now - 60e3).toISOString(),
      pickClosesAt: new Date(now + 3600e3).toISOString(),
      revealAtOnce: true,
    });
    const genders = { a: 'male', b: 'female', c: 'male' } as const;
    const wants = { a: 'any', b: 'male', c: 'male' } as const;
    for (const [key, p] of Object.entries(people)) {
      const t = (await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name: p.name })).token;
      tokens[key] = t;
      await api(bff.url, 'PUT', '/me/match-profile', t, {
        consentVersion: MATCH_CONSENT_VERSION,
        displayName: p.name,
        gender: genders[key as keyof typeof genders],
        wantsToMeet: wants[key as keyof typeof wants],
        birthYear: 1997,
        occupation: 'courier',
        city: '绍兴',
        intro: '周末爱爬山',
        contact: { kind: 'wechat', value: p.wx },
      });
      const reg = await api<{ ticket: string }>(bff.url, 'POST', `/events/${eventId}/registrations`, t);
      // The demo social is days away: the organiser admits them on purpose (an audited override).
      await api(bff.url, 'POST', `/organiser/events/${eventId}/scan`, organiser, { code: reg.ticket, override: true });
    }
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
  });

  const cardOf = async (viewer: string, name: string) =>
    (await api<{ cards: Array<{ id: string; displayName: string }> }>(bff.url, 'GET', `/events/${eventId}/match/board`, tokens[viewer])).cards.find(
      (c) => c.displayName === name,
    )!.id;

  async function pickInUi(viewer: 'a' | 'b' | 'c', target: string) {
    const page = await phonePage(browser);
    await signInH5(page, bff.url, people[viewer].name);
    await page.goto(`${bff.url}/#/pages/match/index?eventId=${eventId}`);
    const card = await cardOf(viewer, target);
    await page.locator(`#match-pick-${card}`).click();
    await page.locator(`#match-pick-${card}`).getByText('已选择').waitFor();
    return page;
  }

  it('shows the match and contacts to the pair only', async () => {
    const pageA = await pickInUi('a', people.b.name);
    await settle(pageA);
    await screenshot(pageA, 'match-board');
    const pageB = await pickInUi('b', people.a.name);
    const pageC = await pickInUi('c', people.a.name);

    for (const [page, other] of [
      [pageA, people.b],
      [pageB, people.a],
    ] as const) {
      await page.locator('#match-tab-matches').click();
      await page.getByText(other.wx).waitFor();
    }
    await settle(pageA);
    await screenshot(pageA, 'match-result-pair');

    await pageC.locator('#match-tab-matches').click();
    // Picking is still open: no match yet is not "no match", and the page says when picking closes.
    await pageC.locator('#match-not-yet').waitFor();
    const text = await pageC.locator('body').innerText();
    expect(text).toContain('截止');
    expect(text).not.toContain('也许下次');
    expect(text).not.toContain(people.a.wx);
    expect(text).not.toContain(people.b.wx);
    await settle(pageC);
    await screenshot(pageC, 'match-result-third');

    // The organiser sees counts only, and can set seats per gender.
    const organiser = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signInH5(organiser, bff.url, '上虞区总工会');
    await organiser.goto(`${bff.url}/#/organiser/pages/match/index?eventId=${eventId}`);
    await organiser.locator('#match-count-matches').getByText('1', { exact: true }).waitFor();
    await organiser.locator('#match-seats-male input').fill('20');
    await organiser.locator('#match-save').click();
    await organiser.getByText('已保存').first().waitFor();
    const orgText = await organiser.locator('body').innerText();
    for (const p of Object.values(people)) expect(orgText).not.toContain(p.wx);
    await settle(organiser);
    await screenshot(organiser, 'match-organiser-counts');
    const organiserToken = (await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name: '上虞区总工会' })).token;
    const saved = await api<{ seatsPerGender: { male: number | null } }>(bff.url, 'GET', `/organiser/events/${eventId}/match-settings`, organiserToken);
    expect(saved.seatsPerGender.male).toBe(20);

    // Nobody learns who picked them: A's board does not say that C picked A.
    const boardA = await api<{ cards: Array<{ displayName: string; pickedByMe: boolean }> }>(bff.url, 'GET', `/events/${eventId}/match/board`, tokens.a);
    expect(boardA.cards.find((c) => c.displayName === people.c.name)!.pickedByMe).toBe(false);
  });
});
