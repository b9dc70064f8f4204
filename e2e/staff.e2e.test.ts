/**
 * Lab staff end to end in the H5 build against a real BFF: a staff member of an open unit (bound by an
 * invite through the API) opens 我的 → 本单位服务, edits a service's price (typed in yuan, stored in fen,
 * seen in the list and the public catalogue), adds a statutory-testing service (第五条: 法定检测 ·
 * 不可用券) and withdraws it again; then amends a registered contract (confirmed through the API) with the
 * voucher share recomputed live (第十二条: at most 50% of the contract, at most the voucher) and sees the
 * new terms and the amendment in the contract's history. Screens: test-output/screenshots/staff-*.png.
 */
import { addDays, shanghaiDay } from '@kcq/shared';
import { capture, phonePage } from './support/browser';
import { journey } from './support/journey';
import { creditCode, enterpriseProfile, signIn, type Session } from './support/api';
import { confirmModal, demoLogin, landed, pickDate, settle, typeInto, watchErrors } from './support/ui';

interface ServiceBody {
  id: string;
  name: string;
  priceFen: number;
  priceUnit: string;
  statutory: boolean;
  voucherEligible: boolean;
  lab: { id: string; name: string };
  unit: { id: string; name: string; status: string };
}

interface ContractBody {
  id: string;
  status: string;
  terms: { contractNo: string; contractAmountFen: number; startDay: string; endDay: string; voucherAmountFen: number } | null;
  amendments: { reason: string | null; before: { voucherAmountFen: number }; after: { voucherAmountFen: number } }[];
}

