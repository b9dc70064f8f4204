/**
 * The boundaries a unit's subsidy and a unit's entry turn on, over HTTP (第六、十一、十四、十七条):
 * the declaration deadline one second before and after midnight in Beijing; the class threshold at and one
 * fen below; grade thresholds at and just below (weights set in the round); the ceilings per class and grade
 * set in the round; third-party agencies excluded; a banned unit cannot declare; bad input changes nothing;
 * an upheld objection sends an application back, and a refusal frees its credit code.
 */
import type { Store } from '../../src/store';
import { creditCode, storeAdapters, type Session } from '../support/identity';
import { bj, buildWorld, type World } from '../contracts/world';
import { makeExpert } from '../review/support';
import { applicationBody, declarationBody, flat } from './support';

describe.each(storeAdapters())('evaluation and joining boundaries on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, bj('2026-12-01 10:00'));
  });
  afterEach(() => adapter.cleanup(store));

  const openRound = (body: Record<string, unknown> = {}) =>
    w.t.as(w.admin).post('/api/admin/evaluation-rounds').send({ year: 2026, declarationDeadline: '2026-12-31', classThresholdYuan: 5_000_000, ...body });

  test('第十四条: declared at 23:59:59 Beijing on the deadline day; refused at 00:00:00 the next day, nothing changed', async () => {
    const { t, X } = w;
    const round = (await openRound().expect(201)).body;
    const url = `/api/open-units/${w.unitX}/evaluations/${round.id}/declaration`;
    t.clock.set(bj('2026-12-31 23:59:59'));
    await t.as(X).put(url).send(declarationBody({ instrumentHours: 2000 })).expect(200);
    t.clock.set(bj('2027-01-01 00:00:00'));
    const late = await t.as(X).put(url).send(declarationBody({ instrumentHours: 2500 }));
    expect([late.status, late.body.error.code]).toEqual([409, 'DECLARATION_CLOSED']);
    const now = (await t.as(X).get(url).expect(200)).body;
    expect([now.declaration.instrumentHours, now.canDeclare]).toEqual([2000, false]);
    // A unit that had not declared cannot start after the deadline either.
    const y = await t.as(w.Y).put(`/api/open-units/${w.unitY}/evaluations/${round.id}/declaration`).send(declarationBody());
    expect([y.status, y.body.error.code]).toEqual([409, 'DECLARATION_CLOSED']);
    expect((await t.as(w.admin).get(`/api/admin/evaluation-rounds/${round.id}`).expect(200)).body.round).toMatchObject({ declarations: 1, phase: 'closed' });
  });

  test('第十一条: class threshold, grade thresholds and ceilings set in the round; agencies get nothing', async () => {
    const { t, admin } = w;
    // One expert per panel, so each mean is that expert's weighted score.
    const expert = await makeExpert(w, 'solo');
    const round = (await openRound({
      classThresholdYuan: 5_000_000,
      ceilingsYuan: { I: { excellent: 900_000, good: 500_000 }, II: { excellent: 700_000, good: 300_000 } },
      weights: { instrument_operation: 20, openness_rules: 20, degree_of_openness: 20, service_quality: 20, voucher_implementation: 10, effect: 10 },
      gradeThresholds: { excellent: 85, good: 75, pass: 65 },
      panelSize: 1,
    }).expect(201)).body;

    // Units: value in yuan (at the threshold = I; 0.01 below = II), scores (effect weighs 10%), agency.
    const cases = [
      { name: 'U1', value: 5_000_000, scores: flat(85), agency: false, cls: 'I', grade: 'excellent', subsidy: 90_000_000 },
      { name: 'U2', value: 4_999_999.99, scores: { ...flat(85), effect: 84 }, agency: false, cls: 'II', grade: 'good', subsidy: 30_000_000 },
      { name: 'U3', value: 4_999_999.99, scores: flat(65), agency: false, cls: 'II', grade: 'pass', subsidy: 0 },
      { name: 'U4', value: 5_000_000, scores: { ...flat(65), effect: 64 }, agency: false, cls: 'I', grade: 'fail', subsidy: 0 },
      { name: 'U5', value: 9_000_000, scores: flat(100), agency: true, cls: 'I', grade: 'excellent', subsidy: 0 },
      { name: 'U6', value: 100_000, scores: flat(95), agency: false, cls: 'II', grade: 'excellent', subsidy: 70_000_000 },
      { name: 'U7', value: 5_000_000.01, scores: flat(75), agency: false, cls: 'I', grade: 'good', subsidy: 50_000_000 },
    ];
    const ids: Record<string, string> = {};
    for (const c of cases) {
      const unit = (await t.services.openUnits.create(`边界单位${c.name}`))._id;
      const s: Session = await t.signIn(`staff-${c.name}`);
      await t.services.invites.bindDirectly(s.userId, unit, true, admin.userId);
      const d = (await t.as(s).put(`/api/open-units/${unit}/evaluations/${round.id}/declaration`).send(declarationBody({ openedInstrumentValueYuan: c.value, thirdPartyAgency: c.agency })).expect(200)).body;
      expect({ unit: c.name, cls: d.class }).toEqual({ unit: c.name, cls: c.cls });
      ids[c.name] = d.id;
    }
    t.clock.set(bj('2027-01-04 09:00'));
    await t.as(admin).post(`/api/admin/evaluation-rounds/${round.id}/assign`).send({}).expect(200);
    // Scores out of range or not integers are refused, and change nothing.
    for (const bad of [{ ...flat(85), effect: 101 }, { ...flat(85), effect: 84.5 }, { ...flat(85), effect: -1 }]) {
      const r = await t.as(expert).post(`/api/expert/evaluation-assignments/${ids.U1}/score`).send({ scores: bad, comment: '越界' });
      expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const assignment = (await t.as(expert).get(`/api/expert/evaluation-assignments/${ids.U1}`).expect(200)).body;
    expect(assignment.myScore).toBeNull();
    // The expert's grade preview uses this round's lines, not the defaults (第十一条).
    expect(assignment.gradeThresholds).toEqual({ excellent: 85, good: 75, pass: 65 });
    // The plan cannot be drawn before every panel has scored.
    const incomplete = await t.as(admin).post(`/api/admin/evaluation-rounds/${round.id}/plan`);
    expect([incomplete.status, incomplete.body.error.code]).toEqual([409, 'SCORES_INCOMPLETE']);
    for (const c of cases) {
      await t.as(expert).post(`/api/expert/evaluation-assignments/${ids[c.name]}/score`).send({ scores: c.scores, comment: '评分' }).expect(200);
    }
    const plan = (await t.as(admin).post(`/api/admin/evaluation-rounds/${round.id}/plan`).expect(200)).body;
    const got = cases.map((c) => {
      const l = plan.lines.find((x: { declarationId: string }) => x.declarationId === ids[c.name]);
      return { unit: c.name, cls: l.class, grade: l.grade, subsidy: l.subsidyFen, agency: l.thirdPartyAgency };
    });
    expect(got).toEqual(cases.map((c) => ({ unit: c.name, cls: c.cls, grade: c.grade, subsidy: c.subsidy, agency: c.agency })));
    const means = Object.fromEntries(plan.lines.map((l: { declarationId: string; meanScore: number }) => [l.declarationId, l.meanScore]));
    expect([means[ids.U2], means[ids.U4]]).toEqual([84.9, 64.9]);

    // The administrator unmarks the agency with a reason: its line follows (class I 优秀 = 900,000 yuan).
    await t.as(admin).post(`/api/admin/evaluation-declarations/${ids.U5}/agency`).send({ thirdPartyAgency: false, reason: '经核实非第三方检测机构' }).expect(200);
    const after = (await t.as(admin).get(`/api/admin/evaluation-rounds/${round.id}/plan`).expect(200)).body;
    expect(after.lines.find((l: { declarationId: string }) => l.declarationId === ids.U5).subsidyFen).toBe(90_000_000);
    // An agency stays at 0 however it is lowered: 0.01 yuan above its ceiling is refused.
    const above = await t.as(admin).put(`/api/admin/evaluation-rounds/${round.id}/plan/lines/${ids.U3}`).send({ subsidyYuan: 0.01, reason: '试图提高' });
    expect([above.status, above.body.error.code]).toEqual([400, 'SUBSIDY_ABOVE_CEILING']);
  });

  test('第十四条: three experts scoring at the same moment all count; a revision replaces only its own score', async () => {
    const { t, admin, X } = w;
    const experts = [await makeExpert(w, 'p1'), await makeExpert(w, 'p2'), await makeExpert(w, 'p3')];
    const round = (await openRound().expect(201)).body;
    const d = (await t.as(X).put(`/api/open-units/${w.unitX}/evaluations/${round.id}/declaration`).send(declarationBody()).expect(200)).body;
    t.clock.set(bj('2027-01-04 09:00'));
    await t.as(admin).post(`/api/admin/evaluation-rounds/${round.id}/assign`).send({}).expect(200);
    await Promise.all(experts.map((e, i) => t.as(e).post(`/api/expert/evaluation-assignments/${d.id}/score`).send({ scores: flat(80 + i * 5), comment: `意见${i}` }).expect(200)));
    const scored = (await t.as(admin).get(`/api/admin/evaluation-declarations/${d.id}`).expect(200)).body;
    expect(scored.panel.map((m: { weighted: number }) => m.weighted).sort()).toEqual([80, 85, 90]);
    expect([scored.meanScore, scored.grade]).toEqual([85, 'good']);
    await t.as(experts[0]).post(`/api/expert/evaluation-assignments/${d.id}/score`).send({ scores: flat(95), comment: '复核后上调' }).expect(200);
    const revised = (await t.as(admin).get(`/api/admin/evaluation-declarations/${d.id}`).expect(200)).body;
    expect([revised.meanScore, revised.grade]).toEqual([90, 'excellent']);
    // The unit does not see scores or grades before the plan.
    const own = (await t.as(X).get(`/api/open-units/${w.unitX}/evaluations`).expect(200)).body.rounds[0].declaration;
    expect([own.panel, own.meanScore, own.grade]).toEqual([null, null, null]);
  });

  test('第六条: a unit of the same name added during the notice sends the application back for a new name', async () => {
    const { t, admin } = w;
    const U = await t.signIn('applicant-dup');
    const a = (await t.as(U).post('/api/unit-applications').send(applicationBody(3)).expect(201)).body;
    const approved = (await t.as(admin).post(`/api/admin/unit-applications/${a.id}/approve`).send({ startDay: '2026-12-07' }).expect(200)).body;
    await t.services.openUnits.create(a.name);
    t.clock.set(bj('2026-12-14 10:00'));
    const back = (await t.as(U).get(`/api/unit-applications/${a.id}`).expect(200)).body;
    expect([back.status, back.unitId, back.notice]).toEqual(['info_requested', null, null]);
    expect(back.adminMessage).toContain('同名');
    expect((await t.as(null).get(`/api/notices/${approved.notice.noticeId}`).expect(200)).body.items[0].status).toBe('cleared');
    // Renamed and resubmitted, it can be approved again.
    await t.as(U).put(`/api/unit-applications/${a.id}`).send(applicationBody(3, { name: '北京新材料测试中心（昌平）' })).expect(200);
    await t.as(admin).post(`/api/admin/unit-applications/${a.id}/approve`).send({}).expect(200);
  });

  test('第十七条: a banned unit cannot declare (403 OPEN_UNIT_BANNED); nothing is stored', async () => {
    const { t, admin, Y } = w;
    const round = (await openRound().expect(201)).body;
    const { supervision } = t.services;
    const c = await supervision.cases.open({ party: { kind: 'open_unit', unitId: w.unitY }, misconduct: [{ kind: 'data_leak' }], summary: '泄露用户数据' }, admin.userId);
    await supervision.cases.decide(c._id, { reason: '情节严重', measures: [{ kind: 'ban' }] }, admin.userId);
    const res = await t.as(Y).put(`/api/open-units/${w.unitY}/evaluations/${round.id}/declaration`).send(declarationBody());
    expect([res.status, res.body.error.code]).toEqual([403, 'OPEN_UNIT_BANNED']);
    expect((await t.as(Y).get(`/api/open-units/${w.unitY}/evaluations/${round.id}/declaration`).expect(200)).body).toMatchObject({ declaration: null, canDeclare: false });
  });

  test('rounds: bad weights, thresholds, ceilings or a past deadline are 400; one round a year; nothing is stored', async () => {
    const { t, admin } = w;
    const cases: [Record<string, unknown>, string][] = [
      [{ weights: { instrument_operation: 20, openness_rules: 20, degree_of_openness: 20, service_quality: 20, voucher_implementation: 10, effect: 11 } }, 'body.weights'],
      [{ gradeThresholds: { excellent: 80, good: 80, pass: 60 } }, 'body.gradeThresholds'],
      [{ ceilingsYuan: { I: { excellent: 100, good: 200 }, II: { excellent: 1, good: 1 } } }, 'body.ceilingsYuan'],
      [{ declarationDeadline: '2026-11-30' }, 'body.declarationDeadline'],
      [{ classThresholdYuan: 1.001 }, 'body.classThresholdYuan'],
      [{ panelSize: 2 }, 'body.panelSize'],
    ];
    for (const [body, path] of cases) {
      const r = await openRound(body);
      expect({ path, status: r.status, code: r.body.error.code, field: r.body.error.details.fields[0].path }).toEqual({ path, status: 400, code: 'VALIDATION_FAILED', field: path });
    }
    expect((await t.as(admin).get('/api/admin/evaluation-rounds').expect(200)).body.rounds).toEqual([]);
    await openRound().expect(201);
    const twice = await openRound();
    expect([twice.status, twice.body.error.code]).toEqual([409, 'EVALUATION_ROUND_EXISTS']);
  });

  test('第六条: an upheld objection sends the application back; a refusal frees the credit code; bad codes and staff are refused', async () => {
    const { t, admin, B, X } = w;
    const U = await t.signIn('applicant-u');
    // Not registered in Beijing (division 31: Shanghai) — refused, nothing stored.
    const first17 = creditCode(1).slice(0, 17).replace(/^911101/, '913101');
    const shanghai = (await import('@kcq/shared')).computeCreditCodeCheckChar(first17);
    const sh = await t.as(U).post('/api/unit-applications').send(applicationBody(2, { creditCode: first17 + shanghai }));
    expect([sh.status, sh.body.error.details.fields[0].path]).toEqual([400, 'body.creditCode']);
    // Staff of a unit already cannot apply for a new one.
    const staff = await t.as(X).post('/api/unit-applications').send(applicationBody(2));
    expect([staff.status, staff.body.error.code]).toEqual([409, 'ALREADY_BOUND']);
    // An instrument that would not make a valid service (compute priced per sample) is refused up front.
    const compute = applicationBody(2);
    compute.instruments[0] = { ...compute.instruments[0], category: 'compute' };
    expect((await t.as(U).post('/api/unit-applications').send(compute)).status).toBe(400);
    expect((await t.as(U).get('/api/unit-applications/mine').expect(200)).body.applications).toEqual([]);

    const a = (await t.as(U).post('/api/unit-applications').send(applicationBody(2)).expect(201)).body;
    const approved = (await t.as(admin).post(`/api/admin/unit-applications/${a.id}/approve`).send({ startDay: '2026-12-07' }).expect(200)).body;
    expect(approved.notice.endDay).toBe('2026-12-11');
    t.clock.set(bj('2026-12-08 10:00'));
    const o = (await t.as(B).post(`/api/notices/${approved.notice.noticeId}/items/${approved.notice.itemId}/objections`).send({ reason: '近三年有失信记录' }).expect(201)).body;
    await t.as(admin).post(`/api/admin/objections/${o.id}/resolve`).send({ outcome: 'upheld', reason: '经核实存在失信记录' }).expect(200);
    const back = (await t.as(U).get(`/api/unit-applications/${a.id}`).expect(200)).body;
    expect([back.status, back.adminMessage, back.notice, back.unitId]).toEqual(['submitted', '经核实存在失信记录', null, null]);
    // Past the end day nothing is created.
    t.clock.set(bj('2026-12-14 10:00'));
    expect((await t.as(U).get(`/api/unit-applications/${a.id}`).expect(200)).body.status).toBe('submitted');
    expect(await t.services.openUnits.get(back.unitId ?? 'none')).toBeNull();

    await t.as(admin).post(`/api/admin/unit-applications/${a.id}/refuse`).send({ reason: '不符合第六条第六项' }).expect(200);
    const refused = (await t.as(U).get(`/api/unit-applications/${a.id}`).expect(200)).body;
    expect([refused.status, refused.adminMessage]).toEqual(['refused', '不符合第六条第六项']);
    // Refused is final for that application; the code is free for a new one.
    const late = await t.as(admin).post(`/api/admin/unit-applications/${a.id}/approve`).send({});
    expect([late.status, late.body.error.code]).toEqual([409, 'UNIT_APPLICATION_STATE']);
    await t.as(U).post('/api/unit-applications').send(applicationBody(2)).expect(201);
    // Administrators list them by status.
    const listed = (await t.as(admin).get('/api/admin/unit-applications').query({ status: 'refused' }).expect(200)).body.applications;
    expect(listed.map((x: { id: string }) => x.id)).toEqual([a.id]);
  });
});
