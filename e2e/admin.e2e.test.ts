/**
 * The administrators' sub-package in the H5 build against a real BFF: demo login `admin` → 我的 → 周期管理;
 * create a period opening now with a small quota (the form's checks first), watch its drain chart while
 * founders claim through the API, close it early, and see the founder's home drop it. Also: editing a
 * period before it opens, the dashboard (vouchers by status and claims per period, GET /api/admin/stats,
 * after one founder gave a voucher up), and the guard a non-administrator meets. Screens are captured
 * under test-output/screenshots/admin-*.png.
 */
import type { AdminStats } from '@kcq/shared';
import { capture, phonePage } from './support/browser';
import { journey } from './support/journey';
import { creditCode, enterpriseProfile, signIn, type Session } from './support/api';
import { confirmModal, demoLogin, landed, pickDate, pickTime, settle, typeInto, watchErrors } from './support/ui';

interface PeriodBody {
  id: string;
  name: string;
  status: string;
  remainingFen: number;
  quotaFen: number;
}

async function founders(baseUrl: string, n: number): Promise<Session[]> {
  const out: Session[] = [];
  for (let i = 0; i < n; i += 1) {
    const s = await signIn(baseUrl, `dev:drain-founder-${i}`);
    const res = await s.call('POST', '/api/applicants', enterpriseProfile(`北京抢券测试${i}号科技有限公司`, creditCode(`MA7${i}QK8P`)));
    expect(res.status).toBe(201);
    out.push(s);
  }
  return out;
}

