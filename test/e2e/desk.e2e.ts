import type { Browser, Page } from 'playwright-core';
import { api, launchBrowser, phonePage, screenshot, settle, signInH5, startBff, type Bff } from './helpers';

/**
 * Issue 17 item 13: the organiser console at desk size. At 1,280 × 800 the organiser pages have a
 * sidebar and dense tables (sort, filter, select, bulk actions); at 390 px the same pages keep the
 * phone's cards and no sidebar.
 */
describe('organiser console at desk width (H5 in Chromium)', () => {
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

  const ORGANISER = '上虞区总工会';

  async function deskPage(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    await signInH5(page, bff.url, ORGANISER);
    return page;
  }

  it('sorts, filters and assigns requests, and approves two applications at once; the phone keeps its layout', async () => {
    const org = await api<{ token: string; me: { id: number; grants: Array<{ organisationId: number }> } }>(bff.url, 'POST', '/auth/dev', undefined, {
      name: ORGANISER,
    });
    const orgId = org.me.grants[0].organisationId;
    // Three workers file requests to the union, of two categories; nobody has taken them on yet.
    const made: Array<{ id: number }> = [];
    for (const [name, category, text] of [
      ['孙晓东', 'station_facilities', '驿站饮水机坏了，夏天没水喝'],
      ['郑国强', 'rights_pay', '平台拖欠上月配送费，请工会帮忙协调'],
      ['冯丽娟', 'station_facilities', '驿站充电柜不够用，晚上要排队'],
    ] as const) {
      const w = await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name });
      made.push(await api<{ id: number }>(bff.url, 'POST', '/requests', w.token, { category, text, organisationId: orgId }));
    }
    // Three workers apply to join the union.
    const applicants = ['陈立新', '周建华', '吴海燕'];
    const applied: Array<{ id: number; phone: string }> = [];
    for (const [i, name] of applicants.entries()) {
      const w = await api<{ token: string }>(bff.url, 'POST', '/auth/dev', undefined, { name });
      applied.push(
        await api<{ id: number; phone: string }>(bff.url, 'POST', '/memberships', w.token, {
          organisationId: orgId,
          name,
          phone: `1390000${String(1000 + i)}`,
          employer: '美团',
          occupation: 'courier',
        }),
      );
    }

    const desk = await deskPage();
    await desk.goto(`${bff.url}/#/organiser/pages/requests/index`);
    await desk.locator('#desk-req-table').waitFor({ state: 'visible' });
    // The sidebar, with 诉求 highlighted, and text at desk size (not a phone scaled up).
    await desk.locator('#desk-nav').waitFor({ state: 'visible' });
    expect(await desk.locator('#desk-nav-requests').getAttribute('class')).toContain('desk-nav-on');
    expect(await desk.locator('#desk-nav-memberships').getAttribute('class')).not.toContain('desk-nav-on');
    const rootPx = await desk.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(rootPx).toBe(20);
    // Many rows on one screen: the phone's cards are replaced by table rows.
    expect(await desk.locator('#req-list').count()).toBe(0);
    const rows = desk.locator('#desk-req-table tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    await desk.locator(`#desk-req-row-${made[0].id} .desk-assignee`).getByText('尚未指派').waitFor();
    await settle(desk);
    await screenshot(desk, 'desk-1280-requests');

    // Filter by category: only the two station requests are left.
    await desk.locator('#desk-req-category').selectOption('station_facilities');
    const texts = async () => desk.locator('#desk-req-table tbody tr td:nth-child(2) .desk-link').allInnerTexts();
    const shown = await texts();
    expect(shown).toEqual(expect.arrayContaining(['驿站饮水机坏了，夏天没水喝', '驿站充电柜不够用，晚上要排队']));
    expect(shown).not.toContain('平台拖欠上月配送费，请工会帮忙协调');
    expect(await desk.locator('#desk-req-table tbody tr td:nth-child(3)').allInnerTexts()).toEqual(shown.map(() => '驿站设施'));

    // Sort by 提交时间: newest first by default, the click puts the oldest first.
    const newestFirst = await texts();
    expect(newestFirst.indexOf('驿站充电柜不够用，晚上要排队')).toBeLessThan(newestFirst.indexOf('驿站饮水机坏了，夏天没水喝'));
    await desk.locator('#desk-req-sort-createdAt').click();
    const oldestFirst = await texts();
    expect(oldestFirst.indexOf('驿站饮水机坏了，夏天没水喝')).toBeLessThan(oldestFirst.indexOf('驿站充电柜不够用，晚上要排队'));
    expect(await desk.locator('#desk-req-sort-createdAt').getAttribute('aria-sort')).toBe('ascending');
    // The headers sort from the keyboard too.
    await desk.locator('#desk-req-sort-createdAt').focus();
    await desk.keyboard.press('Enter');
    expect(await desk.locator('#desk-req-sort-createdAt').getAttribute('aria-sort')).toBe('descending');
    expect(await texts()).toEqual(newestFirst);

    // Select the two and take them on at once.
    await desk.locator(`#desk-req-check-${made[0].id}`).check();
    await desk.locator(`#desk-req-check-${made[2].id}`).check();
    await desk.locator('#desk-req-selected').getByText('已选 2 条').waitFor();
    await desk.locator('#desk-req-assign').click();
    await desk.locator('#desk-req-result').getByText('已指派 2 条').waitFor();
    await desk.locator(`#desk-req-row-${made[0].id} .desk-assignee`).getByText(ORGANISER).waitFor();
    await desk.locator(`#desk-req-row-${made[2].id} .desk-assignee`).getByText(ORGANISER).waitFor();
    await settle(desk);
    await screenshot(desk, 'desk-1280-requests-assigned');
    // The server agrees: both assigned and in progress, the third untouched.
    const after = await api<{ items: Array<{ id: number; assigneeName: string | null; status: string }> }>(
      bff.url,
      'GET',
      `/organiser/requests?organisationId=${orgId}`,
      org.token,
    );
    const byId = new Map(after.items.map((r) => [r.id, r]));
    expect(byId.get(made[0].id)).toMatchObject({ assigneeName: ORGANISER, status: 'in_progress' });
    expect(byId.get(made[2].id)).toMatchObject({ assigneeName: ORGANISER, status: 'in_progress' });
    expect(byId.get(made[1].id)).toMatchObject({ assigneeName: null, status: 'submitted' });

    // Applications: through the sidebar, a table with masked phones; approve two at once.
    await desk.locator('#desk-nav-memberships').click();
    await desk.locator('#desk-mem-table').waitFor({ state: 'visible' });
    expect(await desk.locator('#desk-nav-memberships').getAttribute('class')).toContain('desk-nav-on');
    const phoneCells = await desk.locator('#desk-mem-table tbody tr td:nth-child(3)').allInnerTexts();
    for (const a of applied) expect(phoneCells.join(' ')).toContain(`${a.phone.slice(0, 3)}****${a.phone.slice(7)}`); // masked, as the phone view shows
    expect(phoneCells.join(' ')).not.toMatch(/1\d{10}/);
    await desk.locator(`#desk-mem-check-${applied[0].id}`).check();
    await desk.locator(`#desk-mem-check-${applied[1].id}`).check();
    await settle(desk);
    await screenshot(desk, 'desk-1280-memberships');
    await desk.locator('#desk-mem-approve').click();
    await desk.locator('.taro-model__confirm').getByText('全部通过').click();
    await desk.locator('#desk-mem-result').getByText('已通过 2 条').waitFor();
    await desk.locator(`#desk-mem-row-${applied[0].id}`).waitFor({ state: 'detached' });
    await desk.locator(`#desk-mem-row-${applied[1].id}`).waitFor({ state: 'detached' });
    expect(await desk.locator(`#desk-mem-row-${applied[2].id}`).count()).toBe(1);
    const approved = await api<{ items: Array<{ id: number; memberNo: string | null }> }>(
      bff.url,
      'GET',
      `/organiser/memberships?status=approved&organisationId=${orgId}`,
      org.token,
    );
    const ids = approved.items.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining([applied[0].id, applied[1].id]));
    expect(ids).not.toContain(applied[2].id);
    expect(approved.items.filter((m) => m.id === applied[0].id || m.id === applied[1].id).every((m) => m.memberNo)).toBe(true);
    await settle(desk);
    await screenshot(desk, 'desk-1280-memberships-approved');
    await desk.close();

    // The same pages on a phone: cards, no sidebar, no table.
    const phone = await phonePage(browser);
    await signInH5(phone, bff.url, ORGANISER);
    await phone.goto(`${bff.url}/#/organiser/pages/requests/index`);
    await phone.locator('#req-list').waitFor({ state: 'visible' });
    expect(await phone.locator('#desk-nav').count()).toBe(0);
    expect(await phone.locator('#desk-req-table').count()).toBe(0);
    await settle(phone);
    await screenshot(phone, 'desk-390-requests');
    await phone.goto(`${bff.url}/#/organiser/pages/memberships/index`);
    await phone.locator(`#member-item-${applied[2].id}`).waitFor({ state: 'visible' });
    expect(await phone.locator('#desk-nav').count()).toBe(0);
    expect(await phone.locator('#desk-mem-table').count()).toBe(0);
    await settle(phone);
    await screenshot(phone, 'desk-390-memberships');
    // A worker page at 390 px keeps the phone's root size (the desk cap does not reach phones).
    await phone.goto(`${bff.url}/#/pages/index/index`);
    await phone.locator('#scan-button').waitFor({ state: 'visible' });
    expect(await phone.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeCloseTo((40 * 390) / 750, 1);
    await settle(phone);
    await screenshot(phone, 'desk-390-worker-home');
    await phone.context().close();
  });
});
