/**
 * Misconduct cases (第十六条) and their measures (第十七条): the credit record makes 第七条第四项 fail on the
 * platform's own knowledge whatever the profile says (citing the case) — in /api/me, the applicant's
 * eligibility and the claim refusal; a ban survives profile edits, an enterprise transfer and a new user
 * account registering the same credit code; one appeal, then a revision; everything logged, attributable
 * and hash-chained; suspended payments hold a redemption until lifted; recoveries record amount and day.
 */
import type { Store } from '../../src/store';
import { bj, buildWorld, type World } from '../contracts/world';
import { creditCode, enterpriseProfile, storeAdapters } from '../support/identity';

const START = bj('2026-12-05 10:00:00');
let keys = 0;
const claim = (w: World, who: World['A']) =>
  w.t.as(who).post(`/api/periods/${w.period}/claims`).set('Idempotency-Key', `cases-${++keys}-${Date.now()}`).send({ amountFen: 1_000_000 });

async function openCase(w: World, party: object) {
  const res = await w.t
    .as(w.admin)
    .post('/api/admin/supervision/cases')
    .send({ party, misconduct: [{ kind: 'false_information' }, { kind: 'other', text: '拒绝提供原始检测记录' }], summary: '申领时提供虚假的职工人数（第十六条）' });
  expect(res.status).toBe(201);
  return res.body;
}

const decide = (w: World, id: string, measures: object[]) =>
  w.t.as(w.admin).post(`/api/admin/supervision/cases/${id}/decision`).send({ reason: '经核查属实', measures });

