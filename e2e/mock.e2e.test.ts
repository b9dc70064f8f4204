/**
 * The H5 build against the mock API and no BFF (what `npm run dev:h5:mock` gives a front-end developer):
 * a tiny static server for dist/h5 with config/mock.ts in front. Home shows the mocked open period
 * (mock/api.ts) with its 领取 button. Screen: test-output/screenshots/mock-home.png.
 */
import type { Browser } from 'playwright-core';
import { formatFen } from '@kcq/shared';
import { openPeriod, upcomingPeriod } from '../mock/api';
import { browserAvailable, capture, launch, phonePage } from './support/browser';
import { startMockAppServer, type MockAppServer } from './support/mock-app';
import { settle } from './support/ui';

const run = browserAvailable() ? describe : describe.skip;

run('H5 app on the mock API (no BFF)', () => {
  let browser: Browser;
  let server: MockAppServer;

  beforeAll(async () => {
    server = await startMockAppServer();
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('home renders the mocked open period and its claim button', async () => {
    const page = await phonePage(browser);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${server.url}/`);
    const card = page.locator(`#period-${openPeriod.id}`);
    await card.waitFor({ timeout: 30_000 });
    expect(await card.getAttribute('data-status')).toBe('open');
    expect(await card.locator('.period-card__name').textContent()).toBe(openPeriod.name);
    expect(await card.locator('.remaining-quota').textContent()).toContain(formatFen(openPeriod.remainingFen));
    const claim = card.locator('.claim-button');
    await claim.waitFor({ state: 'visible' });
    expect(await claim.textContent()).toContain('领取');
    expect(await page.locator('body').textContent()).toContain(upcomingPeriod.name);

    // /readyz is mocked too; the remaining quota is polled through the :id function mock.
    await page.waitForFunction(() => /正常/.test(document.querySelector('#service-status')?.textContent ?? ''), null, { timeout: 15_000 });
    const polled = () => server.requests.some((r) => r.startsWith(`GET /api/periods/${openPeriod.id}`));
    for (let waited = 0; !polled() && waited < 10_000; waited += 250) await page.waitForTimeout(250);
    expect(polled()).toBe(true);

    await settle(page);
    await capture(page, 'mock-home');
    expect(server.requests).toContain('GET /api/periods');
    expect(errors).toEqual([]);
  });
});