journey('lab staff: 本单位服务 and 变更合同 (H5 against a real BFF)', (app) => {
  test('staff edit a price, add and withdraw a service, and amend a contract with the 50% share recomputed', async () => {
    // ——— Set-up through the API: a staff member bound to a unit, a registered contract with that unit. ———
    const services = (await (await fetch(`${app.url}/api/catalogue/services?limit=50`)).json()) as { items: ServiceBody[] };
    const target = services.items.find((s) => s.voucherEligible && s.unit.status === 'active' && s.priceUnit !== 'card_hour');
    expect(target).toBeDefined();
    const unitId = target!.unit.id;

    const admin: Session = await signIn(app.url, 'dev:admin');
    const invite = await admin.call<{ code: string }>('POST', `/api/open-units/${unitId}/invites`, {});
    expect(invite.status).toBe(201);
    const staff = await signIn(app.url, 'dev:lab-staff');
    expect((await staff.call('POST', '/api/invites/redeem', { code: invite.body.code })).status).toBe(200);

    const founder = await signIn(app.url, 'dev:lab-founder');
    expect((await founder.call('POST', '/api/applicants', enterpriseProfile('北京变更测试科技有限公司', creditCode('MA7C00Q9')))).status).toBe(201);
    const periods = (await (await fetch(`${app.url}/api/periods`)).json()) as { periods: { id: string; status: string }[] };
    const open = periods.periods.find((p) => p.status === 'open');
    expect(open).toBeDefined();
    const claim = await founder.call<{ id: string }>('POST', `/api/periods/${open!.id}/claims`, { amountFen: 5_000_000 }, { 'Idempotency-Key': 'lab-staff-claim-0001' });
    expect(claim.status).toBe(201);
    const proposed = await founder.call<ContractBody>('POST', '/api/contracts', {
      voucherId: claim.body.id,
      serviceId: target!.id,
      project: { title: '高分子材料老化测试', description: '对两批高分子样品做热老化与力学性能测试。' },
      municipalFundingReceived: false,
    });
    expect(proposed.status).toBe(201);
    const today = shanghaiDay(new Date());
    const confirmed = await staff.call<ContractBody>('POST', `/api/contracts/${proposed.body.id}/confirm`, {
      contractNo: 'HT-LAB-0001',
      contractAmountFen: 8_000_000,
      startDay: today,
      endDay: addDays(today, 10),
      voucherAmountFen: 4_000_000,
    });
    expect(confirmed.status).toBe(200);
    const contractId = proposed.body.id;

    // ——— 我的 → 本单位服务: the unit's services, grouped by lab. ———
    const page = await phonePage(app.browser);
    const errors = watchErrors(page);
    await demoLogin(page, app.url, 'lab-staff');
    await landed(page);
    await page.goto(`${app.url}/#/pages/mine/index`);
    await page.locator('#staff-services-entry').waitFor({ timeout: 20_000 });
    await settle(page);
    await capture(page, 'staff-00-mine');
    await page.locator('#staff-services-entry').click();
    const list = page.locator('#unit-services[data-state="ready"]');
    await list.waitFor({ timeout: 20_000 });
    const before = Number(await list.getAttribute('data-count'));
    expect(before).toBeGreaterThan(0);
    const unitAnswer = await staff.call<{ items: ServiceBody[] }>('GET', `/api/open-units/${unitId}/services?limit=100`);
    expect(before).toBe(unitAnswer.body.items.length);
    const card = page.locator(`#unit-services .service-card[data-service-id="${target!.id}"]`);
    await card.waitFor();
    // Grouped under its lab; price in yuan from integer fen.
    expect(await page.locator(`.lab-group[data-lab-id="${target!.lab.id}"] .lab-group__name`).textContent()).toContain(target!.lab.name);
    expect(await card.locator('.service-card__amount').textContent()).toBe(
      (target!.priceFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    );
    expect(await card.locator('[data-badge]').first().textContent()).toBe('可用创新券');
    await settle(page);
    await capture(page, 'staff-01-unit-services');

    // ——— Edit the price: 1,234.50 yuan → 123,450 fen. ———
    await card.click();
    const form = page.locator('#service-form[data-mode="edit"]');
    await form.waitFor({ timeout: 20_000 });
    expect(await page.locator('#s-name input').inputValue()).toBe(target!.name);
    await typeInto(page, 's-price', '1234.5');
    await form.getByText('目录展示为 1,234.50 元/').waitFor();
    await settle(page);
    await capture(page, 'staff-02-edit-price');
    await page.locator('#save-service').click();
    await list.waitFor({ timeout: 20_000 });
    await page.locator(`#unit-services .service-card[data-service-id="${target!.id}"] .service-card__amount`).getByText('1,234.50', { exact: true }).waitFor({ timeout: 20_000 });
    const publicView = (await (await fetch(`${app.url}/api/catalogue/services/${target!.id}`)).json()) as ServiceBody;
    expect(publicView.priceFen).toBe(123_450);
    await settle(page, 2800);
    await capture(page, 'staff-03-price-changed');

    // ——— Add a service: empty form refused in place, then a statutory test (第五条). ———
    await page.locator('#add-service').click();
    const create = page.locator('#service-form[data-mode="create"]');
    await create.waitFor({ timeout: 20_000 });
    await page.locator('#save-service').click();
    await create.locator('.field__message').getByText('请填写服务名称').waitFor();
    await create.locator('.field__message').getByText('请填写价格（元）').waitFor();
    await typeInto(page, 's-name', '建筑材料进场复验（演示）');
    await page.locator('#s-category').getByText('检验', { exact: true }).click();
    await typeInto(page, 's-price', '300');
    await page.locator('#s-unit').getByText('元/项', { exact: true }).click();
    await typeInto(page, 's-days', '5');
    await page.locator('#s-statutory').getByText('是', { exact: true }).click();
    await page.locator('#s-eligibility [data-badge="法定检测 · 不可用券"]').waitFor();
    await settle(page, 2800);
    await capture(page, 'staff-04-add-service');
    await page.locator('#save-service').click();
    await page.locator(`#unit-services[data-state="ready"][data-count="${before + 1}"]`).waitFor({ timeout: 20_000 });
    const added = page.locator('#unit-services .service-card', { hasText: '建筑材料进场复验（演示）' });
    await added.waitFor();
    expect(await added.locator('[data-badge]').first().textContent()).toBe('法定检测 · 不可用券');
    expect(await added.locator('.service-card__amount').textContent()).toBe('300.00');
    const addedId = (await added.getAttribute('data-service-id')) ?? '';
    expect(addedId).toBeTruthy();
    await settle(page, 2800);
    await capture(page, 'staff-05-service-added');

    // ——— Withdraw it again, after a confirmation. ———
    await added.click();
    await page.locator(`#service-form[data-service-id="${addedId}"]`).waitFor({ timeout: 20_000 });
    await page.locator('#withdraw-service').click();
    expect(await confirmModal(page)).toContain('建筑材料进场复验（演示）');
    await page.locator(`#unit-services[data-state="ready"][data-count="${before}"]`).waitFor({ timeout: 20_000 });
    expect(await page.locator(`#unit-services .service-card[data-service-id="${addedId}"]`).count()).toBe(0);
    expect((await fetch(`${app.url}/api/catalogue/services/${addedId}`)).status).toBe(404);

    // ——— 变更合同: from the unit's contracts → the contract → 变更合同. ———
    await page.goto(`${app.url}/#/staff/contracts/index?tab=all`);
    await page.locator(`#staff-contracts .amend-link[data-contract-id="${contractId}"]`).waitFor({ timeout: 20_000 });
    await page.locator(`#staff-contracts .contract-row[data-contract-id="${contractId}"]`).click();
    await page.locator('#contract-detail[data-status="registered"]').waitFor({ timeout: 20_000 });
    await page.locator('#open-amend').click();
    const amend = page.locator('#staff-amend');
    await amend.waitFor({ timeout: 20_000 });
    expect(await page.locator('#a-voucher input').inputValue()).toBe('40000.00');
    expect(await page.locator('#max-share').textContent()).toBe('最多可用券 40,000.00 元（合同金额的50%且不超过券面）');
    // Nothing changed yet: refused before sending.
    await page.locator('#amend-submit').click();
    await amend.getByText('条款没有变化').waitFor();
    // A smaller contract: the share (it was the maximum) follows it down, live.
    await typeInto(page, 'a-amount', '60000');
    await page.waitForFunction(() => (document.querySelector('#a-voucher input') as HTMLInputElement | null)?.value === '30000.00');
    expect(await page.locator('#max-share').textContent()).toBe('最多可用券 30,000.00 元（合同金额的50%且不超过券面）');
    // A bigger one: 50% of 120,000 is above the 50,000-yuan voucher, which caps it.
    await typeInto(page, 'a-amount', '120000');
    await page.waitForFunction(() => (document.querySelector('#a-voucher input') as HTMLInputElement | null)?.value === '50000.00');
    expect(await page.locator('#max-share').textContent()).toBe('最多可用券 50,000.00 元（合同金额的50%且不超过券面）');
    // Over the cap when typed by hand: refused in place.
    await typeInto(page, 'a-voucher', '50000.01');
    await page.locator('#amend-submit').click();
    await page.locator('#amend-form .field__message').getByText('超出上限：最多可用券 50,000.00 元（合同金额的50%且不超过券面）').waitFor();
    await typeInto(page, 'a-voucher', '50000');
    const newEnd = addDays(today, 20);
    // The end is chosen on the date picker, which offers only the registration day to the validity end (shown).
    expect(await page.locator('#amend-form').textContent()).toContain('不晚于有效期截止日');
    await pickDate(page, 'a-end', newEnd);
    await page.locator('#a-reason textarea').fill('增加一批样品，合同金额相应调整');
    await page.locator('#amend-changes[data-count="3"]').waitFor();
    expect(await page.locator('#amend-changes').textContent()).toContain('120,000.00 元');
    await settle(page, 2800);
    await capture(page, 'staff-06-amend');
    await page.locator('#amend-submit').click();

    // The contract shows the new terms and the amendment in its history.
    await page.locator('#contract-detail[data-status="registered"]').waitFor({ timeout: 20_000 });
    await page.locator('#fact-voucher-amount').getByText('50,000.00 元').waitFor({ timeout: 20_000 });
    expect(await page.locator('#contract-terms').textContent()).toContain('120,000.00 元');
    expect(await page.locator('#contract-terms').textContent()).toContain(`${today} 至 ${newEnd}`);
    expect(await page.locator('#contract-history').textContent()).toContain('合同变更：增加一批样品，合同金额相应调整');
    await settle(page, 2800);
    await capture(page, 'staff-07-amended');

    const contract = await founder.call<ContractBody>('GET', `/api/contracts/${contractId}`);
    expect(contract.body.terms).toEqual({ contractNo: 'HT-LAB-0001', contractAmountFen: 12_000_000, startDay: today, endDay: newEnd, voucherAmountFen: 5_000_000 });
    expect(contract.body.amendments).toHaveLength(1);
    expect(contract.body.amendments[0]).toMatchObject({ reason: '增加一批样品，合同金额相应调整', before: { voucherAmountFen: 4_000_000 }, after: { voucherAmountFen: 5_000_000 } });

    expect(errors).toEqual([]);
  }, 180_000);
});
