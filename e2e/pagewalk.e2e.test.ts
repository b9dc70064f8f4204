/**
 * Every page of the H5 build, as each of the four kinds of visitor (signed out, a founder, a lab's staff
 * manager, an administrator, an expert) and someone just signed in with no role, on a 360×740 phone: each screen
 * must have a title bar, no tap target under 44×44 px, nothing wider than the screen and no developer
 * words (embedded, redis, mongo, dev-, min(, undefined, null, NaN) in what it shows.
 * The findings are written to test-output/pagewalk.json; screens to test-output/screenshots/walk-*.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addDays, shanghaiDay } from '@kcq/shared';
import { SCREENSHOT_DIR } from './support/browser';
import { journey } from './support/journey';
import { creditCode, enterpriseProfile, signIn } from './support/api';
import { auditPage, type Finding } from './support/audit';
import { demoLogin, landed, openPicker, watchErrors } from './support/ui';

const SMALL_PHONE = { width: 360, height: 740 };

async function smallPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: SMALL_PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

interface Visit {
  who: string;
  route: string;
  /** A row whose date picker is opened before the audit (the wheel is a screen of its own). */
  open?: string;
}

journey('every page at 360×740: titles, 44 px tap targets, no overflow, no developer words (H5 against a real BFF)', (app) => {
  test('walks every page as every role', async () => {
    // ——— Set-up through the API: a founder's registered contract and a proposal, a unit manager, a redemption. ———
    const services = (await (await fetch(`${app.url}/api/catalogue/services?limit=50`)).json()) as {
      items: { id: string; voucherEligible: boolean; priceUnit: string; lab: { id: string }; unit: { id: string; name: string; status: string } }[];
    };
    const service = services.items.find((s) => s.voucherEligible && s.unit.status === 'active' && s.priceUnit !== 'card_hour')!;
    const unitId = service.unit.id;
    const admin = await signIn(app.url, 'dev:admin');
    const invite = await admin.call<{ code: string }>('POST', `/api/open-units/${unitId}/invites`, { manager: true });
    const staff = await signIn(app.url, 'dev:walk-staff');
    expect((await staff.call('POST', '/api/invites/redeem', { code: invite.body.code, name: '李工' })).status).toBe(200);
    const founder = await signIn(app.url, 'dev:walk-founder');
    expect((await founder.call('POST', '/api/applicants', enterpriseProfile('北京巡检科技有限公司', creditCode('MA7W01K3')))).status).toBe(201);
    const periods = (await (await fetch(`${app.url}/api/periods`)).json()) as { periods: { id: string; status: string }[] };
    const open = periods.periods.find((p) => p.status === 'open')!;
    const upcoming = periods.periods.find((p) => p.status === 'upcoming');
    const claim = await founder.call<{ id: string }>('POST', `/api/periods/${open.id}/claims`, { amountFen: 3_000_000 }, { 'Idempotency-Key': 'walk-claim-0001' });
    expect(claim.status).toBe(201);
    const proposed = await founder.call<{ id: string }>('POST', '/api/contracts', {
      voucherId: claim.body.id,
      serviceId: service.id,
      project: { title: '巡检项目', description: '页面巡检用的合作项目。' },
      municipalFundingReceived: false,
    });
    expect(proposed.status).toBe(201);
    const contractId = proposed.body.id;
    const today = shanghaiDay(new Date());
    expect(
      (await staff.call('POST', `/api/contracts/${contractId}/confirm`, { contractNo: 'HT-WALK-1', contractAmountFen: 6_000_000, startDay: today, endDay: today, voucherAmountFen: 3_000_000 })).status,
    ).toBe(200);
    const form = new FormData();
    form.append('files', new Blob([Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')], { type: 'application/pdf' }), '合同.pdf');
    const uploaded = await fetch(`${app.url}/api/contracts/${contractId}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${staff.token}` }, body: form });
    const evidence = ((await uploaded.json()) as { evidence: { id: string }[] }).evidence;
    const applied = await staff.call('POST', `/api/contracts/${contractId}/redemption`, { actualAmountFen: 6_000_000, report: '已完成检测并交付报告。', evidenceIds: evidence.map((e) => e.id) });
    expect(applied.status).toBe(201);
    // A second contract still waiting for the unit (staff/confirm), and one registered to amend.
    const claim2 = await founder.call<{ id: string }>('POST', `/api/periods/${open.id}/claims`, { amountFen: 1_000_000 }, { 'Idempotency-Key': 'walk-claim-0002' });
    const pendingId =
      claim2.status === 201
        ? (await founder.call<{ id: string }>('POST', '/api/contracts', { voucherId: claim2.body.id, serviceId: service.id, project: { title: '巡检项目二', description: '待确认。' }, municipalFundingReceived: false })).body.id
        : null;
    void addDays;
    // A review round over the redemption (第十五条4): three experts (walk-expert and two more) have answered, one 存疑.
    const experts: { name: string; session: Awaited<ReturnType<typeof signIn>>; id: string }[] = [];
    for (const [i, name] of ['巡检专家甲', '巡检专家乙', '巡检专家丙'].entries()) {
      const profile = await admin.call<{ id: string }>('POST', '/api/admin/experts', { name, organisation: `巡检大学${i}`, fields: ['new_materials'] });
      const code = await admin.call<{ code: string }>('POST', `/api/admin/experts/${profile.body.id}/invites`, {});
      const session = await signIn(app.url, i === 0 ? 'dev:walk-expert' : `dev:walk-expert-${i}`);
      expect((await session.call('POST', '/api/expert-invites/redeem', { code: code.body.code })).status).toBe(200);
      experts.push({ name, session, id: profile.body.id });
    }
    const round = await admin.call<{ id: string; items: { id: string; panel: { expertId: string }[] }[] }>('POST', '/api/admin/review-rounds', { name: '巡检评审批次' });
    expect(round.status).toBe(201);
    const roundId = round.body.id;
    const itemId = round.body.items[0].id;
    for (const [i, e] of experts.entries()) {
      if (!round.body.items[0].panel.some((m) => m.expertId === e.id)) continue;
      const answer = i === 2 ? { opinion: 'doubtful', comment: '需核实使用记录。' } : { opinion: 'pass', comment: '同意。' };
      expect((await e.session.call('POST', `/api/expert/assignments/${itemId}/opinion`, answer)).status).toBe(200);
    }

    // 专家库: one more expert, not yet bound, with a tie (the page offers 生成邀请码).
    const unbound = await admin.call<{ id: string }>('POST', '/api/admin/experts', {
      name: '巡检专家丁',
      organisation: '巡检研究院',
      fields: ['new_materials', 'green_energy_environmental'],
      ties: [{ kind: 'organisation', id: null, name: '北京巡检合作科技有限公司', relation: '兼职' }],
    });
    expect(unbound.status).toBe(201);

    // Open units join by application (第六条) and the yearly evaluation (第十一、十四条): the founder applies for a
    // unit (before any ban), a round is open with today as its deadline, and the staff's unit has declared.
    const conditions = Object.fromEntries(
      ['legal_person', 'open_instruments', 'service_team', 'high_end_industries', 'service_rules', 'finance_credit'].map((k) => [k, { statement: '巡检用的条件说明。' }]),
    );
    const unitApp = await founder.call<{ id: string }>('POST', '/api/unit-applications', {
      name: '北京巡检仪器有限公司',
      creditCode: creditCode('MA7W02K4'),
      kind: 'enterprise',
      district: '海淀区',
      fields: ['new_materials'],
      lab: { name: '巡检测量实验室', level: 'other' },
      conditions,
      instruments: [{ name: '巡检测量仪', originalValueYuan: 1_200_000, category: 'testing', priceYuan: 300, priceUnit: 'sample' }],
      contact: { name: '巡检联系人', phone: '13900002222' },
    });
    expect(unitApp.status).toBe(201);
    // Last year's: the demo seed has opened this year's (docs/evaluation.md, Demo data).
    const evalRound = await admin.call<{ id: string }>('POST', '/api/admin/evaluation-rounds', { year: Number(today.slice(0, 4)) - 1, declarationDeadline: today, classThresholdYuan: 5_000_000 });
    expect(evalRound.status).toBe(201);
    const declared = await staff.call<{ id: string }>('PUT', `/api/open-units/${unitId}/evaluations/${evalRound.body.id}/declaration`, {
      openedInstrumentValueYuan: 2_000_000,
      instrumentHours: 1000,
      sharedHours: 600,
      opennessRules: '巡检用的开放制度。',
      serviceQuality: '巡检用的服务质量说明。',
      thirdPartyAgency: false,
    });
    expect(declared.status).toBe(200);

    // Supervision (第十六、十七、十八条): a decided case banning the founder (its screens show the banner), an
    // open case against the unit (the decision form), a spot check over the open units.
    const founderMe = await founder.call<{ applicant: { id: string } }>('GET', '/api/me');
    const banCase = await admin.call<{ id: string }>('POST', '/api/admin/supervision/cases', {
      party: { kind: 'applicant', applicantId: founderMe.body.applicant.id },
      misconduct: [{ kind: 'false_information' }, { kind: 'other', text: '拒绝提供原始检测记录' }],
      concerned: { voucherIds: [claim.body.id], contractIds: [contractId], redemptionIds: [] },
      summary: '巡检案件：申报信息与实际不符。',
    });
    expect(banCase.status).toBe(201);
    expect(
      (await admin.call('POST', `/api/admin/supervision/cases/${banCase.body.id}/decision`, { reason: '巡检：经核查属实。', measures: [{ kind: 'ban' }, { kind: 'suspend_payments' }, { kind: 'recover_funds', amountFen: 500_000 }] }))
        .status,
    ).toBe(200);
    const unitCase = await admin.call<{ id: string }>('POST', '/api/admin/supervision/cases', { party: { kind: 'open_unit', unitId }, misconduct: [{ kind: 'refusing_supervision' }], summary: '巡检案件二。' });
    expect(unitCase.status).toBe(201);
    const spot = await admin.call<{ id: string }>('POST', '/api/admin/spot-checks', { title: '巡检抽查', population: 'open_units', size: 2, seed: 7 });
    expect(spot.status).toBe(201);

    const catalogue = [`/catalogue/service/index?id=${service.id}`, `/catalogue/lab/index?id=${service.lab.id}`, `/catalogue/unit/index?id=${unitId}`];
    const tabs = ['/pages/index/index', '/pages/labs/index', '/pages/desk/index', '/pages/mine/index'];
    const visits: Visit[] = [
      ...[...tabs, '/pages/login/index', ...catalogue, '/my/join/index', '/notice/list/index', '/notice/figures/index', '/review/join/index'].map((route) => ({ who: 'anonymous', route })),
      { who: 'walk-founder', route: '/pages/applicant/index', open: 'f-registered-on' },
      ...[...tabs, '/pages/applicant/index', ...catalogue, `/catalogue/cooperate/index?id=${service.id}`, '/my/contracts/index', `/my/contract/index?id=${contractId}`, '/my/messages/index', '/units/mine/index', '/units/apply/index', `/units/apply/index?id=${unitApp.body.id}`].map((route) => ({ who: 'walk-founder', route })),
      ...[
        ...tabs,
        '/staff/contracts/index',
        '/staff/contracts/index?tab=all',
        ...(pendingId ? [`/staff/confirm/index?id=${pendingId}`] : []),
        `/staff/amend/index?id=${contractId}`,
        `/staff/redeem/index?id=${contractId}`,
        '/staff/services/index',
        `/staff/service/index?id=${service.id}`,
        `/staff/service/index?labId=${service.lab.id}`,
        '/staff/team/index',
        `/my/contract/index?id=${contractId}`,
        // The yearly evaluation (第十一、十四条): the unit's rounds and its declaration with the platform's figures.
        '/evaluation/unit/index',
        `/evaluation/declare/index?round=${evalRound.body.id}`,
      ].map((route) => ({ who: 'walk-staff', route })),
      // The date pickers open: 合同结束日期 on the confirmation.
      ...(pendingId ? [{ who: 'walk-staff', route: `/staff/confirm/index?id=${pendingId}`, open: 't-end' }] : []),
      ...[
        ...tabs,
        '/admin/periods/index',
        `/admin/period/index?id=${open.id}`,
        '/admin/period-form/index',
        ...(upcoming ? [`/admin/period-form/index?id=${upcoming.id}`] : []),
        '/admin/dashboard/index',
        '/admin/redemptions/index',
        `/admin/redemption/index?contract=${contractId}`,
        '/staff/team/index',
        `/staff/team/index?unit=${unitId}&name=${encodeURIComponent(service.unit.name)}`,
        // Review rounds, notices and payment batches (第十五条4、5).
        '/review/rounds/index',
        `/review/round/index?id=${roundId}`,
        `/review/item/index?round=${roundId}&id=${itemId}`,
        '/review/experts/index',
        '/review/expert/index',
        `/review/expert/index?id=${unbound.body.id}`,
        `/review/expert/index?id=${experts[0].id}`,
        '/review/notices/index',
        '/review/batches/index',
        '/notice/list/index',
        // Supervision (第十六、十七、十八条).
        '/supervision/cases/index',
        `/supervision/case/index?id=${banCase.body.id}`,
        `/supervision/case/index?id=${unitCase.body.id}`,
        '/supervision/case-form/index',
        '/supervision/checks/index',
        `/supervision/check/index?id=${spot.body.id}`,
        '/notice/figures/index',
        // Unit applications (第六条) and the yearly evaluation (第十一、十四条).
        '/units/review-list/index',
        `/units/review/index?id=${unitApp.body.id}`,
        '/evaluation/rounds/index',
        '/evaluation/round-form/index',
        `/evaluation/round/index?id=${evalRound.body.id}`,
        `/evaluation/declaration/index?id=${declared.body.id}`,
        `/evaluation/plan/index?id=${evalRound.body.id}`,
      ].map((route) => ({ who: 'admin', route })),
      { who: 'admin', route: '/admin/period-form/index', open: 'p-opens' },
      { who: 'admin', route: '/admin/period-form/index', open: 'p-opens-time' },
      ...['/pages/desk/index', '/pages/mine/index', '/my/join/index', '/staff/contracts/index', '/admin/periods/index', '/supervision/cases/index', '/review/join/index', '/review/task/index?id=none', '/units/mine/index', '/evaluation/unit/index'].map((route) => ({ who: 'walk-newcomer', route })),
      ...[...tabs, `/review/task/index?id=${itemId}`, '/review/join/index', '/notice/list/index', '/evaluation/task/index?id=none'].map((route) => ({ who: 'walk-expert', route })),
    ];

    const errors: string[] = [];
    const report: { who: string; route: string; title: string; targets: number; findings: Finding[] }[] = [];
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    let shot = 0;
    for (const who of ['anonymous', 'walk-founder', 'walk-staff', 'admin', 'walk-newcomer', 'walk-expert']) {
      const first = await smallPhone(app.browser);
      watchErrors(first, errors);
      if (who !== 'anonymous') {
        await demoLogin(first, app.url, who);
        // Home, the desk, or (no role yet) the question of what they are here to do: the session is there.
        await landed(first);
        if (who === 'walk-newcomer') {
          // The question after the first sign-in is a screen of its own: audit it where it appears.
          await first.locator('#intent').waitFor({ timeout: 20_000 });
          await first.waitForTimeout(700);
          const audit = await auditPage(first);
          report.push({ who, route: '/pages/login/index (after sign-in)', ...audit });
          shot += 1;
          await first.screenshot({ path: path.join(SCREENSHOT_DIR, `walk-${String(shot).padStart(2, '0')}-${who}-intent.png`), fullPage: true });
        }
      }
      for (const v of visits.filter((x) => x.who === who)) {
        const page = await first.context().newPage();
        watchErrors(page, errors);
        await page.goto(`${app.url}/#${v.route}`);
        await page.waitForLoadState('networkidle', { timeout: 4_000 }).catch(() => undefined);
        await page.locator('.nut-skeleton:visible').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
        await page.waitForTimeout(700);
        if (v.open) {
          await openPicker(page, v.open);
          await page.waitForTimeout(300);
        }
        const audit = await auditPage(page);
        const where = v.open ? `${v.route} (picker ${v.open} open)` : v.route;
        report.push({ who, route: where, ...audit });
        shot += 1;
        const name = `${v.route.split('?')[0].replace(/\//g, '_').replace(/^_/, '')}${v.open ? `-picker-${v.open}` : ''}`;
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `walk-${String(shot).padStart(2, '0')}-${who}-${name}.png`), fullPage: v.open ? false : true });
        await page.close();
      }
      await first.context().close();
    }

    const findings = report.flatMap((r) => r.findings.map((f) => ({ ...f, where: `${r.who} ${r.route}` })));
    const summary = {
      pages: report.length,
      tapTargets: report.reduce((n, r) => n + r.targets, 0),
      tap: findings.filter((f) => f.kind === 'tap').length,
      overflow: findings.filter((f) => f.kind === 'overflow').length,
      devText: findings.filter((f) => f.kind === 'dev_text').length,
      noTitle: findings.filter((f) => f.kind === 'no_title').length,
    };
    const out = path.resolve(__dirname, '../test-output/pagewalk.json');
    writeFileSync(out, JSON.stringify({ summary, report }, null, 2));
    process.stdout.write(`page walk: ${JSON.stringify(summary)}\n`);
    expect(findings.map((f) => `${f.where}: ${f.kind} ${f.what}`)).toEqual([]);
    expect(errors).toEqual([]);
  }, 600_000);
});
