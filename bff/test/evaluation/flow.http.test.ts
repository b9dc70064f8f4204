/**
 * The whole of issue #18 over HTTP, on every store adapter, with a ManualClock:
 *
 * 第六条 joining: apply → more information → resubmit → approve → public notice of 5 working days across the
 * 2026 Dragon Boat holiday (the redemptions' notices and calendar) → an objection holds it past its end →
 * dismissed → the unit is created, the applicant is its manager, its instruments are its lab's services and
 * it appears in catalogue search.
 *
 * 第十一、十四条 evaluation: round → declarations pre-filled with the year's figures → panels of three with
 * recusal → scores → a reproducible site-check draw (doubtful first) → a grade adjusted with a reason →
 * the support plan at the ceilings, one subsidy lowered → public notice → paid → the .xlsx read back.
 */
import ExcelJS from 'exceljs';
import type { Store } from '../../src/store';
import { storeAdapters } from '../support/identity';
import { bj, buildWorld, claim, PDF, type World } from '../contracts/world';
import { approveAll, makeExpert, submittedRedemption, type ExpertSession } from '../review/support';
import { applicationBody, declarationBody, flat } from './support';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe.each(storeAdapters())('joining and the yearly evaluation over HTTP on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, bj('2026-06-01 10:00'));
  });
  afterEach(() => adapter.cleanup(store));

  test('第六条 apply → more info → approve → notice (objection holds it) → unit with manager, lab and services, found in search; 第十一、十四条 round → paid → xlsx', async () => {
    const { t, A, B, X, Y, admin } = w;

    // --- the year's activity of unit X: a proposal, a registered contract, an approved redemption ---
    const e1 = await makeExpert(w, 'e1');
    const e2 = await makeExpert(w, 'e2');
    const e3 = await makeExpert(w, 'e3');
    const tied = await makeExpert(w, 'e4', { organisation: '开放单位X' });
    const experts: ExpertSession[] = [e1, e2, e3, tied];
    const voucherId = await claim(w, A, 1_000_000);
    await submittedRedemption(w, voucherId, 'HT-2026-518');
    t.clock.set(bj('2026-06-02 10:00'));
    await approveAll(w, [e1, e2, e3], '2026年第2批兑现评审');

    // --- 第六条: a new organisation applies ---
    const U = await t.signIn('lab-founder');
    const bad = await t.as(U).post('/api/unit-applications').send(applicationBody(1, { creditCode: '91110108MA00000000' }));
    expect([bad.status, bad.body.error.code, bad.body.error.details.fields[0].path]).toEqual([400, 'VALIDATION_FAILED', 'body.creditCode']);
    expect((await t.as(U).get('/api/unit-applications/mine').expect(200)).body.applications).toEqual([]);

    const createdRes = await t.as(U).post('/api/unit-applications').send(applicationBody(1));
    if (createdRes.status !== 201) throw new Error(JSON.stringify(createdRes.body));
    const created = createdRes.body;
    expect(created).toMatchObject({ status: 'submitted', statusLabel: '待审核', totalOriginalValueFen: 1_120_000_050 });
    expect(created.instruments[1]).toMatchObject({ originalValueFen: 800_000_000, priceFen: 120_025, leadTimeDays: 7 });
    // Another user cannot see it (404), nor apply again with the same credit code.
    await t.as(B).get(`/api/unit-applications/${created.id}`).expect(404);
    const again = await t.as(B).post('/api/unit-applications').send(applicationBody(1, { name: '别的名字' }));
    expect([again.status, again.body.error.code]).toEqual([409, 'UNIT_APPLICATION_EXISTS']);

    // The administrator asks for more information; the applicant uploads a file and resubmits.
    const asked = (await t.as(admin).post(`/api/admin/unit-applications/${created.id}/request-info`).send({ message: '请补充近三年财务审计报告' }).expect(200)).body;
    expect([asked.status, asked.adminMessage]).toEqual(['info_requested', '请补充近三年财务审计报告']);
    const early = await t.as(admin).post(`/api/admin/unit-applications/${created.id}/approve`).send({});
    expect([early.status, early.body.error.code]).toEqual([409, 'UNIT_APPLICATION_STATE']);
    const file = (await t.as(U).post(`/api/unit-applications/${created.id}/files`).attach('files', PDF, { filename: '审计报告.pdf', contentType: 'application/pdf' }).expect(201)).body.files[0];
    const body = applicationBody(1);
    body.conditions.finance_credit.fileIds = [file.id];
    const resubmitted = (await t.as(U).put(`/api/unit-applications/${created.id}`).send(body).expect(200)).body;
    expect(resubmitted.status).toBe('submitted');
    expect(resubmitted.history.map((h: { event: string }) => h.event)).toEqual(['submitted', 'info_requested', 'resubmitted']);
    await t.as(admin).get(`/api/unit-applications/${created.id}/files/${file.id}`).expect(200);

    // Approved into a notice from Monday 2026-06-15: 5 working days across 端午 (Fri 06-19) → Monday 06-22.
    t.clock.set(bj('2026-06-12 15:00'));
    const approved = (await t.as(admin).post(`/api/admin/unit-applications/${created.id}/approve`).send({ startDay: '2026-06-15' }).expect(200)).body;
    expect(approved.status).toBe('in_notice');
    expect([approved.notice.startDay, approved.notice.endDay]).toEqual(['2026-06-15', '2026-06-22']);
    const notice = (await t.as(null).get(`/api/notices/${approved.notice.noticeId}`).expect(200)).body;
    expect(notice.items[0]).toMatchObject({ unitName: '北京新材料测试中心1', district: '海淀区', instrumentValueFen: 1_120_000_050, status: 'listed' });
    expect(JSON.stringify(notice)).not.toContain('010-62345678');

    // An objection during the notice holds it past the end day.
    t.clock.set(bj('2026-06-16 09:00'));
    const objection = (await t.as(B).post(`/api/notices/${approved.notice.noticeId}/items/${approved.notice.itemId}/objections`).send({ reason: '该单位仪器长期不对外开放' }).expect(201)).body;
    t.clock.set(bj('2026-06-23 10:00'));
    const held = (await t.as(U).get(`/api/unit-applications/${created.id}`).expect(200)).body;
    expect([held.status, held.unitId]).toEqual(['in_notice', null]);
    expect((await t.as(null).get(`/api/notices/${approved.notice.noticeId}`).expect(200)).body.items[0].status).toBe('held');

    // Dismissed: the notice has ended, so the unit is created now.
    await t.as(admin).post(`/api/admin/objections/${objection.id}/resolve`).send({ outcome: 'dismissed', reason: '经核查，仪器已对外开放' }).expect(200);
    const joined = (await t.as(U).get(`/api/unit-applications/${created.id}`).expect(200)).body;
    expect(joined.status).toBe('joined');
    const unitN = joined.unitId as string;
    expect(joined.history.map((h: { event: string }) => h.event)).toEqual(['submitted', 'info_requested', 'resubmitted', 'approved', 'objection_lodged', 'objection_dismissed', 'joined']);
    // The applicant is its manager; its lab and services come from the instruments; search finds them.
    const me = (await t.as(U).get('/api/me').expect(200)).body;
    expect(me.openUnit).toMatchObject({ id: unitN, name: '北京新材料测试中心1', status: 'active', manager: true });
    const found = (await t.as(null).get('/api/catalogue/services').query({ q: '场发射扫描电镜1' }).expect(200)).body;
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ name: '场发射扫描电镜1', priceFen: 45_000 });
    expect(JSON.stringify(found.items[0])).toContain('北京新材料测试中心1');
    const unitPage = (await t.as(null).get(`/api/catalogue/open-units/${unitN}`).expect(200)).body;
    expect(JSON.stringify(unitPage)).toContain('先进材料表征实验室1');
    const labPage = (await t.as(null).get(`/api/catalogue/labs/${unitPage.labs[0].id}`).expect(200)).body;
    expect(JSON.stringify(labPage)).toContain('高分辨透射电镜1');
    expect(JSON.stringify(labPage)).toContain('场发射扫描电镜1');
    // Each decision is in the hash-chained log, attributable.
    const chain = await t.services.decisionLog.list(created.id);
    expect(chain.map((e) => [e.event, e.role])).toEqual([
      ['submitted', 'applicant'],
      ['info_requested', 'administrator'],
      ['files_added', 'applicant'],
      ['resubmitted', 'applicant'],
      ['approved', 'administrator'],
      ['objection_lodged', 'public'],
      ['objection_dismissed', 'administrator'],
      ['joined', 'system'],
    ]);
    expect(await t.services.decisionLog.verify(created.id)).toEqual({ ok: true, entries: 8 });

    // --- 第十四条: the 2026 round ---
    t.clock.set(bj('2026-12-01 09:00'));
    const round = (await t
      .as(admin)
      .post('/api/admin/evaluation-rounds')
      .send({ year: 2026, declarationDeadline: '2026-12-31', classThresholdYuan: 5_000_000 })
      .expect(201)).body;
    expect(round).toMatchObject({ phase: 'declaring', classThresholdFen: 500_000_000, ceilingsFen: { I: { excellent: 100_000_000, good: 60_000_000 }, II: { excellent: 80_000_000, good: 40_000_000 } } });

    // X reads what the platform knows of its 2026, then declares.
    const pre = (await t.as(X).get(`/api/open-units/${w.unitX}/evaluations/${round.id}/declaration`).expect(200)).body;
    expect(pre.canDeclare).toBe(true);
    expect(pre.prefilled).toMatchObject({
      year: 2026,
      servicesListed: 1,
      proposalsReceived: 1,
      contractsRegistered: 1,
      redemptionsApproved: { count: 1, amountFen: 90_000 },
      redemptionsPaid: { count: 0, amountFen: 0 },
      knownInstrumentValueFen: null,
    });
    expect(pre.prefilled.averageConfirmationHours).toBeGreaterThanOrEqual(0);
    // Another unit's staff cannot read or declare for X.
    await t.as(Y).get(`/api/open-units/${w.unitX}/evaluations/${round.id}/declaration`).expect(403);
    const dX = (await t.as(X).put(`/api/open-units/${w.unitX}/evaluations/${round.id}/declaration`).send(declarationBody()).expect(200)).body;
    expect(dX).toMatchObject({ class: 'I', openedInstrumentValueFen: 600_000_000, prefilled: { contractsRegistered: 1 }, grade: null, panel: null });
    // The new unit knows its instruments' value from its application; just below the threshold is class II.
    expect((await t.as(U).get(`/api/open-units/${unitN}/evaluations/${round.id}/declaration`).expect(200)).body.prefilled.knownInstrumentValueFen).toBe(1_120_000_050);
    const dN = (await t.as(U).put(`/api/open-units/${unitN}/evaluations/${round.id}/declaration`).send(declarationBody({ openedInstrumentValueYuan: 4_999_999.99 })).expect(200)).body;
    expect(dN.class).toBe('II');
    const dY = (await t.as(Y).put(`/api/open-units/${w.unitY}/evaluations/${round.id}/declaration`).send(declarationBody({ openedInstrumentValueYuan: 800_000 })).expect(200)).body;

    // Panels before the deadline: refused. After it: three each, the expert working at X recused from X.
    const tooEarly = await t.as(admin).post(`/api/admin/evaluation-rounds/${round.id}/assign`).send({});
    expect([tooEarly.status, tooEarly.body.error.code]).toEqual([409, 'EVALUATION_PHASE']);
    t.clock.set(bj('2027-01-04 09:00'));
    const assigned = (await t.as(admin).post(`/api/admin/evaluation-rounds/${round.id}/assign`).send({}).expect(200)).body;
    expect(assigned.round.phase).toBe('scoring');
    const byId = (id: string) => assigned.declarations.find((d: { id: string }) => d.id === id);
    for (const d of assigned.declarations) expect(d.panel).toHaveLength(3);
    expect(byId(dX.id).panel.map((m: { expertId: string }) => m.expertId)).not.toContain(tied.expertId);
    expect(byId(dX.id).excluded).toEqual([{ expertId: tied.expertId, name: '专家e4', reasons: ['任职于开放单位「开放单位X」'] }]);

    // Scores: X 95 (one expert finds it doubtful), N 85, Y 70.
    const scoreAll = async (declId: string, n: number, doubtfulBy?: string) => {
      for (const m of byId(declId).panel as { expertId: string }[]) {
        const e = experts.find((x) => x.expertId === m.expertId)!;
        await t.as(e).post(`/api/expert/evaluation-assignments/${declId}/score`).send({ scores: flat(n), doubtful: m.expertId === doubtfulBy, comment: '评分意见' }).expect(200);
      }
    };
    const xPanel = byId(dX.id).panel.map((m: { expertId: string }) => m.expertId) as string[];
    expect([...xPanel].sort()).toEqual([e1.expertId, e2.expertId, e3.expertId].sort());
    const seen = (await t.as(e1).get(`/api/expert/evaluation-assignments/${dX.id}`).expect(200)).body;
    expect(seen.declaration).toMatchObject({ unitName: '开放单位X', instrumentHours: 3200, class: 'I' });
    expect(seen.declaration.panel).toBeUndefined();
    await t.as(tied).get(`/api/expert/evaluation-assignments/${dX.id}`).expect(404);
    await t.as(tied).post(`/api/expert/evaluation-assignments/${dX.id}/score`).send({ scores: flat(10), comment: '不应计入' }).expect(404);
    await scoreAll(dX.id, 95, xPanel[0]);
    await scoreAll(dN.id, 85);
    await scoreAll(dY.id, 70);
    const scored = (await t.as(admin).get(`/api/admin/evaluation-rounds/${round.id}`).expect(200)).body;
    const sX = scored.declarations.find((d: { id: string }) => d.id === dX.id);
    expect([sX.meanScore, sX.scoredGrade, sX.doubtful]).toEqual([95, 'excellent', true]);
    expect(scored.declarations.find((d: { id: string }) => d.id === dN.id).grade).toBe('good');
    expect(scored.declarations.find((d: { id: string }) => d.id === dY.id).grade).toBe('pass');

    // Site checks: the doubtful unit first, then half of the rest at random; the same seed replays it.
    const draw = (await t.as(admin).post(`/api/admin/evaluation-rounds/${round.id}/site-checks`).send({ percent: 50, seed: 20261231 }).expect(200)).body;
    expect(draw.round.siteCheckDraw).toMatchObject({ seed: 20261231, percent: 50, doubtful: [dX.id] });
    expect(draw.round.siteCheckDraw.random).toHaveLength(1);
    expect([dN.id, dY.id]).toContain(draw.round.siteCheckDraw.random[0]);
    const replay = (await t.as(admin).post(`/api/admin/evaluation-rounds/${round.id}/site-checks`).send({ percent: 50, seed: 20261231 }).expect(200)).body;
    expect(replay.round.siteCheckDraw.random).toEqual(draw.round.siteCheckDraw.random);
    await t.as(admin).post(`/api/admin/evaluation-declarations/${dX.id}/site-check`).send({ result: 'issues_found', summary: '共享机时记录与系统不符' }).expect(200);
    const adjusted = (await t.as(admin).post(`/api/admin/evaluation-declarations/${dX.id}/grade`).send({ grade: 'good', reason: '现场考察发现共享机时虚报' }).expect(200)).body;
    expect(adjusted).toMatchObject({ scoredGrade: 'excellent', grade: 'good', adjustment: { from: 'excellent', to: 'good', reason: '现场考察发现共享机时虚报' } });

    // The plan: ceilings for class and grade; N lowered with a reason; never above the ceiling.
    const plan = (await t.as(admin).post(`/api/admin/evaluation-rounds/${round.id}/plan`).expect(200)).body;
    const line = (p: { lines: { declarationId: string }[] }, id: string) => p.lines.find((l) => l.declarationId === id) as Record<string, unknown>;
    expect(line(plan, dX.id)).toMatchObject({ class: 'I', grade: 'good', ceilingFen: 60_000_000, subsidyFen: 60_000_000 });
    expect(line(plan, dN.id)).toMatchObject({ class: 'II', grade: 'good', ceilingFen: 40_000_000, subsidyFen: 40_000_000 });
    expect(line(plan, dY.id)).toMatchObject({ grade: 'pass', ceilingFen: 0, subsidyFen: 0 });
    const above = await t.as(admin).put(`/api/admin/evaluation-rounds/${round.id}/plan/lines/${dN.id}`).send({ subsidyYuan: 400_000.01, reason: '多给' });
    expect([above.status, above.body.error.code]).toEqual([400, 'SUBSIDY_ABOVE_CEILING']);
    const lowered = (await t.as(admin).put(`/api/admin/evaluation-rounds/${round.id}/plan/lines/${dN.id}`).send({ subsidyYuan: 300_000, reason: '年度预算调整' }).expect(200)).body;
    expect(line(lowered, dN.id)).toMatchObject({ subsidyFen: 30_000_000, reductionReason: '年度预算调整' });
    expect(lowered.totalFen).toBe(90_000_000);

    // Public notice of 5 working days; not paid before it ends.
    const noticed = (await t.as(admin).post(`/api/admin/evaluation-rounds/${round.id}/plan/notice`).send({ startDay: '2027-01-11' }).expect(200)).body;
    expect(noticed.notice).toMatchObject({ startDay: '2027-01-11', endDay: '2027-01-15' });
    const publicPlan = (await t.as(null).get(`/api/notices/${noticed.notice.noticeId}`).expect(200)).body;
    expect(publicPlan.items.find((i: { unitName: string }) => i.unitName === '开放单位X')).toMatchObject({ class: 'I类', grade: '良好', subsidyFen: 60_000_000 });
    t.clock.set(bj('2027-01-15 23:59'));
    const tooSoon = await t.as(admin).post(`/api/admin/evaluation-rounds/${round.id}/plan/paid`).send({ reference: 'CZ-2027-001' });
    expect([tooSoon.status, tooSoon.body.error.code]).toEqual([409, 'EVALUATION_PHASE']);
    t.clock.set(bj('2027-01-18 09:00'));
    const paid = (await t.as(admin).post(`/api/admin/evaluation-rounds/${round.id}/plan/paid`).send({ reference: 'CZ-2027-001' }).expect(200)).body;
    expect([line(paid, dX.id).status, line(paid, dN.id).status, line(paid, dY.id).status]).toEqual(['paid', 'paid', 'cleared']);
    expect((await t.as(admin).get(`/api/admin/evaluation-rounds/${round.id}`).expect(200)).body.round.phase).toBe('paid');

    // The unit sees its result; the export reads back row by row in yuan.
    const mine = (await t.as(U).get(`/api/open-units/${unitN}/evaluations`).expect(200)).body.rounds[0];
    expect(mine.declaration).toMatchObject({ grade: 'good', gradeLabel: '良好', class: 'II', panel: null, excluded: null });
    const xlsx = await t.as(admin).get(`/api/admin/evaluation-rounds/${round.id}/plan/export`).buffer(true).parse(binary).expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const rows = wb.getWorksheet('支持方案')!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows[1]).toEqual(['开放单位', '类别', '考核等级', '平均分', '第三方检测机构', '补助上限（元）', '补助金额（元）', '核减理由', '状态']);
    const body3 = rows.slice(2, 5).map((r) => [r[0], r[1], r[2], r[5], r[6], r[8]]);
    expect(body3).toEqual(
      expect.arrayContaining([
        ['开放单位X', 'I类', '良好', 600_000, 600_000, '已拨付'],
        ['北京新材料测试中心1', 'II类', '良好', 400_000, 300_000, '已拨付'],
        ['开放单位Y', 'II类', '合格', 0, 0, '公示期满无异议'],
      ]),
    );
    expect([rows[5][0], rows[5][6]]).toEqual(['合计', 900_000]);

    // Every decision on X's declaration is logged, attributable and unbroken.
    const xChain = await t.services.decisionLog.list(dX.id);
    expect(xChain.map((e) => e.event)).toEqual(
      expect.arrayContaining(['declared', 'panel_assigned', 'scored', 'site_check_recorded', 'grade_adjusted', 'notice_cleared']),
    );
    expect(xChain.find((e) => e.event === 'grade_adjusted')).toMatchObject({ actorId: admin.userId, role: 'administrator' });
    expect((await t.services.decisionLog.verify(dX.id)).ok).toBe(true);
  });
});
