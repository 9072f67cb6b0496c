import type { Browser, Page } from 'playwright-core';
import { api, launchBrowser, phonePage, screenshot, settle, signInH5, startBff, storedToken, type Bff } from './helpers';

/**
 * Issue 17 (10): the organiser chooses registration questions and a contact phone, the worker
 * answers them to register (a required one left blank is named), the organiser reads the answers
 * in attendance — at 390 px and 1,280 px, each step kept as a screenshot.
 */
describe('registration questions (H5 in Chromium)', () => {
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

  const pageAt = async (width: number): Promise<Page> =>
    width === 390 ? phonePage(browser) : browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });

  it.each([
    [390, '专业母婴护理公益培训班', '答题骑手甲'],
    [1280, '新就业形态劳动者免费健康体检', '答题骑手乙'],
  ])('at %i px: organiser adds questions, a worker answers and registers, the organiser sees the answers', async (width, title, worker) => {
    const events = await api<{ items: Array<{ id: number; title: string }> }>(bff.url, 'GET', '/events?limit=50');
    const eventId = events.items.find((e) => e.title === title)!.id;

    // The organiser adds a contact phone and three questions (phone required, free text optional).
    const org = await pageAt(width);
    await signInH5(org, bff.url, '上虞区总工会');
    await org.goto(`${bff.url}/#/organiser/pages/event-edit/index?id=${eventId}`);
    await org.locator('#event-contact input').fill('0575-82001234');
    await org.locator('#event-question-add-name').click();
    await org.locator('#event-question-add-phone').click();
    await org.locator('#event-question-add-text').click();
    await org.locator('#event-question-2-label input').fill('需要预约的项目');
    await org.locator('#event-questions-card').scrollIntoViewIfNeeded();
    await settle(org);
    await screenshot(org, `event-questions-form-${width}`);
    await org.locator('#event-save').click();
    // The form says 已保存 (and goes back where there is a page to go back to).
    await org.getByText('已保存').first().waitFor();
    const saved = await api<{ questions: Array<{ label: string; required: boolean }>; contactPhone: string }>(bff.url, 'GET', `/events/${eventId}`);
    expect(saved.contactPhone).toBe('0575-82001234');
    expect(saved.questions.map((q) => `${q.label}:${q.required}`)).toEqual(['姓名:true', '手机号:true', '需要预约的项目:false']);

    // The worker sees the contact and the questions; a blank required answer is named.
    const w = await pageAt(width);
    await signInH5(w, bff.url, worker);
    await api(bff.url, 'PATCH', '/me', await storedToken(w), { occupation: 'food_delivery' });
    await w.goto(`${bff.url}/#/pages/event/index?id=${eventId}`);
    await w.locator('#event-questions').waitFor();
    await expect(w.locator('#event-contact').innerText()).resolves.toBe('0575-82001234');
    await w.locator('#event-answer-0 input').fill(worker);
    await w.locator('#register-button').click();
    await w.locator('#event-answer-1-error').waitFor();
    await expect(w.locator('#event-answer-1-error').innerText()).resolves.toBe('请填写“手机号”');
    await w.locator('#event-answer-1-error').scrollIntoViewIfNeeded();
    await settle(w);
    await screenshot(w, `event-questions-missing-${width}`);
    await w.locator('#event-answer-1 input').fill('13812345678');
    await w.locator('#event-answer-2 textarea').fill('血常规和B超');
    await w.locator('#register-button').click();
    await w.locator('#registration-status').waitFor();
    await expect(w.locator('#registration-status').innerText()).resolves.toContain('已报名');
    await settle(w);
    await screenshot(w, `event-questions-registered-${width}`);

    // The organiser reads the answers in attendance, the phone in full.
    await org.goto(`${bff.url}/#/organiser/pages/attendance/index?eventId=${eventId}`);
    const row = org.locator('.att-row', { hasText: worker }).first();
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('手机号：13812345678');
    expect(text).toContain('需要预约的项目：血常规和B超');
    await row.scrollIntoViewIfNeeded();
    await settle(org);
    await screenshot(org, `event-questions-attendance-${width}`);
    await org.close();
    await w.close();
  });
});
