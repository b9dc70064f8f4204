/** The H5 app as `npm start` serves it, opened on a phone-size screen. */
import type { Browser } from 'playwright-core';
import { browserAvailable, capture, launch, phonePage } from './support/browser';
import { startAppServer } from './support/bff';

const run = browserAvailable() ? describe : describe.skip;

run('H5 app served by the BFF', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startAppServer>>;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the home page renders in Chinese and shows that the service is up', async () => {
    const page = await phonePage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/`);
    const status = page.locator('#service-status');
    await status.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => /正常/.test(document.querySelector('#service-status')?.textContent ?? ''), null, {
      timeout: 30_000,
    });
    expect(await status.textContent()).toContain('正常');
    expect(await status.textContent()).toContain('embedded');
    await expect(page.title()).resolves.toContain('科创券');
    await capture(page, '00-home');
    expect(errors).toEqual([]);
  });
});
