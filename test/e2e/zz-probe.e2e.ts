import { launchBrowser, phonePage, signInH5, startBff } from './helpers';
it('probe', async () => {
  const bff = await startBff();
  const browser = await launchBrowser();
  try {
    const page = await phonePage(browser);
    await signInH5(page, bff.url, '朱超');
    await page.goto(`${bff.url}/#/pages/events/index`);
    await page.locator('#events-list .event-card').first().waitFor();
    const info = await page.evaluate(() => {
      const el = document.querySelector('.event-card-line .icon') as HTMLElement | null;
      if (!el) return 'none';
      const img = el.querySelector('img');
      const r = el.getBoundingClientRect();
      return JSON.stringify({ tag: el.tagName, cls: el.className, w: r.width, h: r.height, html: el.outerHTML.slice(0, 300), img: img ? [img.getBoundingClientRect().width, img.complete, img.naturalWidth, img.src.slice(0, 80)] : null, fs: getComputedStyle(el).fontSize });
    });
    console.log(info);
  } finally {
    await browser.close();
    await bff.stop();
  }
}, 120000);
