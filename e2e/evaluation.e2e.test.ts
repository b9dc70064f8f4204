/**
 * Open units join by application (第六条) and the yearly performance evaluation (第十一、十四条) end to end,
 * H5 against a real BFF whose clock the test moves (KCQ_TEST_CLOCK_FILE, bff/src/domain/testClock.ts):
 * an organisation applies on the phone (我的 → 申请成为开放单位: the six conditions, an instrument in
 * yuan, a file) → the administrator asks for more information (管理 → 入库申请) → the applicant answers →
 * approved into a 5-working-day notice → the clock passes the notice → the unit is in the catalogue and its
 * applicant manages it. The administrator opens the year's round on the phone; the new unit declares on the
 * phone with the pre-filled figures shown as charts (a second, seeded unit declares through the API) → the
 * deadline passes → experts assigned on the phone → three experts score on their phones (the second unit's
 * scores through the API) → a reproducible site-check draw of one unit, its outcome and a grade adjustment
 * with a reason → the support plan, one line lowered with a reason → its public notice, read signed out →
 * the .xlsx downloaded and read back with exceljs → the notice ends → marked paid.
 * Screens: test-output/screenshots/evaluation-*.png, copied to docs/screenshots.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// exceljs: the BFF workspace's dependency (hoisted), as review.e2e reads the payment batch.
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { drawSample, shanghaiDay } from '@kcq/shared';
import { capture, phonePage } from './support/browser';
import { startAppServer } from './support/bff';
import { journey } from './support/journey';
import { auditPage } from './support/audit';
import { creditCode, signIn, type Session } from './support/api';
import { confirmModal, demoLogin, landed, pickDate, settle, typeInto, watchErrors } from './support/ui';


const DOCS = path.resolve(__dirname, '../docs/screenshots');
const clockDir = mkdtempSync(path.join(os.tmpdir(), 'kcq-eval-clock-'));
const CLOCK_FILE = path.join(clockDir, 'offset');
writeFileSync(CLOCK_FILE, '0');

async function shot(page: Page, name: string): Promise<void> {
  await settle(page, 2600);
  const file = await capture(page, name);
  mkdirSync(DOCS, { recursive: true });
  copyFileSync(file, path.join(DOCS, `${name}.png`));
}

/** The page walk's checks (44 px targets, overflow, developer words, title) on screens only reachable with the clock moved. */
const audits: string[] = [];
async function audit(page: Page, where: string): Promise<void> {
  const { findings } = await auditPage(page);
  audits.push(...findings.map((f) => `${where}: ${f.kind} ${f.what}`));
}

async function typeText(page: Page, id: string, text: string) {
  await page.locator(`#${id} textarea`).fill(text);
}

let offsetMs = 0;
/** Moves the BFF's clock to `iso` (the browser keeps its own). */
function setBffClock(iso: string) {
  offsetMs = new Date(iso).getTime() - Date.now();
  writeFileSync(CLOCK_FILE, String(offsetMs));
}
const bffToday = () => shanghaiDay(new Date(Date.now() + offsetMs));
const nextDay = (day: string) => shanghaiDay(new Date(new Date(`${day}T12:00:00+08:00`).getTime() + 86_400_000));

const PDF = { name: '法人证书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') };
const CRITERIA = ['instrument_operation', 'openness_rules', 'degree_of_openness', 'service_quality', 'voucher_implementation', 'effect'] as const;

interface Declaration {
  id: string;
  unitId: string;
  unitName: string;
}

