import { api, launchBrowser, phonePage, signInH5, startBff } from './helpers';
it('debug', async () => {
  const bff = await startBff();
  const browser = await launchBrowser();
  try {
    const orgs = (await api<{ items: Array<{ id: number; name: string }> }>(bff.url, 'GET', '/organisations')).items;
    const id = orgs.find((o) => o.name === '上虞区快递行业工会联合会')!.id;
    const phone = await phonePage(browser);
    phone.on('console', (m) => console.log('CONSOLE', m.text()));
    await signInH5(phone, bff.url, '周师傅');
    await phone.goto(`${bff.url}/#/pages/membership/index`);
    await phone.locator('#member-org-search input').fill('快递');
    await phone.locator(`#member-org-pick-${id}`).waitFor();
    console.log(await phone.locator(`#member-org-pick-${id}`).evaluate((e) => e.outerHTML));
    await phone.locator(`#member-org-pick-${id}`).click();
    await phone.waitForTimeout(1000);
    console.log(await phone.locator('#member-form').evaluate((e) => e.innerHTML.slice(0, 3000)));
  } finally {
    await browser.close();
    await bff.stop();
  }
}, 120000);
