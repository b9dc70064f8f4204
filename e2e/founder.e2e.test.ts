/**
 * The founder's journey in the H5 build against a real BFF: demo sign-in → enterprise profile with the
 * live 第七条 check → 符合条件 → claim from home in ≤ 3 taps → the voucher in 我的券 with its deadline.
 * Then the flash claim's other side: a period sold out under the founder's feet shows 已抢完 with the
 * next step. Every screen is captured under test-output/screenshots/founder-*.png.
 */
import { capture, phonePage } from './support/browser';
import { journey } from './support/journey';
import { creditCode, enterpriseProfile, signIn } from './support/api';
import { demoLogin, pickDate, settle, typeInto, watchErrors } from './support/ui';

journey('founder journey (H5 against a real BFF)', (app) => {
  test('sign in, register an eligible enterprise, claim from home in ≤ 3 taps, see the voucher with its deadline', async () => {
    const page = await phonePage(app.browser);
    const errors = watchErrors(page);

    // Home, signed out: the open period with its countdown and quota, and a way to sign in.
    await page.goto(`${app.url}/`);
    await page.locator('.period-card').first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => /正常/.test(document.querySelector('#service-status')?.textContent ?? ''));
    await settle(page);
    await capture(page, 'founder-01-home-signed-out');

    // Sign-in: the H5 demo form.
    await page.locator('#home-login').click();
    await page.locator('#demo-name input').waitFor();
    await typeInto(page, 'demo-name', '张三');
    await page.locator('#demo-login-submit').waitFor();
    await settle(page);
    await capture(page, 'founder-02-signin');
    await page.locator('#demo-login-submit').click();

    // No role yet → asked once what they are here to do; 企业 → the eligibility wizard, checking 第七条 as the founder types.
    await page.locator('#intent').waitFor({ timeout: 20_000 });
    // Signed in by now: the title bar asks the question, it no longer says 登录.
    await page.locator('.taro-navigation-bar-title', { hasText: '选择您的身份' }).waitFor({ timeout: 10_000 });
    await settle(page);
    await capture(page, 'founder-02b-intent');
    await page.locator('#intent-enterprise').click();
    await page.locator('#eligibility-panel').waitFor({ timeout: 20_000 });
    expect(await page.locator('#eligibility-panel').getAttribute('data-state')).toBe('pending');
    await typeInto(page, 'f-name', '北京智感科技有限公司');
    await typeInto(page, 'f-credit', '91110108MA01B2C344');
    // The founding day is chosen on the date picker (never typed), up to today.
    await pickDate(page, 'f-registered-on', '2023-05-18');
    expect(await page.locator('#f-registered-on').textContent()).toContain('2023年5月18日');
    await typeInto(page, 'f-employees', '600');
    await page.waitForFunction(() => document.querySelector('#eligibility-panel')?.getAttribute('data-state') === 'fail');
    expect(await page.locator('#eligibility-panel').textContent()).toContain('第七条第三项');
    await settle(page);
    await capture(page, 'founder-03-eligibility-live-failure');

    await typeInto(page, 'f-employees', '42');
    await typeInto(page, 'f-revenue', '1200');
    await typeInto(page, 'f-assets', '800');
    await page.locator('#f-field').getByText('新一代信息技术').click();
    await page.waitForFunction(() => document.querySelector('#eligibility-panel')?.getAttribute('data-state') === 'ok');
    await page.locator('#save-applicant').click();
    await page.locator('#go-claim').waitFor({ timeout: 20_000 });
    const panel = await page.locator('#eligibility-panel').textContent();
    expect(panel).toContain('符合条件');
    expect(panel).toContain('登记结果');
    await settle(page, 2800); // the 登记成功 toast has gone
    await capture(page, 'founder-04-eligible');

    // Home: tap 1 = 领取, tap 2 = 确认领取 (amount prefilled to the period maximum within the allowance).
    await page.locator('#go-claim').click();
    const claimButton = page.locator('.period-card[data-status="open"] .claim-button').first();
    await claimButton.waitFor({ timeout: 20_000 });
    await page.locator('#home-allowance').waitFor();
    expect(await page.locator('#home-allowance').textContent()).toContain('200,000.00 元');
    await settle(page);
    await capture(page, 'founder-05-home');

    let taps = 0;
    await claimButton.click();
    taps += 1;
    await page.locator('#claim-sheet[data-step="editing"]').waitFor();
    expect(await page.locator('#claim-amount input').inputValue()).toBe('50000');
    await settle(page, 600);
    await capture(page, 'founder-06-claim-sheet');
    await page.locator('#claim-confirm').click();
    taps += 1;
    await page.locator('#claim-result[data-result="success"]').waitFor({ timeout: 20_000 });
    expect(taps).toBeLessThanOrEqual(3);
    const result = await page.locator('#claim-result').textContent();
    expect(result).toContain('已领取 50,000.00 元');
    expect(result).toMatch(/请于 \d{4}-\d{2}-\d{2} 23:59 前完成合同登记/);
    await settle(page, 600);
    await capture(page, 'founder-07-claimed');

    // 我的券: the voucher, its status and the registration-deadline countdown.
    await page.locator('#go-vouchers').click();
    const card = page.locator('.voucher[data-status="claimed"]').first();
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain('50,000.00');
    expect(await card.textContent()).toContain('已领取（待登记）');
    expect(await card.locator('.registration-deadline').textContent()).toMatch(/合同登记截止 \d{4}-\d{2}-\d{2} 23:59 · 还剩 1[45] 天/);
    await settle(page);
    await capture(page, 'founder-08-my-vouchers');

    // 我的: who I am, my applicant and its eligibility.
    await page.goto(`${app.url}/#/pages/mine/index`);
    await page.locator('#sign-out').waitFor({ timeout: 20_000 });
    expect(await page.locator('#eligibility-panel').textContent()).toContain('符合条件');
    await settle(page);
    await capture(page, 'founder-09-mine');

    // 实验室: the lab catalogue (its own journey: catalogue.e2e.test.ts).
    await page.goto(`${app.url}/#/pages/labs/index`);
    await page.locator('#catalogue-list .service-card').first().waitFor({ timeout: 20_000 });
    await settle(page);
    await capture(page, 'founder-10-labs');

    expect(errors).toEqual([]);
  }, 180_000);

  test('a period sold out under the founder’s feet: 已抢完 with the next period as the next step', async () => {
    // An administrator opens a tiny period: room for one 1,000-yuan voucher.
    const admin = await signIn(app.url, 'dev:admin');
    const created = await admin.call<{ id: string }>('POST', '/api/admin/periods', {
      name: '快闪专场（测试）',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      quotaFen: 100_000,
    });
    expect(created.status).toBe(201);
    const periodId = created.body.id;

    // Two founders with eligible enterprises; the second one uses the app.
    const rival = await signIn(app.url, 'dev:rival');
    expect((await rival.call('POST', '/api/applicants', enterpriseProfile('北京快手科技有限公司', creditCode('MA02XK7Q')))).status).toBe(201);
    const page = await phonePage(app.browser);
    const errors = watchErrors(page);
    await demoLogin(page, app.url, 'lisi');
    await page.locator('#intent').waitFor({ timeout: 20_000 });
    await page.locator('#intent-enterprise').click();
    await page.locator('#eligibility-panel').waitFor({ timeout: 20_000 });
    const me = await signIn(app.url, 'dev:lisi');
    expect((await me.call('POST', '/api/applicants', enterpriseProfile('北京慢热科技有限公司', creditCode('MA03LN8R')))).status).toBe(201);

    // The founder opens the claim sheet while one voucher is still left…
    await page.goto(`${app.url}/#/pages/index/index`);
    const claimButton = page.locator(`#period-${periodId} .claim-button`);
    await claimButton.waitFor({ timeout: 20_000 });
    await claimButton.click();
    await page.locator('#claim-sheet[data-step="editing"]').waitFor();
    expect(await page.locator('#claim-amount input').inputValue()).toBe('1000');

    // …the rival takes it…
    const taken = await rival.call('POST', `/api/periods/${periodId}/claims`, { amountFen: 100_000 }, { 'Idempotency-Key': 'rival-claim-0001' });
    expect(taken.status).toBe(201);

    // …and 确认领取 answers 已抢完 with the next period's opening time.
    await page.locator('#claim-confirm').click();
    const refused = page.locator('#claim-result[data-result="refused"]');
    await refused.waitFor({ timeout: 20_000 });
    expect(await refused.getAttribute('data-code')).toBe('SOLD_OUT');
    const text = await refused.textContent();
    expect(text).toContain('已抢完');
    expect(text).toContain('本期创新券已领完');
    expect(text).toContain('查看下一期开放时间');
    expect(text).toMatch(/下一期「.+」将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 开放/);
    await page.waitForTimeout(600);
    await capture(page, 'founder-11-sold-out');

    // The next step closes the sheet and shows the next period's countdown; the card says 已抢完.
    await page.locator('#claim-next-step').click();
    await page.locator(`#period-${periodId}[data-status="sold_out"]`).waitFor({ timeout: 20_000 });
    expect(await page.locator(`#period-${periodId} .sold-out-notice`).textContent()).toContain('已抢完');
    await page.locator('#next-period .countdown').waitFor();
    await page.waitForTimeout(600);
    await capture(page, 'founder-12-home-sold-out');
    expect(errors).toEqual([]);
  }, 180_000);
});
