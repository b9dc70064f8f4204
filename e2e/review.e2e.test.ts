/**
 * Review rounds, public notice and payment batches end to end (第十五条4、5; docs/review.md), H5 against a
 * real BFF whose clock the test moves (KCQ_TEST_CLOCK_FILE, bff/src/domain/testClock.ts): a founder
 * claims and proposes, the unit's staff confirm and apply for redemption (through the API: the screens
 * for those steps are walked in contracts.e2e.test.ts) → an administrator adds an expert tied to the unit
 * in 专家库 and issues the invite code on the phone → that expert joins with it by tapping (three more
 * experts through the API) → the administrator opens a round on the phone
 * (who was excluded and why) → three experts review on their phones (one says 存疑) → a reminder → a
 * hearing and its outcome → the decision → the notice is published and read
 * signed out (names masked) → an objection is lodged and dismissed → the clock passes the notice's end
 * (and, for a Q4 decision, 1 January) → a payment batch is created, its .xlsx downloaded and read row by
 * row with exceljs → marked paid → the founder's voucher reads 已拨付.
 * Screens: test-output/screenshots/review-*.png, copied to docs/screenshots.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { shanghaiDay } from '@kcq/shared';
import { capture, phonePage } from './support/browser';
import { startAppServer } from './support/bff';
import { journey } from './support/journey';
import { creditCode, enterpriseProfile, signIn, type Session } from './support/api';
import { confirmModal, demoLogin, landed, settle, typeInto, watchErrors } from './support/ui';

const DOCS = path.resolve(__dirname, '../docs/screenshots');
const clockDir = mkdtempSync(path.join(os.tmpdir(), 'kcq-clock-'));
const CLOCK_FILE = path.join(clockDir, 'offset');
writeFileSync(CLOCK_FILE, '0');

async function shot(page: Page, name: string): Promise<void> {
  // After any success toast (1.5 s and its fade) has gone.
  await settle(page, 2600);
  const file = await capture(page, name);
  mkdirSync(DOCS, { recursive: true });
  copyFileSync(file, path.join(DOCS, `${name}.png`));
}

async function typeText(page: Page, id: string, text: string) {
  await page.locator(`#${id} textarea`).fill(text);
}

/** Moves the BFF's clock to `iso` (the browser keeps its own). */
function setBffClock(iso: string) {
  writeFileSync(CLOCK_FILE, String(new Date(iso).getTime() - Date.now()));
}

const nextDay = (day: string) => shanghaiDay(new Date(new Date(`${day}T12:00:00+08:00`).getTime() + 86_400_000));

interface ServiceBody {
  id: string;
  voucherEligible: boolean;
  unit: { id: string; name: string; status: string };
}

