/** The H5 app as `npm start` serves it, opened on a phone-size screen. */
import { capture, phonePage } from './support/browser';
import { journey } from './support/journey';
import { watchErrors } from './support/ui';

journey('H5 app served by the BFF', { setupTimeout: 120_000 }, (app) => {
  test('the home page renders in Chinese and shows that the service is up', async () => {
    const page = await phonePage(app.browser);
    const errors = watchErrors(page);
    await page.goto(`${app.url}/`);
    const status = page.locator('#service-status');
    await status.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => /正常/.test(document.querySelector('#service-status')?.textContent ?? ''), null, {
      timeout: 30_000,
    });
    // In a founder's words: no store or inventory names.
    expect(await status.textContent()).toBe('服务正常');
    await expect(page.title()).resolves.toContain('科创券');
    await capture(page, '00-home');
    expect(errors).toEqual([]);
  });
});
