/**
 * The H5 build against the mock API and no BFF (what `npm run dev:h5:mock` gives a front-end developer):
 * a tiny static server for dist/h5 with config/mock.ts in front. Home shows the mocked open period
 * (mock/api.ts) with its 领取 button. Screen: test-output/screenshots/mock-home.png.
 */
import { formatFen } from '@kcq/shared';
import { openPeriod, upcomingPeriod } from '../mock/api';
import { capture, phonePage } from './support/browser';
import { journey } from './support/journey';
import { startMockAppServer } from './support/mock-app';
import { settle, watchErrors } from './support/ui';

journey('H5 app on the mock API (no BFF)', { start: startMockAppServer }, (app) => {
  test('home renders the mocked open period and its claim button', async () => {
    const page = await phonePage(app.browser);
    const errors = watchErrors(page);

    await page.goto(`${app.url}/`);
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
    const polled = () => app.server.requests.some((r) => r.startsWith(`GET /api/periods/${openPeriod.id}`));
    for (let waited = 0; !polled() && waited < 10_000; waited += 250) await page.waitForTimeout(250);
    expect(polled()).toBe(true);

    await settle(page);
    await capture(page, 'mock-home');
    expect(app.server.requests).toContain('GET /api/periods');
    expect(errors).toEqual([]);
  });
});
