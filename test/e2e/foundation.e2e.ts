import type { Browser } from 'playwright-core';
import { launchBrowser, phonePage, screenshot, startBff, storedToken, type Bff } from './helpers';

/** A worker opens the H5 build, signs in with the development sign-in, sees home, edits their profile. */
describe('foundation journey (H5 in Chromium)', () => {
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

  it('signs in, shows the home page with the scan button, and saves the profile', async () => {
    const page = await phonePage(browser);
    await page.goto(`${bff.url}/`);
    // Not signed in: the app sends the worker to the sign-in page.
    await page.locator('#dev-name input').fill('王泽锋');
    await page.locator('#dev-submit').click();

    const scan = page.locator('#scan-button');
    await scan.waitFor({ state: 'visible' });
    await expect(scan.innerText()).resolves.toContain('扫码签到');
    const box = await scan.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(100); // gloves: a large target
    await page.locator('#greeting').getByText('王泽锋').first().waitFor();
    await page.locator('#dev-form').waitFor({ state: 'hidden' });
    await page.waitForTimeout(400); // let the page transition finish before the picture
    await screenshot(page, 'foundation-home');

    await page.locator('.weui-tabbar__item').nth(3).click();
    await page.locator('#me-display-name').getByText('王泽锋').waitFor();
    await page.locator('#me-nickname input').fill('王师傅');
    await page.locator('#me-phone input').fill('12345');
    await page.locator('#me-save').click();
    // The phone is refused with a message under the field; nothing is saved.
    await page.locator('#me-phone-error').waitFor();
    await expect(page.locator('#me-phone-error').innerText()).resolves.toMatch(/手机号/);
    await page.locator('#me-phone input').fill('13800138000');
    await page.locator('#me-save').click();
    await page.locator('#me-display-name').getByText('王师傅').waitFor();
    await screenshot(page, 'foundation-me');

    // The server has it.
    const token = await storedToken(page);
    const me = await fetch(`${bff.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } }).then(
      (r) => r.json() as Promise<{ nickname: string; phone: string }>,
    );
    expect(me).toMatchObject({ nickname: '王师傅', phone: '13800138000' });
  });
});
