import type { Browser } from 'playwright-core';
import { launchBrowser, phonePage, screenshot, settle, signInH5, startBff, type Bff } from './helpers';

/** A worker finds the 隐私保护指引 from 我的: what is collected, why, for how long, how to delete it. */
describe('privacy guide (H5 in Chromium)', () => {
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

  it('opens from 我的 and says what is kept, for how long, and how to delete it', async () => {
    const page = await phonePage(browser);
    await signInH5(page, bff.url, '朱超');
    await page.locator('.weui-tabbar__item').nth(3).click();
    await page.locator('#me-privacy').click();

    const items = page.locator('#privacy-items');
    await items.getByText('位置信息', { exact: true }).waitFor();
    const text = await items.innerText();
    expect(text).toContain('服务器不保存您的坐标');
    expect(text).toContain('30 天后失效');
    expect(text).toContain('24 小时后删除');
    expect(text).toContain('交友资料');
    await expect(page.locator('#privacy-rights').innerText()).resolves.toContain('「我的」→「注销账号」');
    // No privacy request is waiting in a browser: no sheet over the page.
    await expect(page.locator('#privacy-sheet').count()).resolves.toBe(0);
    await settle(page);
    await screenshot(page, 'privacy-guide');

    await page.locator('#privacy-to-me').click();
    await page.locator('#me-privacy').waitFor({ state: 'visible' });
  });
});
