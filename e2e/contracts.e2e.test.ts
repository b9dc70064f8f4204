/**
 * Contracts end to end in the H5 build against a real BFF (docs/contracts.md): a founder (claimed through
 * the API) proposes cooperation from a service detail; a staff member of that unit (bound by an invite
 * through the API) confirms it with the 50% prefill (第十二条); the staff member applies for redemption
 * with an uploaded PDF (the contract starts and ends on the claim day, so it has ended by then: the BFF
 * accepts the application from the end day on); an administrator finds it in the review queue and goes on
 * to the review rounds (the round, notice and payment: review.e2e.test.ts). The
 * founder's 我的合同 and message centre follow. Screens: test-output/screenshots/contracts-*.png.
 */
import type { Page } from 'playwright-core';
import { capture, phonePage } from './support/browser';
import { journey } from './support/journey';
import { creditCode, enterpriseProfile, signIn, type Session } from './support/api';
import { addMonths, shanghaiDay } from '@kcq/shared';
import { demoLogin, landed, pickDate, settle, typeInto, watchErrors } from './support/ui';

async function typeText(page: Page, id: string, text: string) {
  const box = page.locator(`#${id} textarea`);
  await box.fill(text);
}

interface ServiceBody {
  id: string;
  name: string;
  voucherEligible: boolean;
  unit: { id: string; name: string; status: string };
}