journey(
  'open units join by application; the yearly performance evaluation (H5 against a real BFF with a movable clock)',
  { start: () => startAppServer({ KCQ_TEST_CLOCK_FILE: CLOCK_FILE }), setupTimeout: 90_000 },
  (app) => {
    afterAll(() => rmSync(clockDir, { recursive: true, force: true }));

    test('apply → more information → approved → notice → catalogue; round → declare → three experts → site check → plan → notice → xlsx → paid', async () => {
      const unitName = '北京精测仪器科技有限公司';
      const errors: string[] = [];
      const phone = async (who: string) => {
        const p = await phonePage(app.browser);
        watchErrors(p, errors);
        await demoLogin(p, app.url, who);
        await landed(p);
        return p;
      };

      // ——— Through the API: three experts with their codes redeemed; a seeded unit's staff (a second declaration). ———
      const admin: Session = await signIn(app.url, 'dev:admin');
      const experts: Session[] = [];
      for (const [i, [name, organisation]] of (
        [
          ['周考评', '甲大学'],
          ['吴考评', '乙研究院'],
          ['郑考评', '丙大学'],
        ] as const
      ).entries()) {
        const p = await admin.call<{ id: string }>('POST', '/api/admin/experts', { name, organisation, fields: ['new_materials'] });
        expect(p.status).toBe(201);
        const c = await admin.call<{ code: string }>('POST', `/api/admin/experts/${p.body.id}/invites`, {});
        const s = await signIn(app.url, `dev:ev-expert-${i}`);
        expect((await s.call('POST', '/api/expert-invites/redeem', { code: c.body.code })).status).toBe(200);
        experts.push(s);
      }
      const services = (await (await fetch(`${app.url}/api/catalogue/services?limit=50`)).json()) as { items: { unit: { id: string; name: string; status: string } }[] };
      const seeded = services.items.find((s) => s.unit.status === 'active')!.unit;
      const invite = await admin.call<{ code: string }>('POST', `/api/open-units/${seeded.id}/invites`, {});
      const seededStaff = await signIn(app.url, 'dev:ev-seeded-staff');
      expect((await seededStaff.call('POST', '/api/invites/redeem', { code: invite.body.code })).status).toBe(200);

      // ——— The applicant on the phone: 我的 → 申请成为开放单位. ———
      const ap = await phone('ev-applicant');
      await ap.goto(`${app.url}/#/pages/mine/index`);
      await ap.locator('#unit-apply-entry').click();
      await ap.locator('#my-unit-applications').getByText('还没有提交过申请').waitFor({ timeout: 20_000 });
      await ap.locator('#my-unit-applications .nut-button').filter({ hasText: '申请成为开放单位' }).click();
      await ap.locator('#unit-apply').waitFor({ timeout: 20_000 });
      // Sent empty: refused on the fields before anything is sent.
      await ap.locator('#apply-submit').click();
      await ap.locator('#unit-apply .field__message').first().waitFor();
      const refused = (await ap.locator('#unit-apply').textContent()) ?? '';
      for (const m of ['请填写单位全称', '请填写18位统一社会信用代码', '请简要说明本单位如何满足这项条件', '请填写原值（元）']) expect(refused).toContain(m);
      await typeInto(ap, 'a-name', unitName);
      await typeInto(ap, 'a-code', creditCode('MA7E01W8'));
      await ap.locator('#a-kind').getByText('企业', { exact: true }).click();
      await ap.locator('#a-district').getByText('海淀区', { exact: true }).click();
      await ap.locator('#a-fields .eval-chip[data-code="new_materials"]').click();
      await typeInto(ap, 'a-lab', '精密测量实验室');
      await ap.locator('#a-lab-level').getByText('其他实验室', { exact: true }).click();
      const statements: Record<string, string> = {
        legal_person: '2015年在海淀区注册的独立法人企业。',
        open_instruments: '拥有三坐标测量机等精密测量仪器，工作日全天开放。',
        service_team: '服务团队12人，均具备计量检定资质。',
        high_end_industries: '长期为集成电路与航空零部件企业提供测量服务。',
        service_rules: '服务流程与收费标准在官网公开。',
        finance_credit: '财务制度健全，近三年无不良信用记录。',
      };
      for (const [k, v] of Object.entries(statements)) await typeText(ap, `a-cond-${k}`, v);
      await typeInto(ap, 'i0-name', '三坐标测量机');
      await typeInto(ap, 'i0-model', 'PRISMO ultra');
      await typeInto(ap, 'i0-value', '6000000');
      await ap.locator('#i0-category').getByText('测试', { exact: true }).click();
      await typeInto(ap, 'i0-price', '1200');
      await ap.locator('#i0-unit').getByText('元/样', { exact: true }).click();
      await typeInto(ap, 'a-contact', '陈经理');
      await typeInto(ap, 'a-phone', '13900001111');
      expect(await ap.locator('#a-total').textContent()).toContain('6,000,000.00 元');
      await shot(ap, 'evaluation-01-apply');
      await audit(ap, 'evaluation-01-apply');
      await ap.locator('#apply-submit').click();
      // The same form again with the application's id: files can now go with a condition.
      await ap.locator('#unit-apply:not([data-application-id=""])').waitFor({ timeout: 20_000 });
      const applicationId = (await ap.locator('#unit-apply').getAttribute('data-application-id'))!;
      expect(applicationId).not.toBe('');
      await ap.locator('#a-files-legal_person').setInputFiles(PDF);
      await ap.locator('[data-condition="legal_person"] .files__item').waitFor({ timeout: 20_000 });
      await ap.locator('#apply-submit').click();
      await ap.locator(`#my-unit-applications .unit-application[data-status="submitted"]`).waitFor({ timeout: 20_000 });
      expect(await ap.locator('#application-conditions').textContent()).toContain('法人证书.pdf');

      // ——— The administrator: 管理 → 入库申请 → 要求补充材料. ———
      const ad = await phone('admin');
      await ad.goto(`${app.url}/#/pages/desk/index`);
      await ad.locator('#admin-unit-applications-entry').click();
      await ad.locator(`#applications .admin-application-row[data-application-id="${applicationId}"]`).click();
      await ad.locator('#admin-unit-application[data-status="submitted"]').waitFor({ timeout: 20_000 });
      expect(await ad.locator('#application-total').textContent()).toContain('6,000,000.00 元');
      await ad.locator('#choose-request').click();
      await ad.locator('#decision-submit').click();
      await ad.locator('#application-decision .field__message').waitFor();
      await typeText(ad, 'decision-text', '请补充近三年的审计报告摘要。');
      await shot(ad, 'evaluation-02-application-review');
      await audit(ad, 'evaluation-02-application-review');
      await ad.locator('#decision-submit').click();
      await ad.locator('#admin-unit-application[data-status="info_requested"]').waitFor({ timeout: 20_000 });

      // The applicant reads what was asked, answers it and sends it again.
      await ap.reload();
      const asked = ap.locator('#my-unit-applications .unit-application[data-status="info_requested"]');
      await asked.waitFor({ timeout: 20_000 });
      expect(await asked.locator('#application-next').textContent()).toContain('请补充近三年的审计报告摘要');
      await shot(ap, 'evaluation-03-info-requested');
      await asked.locator('#application-edit').click();
      await ap.locator('#apply-info-requested').waitFor({ timeout: 20_000 });
      await typeText(ap, 'a-cond-finance_credit', '财务制度健全，近三年审计均为标准无保留意见，无不良信用记录。');
      await ap.locator('#apply-submit').click();
      await ap.locator('#my-unit-applications .unit-application[data-status="submitted"]').waitFor({ timeout: 20_000 });

      // Approved into a notice starting today.
      await ad.reload();
      await ad.locator('#admin-unit-application[data-status="submitted"]').waitFor({ timeout: 20_000 });
      await ad.locator('#choose-approve').click();
      await ad.locator('#decision-submit').click();
      expect(await confirmModal(ad)).toContain('公示 5 个工作日');
      await ad.locator('#admin-unit-application[data-status="in_notice"]').waitFor({ timeout: 20_000 });
      const applied = await admin.call<{ notice: { noticeId: string; endDay: string } }>('GET', `/api/unit-applications/${applicationId}`);
      const unitNotice = applied.body.notice!;

      // Signed out: the notice of the application among the public notices.
      const anon = await phonePage(app.browser);
      watchErrors(anon, errors);
      await anon.goto(`${app.url}/#/notice/list/index`);
      await anon.locator(`#notice-list .notice-row[data-notice-id="${unitNotice.noticeId}"]`).click();
      const unitItem = anon.locator('#notice-detail .notice-item[data-kind="unit_application"]');
      await unitItem.waitFor({ timeout: 20_000 });
      const unitShown = (await unitItem.textContent()) ?? '';
      for (const t of [unitName, '海淀区', '拟开放仪器设备 1 台（套），原值合计 6,000,000.00 元']) expect(unitShown).toContain(t);
      expect(unitShown).not.toContain('13900001111');
      await shot(anon, 'evaluation-04-unit-notice');

      // ——— The notice ends: the unit is created, its applicant manages it, its instrument is a service. ———
      setBffClock(`${nextDay(unitNotice.endDay)}T10:00:00+08:00`);
      const ap2 = await phone('ev-applicant');
      await ap2.goto(`${app.url}/#/units/mine/index`);
      await ap2.locator('#my-unit-applications .unit-application[data-status="joined"]').waitFor({ timeout: 20_000 });
      const joined = await (await signIn(app.url, 'dev:ev-applicant')).call<{ applications: { unitId: string }[] }>('GET', '/api/unit-applications/mine');
      const unitId = joined.body.applications[0].unitId;
      expect(unitId).toBeTruthy();
      await ap2.goto(`${app.url}/#/catalogue/unit/index?id=${unitId}`);
      await ap2.getByText(unitName).first().waitFor({ timeout: 20_000 });
      await ap2.getByText('精密测量实验室').first().waitFor({ timeout: 20_000 });
      const found = (await (await fetch(`${app.url}/api/catalogue/services?q=${encodeURIComponent('三坐标测量机')}&limit=10`)).json()) as { items: { unit: { id: string } }[] };
      expect(found.items.some((s) => s.unit.id === unitId)).toBe(true);
      await shot(ap2, 'evaluation-05-catalogue');

      // ——— The year's round, opened on the administrator's phone (deadline: the BFF's today). ———
      const ad2 = await phone('admin');
      // The demo seed has opened this year's round (docs/evaluation.md, Demo data): this one evaluates last year.
      const year = Number(bffToday().slice(0, 4)) - 1;
      await ad2.goto(`${app.url}/#/pages/desk/index`);
      await ad2.locator('#admin-evaluation-entry').click();
      await ad2.locator('#evaluation-rounds').waitFor({ timeout: 20_000 });
      await ad2.locator('#open-round').click();
      await ad2.locator('#round-form').waitFor({ timeout: 20_000 });
      await typeInto(ad2, 'r-year', String(year));
      await typeInto(ad2, 'r-weight-effect', '25');
      await ad2.locator('#round-submit').click();
      await ad2.locator('#r-weights-sum').getByText('各项权重之和应为 100，当前为 110', { exact: false }).waitFor();
      await typeInto(ad2, 'r-weight-effect', '15');
      const deadline = bffToday();
      await pickDate(ad2, 'r-deadline', deadline);
      await shot(ad2, 'evaluation-06-open-round');
      await ad2.locator('#round-submit').click();
      await ad2.locator('#evaluation-round[data-phase="declaring"], #round-error').first().waitFor({ timeout: 20_000 });
      expect(await ad2.locator('#round-error, #round-form .field__message').allTextContents()).toEqual([]);
      const roundId = (await ad2.locator('#evaluation-round').getAttribute('data-round-id'))!;

      // ——— The new unit declares on the phone: 工作台 → 绩效考核, the platform's figures as charts. ———
      await ap2.goto(`${app.url}/#/pages/desk/index`);
      await ap2.locator('#desk-evaluation').click();
      await ap2.locator(`#unit-evaluations .eval-round-row[data-round-id="${roundId}"]`).click();
      await ap2.locator('#evaluation-declare[data-declared="no"]').waitFor({ timeout: 20_000 });
      const listed = ap2.locator('#figures-services-listed');
      await listed.waitFor({ timeout: 20_000 });
      expect(Number(await listed.getAttribute('data-value'))).toBeGreaterThanOrEqual(1);
      expect(await ap2.locator('#figures-vouchers').count()).toBe(1);
      expect(await ap2.locator('#figures-amounts').count()).toBe(1);
      await shot(ap2, 'evaluation-07-declare-figures');
      // The instruments' value from the application, pre-filled; the class it gives.
      expect(await ap2.locator('#d-value input').inputValue()).toBe('6000000');
      await typeInto(ap2, 'd-hours', '1800');
      await typeInto(ap2, 'd-shared', '2000');
      await ap2.locator('#declaration-submit').click();
      await ap2.locator('#declaration-form .field__message').getByText('对外服务机时不能多于全年运行机时').waitFor();
      await typeInto(ap2, 'd-shared', '1200');
      await typeText(ap2, 'd-rules', '制定《大型仪器开放共享管理办法》，线上预约，收费标准公示。');
      await typeText(ap2, 'd-quality', '全年服务用户46家，满意度98%，无投诉。');
      await typeText(ap2, 'd-effect', '支撑3家集成电路企业完成关键零部件测量。');
      await ap2.locator('#declaration-files').setInputFiles({ ...PDF, name: '开放共享管理办法.pdf' });
      await ap2.locator('#evaluation-declare .files__item').waitFor({ timeout: 20_000 });
      await audit(ap2, 'evaluation-07-declare-form');
      await ap2.locator('#declaration-submit').click();
      await ap2.locator('#evaluation-declare[data-declared="yes"]').waitFor({ timeout: 20_000 });
      await ap2.evaluate(() => window.scrollTo(0, 0));
      await shot(ap2, 'evaluation-08-declared');

      // The seeded unit declares through the API (class II).
      // Tokens were issued on the old clock: sign in again through the API too.
      const seededNow = await signIn(app.url, 'dev:ev-seeded-staff');
      const seededDeclared = await seededNow.call('PUT', `/api/open-units/${seeded.id}/evaluations/${roundId}/declaration`, {
        openedInstrumentValueYuan: 3_000_000,
        instrumentHours: 1500,
        sharedHours: 800,
        opennessRules: '开放共享制度健全。',
        serviceQuality: '用户评价良好。',
        thirdPartyAgency: false,
      });
      expect(seededDeclared.status).toBe(200);

      // ——— The deadline passes; experts assigned on the phone. ———
      setBffClock(`${nextDay(deadline)}T10:00:00+08:00`);
      const ad3 = await phone('admin');
      await ad3.goto(`${app.url}/#/evaluation/round/index?id=${roundId}`);
      await ad3.locator('#evaluation-round[data-phase="closed"]').waitFor({ timeout: 20_000 });
      await ad3.locator('#round-declarations[data-count="2"]').waitFor();
      await ad3.locator('#assign-panels').click();
      expect(await confirmModal(ad3)).toContain('为 2 份申报各分配 3 名专家');
      await ad3.locator('#evaluation-round[data-phase="scoring"]').waitFor({ timeout: 20_000 });

      // ——— Three experts score the new unit on their phones (weights shown, figures and files there). ———
      const given = [
        [95, 92, 90, 94, 88, 90],
        [90, 90, 92, 90, 90, 88],
        [92, 88, 90, 93, 91, 89],
      ];
      for (const [i, scores] of given.entries()) {
        const ex = await phone(`ev-expert-${i}`);
        await ex.goto(`${app.url}/#/pages/desk/index`);
        const row = ex.locator('#expert-evaluation-tasks .evaluation-task-row').filter({ hasText: unitName });
        await row.waitFor({ timeout: 20_000 });
        if (i === 0) await shot(ex, 'evaluation-09-expert-desk');
        await row.click();
        await ex.locator('#evaluation-task[data-scored="no"]').waitFor({ timeout: 20_000 });
        expect(await ex.locator('#declared-files').textContent()).toContain('开放共享管理办法.pdf');
        expect(await ex.locator('#figures-services').count()).toBe(1);
        expect(await ex.locator('#score-form').textContent()).toContain('权重 20%');
        for (const [n, c] of CRITERIA.entries()) await typeInto(ex, `score-${c}`, String(scores[n]));
        await typeText(ex, 'score-comment', '开放制度健全，服务记录完整。');
        expect(await ex.locator('#score-preview').textContent()).toContain('加权得分');
        if (i === 0) {
          await shot(ex, 'evaluation-10-expert-score');
          await audit(ex, 'evaluation-10-expert-score');
        }
        await ex.locator('#score-submit').click();
        await ex.locator('#evaluation-task[data-scored="yes"]').waitFor({ timeout: 20_000 });
        await ex.close();
      }
      // The seeded unit's scores through the API (良好).
      for (const i of experts.keys()) {
        const s = await signIn(app.url, `dev:ev-expert-${i}`);
        const { body } = await s.call<{ assignments: { id: string; declaration: { unitId: string }; myScore: unknown }[] }>('GET', '/api/expert/evaluation-assignments');
        const mine = body.assignments.find((a) => a.declaration.unitId === seeded.id)!;
        const scored = await s.call('POST', `/api/expert/evaluation-assignments/${mine.id}/score`, {
          scores: Object.fromEntries(CRITERIA.map((c) => [c, 85])),
          comment: '总体良好。',
        });
        expect(scored.status).toBe(200);
      }

      // ——— Site checks: a reproducible draw of one unit of two (50%), its outcome, a grade adjustment. ———
      await ad3.reload();
      await ad3.locator('#evaluation-round[data-phase="scoring"]').waitFor({ timeout: 20_000 });
      const adminNow = await signIn(app.url, 'dev:admin');
      const round = await adminNow.call<{ declarations: (Declaration & { grade: string })[] }>('GET', `/api/admin/evaluation-rounds/${roundId}`);
      const decls = round.body.declarations;
      expect(decls.find((d) => d.unitId === unitId)!.grade).toBe('excellent');
      const seed = 20_270_301;
      const predicted = drawSample([...decls.map((d) => d.id)].sort(), { percent: 50 }, seed);
      expect(predicted).toHaveLength(1);
      await typeInto(ad3, 'draw-percent', '50');
      await typeInto(ad3, 'draw-seed', String(seed));
      await ad3.locator('#draw-site-checks').click();
      await ad3.locator(`#site-check-drawn[data-seed="${seed}"]`).waitFor({ timeout: 20_000 });
      const drawnRow = ad3.locator('#round-declarations .eval-declaration-row[data-site-check="random"]');
      expect(await drawnRow.count()).toBe(1);
      expect(await drawnRow.getAttribute('data-declaration-id')).toBe(predicted[0]);
      await shot(ad3, 'evaluation-11-round-site-check');
      await audit(ad3, 'evaluation-11-round-site-check');
      const checked = decls.find((d) => d.id === predicted[0])!;
      const other = decls.find((d) => d.id !== predicted[0])!;
      await drawnRow.click();
      await ad3.locator('#site-check[data-result=""]').waitFor({ timeout: 20_000 });
      expect(await ad3.locator('#declaration-panel .eval-panel-row[data-scored="yes"]').count()).toBe(3);
      await ad3.locator('#check-result').getByText('发现问题', { exact: true }).click();
      await typeText(ad3, 'check-summary', '现场核查：部分仪器运行记录缺失，对外服务机时与申报不符。');
      await ad3.locator('#record-check').click();
      await ad3.locator('#site-check[data-result="issues_found"]').waitFor({ timeout: 20_000 });
      await ad3.locator('#adjust-grade').getByText('合格', { exact: true }).click();
      await ad3.locator('#adjust-submit').click();
      await ad3.locator('#grade-adjust .field__message').getByText('请写明调整等级的理由', { exact: false }).waitFor();
      await typeText(ad3, 'adjust-reason', '现场核查发现运行记录缺失，按合格认定。');
      await ad3.locator('#adjust-submit').click();
      expect(await confirmModal(ad3)).toContain('调整为「合格」');
      await ad3.locator('#evaluation-declaration[data-grade="pass"]').waitFor({ timeout: 20_000 });
      await shot(ad3, 'evaluation-12-site-check-grade');
      // The check also found it works as a third-party testing agency: the mark corrected, with a reason.
      await ad3.locator('#agency-value').getByText('是', { exact: true }).click();
      await typeText(ad3, 'agency-reason', '现场核查：主要业务为对外出具检测报告，属第三方检测机构。');
      await ad3.locator('#agency-submit').click();
      expect(await confirmModal(ad3)).toContain('原则上不予补助');
      await ad3.locator('#agency-mark[data-agency="true"]').waitFor({ timeout: 20_000 });
      await audit(ad3, 'evaluation-12-site-check-grade');

      // ——— The support plan: drawn at the ceilings, one line lowered with a reason. ———
      await ad3.goto(`${app.url}/#/evaluation/round/index?id=${roundId}`);
      await ad3.locator('#draw-plan').waitFor({ timeout: 20_000 });
      await ad3.locator('#draw-plan').click();
      await ad3.locator('#evaluation-plan[data-phase="planned"]').waitFor({ timeout: 20_000 });
      const checkedLine = ad3.locator(`.plan-line[data-declaration-id="${checked.id}"]`);
      expect(await checkedLine.getAttribute('data-subsidy-fen')).toBe('0');
      const otherLine = ad3.locator(`.plan-line[data-declaration-id="${other.id}"]`);
      const ceilingFen = Number(await otherLine.getAttribute('data-subsidy-fen'));
      // 优秀 class I 1,000,000 yuan (the new unit) or 良好 class II 400,000 yuan (the seeded one).
      expect(ceilingFen).toBe(other.unitId === unitId ? 100_000_000 : 40_000_000);
      const loweredFen = ceilingFen - 5_000_000;
      await otherLine.locator('.plan-line__edit').click();
      await typeInto(ad3, `lower-${other.id}`, String(ceilingFen / 100 + 1));
      await otherLine.locator('.lower-submit').click();
      await otherLine.locator('.field__message').first().waitFor();
      await typeInto(ad3, `lower-${other.id}`, String(loweredFen / 100));
      await typeText(ad3, `lower-reason-${other.id}`, '年度资金总额所限，按比例核减。');
      await otherLine.locator('.lower-submit').click();
      expect(await confirmModal(ad3)).toContain('调低');
      await ad3.locator(`.plan-line[data-declaration-id="${other.id}"][data-subsidy-fen="${loweredFen}"]`).waitFor({ timeout: 20_000 });
      await ad3.locator(`#evaluation-plan[data-total-fen="${loweredFen}"]`).waitFor();
      await shot(ad3, 'evaluation-13-plan');
      await audit(ad3, 'evaluation-13-plan');

      // Its public notice, from the BFF's today.
      await pickDate(ad3, 'notice-start', bffToday());
      await ad3.locator('#publish-plan').click();
      expect(await confirmModal(ad3)).toContain('5 个工作日');
      await ad3.locator('#evaluation-plan[data-phase="in_notice"] #plan-notice').waitFor({ timeout: 20_000 });
      const planNoticeId = (await ad3.locator('#plan-notice').getAttribute('data-notice-id'))!;

      // Signed out: the plan among the public notices — each unit's class, grade and subsidy.
      await anon.goto(`${app.url}/#/notice/list/index`);
      await anon.reload();
      await anon.locator(`#notice-list .notice-row[data-notice-id="${planNoticeId}"]`).click();
      await anon.locator('#notice-detail .notice-item[data-kind="evaluation_subsidy"]').first().waitFor({ timeout: 20_000 });
      const planShown = (await anon.locator('#notice-detail').textContent()) ?? '';
      expect(planShown).toContain(unitName);
      expect(planShown).toContain('考核等级 合格');
      expect(planShown).toContain(`拟补助 ${(loweredFen / 100).toLocaleString('en-US')}.00 元`);
      expect(await anon.locator('#notice-detail .notice-item').count()).toBe(2);
      await shot(anon, 'evaluation-14-plan-notice');

      // ——— Export: the H5 download, read back with exceljs. ———
      const [download] = await Promise.all([ad3.waitForEvent('download', { timeout: 20_000 }), ad3.locator('#export-plan').click()]);
      const xlsx = path.join(clockDir, 'plan.xlsx');
      await download.saveAs(xlsx);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(xlsx) as never);
      const ws = wb.getWorksheet('支持方案')!;
      const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
      expect(values(2)).toEqual(['开放单位', '类别', '考核等级', '平均分', '第三方检测机构', '补助上限（元）', '补助金额（元）', '核减理由', '状态']);
      const rows = [values(3), values(4)];
      const byUnit = new Map(rows.map((r) => [r[0], r]));
      const checkedRow = byUnit.get(checked.unitName)!;
      expect(checkedRow.slice(2, 3)).toEqual(['合格']);
      expect(checkedRow[4]).toBe('是');
      expect(checkedRow.slice(5, 7)).toEqual([0, 0]);
      const otherRow = byUnit.get(other.unitName)!;
      expect(otherRow.slice(5, 9)).toEqual([ceilingFen / 100, loweredFen / 100, '年度资金总额所限，按比例核减。', '公示中']);
      expect(values(5).slice(0, 1)).toEqual(['合计']);
      expect(values(5)[6]).toBe(loweredFen / 100);
      expect(ws.rowCount).toBe(5);

      // ——— The notice ends: marked paid with a reference. ———
      const planNotice = (await (await fetch(`${app.url}/api/notices/${planNoticeId}`)).json()) as { endDay: string };
      setBffClock(`${nextDay(planNotice.endDay)}T10:00:00+08:00`);
      const ad4 = await phone('admin');
      await ad4.goto(`${app.url}/#/evaluation/plan/index?id=${roundId}`);
      await ad4.locator('#evaluation-plan[data-phase="in_notice"]').waitFor({ timeout: 20_000 });
      await typeInto(ad4, 'plan-reference', 'CZ-EV-0001');
      await ad4.locator('#plan-paid').click();
      expect(await confirmModal(ad4)).toContain(`合计拨付 ${(loweredFen / 100).toLocaleString('en-US')}.00 元`);
      await ad4.locator('#evaluation-plan[data-phase="paid"]').waitFor({ timeout: 20_000 });
      expect(await ad4.locator(`.plan-line[data-declaration-id="${other.id}"]`).getAttribute('data-status')).toBe('paid');
      await shot(ad4, 'evaluation-15-paid');
      await audit(ad4, 'evaluation-15-paid');

      expect(audits).toEqual([]);
      expect(errors).toEqual([]);
    }, 420_000);
  },
);
