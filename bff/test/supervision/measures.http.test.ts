/**
 * 第十七条, the parts the screens rely on: the void_vouchers measure (作废所涉创新券) voids only the concerned
 * vouchers still claimed, through the voucher audit trail, without returning their amount to the period;
 * without it a banned applicant's vouchers are untouched. /api/me carries the sanctions in force with the
 * ban's dates (last day inclusive, the day it is lifted) and whether the one appeal is still open. A sampled
 * item's check file can be downloaded (第十八条). The case form finds its party by name or credit code and
 * lists that party's own vouchers, contracts and redemptions to name as concerned.
 */
import type { Store } from '../../src/store';
import { bj, buildWorld, type World } from '../contracts/world';
import { storeAdapters } from '../support/identity';

const START = bj('2026-12-05 10:00:00');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
let keys = 0;
const claim = (w: World) =>
  w.t.as(w.A).post(`/api/periods/${w.period}/claims`).set('Idempotency-Key', `measures-${++keys}-${Date.now()}`).send({ amountFen: 1_000_000 });
const remaining = async (w: World) => (await w.t.as(w.A).get(`/api/periods/${w.period}`)).body.period.remainingFen as number;
const voucher = async (w: World, id: string) =>
  ((await w.t.as(w.A).get('/api/vouchers')).body.vouchers as { id: string; status: string; voidReason: string | null }[]).find((v) => v.id === id)!;

function termsFrom(now: Date) {
  const day = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
  return { contractNo: `HT-M-${++keys}`, contractAmountFen: 400_000, startDay: day(now.getTime()), endDay: day(now.getTime() + 30 * 86_400_000), voucherAmountFen: 100_000 };
}