journey('contracts: propose, confirm, redeem, review (H5 against a real BFF)', (app) => {
  test('a founder proposes, the unit confirms with the 50% prefill and applies for redemption, an administrator sees it in the queue and the review rounds', async () => {
    // ——— Set-up through the API: a founder with a claimed voucher, a staff member bound to a unit. ———
    const founder = await signIn(app.url, 'dev:coop-founder');
    expect((await founder.call('POST', '/api/applicants', enterpriseProfile('北京合作测试科技有限公司', creditCode('MA7C00P8')))).status).toBe(201);
    const periods = (await (await fetch(`${app.url}/api/periods`)).json()) as { periods: { id: string; status: string }[] };
    const open = periods.periods.find((p) => p.status === 'open');
    expect(open).toBeDefined();
    const claim = await founder.call<{ id: string; amountFen: number }>('POST', `/api/periods/${open!.id}/claims`, { amountFen: 5_000_000 }, { 'Idempotency-Key': 'coop-claim-0001' });
    expect(claim.status).toBe(201);

    const services = (await (await fetch(`${app.url}/api/catalogue/services?limit=50`)).json()) as { items: ServiceBody[] };
    const service = services.items.find((s) => s.voucherEligible && s.unit.status === 'active');
    expect(service).toBeDefined();
    const unitId = service!.unit.id;

    const admin: Session = await signIn(app.url, 'dev:admin');
    const invite = await admin.call<{ code: string }>('POST', `/api/open-units/${unitId}/invites`, {});
    expect(invite.status).toBe(201);
    const staff = await signIn(app.url, 'dev:coop-staff');
    expect((await staff.call('POST', '/api/invites/redeem', { code: invite.body.code })).status).toBe(200);

    // ——— The founder: service detail → 申请合作 → the form. ———
    const page = await phonePage(app.browser);
    const errors = watchErrors(page);
    await demoLogin(page, app.url, 'coop-founder');
    await landed(page);
    await page.goto(`${app.url}/#/catalogue/service/index?id=${service!.id}`);
    await page.locator('#apply-cooperation').click();
    const form = page.locator('#cooperate-form');
    await form.waitFor({ timeout: 20_000 });
    expect(await page.locator('#confidential-note').textContent()).toContain('仅您、该开放单位和管理部门可见');
    expect(await form.textContent()).toContain('合同登记截止');

    // The founder's only claimed voucher is chosen already, and the form says a voucher pays at most 50%.
    await page.locator(`.pick--on[data-voucher-id="${claim.body.id}"]`).waitFor({ timeout: 10_000 });
    expect(await form.textContent()).toContain('50%（第十二条）');
    // Nothing filled: each field says what is missing, on the field.
    await page.locator('#submit-proposal').click();
    await form.locator('.field', { has: page.locator('#c-title') }).locator('.field__message').getByText('请填写项目名称').waitFor();
    // A tap on the row's label puts the cursor in its input.
    await form.locator('.field__label', { hasText: '项目名称' }).click();
    await page.waitForFunction(() => document.activeElement === document.querySelector('#c-title input'));
    await typeInto(page, 'c-title', '新型传感器材料表征');
    await typeText(page, 'c-description', '对三种复合材料做成分与结构分析，支撑传感器选材。');
    // A funded project is blocked (第十二条).
    await page.locator('#c-funding').getByText('是，已获得').click();
    await page.locator('#funding-block').waitFor();
    expect(await page.locator('#funding-block').textContent()).toContain('第十二条');
    await settle(page, 2800);
    await capture(page, 'contracts-01-propose-funding-blocked');
    await page.locator('#c-funding').getByText('本项目未获得市级财政科技经费支持').click();
    await settle(page);
    await capture(page, 'contracts-02-propose-form');
    await page.locator('#submit-proposal').click();
    const done = page.locator('#cooperate-done');
    await done.waitFor({ timeout: 20_000 });
    const contractId = (await done.getAttribute('data-contract-id')) ?? '';
    expect(contractId).toBeTruthy();
    await settle(page);
    await capture(page, 'contracts-03-proposed');
    await done.locator('.nut-button').click();
    await page.locator('#contract-detail[data-status="proposed"]').waitFor({ timeout: 20_000 });
    await settle(page);
    await capture(page, 'contracts-04-contract-proposed');

    // 我的 → 我的合同.
    await page.goto(`${app.url}/#/pages/mine/index`);
    await page.locator('#my-contracts-entry').click();
    await page.locator(`#my-contracts [data-contract-id="${contractId}"]`).waitFor({ timeout: 20_000 });
    await settle(page);
    await capture(page, 'contracts-05-my-contracts');

    // ——— The staff member: 我的 → 待确认 → confirm with the 50% prefill. ———
    const staffPage = await phonePage(app.browser);
    const staffErrors = watchErrors(staffPage);
    await demoLogin(staffPage, app.url, 'coop-staff');
    await landed(staffPage);
    await staffPage.goto(`${app.url}/#/pages/mine/index`);
    await staffPage.locator('#staff-entry').click();
    const row = staffPage.locator(`#staff-contracts [data-contract-id="${contractId}"]`);
    await row.waitFor({ timeout: 20_000 });
    await settle(staffPage);
    await capture(staffPage, 'contracts-06-staff-pending');
    await row.click();
    await staffPage.locator('#staff-confirm').waitFor({ timeout: 20_000 });
    // The dates are picked, within what 第十五条2 allows, and the rows say the range: the end no later than
    // the validity end (registration today + 3 months).
    const today = shanghaiDay(new Date());
    const validityEnd = addMonths(today, 3);
    expect(await staffPage.locator('#terms-form').textContent()).toContain(`可选 ${today} 至 ${validityEnd}`);
    expect(await staffPage.locator('#t-end').getAttribute('data-value')).toBe(today);
    await pickDate(staffPage, 't-end', today);
    await typeInto(staffPage, 't-no', 'HT-2026-0001');
    await typeInto(staffPage, 't-amount', '80000');
    await staffPage.waitForFunction(() => (document.querySelector('#t-voucher input') as HTMLInputElement | null)?.value === '40000.00');
    expect(await staffPage.locator('#max-share').textContent()).toBe('最多可用券 40,000.00 元（合同金额的50%且不超过券面）');
    // Over the cap: refused before sending.
    await typeInto(staffPage, 't-voucher', '40000.01');
    await staffPage.locator('#confirm-submit').click();
    await staffPage.locator('#terms-form .field__message').getByText('超出上限：最多可用券 40,000.00 元（合同金额的50%且不超过券面）').waitFor();
    await typeInto(staffPage, 't-voucher', '40000');
    await settle(staffPage, 2800);
    await capture(staffPage, 'contracts-07-staff-confirm');
    await staffPage.locator('#confirm-submit').click();
    await staffPage.locator('#contract-detail[data-status="registered"]').waitFor({ timeout: 20_000 });
    expect(await staffPage.locator('#fact-voucher-amount').textContent()).toContain('40,000.00 元');
    // 第十二条: the contract shows the face value, the registered amount and what the voucher will pay.
    expect(await staffPage.locator('#contract-amount-face').textContent()).toContain('50,000.00 元');
    expect(await staffPage.locator('#contract-amount-registered').textContent()).toContain('40,000.00 元');
    expect(await staffPage.locator('#contract-amount-payable').textContent()).toContain('最多 40,000.00 元');
    await settle(staffPage);
    await capture(staffPage, 'contracts-08-registered');

    // ——— Redemption: the contract ended today (start = end = the claim day). ———
    await staffPage.locator('#open-redeem').click();
    await staffPage.locator('#staff-redeem').waitFor({ timeout: 20_000 });
    await typeInto(staffPage, 'r-amount', '80000');
    await typeText(staffPage, 'r-report', '已完成三种材料的质谱分析并交付检测报告。');
    // A text file is refused before upload.
    await staffPage.locator('#evidence-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await staffPage.locator('.upload-error').getByText('类型不支持').waitFor();
    await staffPage.locator('#evidence-input').setInputFiles({
      name: '技术服务合同.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await staffPage.locator('#evidence-list [data-evidence-id]').waitFor({ timeout: 20_000 });
    expect(await staffPage.locator('#evidence-list').textContent()).toContain('技术服务合同.pdf');
    expect(await staffPage.locator('#redeem-form').textContent()).toContain('创新券应兑付 40,000.00 元');
    await settle(staffPage);
    await capture(staffPage, 'contracts-09-redeem');
    await staffPage.locator('#redeem-submit').click();
    // A screen says it is submitted, what the voucher will pay and what happens next.
    const submitted = staffPage.locator('#redeem-done');
    await submitted.waitFor({ timeout: 20_000 });
    expect(await submitted.textContent()).toContain('兑现申请已提交');
    expect(await staffPage.locator('#done-payable').textContent()).toContain('40,000.00 元');
    await settle(staffPage);
    await capture(staffPage, 'contracts-10-redemption-submitted');
    await submitted.locator('.nut-button').click();
    await staffPage.locator('#redemption-facts[data-status="submitted"]').waitFor({ timeout: 20_000 });
    // One status on the screen: the contract, its voucher and the redemption all read 待评审.
    const underReview = staffPage.locator('#contract-detail', { has: staffPage.locator('#redemption-facts') });
    expect(await underReview.locator('#fact-status').textContent()).toContain('待评审');
    expect(await underReview.locator('#fact-voucher-status').textContent()).toContain('待评审');
    expect(await underReview.locator('#fact-redemption-status').textContent()).toContain('待评审');
    expect(await underReview.locator('.contract-status').textContent()).toBe('待评审');
    expect(await underReview.locator('#contract-amount-payable').textContent()).toContain('40,000.00 元');
    await settle(staffPage);
    await capture(staffPage, 'contracts-10b-contract-under-review');

    // ——— The founder: the redemption is applied for; the message centre has the status changes, each naming the project. ———
    await page.goto(`${app.url}/#/pages/mine/index`);
    await page.locator('#unread-badge').waitFor({ timeout: 20_000 });
    await settle(page);
    await capture(page, 'contracts-14-mine-badge');
    await page.locator('#messages-entry').click();
    await page.locator('#messages .message').first().waitFor({ timeout: 20_000 });
    expect(Number(await page.locator('#messages').getAttribute('data-unread'))).toBeGreaterThan(0);
    // Each notice names its project.
    expect(await page.locator('#messages .message__title').first().textContent()).toBe('「新型传感器材料表征」状态更新');
    await settle(page);
    await capture(page, 'contracts-15-messages');
    await page.locator('#read-all').click();
    await page.locator('#messages[data-unread="0"]').waitFor({ timeout: 20_000 });
    expect((await founder.call<{ unread: number }>('GET', '/api/messages/unread-count')).body.unread).toBe(0);
    // A notice opens what it is about: the redemption's contract.
    await page.locator('#messages .message').first().click();
    await page.locator(`#contract-detail[data-contract-id="${contractId}"]`).waitFor({ timeout: 20_000 });

    // 我的券: the voucher shows its face value, the registered amount and what it pays (第十二条).
    await page.goto(`${app.url}/#/pages/desk/index`);
    const amounts = page.locator(`#voucher-amounts-${claim.body.id}`);
    await amounts.waitFor({ timeout: 20_000 });
    expect(await amounts.locator('[data-amount="face"]').textContent()).toContain('50,000.00 元');
    expect(await amounts.locator('[data-amount="registered"]').textContent()).toContain('40,000.00 元');
    expect(await amounts.locator('[data-amount="payable"]').textContent()).toContain('40,000.00 元');
    await settle(page);
    await capture(page, 'contracts-16-voucher-amounts');

    // ——— The administrator: 我的 → 兑现审核 → approve. ———
    const adminPage = await phonePage(app.browser);
    const adminErrors = watchErrors(adminPage);
    await demoLogin(adminPage, app.url, 'admin');
    await landed(adminPage);
    await adminPage.goto(`${app.url}/#/admin/dashboard/index`);
    await adminPage.locator('#review-queue-count').getByText('待评审 1').waitFor({ timeout: 20_000 });
    await adminPage.goto(`${app.url}/#/pages/mine/index`);
    await adminPage.locator('#admin-review-entry').click();
    const queued = adminPage.locator('#admin-redemptions .redemption-row[data-status="submitted"]');
    await queued.first().waitFor({ timeout: 20_000 });
    // The queue names who applied and for which project.
    expect(await queued.first().textContent()).toContain('北京合作测试科技有限公司');
    expect(await queued.first().textContent()).toContain('新型传感器材料表征');
    await settle(adminPage);
    await capture(adminPage, 'contracts-11-review-queue');
    await queued.first().click();
    await adminPage.locator('#admin-redemption[data-status="submitted"]').waitFor({ timeout: 20_000 });
    expect(await adminPage.locator('#redemption-evidence').textContent()).toContain('技术服务合同.pdf');
    expect(await adminPage.locator('#redemption-applicant').textContent()).toContain('北京合作测试科技有限公司');
    expect(await adminPage.locator('#fact-status').textContent()).toContain('待评审');
    await settle(adminPage);
    await capture(adminPage, 'contracts-12-review-detail');
    // The decision is no longer made here: the application goes to experts in a review round (第十五条4;
    // review.e2e.test.ts walks the round, the notice and the payment batch).
    expect(await adminPage.locator('#review-by-round').textContent()).toContain('专家评审');
    await adminPage.locator('#go-rounds').click();
    await adminPage.locator('#round-form[data-submitted="1"]').waitFor({ timeout: 20_000 });
    expect(await adminPage.locator('#round-form').textContent()).toContain('新型传感器材料表征');
    await settle(adminPage, 2800);
    await capture(adminPage, 'contracts-13-round-setup');

    const contract = await founder.call<{ status: string; terms: { voucherAmountFen: number } }>('GET', `/api/contracts/${contractId}`);
    expect(contract.body).toMatchObject({ status: 'registered', terms: { voucherAmountFen: 4_000_000 } });

    expect(errors).toEqual([]);
    expect(staffErrors).toEqual([]);
    expect(adminErrors).toEqual([]);
  }, 180_000);
});
