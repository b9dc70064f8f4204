/**
 * Every page of the H5 build, as each of the four kinds of visitor (signed out, a founder, a lab's staff
 * manager, an administrator) and someone just signed in with no role, on a 360×740 phone: each screen
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
import { demoLogin, landed, watchErrors } from './support/ui';

const SMALL_PHONE = { width: 360, height: 740 };

async function smallPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: SMALL_PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

interface Visit {
  who: string;
  route: string;
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

    const catalogue = [`/catalogue/service/index?id=${service.id}`, `/catalogue/lab/index?id=${service.lab.id}`, `/catalogue/unit/index?id=${unitId}`];
    const tabs = ['/pages/index/index', '/pages/labs/index', '/pages/desk/index', '/pages/mine/index'];
    const visits: Visit[] = [
      ...[...tabs, '/pages/login/index', ...catalogue, '/my/join/index'].map((route) => ({ who: 'anonymous', route })),
      ...[...tabs, '/pages/applicant/index', ...catalogue, `/catalogue/cooperate/index?id=${service.id}`, '/my/contracts/index', `/my/contract/index?id=${contractId}`, '/my/messages/index'].map((route) => ({ who: 'walk-founder', route })),
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
      ].map((route) => ({ who: 'walk-staff', route })),
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
      ].map((route) => ({ who: 'admin', route })),
      ...['/pages/desk/index', '/pages/mine/index', '/my/join/index', '/staff/contracts/index', '/admin/periods/index'].map((route) => ({ who: 'walk-newcomer', route })),
    ];

    const errors: string[] = [];
    const report: { who: string; route: string; title: string; targets: number; findings: Finding[] }[] = [];
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    let shot = 0;
    for (const who of ['anonymous', 'walk-founder', 'walk-staff', 'admin', 'walk-newcomer']) {
      const first = await smallPhone(app.browser);
      watchErrors(first, errors);
      if (who !== 'anonymous') {
        await demoLogin(first, app.url, who);
        // Home, the desk, or (no role yet) the question of what they are here to do: the session is there.
        await landed(first);
      }
      for (const v of visits.filter((x) => x.who === who)) {
        const page = await first.context().newPage();
        watchErrors(page, errors);
        await page.goto(`${app.url}/#${v.route}`);
        await page.waitForLoadState('networkidle', { timeout: 4_000 }).catch(() => undefined);
        await page.locator('.nut-skeleton:visible').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
        await page.waitForTimeout(700);
        const audit = await auditPage(page);
        report.push({ who, route: v.route, ...audit });
        shot += 1;
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, `walk-${String(shot).padStart(2, '0')}-${who}-${v.route.split('?')[0].replace(/\//g, '_').replace(/^_/, '')}.png`), fullPage: true });
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
