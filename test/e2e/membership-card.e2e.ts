import type { Browser, Page } from 'playwright-core';
import { api, launchBrowser, phonePage, screenshot, settle, signInH5, startBff, type Bff } from './helpers';

/** Joining a union from the tree, the occupation from the profile, and a member card an organiser verifies (390 and 1,280 px). */
describe('membership: union tree, profile prefill, verified member card (H5 in Chromium)', () => {
  let bff: Bff;
  let browser: Browser;
  let orgs: Array<{ id: number; name: string }>;
  beforeAll(async () => {
    bff = await startBff();
    browser = await launchBrowser();
    orgs = (await api<{ items: Array<{ id: number; name: string }> }>(bff.url, 'GET', '/organisations')).items;
  });
  afterAll(async () => {
    await browser?.close();
    await bff?.stop();
  });
  const org = (name: string) => orgs.find((o) => o.name === name)!.id;
  const desk = async (name: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await signInH5(page, bff.url, name);
    return page;
  };

  it('a courier opens the form by a link, finds the courier union by search, gets a card; the district union verifies it, another county cannot', async () => {
    const rider = await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name: '周师傅' });
    await api(bff.url, 'PATCH', '/me', rider.token, { occupation: 'courier', phone: '13612345678' });
    const phone = await phonePage(browser);
    await signInH5(phone, bff.url, '周师傅');
    // Opened straight from a link (as from a message or an event), not from 我的: still prefilled.
    await phone.goto(`${bff.url}/#/pages/membership/index?from=link`);
    await phone.reload();
    await phone.locator('#member-form').waitFor();
    await phone.locator('#member-occupation').getByText('快递员').waitFor();
    await expect(phone.locator('#member-phone input').inputValue()).resolves.toBe('13612345678');

    // Walking the tree: province, then its cities.
    await phone.locator(`#member-org-${org('浙江省总工会')} .ut-row-text`).click();
    await phone.locator(`#member-org-${org('绍兴市总工会')}`).waitFor();
    expect(await phone.locator(`#member-org-${org('龙洲街道总工会')}`).count()).toBe(0);
    // Searching: the match shows where it sits.
    await phone.locator('#member-org-search input').fill('快递');
    const express = phone.locator(`#member-org-${org('上虞区快递行业工会联合会')}`);
    await express.waitFor();
    await expect(express.innerText()).resolves.toContain('浙江省总工会 › 绍兴市总工会 › 绍兴市上虞区总工会');
    await settle(phone);
    await screenshot(phone, 'membership-union-search-390');
    await phone.locator(`#member-org-pick-${org('上虞区快递行业工会联合会')}`).click();
    await expect(phone.locator('#member-org').innerText()).resolves.toContain('上虞区快递行业工会联合会');

    await phone.locator('#member-name input').fill('周建国');
    await phone.locator('#member-employer input').fill('中通快递');
    await phone.locator('#member-submit').click();
    await phone.locator('#membership-list').waitFor();

    const approver = await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name: '上虞快递工会' });
    const pending = await api<{ items: Array<{ id: number; name: string }> }>(bff.url, 'GET', '/organiser/memberships?status=pending', approver.token);
    await api(bff.url, 'POST', `/organiser/memberships/${pending.items.find((m) => m.name === '周建国')!.id}/approve`, approver.token);

    await phone.reload();
    await phone.locator('#member-card-code').waitFor();
    const code = (await phone.locator('#member-card-code .ms-card-code-value').innerText()).trim();
    expect(code).toMatch(/^M1\.[0-9a-z]+\.[A-Za-z0-9_-]{12}$/);
    await settle(phone);
    await screenshot(phone, 'membership-card-code-390');
    const wideCard = await desk('周师傅');
    await wideCard.goto(`${bff.url}/#/pages/membership/index`);
    await wideCard.locator('#member-card-code').getByText(code).waitFor();
    await settle(wideCard);
    await screenshot(wideCard, 'membership-card-code-1280');

    // The district union (above the courier union) verifies at its desk.
    const district = await desk('上虞区总工会');
    await district.goto(`${bff.url}/#/organiser/pages/memberships/index`);
    await district.locator('#member-verify-input input').fill(code);
    await district.locator('#member-verify-submit').click();
    await district.locator('#member-verify-result.mv-ok').waitFor();
    const ok = await district.locator('#member-verify-result').innerText();
    expect(ok).toContain('会员身份有效');
    expect(ok).toContain('周建国');
    expect(ok).toContain('上虞区快递行业工会联合会');
    await settle(district);
    await screenshot(district, 'membership-verify-valid-1280');

    // The same check on an organiser's phone.
    const door = await phonePage(browser);
    await signInH5(door, bff.url, '上虞快递工会');
    await door.goto(`${bff.url}/#/organiser/pages/memberships/index`);
    await door.locator('#member-verify-input input').fill(code);
    await door.locator('#member-verify-submit').click();
    await door.locator('#member-verify-result.mv-ok').getByText('周建国').waitFor();
    await settle(door);
    await screenshot(door, 'membership-verify-valid-390');

    // A forged card.
    await district.locator('#member-verify-input input').fill(`${code.slice(0, -3)}abc`);
    await district.locator('#member-verify-submit').click();
    await district.locator('#member-verify-result.mv-bad').waitFor();
    await expect(district.locator('#member-verify-result').innerText()).resolves.toContain('无效的会员卡');

    // Another county's union is told the card is not theirs, and not whose it is.
    const other = await desk('龙游县总工会');
    await other.goto(`${bff.url}/#/organiser/pages/memberships/index`);
    await other.locator('#member-verify-input input').fill(code);
    await other.locator('#member-verify-submit').click();
    await other.getByText('不属于您管理的工会').waitFor();
    await expect(other.locator('#member-verify').innerText()).resolves.not.toContain('周建国');
  });
});