journey(
  'review rounds, public notice and payment batches (H5 against a real BFF with a movable clock)',
  { start: () => startAppServer({ KCQ_TEST_CLOCK_FILE: CLOCK_FILE }), setupTimeout: 90_000 },
  (app) => {
    afterAll(() => rmSync(clockDir, { recursive: true, force: true }));

    test('apply → round → three experts (one 存疑) → hearing → decision → notice → objection dismissed → batch → xlsx → paid', async () => {
      const today = shanghaiDay(new Date());
      const applicantName = '北京评审测试科技有限公司';

      // ——— Through the API: the founder claims and proposes, the unit's staff confirm and apply. ———
      const founder = await signIn(app.url, 'dev:rv-founder');
      expect((await founder.call('POST', '/api/applicants', enterpriseProfile(applicantName, creditCode('MA7R00P9')))).status).toBe(201);
      const periods = (await (await fetch(`${app.url}/api/periods`)).json()) as { periods: { id: string; status: string }[] };
      const open = periods.periods.find((p) => p.status === 'open')!;
      const claim = await founder.call<{ id: string }>('POST', `/api/periods/${open.id}/claims`, { amountFen: 5_000_000 }, { 'Idempotency-Key': 'rv-claim-0001' });
      expect(claim.status).toBe(201);
      const services = (await (await fetch(`${app.url}/api/catalogue/services?limit=50`)).json()) as { items: ServiceBody[] };
      const service = services.items.find((s) => s.voucherEligible && s.unit.status === 'active')!;
      const unit = service.unit;
      const admin: Session = await signIn(app.url, 'dev:admin');
      const invite = await admin.call<{ code: string }>('POST', `/api/open-units/${unit.id}/invites`, {});
      const staff = await signIn(app.url, 'dev:rv-staff');
      expect((await staff.call('POST', '/api/invites/redeem', { code: invite.body.code })).status).toBe(200);
      const proposed = await founder.call<{ id: string }>('POST', '/api/contracts', {
        voucherId: claim.body.id,
        serviceId: service.id,
        project: { title: '高分子薄膜热稳定性测试', description: '测试三种薄膜样品的热分解温度。' },
        municipalFundingReceived: false,
      });
      expect(proposed.status).toBe(201);
      const contractId = proposed.body.id;
      const confirmed = await staff.call('POST', `/api/contracts/${contractId}/confirm`, {
        contractNo: 'HT-RV-0001',
        contractAmountFen: 8_000_000,
        startDay: today,
        endDay: today,
        voucherAmountFen: 4_000_000,
      });
      expect(confirmed.status).toBe(200);
      const form = new FormData();
      form.append('files', new Blob([Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')], { type: 'application/pdf' }), '检测报告.pdf');
      const up = await fetch(`${app.url}/api/contracts/${contractId}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${staff.token}` }, body: form });
      expect(up.status).toBe(201);
      const evidence = ((await up.json()) as { evidence: { id: string }[] }).evidence;
      const applied = await staff.call<{ id: string }>('POST', `/api/contracts/${contractId}/redemption`, {
        actualAmountFen: 8_000_000,
        report: '已完成热分解温度测试并交付报告。',
        evidenceIds: evidence.map((e) => e.id),
      });
      expect(applied.status).toBe(201);

      // ——— Experts: three eligible, through the API (profiles, codes, redeemed). ———
      for (const [i, [name, organisation]] of (
        [
          ['王评审', '甲大学'],
          ['李评审', '乙研究院'],
          ['赵评审', '丙大学'],
        ] as const
      ).entries()) {
        const p = await admin.call<{ id: string }>('POST', '/api/admin/experts', { name, organisation, fields: ['new_materials'] });
        expect(p.status).toBe(201);
        const c = await admin.call<{ code: string }>('POST', `/api/admin/experts/${p.body.id}/invites`, {});
        const s = await signIn(app.url, `dev:rv-expert-${i}`);
        expect((await s.call('POST', '/api/expert-invites/redeem', { code: c.body.code })).status).toBe(200);
      }
      const errors: string[] = [];

      // ——— The fourth on the administrator's phone: 管理 → 专家库 → 添加专家, tied to the unit (recused), → 生成邀请码. ———
      const ad = await phonePage(app.browser);
      watchErrors(ad, errors);
      await demoLogin(ad, app.url, 'admin');
      await landed(ad);
      await ad.goto(`${app.url}/#/pages/desk/index`);
      await ad.locator('#admin-experts-entry').click();
      await ad.locator('#expert-list[data-count="3"]').waitFor({ timeout: 20_000 });
      await ad.locator('#add-expert').click();
      await ad.locator('#review-expert #expert-form').waitFor({ timeout: 20_000 });
      await ad.locator('#add-tie').click();
      await ad.locator('#save-expert').click();
      // Refused on the fields before anything is sent.
      await ad.locator('#expert-error').waitFor();
      const refused = (await ad.locator('#review-expert').textContent()) ?? '';
      for (const m of ['请填写专家姓名', '请填写专家的工作单位', '请至少选择一个专业领域', '请填写关联单位名称']) expect(refused).toContain(m);
      await typeInto(ad, 'expert-name', '孙评审');
      await typeInto(ad, 'expert-org', '丁研究院');
      await ad.locator('#expert-fields .expert-field[data-code="new_materials"]').click();
      await ad.locator('#expert-fields .expert-field[data-code="intelligent_manufacturing"]').click();
      await typeInto(ad, 'tie-name-0', unit.name);
      await ad.locator('#tie-relation-0').getByText('兼职', { exact: true }).click();
      await ad.locator('#save-expert').click();
      await ad.locator('#review-expert[data-bound="false"]').waitFor({ timeout: 20_000 });
      await ad.locator('#issue-expert-invite').click();
      const inviteCard = ad.locator('#expert-invite-card');
      await inviteCard.waitFor({ timeout: 20_000 });
      expect(await ad.locator('#expert-invite-expiry').textContent()).toContain('前有效，只能使用一次');
      const sunCode = (await inviteCard.getAttribute('data-code'))!;
      expect(sunCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      await settle(ad, 2600);
      await capture(ad, 'review-experts-invite');
      // The list: 孙评审 waits for binding, with the fields as tags and the tie.
      await ad.goto(`${app.url}/#/review/experts/index`);
      const sun = ad.locator('#expert-list .expert-card[data-bound="false"]');
      await sun.waitFor({ timeout: 20_000 });
      const sunText = (await sun.textContent()) ?? '';
      for (const t of ['孙评审', '丁研究院', '待绑定', '智能制造', '新材料', `${unit.name}（兼职）`]) expect(sunText).toContain(t);
      await shot(ad, 'review-experts');

      // 孙评审 on the phone: 我的 → 加入评审专家库 → a wrong code is refused → the code from the administrator's screen.
      const e3 = await phonePage(app.browser);
      watchErrors(e3, errors);
      await demoLogin(e3, app.url, 'rv-expert-3');
      await landed(e3);
      await e3.goto(`${app.url}/#/pages/mine/index`);
      await e3.locator('#expert-join-entry').click();
      await e3.locator('#expert-join[data-state="form"]').waitFor({ timeout: 20_000 });
      await typeInto(e3, 'expert-code', 'WRONG-CODE-0000');
      await e3.locator('#expert-join-submit').click();
      await e3.locator('#expert-join-form .field__message').waitFor({ timeout: 20_000 });
      await typeInto(e3, 'expert-code', sunCode);
      await e3.locator('#expert-join-submit').click();
      await e3.locator('#expert-join[data-state="joined"]').waitFor({ timeout: 20_000 });
      expect(await e3.locator('#expert-join-result').textContent()).toContain('孙评审');
      await shot(e3, 'review-01-expert-joined');
      await ad.reload();
      await ad.locator('#expert-list[data-count="4"]').waitFor({ timeout: 20_000 });
      expect(await ad.locator('#expert-list .expert-card[data-bound="false"]').count()).toBe(0);

      // ——— The administrator opens a round on the phone. ———
      await ad.goto(`${app.url}/#/review/rounds/index`);
      await ad.locator('#round-form[data-submitted="1"]').waitFor({ timeout: 20_000 });
      expect(await ad.locator('#round-form').textContent()).toContain(applicantName);
      await ad.locator('#open-round').click();
      await ad.locator('#round-form .field__message').getByText('请填写评审批次名称', { exact: false }).waitFor();
      await typeInto(ad, 'round-name', '兑现评审第1批');
      await shot(ad, 'review-02-round-setup');
      await ad.locator('#open-round').click();
      await ad.locator('#review-round').waitFor({ timeout: 20_000 });
      const item = ad.locator('#review-round .round-item').first();
      expect(await item.locator('.panel-member').count()).toBe(3);
      expect(await item.locator('.excluded-expert').textContent()).toContain(`孙评审：与开放单位「${unit.name}」存在关联（兼职）`);
      await shot(ad, 'review-03-round-progress');

      // ——— Three experts on their phones. ———
      async function review(page: Page, opinion: string, comment: string, name: string) {
        await page.goto(`${app.url}/#/pages/desk/index`);
        const row = page.locator('#expert-tasks .expert-task-row').first();
        await row.waitFor({ timeout: 20_000 });
        await row.click();
        await page.locator('#expert-task').waitFor({ timeout: 20_000 });
        expect(await page.locator('#task-evidence').textContent()).toContain('检测报告.pdf');
        // 第九条3: the applicant is not named to the expert.
        expect(await page.locator('#expert-task').textContent()).not.toContain(applicantName);
        await page.locator('#opinion').getByText(opinion, { exact: true }).click();
        await typeText(page, 'opinion-comment', comment);
        if (name) await shot(page, name);
        await page.locator('#opinion-submit').click();
        await page.locator('#opinion-given').waitFor({ timeout: 20_000 });
      }
      const e0 = await phonePage(app.browser);
      watchErrors(e0, errors);
      await demoLogin(e0, app.url, 'rv-expert-0');
      await landed(e0);
      await e0.goto(`${app.url}/#/pages/desk/index`);
      await e0.locator('#desk[data-role="expert"]').waitFor({ timeout: 20_000 });
      await e0.locator('#expert-tasks .expert-task-row[data-state="waiting"]').waitFor({ timeout: 20_000 });
      await shot(e0, 'review-04-expert-tasks');
      await review(e0, '通过', '材料齐全，金额与合同相符。', 'review-05-expert-opinion');

      // 提醒: the two who have not answered.
      await ad.reload();
      await ad.locator('#review-round[data-waiting="2"]').waitFor({ timeout: 20_000 });
      await ad.locator('#remind').click();
      expect(await ad.locator('#remind-result').textContent()).toContain('已提醒 2 位');

      const e1 = await phonePage(app.browser);
      watchErrors(e1, errors);
      await demoLogin(e1, app.url, 'rv-expert-1');
      await landed(e1);
      await review(e1, '通过', '同意。', '');
      const e2 = await phonePage(app.browser);
      watchErrors(e2, errors);
      await demoLogin(e2, app.url, 'rv-expert-2');
      await landed(e2);
      await review(e2, '存疑', '仪器使用记录需要核实。', 'review-06-expert-doubtful');

      // ——— The decision: a hearing for the doubt, its outcome, then approve. ———
      await ad.reload();
      await ad.locator('#review-round[data-waiting="0"]').waitFor({ timeout: 20_000 });
      await ad.locator('#review-round .open-item').first().click();
      await ad.locator('#review-item[data-panel-opinion="pass"]').waitFor({ timeout: 20_000 });
      await ad.locator('#fu-submit').click();
      await ad.locator('#follow-up-form .field__message').first().waitFor();
      await typeInto(ad, 'fu-place', '市科委三层会议室');
      await typeText(ad, 'fu-people', '赵评审、开放单位项目负责人');
      await shot(ad, 'review-07-hearing');
      await ad.locator('#fu-submit').click();
      await ad.locator('#outcome-form').waitFor({ timeout: 20_000 });
      await ad.locator('#fu-result').getByText('通过', { exact: true }).click();
      await typeText(ad, 'fu-summary', '答辩清楚，使用记录属实。');
      await ad.locator('#outcome-submit').click();
      await ad.locator('#follow-up[data-outcome="pass"]').waitFor({ timeout: 20_000 });
      // Rejecting against the panel needs a reason: refused on the field before anything is sent.
      await ad.locator('#reject').click();
      await ad.locator('#decision-form .field__message').waitFor();
      await shot(ad, 'review-08-decision');
      await ad.locator('#approve').click();
      expect(await confirmModal(ad)).toContain('40,000.00 元');
      await ad.locator('#decision[data-decision="approve"]').waitFor({ timeout: 20_000 });

      // ——— The notice: published from today. ———
      await ad.goto(`${app.url}/#/review/notices/index`);
      await ad.locator('#notice-form[data-approved="1"]').waitFor({ timeout: 20_000 });
      await typeInto(ad, 'notice-title', '创新券兑现公示第1批');
      await shot(ad, 'review-09-publish');
      await ad.locator('#publish-notice').click();
      await ad.locator('#notice-detail').waitFor({ timeout: 20_000 });
      const noticeId = (await ad.locator('#notice-detail').getAttribute('data-notice-id'))!;
      const notice = (await (await fetch(`${app.url}/api/notices/${noticeId}`)).json()) as { startDay: string; endDay: string };

      // Signed out: 首页 → 公示公告 → the notice, the applicant's name masked.
      const anon = await phonePage(app.browser);
      watchErrors(anon, errors);
      await anon.goto(`${app.url}/#/pages/index/index`);
      await anon.locator('#home-notices-link').click();
      await anon.locator(`#notice-list .notice-row[data-notice-id="${noticeId}"]`).click();
      await anon.locator('#notice-detail .notice-item').waitFor({ timeout: 20_000 });
      const shown = (await anon.locator('#notice-detail').textContent()) ?? '';
      expect(shown).not.toContain(applicantName);
      expect(shown).toContain('**');
      expect(shown).toContain('40,000.00 元');
      expect(await anon.locator('.object-login').count()).toBe(1);
      await shot(anon, 'review-10-notice-public');

      // A signed-in user objects with a reason: the item is held.
      const ob = await phonePage(app.browser);
      watchErrors(ob, errors);
      await demoLogin(ob, app.url, 'rv-objector');
      await landed(ob);
      await ob.goto(`${app.url}/#/notice/detail/index?id=${noticeId}`);
      await ob.locator('.object-open').click();
      await ob.locator('.object-submit').click();
      await ob.locator('.objection-form .field__message').waitFor();
      await ob.locator('.objection-form textarea').fill('怀疑合同金额虚高，请核查。');
      await ob.locator('.object-submit').click();
      await ob.locator('.notice-item[data-status="held"]').waitFor({ timeout: 20_000 });
      await shot(ob, 'review-11-objection');

      // The administrator dismisses it.
      await ad.goto(`${app.url}/#/review/notices/index`);
      await ad.locator('#open-objections[data-count="1"]').waitFor({ timeout: 20_000 });
      const card = ad.locator('#open-objections .objection').first();
      await card.getByText('异议不成立', { exact: true }).click();
      await card.locator('textarea').fill('经核查，发票与合同相符。');
      await shot(ad, 'review-12-objection-resolve');
      await card.locator('.resolve').click();
      await ad.locator('#open-objections[data-count="0"]').waitFor({ timeout: 20_000 });
      expect(((await (await fetch(`${app.url}/api/notices/${noticeId}`)).json()) as { items: { status: string }[] }).items[0].status).toBe('listed');

      // ——— The notice ends (and a Q4 decision waits for 1 January): move the BFF's clock. ———
      const redemption = await founder.call<{ paymentYear: number }>('GET', `/api/contracts/${contractId}/redemption`);
      const paymentYear = redemption.body.paymentYear;
      const afterNotice = nextDay(notice.endDay);
      const due = `${paymentYear}-01-02`;
      setBffClock(`${afterNotice > due ? afterNotice : due}T10:00:00+08:00`);

      // Tokens were issued on the old clock: sign in again.
      const ad2 = await phonePage(app.browser);
      watchErrors(ad2, errors);
      await demoLogin(ad2, app.url, 'admin');
      await landed(ad2);
      await ad2.goto(`${app.url}/#/review/batches/index`);
      await ad2.locator('#payables[data-count="1"]').waitFor({ timeout: 20_000 });
      await typeInto(ad2, 'batch-title', '拨付第1批');
      await ad2.locator('#create-batch').click();
      const batch = ad2.locator('#payment-batches .batch[data-status="created"]').first();
      await batch.waitFor({ timeout: 20_000 });
      await shot(ad2, 'review-13-batch');

      // Export: the H5 download, read back with exceljs row by row.
      const [download] = await Promise.all([ad2.waitForEvent('download', { timeout: 20_000 }), batch.locator('.export').click()]);
      const xlsx = path.join(clockDir, 'batch.xlsx');
      await download.saveAs(xlsx);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(xlsx) as never);
      const ws = wb.getWorksheet('拨付明细')!;
      const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
      expect(values(1)).toEqual([`拨付第1批（${paymentYear} 年度资金）`]);
      expect(values(2)).toEqual(['开放单位', '合同编号', '申领单位', '服务项目', '合同实际金额（元）', '拨付金额（元）', '评审通过日期', '公示开始日', '公示结束日']);
      const row3 = values(3);
      expect(row3.slice(0, 3)).toEqual([unit.name, 'HT-RV-0001', applicantName]);
      expect(row3.slice(4)).toEqual([80000, 40000, today, notice.startDay, notice.endDay]);
      expect(values(4)).toEqual([`${unit.name} 小计`, '', '', '', 80000, 40000]);
      expect(values(5)).toEqual(['合计', '', '', '', 80000, 40000]);
      expect(ws.rowCount).toBe(5);

      // Marked paid with a reference; the confirmation states the total.
      await typeInto(ad2, (await batch.locator('[id^="reference-"]').getAttribute('id'))!, 'CZ-RV-0001');
      await batch.locator('.mark-paid').click();
      const asked = await confirmModal(ad2);
      expect(asked).toContain('合计拨付 40,000.00 元');
      await ad2.locator('#payment-batches .batch[data-status="paid"]').waitFor({ timeout: 20_000 });
      await shot(ad2, 'review-14-paid');

      // The founder's voucher reads 已拨付.
      const fp = await phonePage(app.browser);
      watchErrors(fp, errors);
      await demoLogin(fp, app.url, 'rv-founder');
      await landed(fp);
      await fp.goto(`${app.url}/#/pages/desk/index`);
      const voucher = fp.locator(`[data-voucher-id="${claim.body.id}"]`);
      await voucher.waitFor({ timeout: 20_000 });
      expect(await voucher.getAttribute('data-status')).toBe('paid');
      expect(await voucher.textContent()).toContain('已拨付');
      await shot(fp, 'review-15-voucher-paid');

      expect(errors).toEqual([]);
    }, 300_000);
  },
);