describe.each(storeAdapters())('misconduct cases on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, START);
  });
  afterEach(() => adapter.cleanup(store));

  test('a credit-record entry fails 第七条第四项 for the applicant whatever its profile declares, citing the case, in /api/me and the claim refusal', async () => {
    expect((await w.t.as(w.A).get('/api/me')).body.applicant.eligibility.eligible).toBe(true);
    const c = await openCase(w, { kind: 'applicant', applicantId: w.applicantA });
    // An open case changes nothing: only a decision does.
    expect((await w.t.as(w.A).get('/api/me')).body.applicant.eligibility.eligible).toBe(true);
    expect((await decide(w, c.id, [{ kind: 'credit_record' }])).status).toBe(200);

    const me = (await w.t.as(w.A).get('/api/me')).body.applicant;
    expect(me.profile.noBadCreditRecord).toBe(true);
    expect(me.eligibility.eligible).toBe(false);
    expect(me.eligibility.failures).toEqual([expect.objectContaining({ code: 'BAD_CREDIT_RECORD', clause: '第七条第四项', caseId: c.id })]);
    expect(me.eligibility.failures[0].message).toContain(c.id);
    const refused = await claim(w, w.A);
    expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 403, code: 'NOT_ELIGIBLE' });
    expect(refused.body.error.details.failures).toContainEqual(expect.objectContaining({ code: 'BAD_CREDIT_RECORD', caseId: c.id }));
    // Editing the declaration does not clear the platform's record.
    await w.t.as(w.A).put(`/api/applicants/${w.applicantA}`).send(enterpriseProfile({ name: '北京新名称科技有限公司' })).expect(200);
    expect((await claim(w, w.A)).body.error.code).toBe('NOT_ELIGIBLE');
    // Another applicant is unaffected.
    expect((await claim(w, w.B)).status).toBe(201);
  });

  test('a ban survives profile edits, an enterprise transfer, and a new user registering the same credit code', async () => {
    const held = (await claim(w, w.A)).body.id;
    const c = await openCase(w, { kind: 'applicant', applicantId: w.applicantA });
    expect((await decide(w, c.id, [{ kind: 'ban' }])).status).toBe(200);
    expect((await claim(w, w.A)).body.error.code).toBe('APPLICANT_BANNED');

    // The enterprise edits its profile, even its credit code: the record is still banned.
    await w.t.as(w.A).put(`/api/applicants/${w.applicantA}`).send(enterpriseProfile({ creditCode: creditCode(77), name: '北京改名科技有限公司' })).expect(200);
    expect((await claim(w, w.A)).body.error.code).toBe('APPLICANT_BANNED');

    // A new user account registers the enterprise's original credit code (now free): banned too.
    const newcomer = await w.t.signIn('newcomer');
    await w.t.as(newcomer).post('/api/applicants').send(enterpriseProfile()).expect(201);
    const fresh = await w.t.signIn('newcomer');
    const byCode = await claim(w, fresh);
    expect({ status: byCode.status, code: byCode.body.error.code }).toEqual({ status: 403, code: 'APPLICANT_BANNED' });
    expect(byCode.body.error.details.caseId).toBe(c.id);

    // An administrator moves the banned enterprise to another user: the ban follows it.
    const heir = await w.t.signIn('heir');
    await w.t.as(w.admin).post(`/api/admin/applicants/${w.applicantA}/transfer`).send({ toUserId: heir.userId }).expect(200);
    const heirSession = await w.t.signIn('heir');
    expect((await claim(w, heirSession)).body.error.code).toBe('APPLICANT_BANNED');

    // Its existing voucher was not touched.
    expect((await w.t.as(heirSession).get('/api/vouchers')).body.vouchers.find((v: { id: string }) => v.id === held).status).toBe('claimed');
  });

  test('the party appeals once; the revision replaces the decision; every step is logged with who and when, hash-chained', async () => {
    const c = await openCase(w, { kind: 'applicant', applicantId: w.applicantB });
    // No appeal before a decision.
    expect((await w.t.as(w.B).post(`/api/supervision/cases/${c.id}/appeal`).send({ reason: '不服' })).body.error.code).toBe('CASE_STATE');
    // A first decision needs at least one measure (第十七条).
    expect((await decide(w, c.id, [])).status).toBe(400);
    expect((await decide(w, c.id, [{ kind: 'ban' }, { kind: 'recover_funds', amountFen: 500_000 }])).status).toBe(200);
    expect((await claim(w, w.B)).body.error.code).toBe('APPLICANT_BANNED');
    // Deciding again without an appeal is refused.
    expect((await decide(w, c.id, [{ kind: 'credit_record' }])).body.error.code).toBe('CASE_STATE');

    // Only the party sees and appeals its case.
    expect((await w.t.as(w.A).get('/api/supervision/cases')).body.items).toEqual([]);
    expect((await w.t.as(w.B).get('/api/supervision/cases')).body.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect((await w.t.as(w.A).post(`/api/supervision/cases/${c.id}/appeal`).send({ reason: '不服' })).status).toBe(404);
    const appealed = await w.t.as(w.B).post(`/api/supervision/cases/${c.id}/appeal`).send({ reason: '转让系误操作，已收回' });
    expect(appealed.status).toBe(200);
    expect(appealed.body.status).toBe('appealed');
    // Once.
    expect((await w.t.as(w.B).post(`/api/supervision/cases/${c.id}/appeal`).send({ reason: '再次申诉' })).body.error.code).toBe('CASE_STATE');
    // The decision stays in force while the appeal is heard.
    expect((await claim(w, w.B)).body.error.code).toBe('APPLICANT_BANNED');

    // The revision lifts the ban and keeps the recovery; the first decision is kept.
    w.t.clock.advance(86_400_000);
    const revised = await decide(w, c.id, [{ kind: 'recover_funds', amountFen: 500_000 }]);
    expect(revised.status).toBe(200);
    expect(revised.body.status).toBe('revised');
    expect(revised.body.previousDecisions).toHaveLength(1);
    expect((await claim(w, w.B)).status).toBe(201);

    // Recovery: the amount, and the day it was recovered.
    const recovered = await w.t.as(w.admin).post(`/api/admin/supervision/cases/${c.id}/measures`).send({ action: 'record_recovery', recoveredOn: '2026-12-06' });
    expect(recovered.body.decision.measures).toEqual([{ kind: 'recover_funds', amountFen: 500_000, recoveredOn: '2026-12-06', recordedBy: w.admin.userId }]);

    const detail = (await w.t.as(w.admin).get(`/api/admin/supervision/cases/${c.id}`)).body;
    expect(detail.log.map((e: { event: string; role: string; actorId: string }) => [e.event, e.role, e.actorId])).toEqual([
      ['open', 'administrator', w.admin.userId],
      ['decide', 'administrator', w.admin.userId],
      ['appeal', 'applicant', w.B.userId],
      ['revise', 'administrator', w.admin.userId],
      ['record_recovery', 'administrator', w.admin.userId],
    ]);
    expect(detail.chain).toEqual({ ok: true, entries: 5 });
  });

  test('suspended payments hold the redemptions of the party and of the items concerned until lifted', async () => {
    const { sanctions } = w.t.services.supervision;
    const r = { _id: 'rd_aaaaaaaaaaaaaaaa', voucherId: 'vch_a', contractId: 'ct_a', applicantId: w.applicantA, unitId: w.unitX };
    const other = { ...r, _id: 'rd_bbbbbbbbbbbbbbbb', voucherId: 'vch_b', contractId: 'ct_b', unitId: w.unitY };
    await expect(sanctions.assertPaymentAllowed(r)).resolves.toBeUndefined();
    const c = await w.t
      .as(w.admin)
      .post('/api/admin/supervision/cases')
      .send({ party: { kind: 'open_unit', unitId: w.unitX }, misconduct: [{ kind: 'diverting_funds' }], summary: '挪用', concerned: { redemptionIds: [other._id] } });
    expect((await decide(w, c.body.id, [{ kind: 'suspend_payments' }])).status).toBe(200);
    await expect(sanctions.assertPaymentAllowed(r)).rejects.toMatchObject({ code: 'PAYMENTS_SUSPENDED', details: { caseId: c.body.id, clause: '第十七条' } });
    await expect(sanctions.assertPaymentAllowed(other)).rejects.toMatchObject({ code: 'PAYMENTS_SUSPENDED' });
    const lifted = await w.t.as(w.admin).post(`/api/admin/supervision/cases/${c.body.id}/measures`).send({ action: 'lift_suspension' });
    expect(lifted.status).toBe(200);
    await expect(sanctions.assertPaymentAllowed(r)).resolves.toBeUndefined();
    await expect(sanctions.assertPaymentAllowed(other)).resolves.toBeUndefined();
  });

  test('evidence files of a case are stored with their SHA-256 and read back', async () => {
    const c = await openCase(w, { kind: 'open_unit', unitId: w.unitX });
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    const up = await w.t.as(w.admin).post(`/api/admin/supervision/cases/${c.id}/files`).attach('files', pdf, { filename: '核查记录.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    const file = up.body.files[0];
    expect(file).toMatchObject({ filename: '核查记录.pdf', contentType: 'application/pdf', uploadedBy: w.admin.userId });
    const down = await w.t.as(w.admin).get(`/api/admin/supervision/cases/${c.id}/files/${file.id}`).buffer(true);
    expect(down.status).toBe(200);
    expect(down.headers['x-content-sha256']).toBe(file.sha256);
  });
});
