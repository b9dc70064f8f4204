/**
 * The tab bar by role (miniapp/logic/roleTab.ts) in the H5 build against a real BFF: a founder's third
 * tab is 我的券; lab staff sign in and it becomes 工作台 with the proposal waiting for them; an
 * administrator gets 管理 with the period in progress; signing out turns it back into 我的券.
 * Screens: test-output/screenshots/roles-*.png.
 */
import type { Page } from 'playwright-core';
import { capture, phonePage } from './support/browser';
import { journey } from './support/journey';
import { creditCode, enterpriseProfile, signIn } from './support/api';
import { confirmModal, demoLogin, settle, watchErrors } from './support/ui';

/** The third tab's label in Taro's H5 tab bar. */
const roleTabLabel = (page: Page) => page.locator('.weui-tabbar__item').nth(2).locator('.weui-tabbar__label');

/** The login page hands over to the app (earlier pages stay hidden in the DOM, so wait on the route). */
const signedIn = (page: Page) => page.waitForFunction(() => !location.hash.includes('pages/login'), undefined, { timeout: 20_000 });

async function openRoleTab(page: Page) {
  await page.locator('.weui-tabbar__item').nth(2).click();
  await page.locator('#desk').waitFor({ timeout: 20_000 });
}

journey('the tab bar by role (H5 against a real BFF)', (app) => {
  test('我的券 for a founder, 工作台 for lab staff with the waiting proposal, 管理 for an administrator', async () => {
    // Set-up through the API: a founder's proposal to a unit, and a staff member of that unit.
    const founder = await signIn(app.url, 'dev:role-founder');
    expect((await founder.call('POST', '/api/applicants', enterpriseProfile('北京角色测试科技有限公司', creditCode('MA7R01E8')))).status).toBe(201);
    const periods = (await (await fetch(`${app.url}/api/periods`)).json()) as { periods: { id: string; name: string; status: string }[] };
    const open = periods.periods.find((p) => p.status === 'open')!;
    const claim = await founder.call<{ id: string }>('POST', `/api/periods/${open.id}/claims`, { amountFen: 2_000_000 }, { 'Idempotency-Key': 'role-claim-0001' });
    expect(claim.status).toBe(201);
    const services = (await (await fetch(`${app.url}/api/catalogue/services?limit=50`)).json()) as {
      items: { id: string; voucherEligible: boolean; unit: { id: string; name: string; status: string } }[];
    };
    const service = services.items.find((s) => s.voucherEligible && s.unit.status === 'active')!;
    const proposal = await founder.call('POST', '/api/contracts', {
      voucherId: claim.body.id,
      serviceId: service.id,
      project: { title: '角色测试项目', description: '验证工作台显示待确认的合作申请。' },
      municipalFundingReceived: false,
    });
    expect(proposal.status).toBe(201);
    const admin = await signIn(app.url, 'dev:admin');
    const invite = await admin.call<{ code: string }>('POST', `/api/open-units/${service.unit.id}/invites`, {});
    const staff = await signIn(app.url, 'dev:role-staff');
    expect((await staff.call('POST', '/api/invites/redeem', { code: invite.body.code })).status).toBe(200);

    const errors: string[] = [];
    const phone = async () => {
      const p = await phonePage(app.browser);
      watchErrors(p, errors);
      return p;
    };
    let page = await phone();

    // The founder: 我的券, with the voucher.
    await demoLogin(page, app.url, 'role-founder');
    await page.locator('.period-card, #eligibility-panel').first().waitFor({ timeout: 20_000 });
    await openRoleTab(page);
    await page.locator('#my-vouchers .voucher').first().waitFor({ timeout: 20_000 });
    expect(await roleTabLabel(page).textContent()).toBe('我的券');
    expect(await page.locator('#desk').getAttribute('data-role')).toBe('applicant');

    // Lab staff: the same tab reads 工作台 and shows the one proposal waiting.
    // Each person on their own phone.
    page = await phone();
    await demoLogin(page, app.url, 'role-staff');
    await signedIn(page);
    await openRoleTab(page);
    await page.locator('#staff-desk #desk-pending').waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelectorAll('.weui-tabbar__item')[2]?.textContent?.includes('工作台'), undefined, { timeout: 10_000 });
    expect(await page.locator('#staff-desk').textContent()).toContain(service.unit.name);
    expect((await page.locator('#desk-pending .desk__figure').textContent())?.trim()).toBe('1');
    await settle(page);
    await capture(page, 'roles-01-staff-desk');
    // The figure leads to the proposals to confirm.
    await page.locator('#desk-pending').click();
    await page.locator('#staff-contracts').getByText('角色测试项目').waitFor({ timeout: 20_000 });

    // An administrator: 管理, with the period in progress and the tools.
    page = await phone();
    await demoLogin(page, app.url, 'admin');
    await signedIn(page);
    await openRoleTab(page);
    await page.locator('#admin-desk #desk-period').waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelectorAll('.weui-tabbar__item')[2]?.textContent?.includes('管理'), undefined, { timeout: 10_000 });
    expect(await page.locator('#desk-period').textContent()).toContain(open.name);
    expect(await page.locator('#admin-desk').textContent()).toContain('待审核兑现');
    await settle(page);
    await capture(page, 'roles-02-admin-desk');

    // Signing out gives the tab back to 我的券 (anyone may be a founder next).
    await page.locator('.weui-tabbar__item').nth(3).click();
    await page.locator('#sign-out').click();
    await confirmModal(page);
    await page.waitForFunction(() => document.querySelectorAll('.weui-tabbar__item')[2]?.textContent?.includes('我的券'), undefined, { timeout: 10_000 });
    expect(errors).toEqual([]);
  }, 120_000);
});
