/**
 * The lab catalogue in the H5 build against a real BFF (seeded: 28 open units, 66 labs, 357 services):
 * a founder searches 质谱, keeps only voucher-eligible services, scrolls to load the next page (the API's
 * cursor), opens a service and sees its price and badges, then its lab and unit. Screens are captured
 * under test-output/screenshots/catalogue-*.png.
 */
import type { Page } from 'playwright-core';
import { capture, phonePage } from './support/browser';
import { journey } from './support/journey';
import { scrollToBottom, settle, typeInto, watchErrors } from './support/ui';

const cards = (page: Page) => page.locator('#catalogue-list .service-card');

journey('lab catalogue (H5 against a real BFF)', (app) => {
  test('search 质谱, voucher-eligible only, scroll for page two, open a service with its price and badges', async () => {
    const page = await phonePage(app.browser);
    const errors = watchErrors(page);
    const searches: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/catalogue/services?')) searches.push(decodeURIComponent(r.url().split('?')[1]));
    });

    // The 实验室 tab: the whole catalogue, cheapest first, skeletons until the first page arrives.
    await page.goto(`${app.url}/#/pages/labs/index`);
    await cards(page).first().waitFor({ timeout: 30_000 });
    await settle(page);
    await capture(page, 'catalogue-01-browse');

    // Search 质谱: service and instrument names match (液相色谱-质谱联用仪).
    await typeInto(page, 'catalogue-q', '质谱');
    await page.locator('#catalogue-search').click();
    await page.waitForFunction(() => Array.from(document.querySelectorAll('#catalogue-list .service-card')).every((c) => /质谱/.test(c.textContent ?? '')));
    expect(searches.some((s) => s.includes('q=质谱'))).toBe(true);
    // Without the filter the statutory and unrecognised services are listed too, with why a voucher cannot pay.
    await settle(page);
    await capture(page, 'catalogue-02-search');

    // 只看可用创新券.
    await page.locator('#eligible-only').click();
    await page.locator('#eligible-only[data-on="true"]').waitFor();
    await page.waitForFunction(() => {
      const list = Array.from(document.querySelectorAll('#catalogue-list .service-card'));
      return list.length > 0 && list.every((c) => c.getAttribute('data-eligible') === 'true');
    });
    const firstPage = await cards(page).count();
    expect(firstPage).toBe(10);
    expect(searches.some((s) => s.includes('eligibleOnly=true') && !s.includes('cursor='))).toBe(true);
    for (const text of await cards(page).allTextContents()) {
      expect(text).toContain('可用创新券');
      expect(text).not.toContain('不可用券');
    }
    expect(await page.locator('#catalogue-list').textContent()).toContain('津冀互认');
    await settle(page);
    await capture(page, 'catalogue-03-eligible');

    // Scroll to the bottom: the next page comes with the cursor, appended without repeats.
    await scrollToBottom(page);
    await page.waitForFunction((n) => document.querySelectorAll('#catalogue-list .service-card').length > n, firstPage, { timeout: 15_000 });
    expect(searches.some((s) => s.includes('eligibleOnly=true') && s.includes('cursor='))).toBe(true);
    const ids = await cards(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-service-id')));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(firstPage);
    await settle(page);
    await capture(page, 'catalogue-04-page-two');

    // Filters sheet: region 河北 → only 津冀互认 units' services.
    await page.locator('#catalogue-filter').click();
    await page.locator('#filter-sheet').waitFor();
    await page.locator('#region-chips .chip[data-code="hebei"]').click();
    await settle(page, 500);
    await capture(page, 'catalogue-05-filters');
    await page.locator('#filter-apply').click();
    await page.waitForFunction(() => {
      const list = Array.from(document.querySelectorAll('#catalogue-list .service-card'));
      return list.length > 0 && list.every((c) => /津冀互认/.test(c.textContent ?? ''));
    });
    expect(searches.some((s) => s.includes('region=hebei'))).toBe(true);

    // Back to Beijing and all regions; open the first eligible 质谱 service.
    await page.locator('#catalogue-filter').click();
    await page.locator('#region-chips .chip').first().click();
    await page.locator('#filter-apply').click();
    await page.waitForFunction(() => document.querySelectorAll('#catalogue-list .service-card').length >= 10);
    const first = cards(page).first();
    const name = (await first.locator('.service-card__name').textContent()) ?? '';
    await first.click();

    const detail = page.locator('#service-detail');
    await detail.waitFor({ timeout: 20_000 });
    expect(await page.locator('#service-name').textContent()).toBe(name);
    expect(await page.locator('#service-price').textContent()).toMatch(/¥\s*[\d,]+\.\d{2}\s*\/(样|机时|项|项目|天|卡时)/);
    expect(await page.locator('#fact-price').textContent()).toMatch(/[\d,]+\.\d{2} 元\//);
    expect(await page.locator('.service-badges').textContent()).toContain('可用创新券');
    expect(await detail.textContent()).toContain('单张券最多支付合同实际金额的 50%');
    await page.locator('#fact-model').waitFor();
    await settle(page);
    await capture(page, 'catalogue-06-service');

    // 申请合作: the proposal form (e2e/contracts.e2e.test.ts) needs a founder with a claimed voucher; this visitor is told what to do first.
    await page.locator('#apply-cooperation').click();
    await page.getByText(/请先登录|还没有登记申领主体|没有可用的创新券/).first().waitFor({ timeout: 20_000 });
    await settle(page);
    await capture(page, 'catalogue-07-cooperate');
    await page.goBack();

    // Its lab (level, fields, services) and its unit (kind, region, contact, labs).
    await page.locator('#service-lab').click();
    await page.locator('#lab-detail').waitFor({ timeout: 20_000 });
    expect(await page.locator('#lab-detail').textContent()).toMatch(/开放服务（\d+）/);
    await settle(page);
    await capture(page, 'catalogue-08-lab');
    await page.locator('#lab-unit').click();
    await page.locator('#unit-detail').waitFor({ timeout: 20_000 });
    const unit = (await page.locator('#unit-detail').textContent()) ?? '';
    expect(unit).toContain('联系方式');
    expect(unit).toMatch(/实验室（\d+）/);
    await settle(page);
    await capture(page, 'catalogue-09-unit');

    expect(errors).toEqual([]);
  }, 180_000);

  test('a statutory testing service says 法定检测 · 不可用券 with its clause; a search with no hit says what to do', async () => {
    const page = await phonePage(app.browser);
    const errors = watchErrors(page);
    await page.goto(`${app.url}/#/pages/labs/index`);
    await cards(page).first().waitFor({ timeout: 30_000 });

    await typeInto(page, 'catalogue-q', '强制检测');
    await page.locator('#catalogue-search').click();
    const statutory = page.locator('#catalogue-list .service-card[data-eligible="false"]').first();
    await statutory.waitFor({ timeout: 15_000 });
    expect(await statutory.textContent()).toContain('法定检测 · 不可用券');
    await statutory.click();
    await page.locator('#ineligible-reason').waitFor({ timeout: 20_000 });
    expect(await page.locator('#ineligible-reason').textContent()).toContain('第五条');
    expect(await page.locator('.service-badges').textContent()).toContain('法定检测 · 不可用券');
    await settle(page);
    await capture(page, 'catalogue-10-statutory');

    await page.goto(`${app.url}/#/pages/labs/index`);
    await cards(page).first().waitFor({ timeout: 30_000 });
    await typeInto(page, 'catalogue-q', '不存在的仪器xyz');
    await page.locator('#catalogue-search').click();
    await page.locator('#catalogue-empty').waitFor({ timeout: 15_000 });
    expect(await page.locator('#catalogue-empty').textContent()).toContain('可换一个更短的关键词');
    await settle(page);
    await capture(page, 'catalogue-11-empty');
    expect(errors).toEqual([]);
  }, 120_000);
});