async function openCase(w: World, party: object, voucherIds: string[] = []) {
  const res = await w.t
    .as(w.admin)
    .post('/api/admin/supervision/cases')
    .send({ party, misconduct: [{ kind: 'voucher_transfer' }], concerned: { voucherIds, contractIds: [], redemptionIds: [] }, summary: '将创新券转让给关联企业使用（第十六条）' });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

const decide = (w: World, id: string, measures: object[]) =>
  w.t.as(w.admin).post(`/api/admin/supervision/cases/${id}/decision`).send({ reason: '经核查，转让创新券属实', measures });

describe.each(storeAdapters())('measures the screens rely on, on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, START);
  });
  afterEach(() => adapter.cleanup(store));

  test('第十七条 void_vouchers: the concerned claimed vouchers become void(misconduct), audited, amount not returned; a registered one and another applicant’s are skipped', async () => {
    const claimed = (await claim(w)).body.id as string;
    const used = (await claim(w)).body.id as string;
    const proposed = await w.t.as(w.A).post('/api/contracts').send({ voucherId: used, serviceId: w.serviceX, project: { title: '样品检测', description: '检测三种样品。' }, municipalFundingReceived: false });
    expect(proposed.status).toBe(201);
    expect((await w.t.as(w.X).post(`/api/contracts/${proposed.body.id}/confirm`).send(termsFrom(w.t.clock.now()))).status).toBe(200);
    const otherApplicants = (await w.t.as(w.B).post(`/api/periods/${w.period}/claims`).set('Idempotency-Key', `measures-b-${++keys}`).send({ amountFen: 1_000_000 })).body.id as string;
    const before = await remaining(w);

    const c = await openCase(w, { kind: 'applicant', applicantId: w.applicantA }, [claimed, used, otherApplicants]);
    const res = await decide(w, c.id, [{ kind: 'ban' }, { kind: 'void_vouchers' }]);
    expect(res.status).toBe(200);
    expect(res.body.decision.measures).toContainEqual({ kind: 'void_vouchers', voided: [claimed], skipped: [used, otherApplicants] });

    expect(await voucher(w, claimed)).toMatchObject({ status: 'void', voidReason: 'misconduct' });
    expect((await voucher(w, used)).status).toBe('registered');
    // The quota is not returned to the period (docs/supervision.md).
    expect(await remaining(w)).toBe(before);
    // The voucher's own audit chain records who voided it and why.
    const chain = await w.t.services.audit.chain(claimed);
    expect(chain.at(-1)).toMatchObject({ event: 'void_misconduct', actorId: w.admin.userId, role: 'administrator', from: 'claimed', to: 'void' });
    // And the case log records the voiding, by whom, in its verified chain.
    const detail = (await w.t.as(w.admin).get(`/api/admin/supervision/cases/${c.id}`)).body;
    expect((detail.log as { event: string; actorId: string }[]).map((e) => e.event)).toEqual(['open', 'decide', 'void_vouchers']);
    expect(detail.log[2].actorId).toBe(w.admin.userId);
    expect(detail.chain).toMatchObject({ ok: true });
  });

  test('without void_vouchers a banned applicant’s claimed voucher is untouched; void_vouchers is refused for a unit or with no voucher concerned', async () => {
    const held = (await claim(w)).body.id as string;
    const c = await openCase(w, { kind: 'applicant', applicantId: w.applicantA }, [held]);
    expect((await decide(w, c.id, [{ kind: 'ban' }])).status).toBe(200);
    expect((await voucher(w, held)).status).toBe('claimed');

    const unitCase = await openCase(w, { kind: 'open_unit', unitId: w.unitY });
    const refused = await decide(w, unitCase.id, [{ kind: 'void_vouchers' }]);
    expect({ status: refused.status, message: refused.body.error.message }).toEqual({ status: 400, message: expect.stringContaining('只适用于申领单位') });
    const empty = await openCase(w, { kind: 'applicant', applicantId: w.applicantB });
    const none = await decide(w, empty.id, [{ kind: 'void_vouchers' }]);
    expect({ status: none.status, message: none.body.error.message }).toEqual({ status: 400, message: expect.stringContaining('无券可作废') });
  });

  test('/api/me carries the ban in force with its last day and the day it is lifted, the reason, and the one appeal', async () => {
    expect((await w.t.as(w.A).get('/api/me')).body.sanctions).toEqual([]);
    const c = await openCase(w, { kind: 'applicant', applicantId: w.applicantA });
    // An open case binds nobody yet.
    expect((await w.t.as(w.A).get('/api/me')).body.sanctions).toEqual([]);
    await decide(w, c.id, [{ kind: 'ban' }, { kind: 'credit_record' }]).expect(200);

    const [s] = (await w.t.as(w.A).get('/api/me')).body.sanctions;
    expect(s).toMatchObject({
      caseId: c.id,
      party: 'applicant',
      status: 'decided',
      decidedOn: '2026-12-05',
      reason: '经核查，转让创新券属实',
      misconduct: ['转让、买卖、赠送或重复使用创新券'],
      ban: { from: '2026-12-05', lastDay: '2029-12-04', until: '2029-12-05' },
      creditRecord: true,
      removal: false,
      canAppeal: true,
      appeal: null,
    });
    // Nobody else sees it.
    expect((await w.t.as(w.B).get('/api/me')).body.sanctions).toEqual([]);

    await w.t.as(w.A).post(`/api/supervision/cases/${c.id}/appeal`).send({ reason: '转让系误解，请求复核' }).expect(200);
    const after = (await w.t.as(w.A).get('/api/me')).body.sanctions[0];
    expect(after).toMatchObject({ status: 'appealed', canAppeal: false, appeal: { reason: '转让系误解，请求复核' } });

    // The revision lifts the ban but keeps the credit record: the ban leaves /api/me, the entry stays.
    await decide(w, c.id, [{ kind: 'credit_record' }]).expect(200);
    expect((await w.t.as(w.A).get('/api/me')).body.sanctions[0]).toMatchObject({ status: 'revised', ban: null, creditRecord: true, canAppeal: false });
  });

  test('第十八条: a sampled item’s check file downloads with its SHA-256; a file the item does not cite is 404', async () => {
    const draw = await w.t.as(w.admin).post('/api/admin/spot-checks').send({ title: '开放单位抽查', population: 'open_units', size: 2, seed: 3 });
    expect(draw.status).toBe(201);
    const [first, second] = draw.body.items as { id: string }[];
    const up = await w.t.as(w.admin).post(`/api/admin/spot-checks/${draw.body.id}/files`).attach('files', PDF, { filename: '现场检查记录.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    const file = up.body.files[0] as { id: string; sha256: string };
    await w.t.as(w.admin).post(`/api/admin/spot-checks/${draw.body.id}/items/${first.id}/check`).send({ outcome: 'issues_found', notes: '台账不全', fileIds: [file.id] }).expect(200);

    const got = await w.t.as(w.admin).get(`/api/admin/spot-checks/${draw.body.id}/items/${first.id}/files/${file.id}`).buffer(true);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toContain('application/pdf');
    expect(got.headers['x-content-sha256']).toBe(file.sha256);
    expect(Buffer.from(got.body as Buffer).equals(PDF)).toBe(true);
    expect((await w.t.as(w.admin).get(`/api/admin/spot-checks/${draw.body.id}/items/${second.id}/files/${file.id}`)).status).toBe(404);
    // Each sampled unit is described by its name, and is the party a case from it would be against.
    const subjects = (await w.t.as(w.admin).get(`/api/admin/spot-checks/${draw.body.id}`)).body.subjects as Record<string, { label: string; parties: { kind: string; id: string }[] }>;
    for (const item of draw.body.items as { subjectId: string }[]) {
      expect(subjects[item.subjectId]).toEqual({ label: expect.stringMatching(/^开放单位[XY]$/), parties: [expect.objectContaining({ kind: 'open_unit', id: item.subjectId })] });
    }
  });

  test('第十六条 case form: find the party by name or credit code; list only that party’s own vouchers and contracts', async () => {
    const mine = (await claim(w)).body.id as string;
    await w.t.as(w.B).post(`/api/periods/${w.period}/claims`).set('Idempotency-Key', `measures-p-${++keys}`).send({ amountFen: 1_000_000 }).expect(201);
    const me = (await w.t.as(w.A).get('/api/me')).body.applicant as { id: string; profile: { name: string; creditCode: string } };

    const byName = (await w.t.as(w.admin).get('/api/admin/supervision/parties').query({ q: me.profile.name.slice(2, 6) })).body.items;
    expect(byName).toContainEqual(expect.objectContaining({ kind: 'applicant', id: w.applicantA, name: me.profile.name }));
    const byCode = (await w.t.as(w.admin).get('/api/admin/supervision/parties').query({ q: me.profile.creditCode.toLowerCase() })).body.items;
    expect(byCode.map((m: { id: string }) => m.id)).toEqual([w.applicantA]);
    const units = (await w.t.as(w.admin).get('/api/admin/supervision/parties').query({ q: '开放单位Y' })).body.items;
    expect(units).toEqual([expect.objectContaining({ kind: 'open_unit', id: w.unitY })]);

    const items = (await w.t.as(w.admin).get('/api/admin/supervision/party-items').query({ kind: 'applicant', id: w.applicantA })).body;
    expect(items.vouchers.map((v: { id: string; status: string }) => [v.id, v.status])).toEqual([[mine, 'claimed']]);
    expect((await w.t.as(w.admin).get('/api/admin/supervision/party-items').query({ kind: 'open_unit', id: w.applicantA })).status).toBe(404);
  });
});