journey('administrators (H5 against a real BFF)', (app) => {
  test('create a period opening now, watch it drain live while founders claim, close it early; the founder home follows', async () => {
    const claimers = await founders(app.url, 4);

    // A founder watching home in another phone.
    const founderPage = await phonePage(app.browser);
    const founderErrors = watchErrors(founderPage);
    await demoLogin(founderPage, app.url, 'drain-founder-0');
    await landed(founderPage);

    // The administrator signs in (demo login `admin`) and finds 周期管理 on 我的.
    const page = await phonePage(app.browser);
    const errors = watchErrors(page);
    await demoLogin(page, app.url, 'admin');
    await landed(page);
    await page.goto(`${app.url}/#/pages/mine/index`);
    await page.locator('#admin-entry').waitFor({ timeout: 20_000 });
    expect(await page.locator('.mine__admin').textContent()).toContain('发放周期管理');
    await settle(page);
    await capture(page, 'admin-00-mine-entry');

    await page.locator('#admin-entry').click();
    await page.locator('#admin-periods .admin-period').first().waitFor({ timeout: 20_000 });
    await settle(page);
    await capture(page, 'admin-01-periods');

    // 新建: the form's checks mirror the BFF's (单张上限 ≤ 50,000 元, 截止 after 开放).
    await page.locator('#new-period').click();
    await page.locator('#period-form').waitFor({ timeout: 20_000 });
    await typeInto(page, 'p-name', '快闪演示专场');
    await typeInto(page, 'p-quota', '10000');
    await typeInto(page, 'p-max', '60000');
    // Times are chosen on the pickers: the closing day on the opening day, at 00:00 — before the opening hour.
    const opensDay = (await page.locator('#p-opens').getAttribute('data-value')) ?? '';
    expect(opensDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await pickDate(page, 'p-closes', opensDay);
    await pickTime(page, 'p-closes-time', '00:00');
    await page.locator('#save-period').click();
    const form = page.locator('#period-form');
    await page.getByText('单张上限不超过 50,000.00 元（第十二条）').waitFor();
    // The refusal says the exact bound: after the opening time.
    expect(await form.textContent()).toContain(`截止时间应晚于开放时间 ${opensDay}`);
    await settle(page, 2800);
    await capture(page, 'admin-02-form-checks');

    await page.locator('#opens-now').click();
    await typeInto(page, 'p-max', '2000');
    expect(await form.textContent()).toContain('约可发放 5 张满额券');
    await page.locator('#save-period').click();

    // The period's page: live chart, polling GET /api/periods/:id every 2 s.
    const live = page.locator('#admin-period[data-status="open"]');
    await live.waitFor({ timeout: 20_000 });
    const periodId = new URL(page.url().replace('#/', '')).searchParams.get('id') ?? '';
    expect(periodId).toMatch(/^per_/);
    const listed = (await (await fetch(`${app.url}/api/periods/${periodId}`)).json()) as { period: PeriodBody };
    expect(listed.period).toMatchObject({ name: '快闪演示专场', quotaFen: 1_000_000, status: 'open' });

    // The founder's home (reloaded: it was already on screen) shows it open.
    await founderPage.reload();
    await founderPage.locator(`#period-${periodId}[data-status="open"]`).waitFor({ timeout: 20_000 });

    // Founders claim through the API, a little apart, while the chart polls.
    const voucherIds: string[] = [];
    for (const [i, f] of claimers.entries()) {
      await page.waitForTimeout(2300);
      const r = await f.call<{ id: string }>('POST', `/api/periods/${periodId}/claims`, { amountFen: 200_000 }, { 'Idempotency-Key': `drain-claim-${i}-0001` });
      expect(r.status).toBe(201);
      voucherIds.push(r.body.id);
    }
    await page.waitForFunction(() => /8,000\.00 元/.test(document.querySelector('#stat-claimed')?.textContent ?? ''), null, { timeout: 15_000 });
    await page.waitForFunction(() => Number(document.querySelector('#drain-chart')?.getAttribute('data-samples')) >= 6, null, { timeout: 15_000 });
    expect(await page.locator('#stat-drained').textContent()).toBe('80%');
    expect(await page.locator('.drain-chart__bar--drop').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#admin-period .admin-remaining').textContent()).toContain('2,000.00 元 / 10,000.00 元');
    await settle(page, 600);
    await capture(page, 'admin-03-drain-chart');

    // The founder's home polls the same quota.
    await founderPage.waitForFunction(
      (id) => /2,000\.00 元/.test(document.querySelector(`#period-${id} .remaining-quota`)?.textContent ?? ''),
      periodId,
      { timeout: 15_000 },
    );

    // 提前结束, confirmed in a dialog: the period closes at once.
    await page.locator('#close-period').click();
    const asked = await confirmModal(page);
    expect(asked).toContain('结束后立即停止领取');
    await page.locator('#admin-period[data-status="closed"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('#drain-live').textContent()).toContain('已停止领取');
    await expect(page.locator('#close-period').count()).resolves.toBe(0);
    await settle(page, 2800);
    await capture(page, 'admin-04-closed');
    const after = await claimers[0].call<{ error: { code: string } }>('POST', `/api/periods/${periodId}/claims`, { amountFen: 100_000 }, { 'Idempotency-Key': 'drain-claim-late-0001' });
    expect(after.body.error.code).toMatch(/PERIOD_NOT_OPEN|ALREADY_CLAIMED/);

    // The founder's home drops the closed period (next poll), keeping the other open one and the next one.
    await founderPage.locator(`#period-${periodId}`).waitFor({ state: 'detached', timeout: 15_000 });
    await founderPage.reload();
    await founderPage.locator('.period-card').first().waitFor({ timeout: 20_000 });
    expect(await founderPage.locator(`#period-${periodId}`).count()).toBe(0);
    await founderPage.locator('#next-period .countdown').waitFor();
    await settle(founderPage);
    await capture(founderPage, 'admin-05-founder-home-after-close');

    // Back on the list: closed, with its early close time.
    await page.goto(`${app.url}/#/admin/periods/index`);
    const card = page.locator(`#admin-period-${periodId}[data-status="closed"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain('提前结束');

    // One founder gives the voucher up (void, cancelled): the journey's vouchers are now 3 claimed and 1 void.
    const gaveUp = await claimers[3].call<{ status: string }>('POST', `/api/vouchers/${voucherIds[3]}/cancel`, { reason: '项目调整' });
    expect(gaveUp.body.status).toBe('void');

    // Dashboard: totals, vouchers by status and claims per period — the numbers this journey made (the demo
    // seed claims nothing), and the same as GET /api/admin/stats.
    await page.locator('#admin-dashboard').click();
    await page.locator('#admin-dashboard-page').waitFor({ timeout: 20_000 });
    await page.locator('#voucher-status-chart').waitFor({ timeout: 20_000 });
    const dash = (await page.locator('#admin-dashboard-page').textContent()) ?? '';
    expect(dash).toContain('快闪演示专场');
    expect(dash).not.toContain('即将上线');
    const row = async (id: string) => {
      const el = page.locator(`#${id}`);
      return { count: Number(await el.getAttribute('data-count')), amountFen: Number(await el.getAttribute('data-amount')), text: (await el.textContent()) ?? '' };
    };
    const claimed = await row('status-row-claimed');
    expect(claimed).toMatchObject({ count: 3, amountFen: 600_000 });
    expect(claimed.text).toContain('3 张 · 6,000.00 元');
    const voided = await row('status-row-void');
    expect(voided).toMatchObject({ count: 1, amountFen: 200_000 });
    expect(voided.text).toContain('1 张 · 2,000.00 元');
    for (const other of ['registered', 'redemption_applied', 'approved', 'paid', 'rejected']) expect((await row(`status-row-${other}`)).count).toBe(0);
    expect(await page.locator('#status-total').textContent()).toContain('共 4 张');
    expect(await page.locator('#void-note').textContent()).toContain('已取消 1 张');
    const periodRow = page.locator(`#claims-row-${periodId}`);
    expect(await periodRow.getAttribute('data-vouchers')).toBe('4');
    const periodText = (await periodRow.textContent()) ?? '';
    expect(periodText).toContain('4 张 · 8,000.00 元');
    expect(periodText).toContain('作废 1 张');
    expect(periodText).toContain('已结束');
    // The screen and the API agree, status by status.
    const adminApi = await signIn(app.url, 'dev:admin');
    const stats = await adminApi.call<AdminStats>('GET', '/api/admin/stats');
    expect(stats.status).toBe(200);
    for (const f of stats.body.vouchers.byStatus) expect({ status: f.status, ...(await row(`status-row-${f.status}`)) }).toMatchObject({ status: f.status, count: f.count, amountFen: f.amountFen });
    // Given up after the early close: the amount does not reopen the closed period (docs/claims.md, "Release").
    expect(stats.body.periods.find((p) => p.periodId === periodId)).toMatchObject({ vouchersClaimed: 4, fenClaimed: 800_000, vouchersVoid: 1, fenVoid: 200_000, quotaFen: 1_000_000, remainingFen: 200_000 });
    await settle(page, 800);
    await capture(page, 'admin-06-dashboard');
    // The page scrolls inside Taro's container: bring the claims-per-period chart into view for its own screen.
    await periodRow.scrollIntoViewIfNeeded();
    await settle(page);
    await capture(page, 'admin-06b-dashboard-claims');

    expect(errors).toEqual([]);
    expect(founderErrors).toEqual([]);
  }, 240_000);

  test('edit a period before it opens; a non-administrator is turned away', async () => {
    const admin = await signIn(app.url, 'dev:admin');
    const opens = Date.now() + 3 * 24 * 3_600_000;
    const created = await admin.call<PeriodBody>('POST', '/api/admin/periods', {
      name: '待编辑专场',
      opensAt: new Date(opens).toISOString(),
      closesAt: new Date(opens + 7 * 24 * 3_600_000).toISOString(),
      quotaFen: 5_000_000,
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const page = await phonePage(app.browser);
    const errors = watchErrors(page);
    await demoLogin(page, app.url, 'admin');
    await landed(page);
    await page.goto(`${app.url}/#/admin/periods/index`);
    const card = page.locator(`#admin-period-${id}[data-status="upcoming"]`);
    await card.waitFor({ timeout: 20_000 });
    await card.locator('.edit-period').click();
    await page.locator('#period-form[data-mode="edit"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('#p-quota input').inputValue()).toBe('50000');
    await typeInto(page, 'p-name', '待编辑专场（已调整）');
    await typeInto(page, 'p-quota', '80000');
    await settle(page);
    await capture(page, 'admin-07-edit');
    await page.locator('#save-period').click();
    await page.locator('#admin-period[data-status="upcoming"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('#admin-period').textContent()).toContain('待编辑专场（已调整）');
    const stored = (await (await fetch(`${app.url}/api/periods/${id}`)).json()) as { period: PeriodBody };
    expect(stored.period).toMatchObject({ name: '待编辑专场（已调整）', quotaFen: 8_000_000 });

    // A founder opening the admin pages directly meets a clear message, not a broken form.
    const founder = await phonePage(app.browser);
    const founderErrors = watchErrors(founder);
    await demoLogin(founder, app.url, 'not-an-admin');
    await landed(founder);
    await founder.goto(`${app.url}/#/admin/periods/index`);
    await founder.locator('#admin-gate[data-gate="forbidden"]').waitFor({ timeout: 20_000 });
    expect(await founder.locator('#admin-gate').textContent()).toContain('仅管理员可访问');
    await settle(founder);
    await capture(founder, 'admin-08-forbidden');
    await founder.goto(`${app.url}/#/pages/mine/index`);
    await founder.locator('#sign-out').waitFor({ timeout: 20_000 });
    expect(await founder.locator('#admin-entry').count()).toBe(0);

    expect(errors).toEqual([]);
    expect(founderErrors).toEqual([]);
  }, 180_000);
});
