/**
 * Opening the H5 app asks the server for nothing it does not have: every request made while the home page
 * and the sign-in page load succeeds — in particular no /favicon.ico, which answered 404 — and the CSP
 * refuses nothing. Headless Chromium under playwright does not ask for /favicon.ico by itself (a page
 * with no icon makes no such request here), so the test also checks what keeps phones' browsers from
 * asking: the page declares its icon inline (index.html), not as a file.
 */
import { phonePage } from './support/browser';
import { journey } from './support/journey';
import { watchErrors } from './support/ui';

journey('H5 app loads without a failed request (favicon included)', (app) => {
  test('home and sign-in: no request fails, none answers 4xx/5xx, no CSP refusal', async () => {
    const page = await phonePage(app.browser);
    const errors = watchErrors(page);
    const failed: string[] = [];
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.url()} ${r.status()}`);
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) failed.push(`CSP: ${m.text()}`);
    });
    await page.goto(`${app.url}/`);
    await page.locator('#service-status').waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
    await page.goto(`${app.url}/#/pages/login/index`);
    await page.locator('#demo-name').waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
    // The page has an icon, and it is the inline one.
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/^data:image\/svg\+xml,/);
    expect(asked.filter((p) => p.endsWith('favicon.ico'))).toEqual([]);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
  });
});
