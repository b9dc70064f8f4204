/**
 * The H5 app under the BFF's security headers (issue #14 item 5), in Chromium: the pages are served
 * with a Content-Security-Policy, and walking home, sign-in, the lab catalogue, a service and 我的
 * breaks none of it — no `securitypolicyviolation` event, no "Refused to …" console message, no page
 * error. A planted violation first proves the watch sees one.
 */
import type { Page } from 'playwright-core';
import { phonePage } from './support/browser';
import { journey } from './support/journey';
import { demoLogin, landed, settle, watchErrors } from './support/ui';

interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

/** Records every CSP violation of the page (from the first script on) and CSP console messages. */
async function watchCsp(page: Page): Promise<{ violations: () => Promise<Violation[]>; console: string[] }> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) console.push(m.text());
  });
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __csp: unknown[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` }),
    );
  });
  return {
    violations: () => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp ?? []),
    console,
  };
}

journey('H5 app under its Content-Security-Policy (Chromium)', { setupTimeout: 120_000 }, (app) => {
  test('the watch sees a planted violation (an image from another origin)', async () => {
    const page = await phonePage(app.browser);
    const csp = await watchCsp(page);
    await page.goto(`${app.url}/`);
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://example.invalid/planted.png';
      document.body.appendChild(img);
    });
    await page.waitForFunction(() => ((window as unknown as { __csp: unknown[] }).__csp ?? []).length > 0, null, { timeout: 10_000 });
    expect(await csp.violations()).toEqual([expect.objectContaining({ directive: 'img-src', blocked: 'https://example.invalid/planted.png' })]);
    await page.close();
  });

  test('home, sign-in, catalogue, a service and 我的 load with no CSP violation', async () => {
    const page = await phonePage(app.browser);
    const errors = watchErrors(page);
    const csp = await watchCsp(page);

    const home = await page.goto(`${app.url}/`);
    const policy = home?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("script-src 'self' 'sha256-");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain('unsafe-eval');
    expect(home?.headers()['x-content-type-options']).toBe('nosniff');
    await page.locator('.period-card, #service-status').first().waitFor({ timeout: 30_000 });

    await demoLogin(page, app.url, 'csp-founder');
    await landed(page);

    await page.goto(`${app.url}/#/pages/labs/index`);
    const card = page.locator('#catalogue-list .service-card').first();
    await card.waitFor({ timeout: 30_000 });
    await card.click();
    await page.waitForURL(/catalogue\/service/, { timeout: 30_000 });
    await page.locator('text=/元/').first().waitFor({ timeout: 30_000 });

    await page.goto(`${app.url}/#/pages/mine/index`);
    await settle(page, 1_000);

    expect(await csp.violations()).toEqual([]);
    expect(csp.console).toEqual([]);
    expect(errors).toEqual([]);
  });
});
