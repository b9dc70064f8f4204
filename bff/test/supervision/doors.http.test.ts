/**
 * 第十七条 at every door (POLICY.md Decision): a three-year ban runs from the Beijing day it is decided
 * (inclusive) to the day before its third anniversary (inclusive) — decided 2026-12-05, lifted at
 * 2029-12-05 00:00 Beijing — and blocks an applicant's claims, proposals and amendments, and a unit's
 * confirmations, amendments, redemption applications and its place in the catalogue. Each door is refused
 * with its stable code one second before the ban ends and allowed again at 00:00 the day after.
 */
import type { Store } from '../../src/store';
import { bj, buildWorld, DAY, PDF, project, type World } from '../contracts/world';
import { storeAdapters } from '../support/identity';

const DECIDED = bj('2026-12-05 10:00:00');
const LAST_SECOND = bj('2029-12-04 23:59:59');
const LIFTED = bj('2029-12-05 00:00:00');
const LONG = { ACCESS_TOKEN_TTL: String(1300 * 86_400), REFRESH_TOKEN_TTL: String(1300 * 86_400) };

let keys = 0;
const key = () => `doors-${++keys}-${Date.now()}`;

/** A period open at the clock's time (the world's period closed long before 2029). */
async function openPeriod(w: World): Promise<string> {
  const now = w.t.clock.now();
  const p = await w.t.services.periods.create(
    { name: `监管测试期${++keys}`, opensAt: new Date(now.getTime() - 3_600_000), closesAt: new Date(now.getTime() + 30 * DAY), quotaFen: 100_000_000, maxVoucherFen: 5_000_000, perApplicantLimit: 5 },
    w.admin.userId,
  );
  return p._id;
}

const claimIn = (w: World, period: string) =>
  w.t.as(w.A).post(`/api/periods/${period}/claims`).set('Idempotency-Key', key()).send({ amountFen: 1_000_000 });

const proposeTo = (w: World, voucherId: string, serviceId: string) =>
  w.t.as(w.A).post('/api/contracts').send({ voucherId, serviceId, project, municipalFundingReceived: false });

function termsFrom(now: Date) {
  const day = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
  return { contractNo: `HT-${++keys}`, contractAmountFen: 400_000, startDay: day(now.getTime()), endDay: day(now.getTime() + 30 * DAY), voucherAmountFen: 100_000 };
}

const confirmAs = (w: World, staff: World['X'], contractId: string) =>
  w.t.as(staff).post(`/api/contracts/${contractId}/confirm`).send(termsFrom(w.t.clock.now()));

const amendAs = (w: World, staff: World['X'], contractId: string) =>
  w.t.as(staff).post(`/api/contracts/${contractId}/amend`).send({ contractAmountFen: 500_000, reason: '增加检测样品' });

async function evidenceOf(w: World, staff: World['X'], contractId: string): Promise<string> {
  const res = await w.t.as(staff).post(`/api/contracts/${contractId}/evidence`).attach('files', PDF, { filename: 'r.pdf', contentType: 'application/pdf' });
  expect(res.status).toBe(201);
  return res.body.evidence[0].id;
}

const applyAs = (w: World, staff: World['X'], contractId: string, evidenceId: string) =>
  w.t.as(staff).post(`/api/contracts/${contractId}/redemption`).send({ actualAmountFen: 400_000, report: '检测完成', evidenceIds: [evidenceId] });

async function catalogueIds(w: World): Promise<string[]> {
  const res = await w.t.as(null).get('/api/catalogue/services');
  expect(res.status).toBe(200);
  return res.body.items.map((i: { id: string }) => i.id);
}

/** Opens and decides a case over HTTP as the administrator; returns the case. */
async function decideCase(w: World, party: object, measures: object[]) {
  const opened = await w.t
    .as(w.admin)
    .post('/api/admin/supervision/cases')
    .send({ party, misconduct: [{ kind: 'voucher_transfer' }], summary: '将创新券转让给关联企业使用（第十六条）' });
  expect(opened.status).toBe(201);
  const decided = await w.t.as(w.admin).post(`/api/admin/supervision/cases/${opened.body.id}/decision`).send({ reason: '情节严重', measures });
  expect(decided.status).toBe(200);
  return decided.body;
}

/** Makes A eligible in 2029 (registered 2023: past the 5-year window unless listed this year, 第七条第一项). */
async function keepAEligible(w: World, year: number) {
  const a = (await w.t.services.applicants.get(w.applicantA))!;
  await w.t.services.applicants.update(a._id, w.A.userId, { ...(a.profile as object), techSmeListedYear: year } as never);
}

describe.each(storeAdapters())('bans at every door on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, DECIDED, {}, LONG);
  });
  afterEach(() => adapter.cleanup(store));

  test('a banned applicant: claim, propose, amend and the eligibility check are refused until 2029-12-05 00:00 Beijing; then allowed', async () => {
    // Before the ban: a claimed voucher (untouched by the ban) and a contract registered with X.
    const held = (await claimIn(w, w.period)).body.id;
    const v2 = (await claimIn(w, w.period)).body.id;
    const registered = (await proposeTo(w, v2, w.serviceX)).body.id;
    expect((await confirmAs(w, w.X, registered)).status).toBe(200);

    const c = await decideCase(w, { kind: 'applicant', applicantId: w.applicantA }, [{ kind: 'ban' }]);
    // 第十七条, POLICY.md Decision: from the decision day, lifted at the third anniversary 00:00 Beijing.
    expect(c.decision.measures).toEqual([{ kind: 'ban', from: '2026-12-05', until: '2029-12-05' }]);

    const refusedEverywhere = async () => {
      const claim = await claimIn(w, await openPeriod(w));
      expect({ status: claim.status, code: claim.body.error?.code }).toEqual({ status: 403, code: 'APPLICANT_BANNED' });
      // The message names the ban's end date.
      expect(claim.body.error.message).toContain('2029-12-04');
      expect(claim.body.error.details).toMatchObject({ caseId: c.id, from: '2026-12-05', until: '2029-12-05', clause: '第十七条' });
      const proposal = await proposeTo(w, held, w.serviceX);
      expect({ status: proposal.status, code: proposal.body.error?.code }).toEqual({ status: 403, code: 'APPLICANT_BANNED' });
      const amendment = await amendAs(w, w.X, registered);
      expect({ status: amendment.status, code: amendment.body.error?.code }).toEqual({ status: 403, code: 'APPLICANT_BANNED' });
      // The eligibility the applicant's screen and /api/me show (第七条 plus what the platform knows).
      const me = await w.t.as(w.A).get('/api/me');
      expect(me.body.applicant.eligibility.eligible).toBe(false);
      expect(me.body.applicant.eligibility.failures).toContainEqual(expect.objectContaining({ code: 'APPLICANT_BANNED', clause: '第十七条', caseId: c.id }));
      const view = await w.t.as(w.A).get(`/api/applicants/${w.applicantA}`);
      expect(view.body.eligibility.failures.map((f: { code: string }) => f.code)).toContain('APPLICANT_BANNED');
    };

    await refusedEverywhere();
    // Its claimed voucher is not touched (the decision did not say so).
    const mine = await w.t.as(w.A).get('/api/vouchers');
    expect(mine.body.vouchers.find((v: { id: string }) => v.id === held)?.status).toBe('claimed');

    // One second before the ban ends (2029-12-04 23:59:59 Beijing): still refused.
    w.t.clock.set(LAST_SECOND);
    await keepAEligible(w, 2029);
    await refusedEverywhere();

    // 2029-12-05 00:00:00 Beijing: allowed again, at every door.
    w.t.clock.set(LIFTED);
    const period = await openPeriod(w);
    const claim = await claimIn(w, period);
    expect(claim.status).toBe(201);
    const me = await w.t.as(w.A).get('/api/me');
    expect(me.body.applicant.eligibility).toMatchObject({ eligible: true, failures: [] });
    const proposal = await proposeTo(w, claim.body.id, w.serviceX);
    expect(proposal.status).toBe(201);
    expect((await confirmAs(w, w.X, proposal.body.id)).status).toBe(200);
    expect((await amendAs(w, w.X, proposal.body.id)).status).toBe(200);
  });

  test('a banned open unit: out of the catalogue; no proposal to it, no confirmation, amendment or redemption application until the ban ends', async () => {
    const v1 = (await claimIn(w, w.period)).body.id;
    const v2 = (await claimIn(w, w.period)).body.id;
    const v3 = (await claimIn(w, w.period)).body.id;
    const proposed = (await proposeTo(w, v1, w.serviceY)).body.id;
    const registered = (await proposeTo(w, v2, w.serviceY)).body.id;
    expect((await confirmAs(w, w.Y, registered)).status).toBe(200);
    const ev = await evidenceOf(w, w.Y, registered);
    expect(await catalogueIds(w)).toEqual(expect.arrayContaining([w.serviceX, w.serviceY]));

    const c = await decideCase(w, { kind: 'open_unit', unitId: w.unitY }, [{ kind: 'ban' }]);
    expect(c.decision.measures[0]).toEqual({ kind: 'ban', from: '2026-12-05', until: '2029-12-05' });

    const refusedEverywhere = async (v3: string) => {
      const ids = await catalogueIds(w);
      expect(ids).toContain(w.serviceX);
      expect(ids).not.toContain(w.serviceY);
      expect((await w.t.as(null).get(`/api/catalogue/services/${w.serviceY}`)).status).toBe(404);
      expect((await w.t.as(null).get(`/api/catalogue/open-units/${w.unitY}`)).status).toBe(404);
      for (const res of [await proposeTo(w, v3, w.serviceY), await confirmAs(w, w.Y, proposed), await amendAs(w, w.Y, registered), await applyAs(w, w.Y, registered, ev)]) {
        expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 403, code: 'OPEN_UNIT_BANNED' });
        expect(res.body.error.details).toMatchObject({ caseId: c.id, until: '2029-12-05', clause: '第十七条' });
      }
    };
    await refusedEverywhere(v3);
    // The evaluation declaration (next issue) asks the same door.
    await expect(w.t.services.supervision.sanctions.assertUnitMay(w.unitY, 'declare')).rejects.toMatchObject({ code: 'OPEN_UNIT_BANNED' });

    // One second before the ban ends: a voucher claimed that second still cannot be proposed to Y.
    w.t.clock.set(LAST_SECOND);
    await keepAEligible(w, 2029);
    const late = await claimIn(w, await openPeriod(w));
    expect(late.status).toBe(201);
    await refusedEverywhere(late.body.id);

    w.t.clock.set(LIFTED);
    expect(await catalogueIds(w)).toContain(w.serviceY);
    await expect(w.t.services.supervision.sanctions.assertUnitMay(w.unitY, 'declare')).resolves.toBeUndefined();
    const claim = await claimIn(w, await openPeriod(w));
    expect(claim.status).toBe(201);
    const proposal = await proposeTo(w, claim.body.id, w.serviceY);
    expect(proposal.status).toBe(201);
    expect((await confirmAs(w, w.Y, proposal.body.id)).status).toBe(200);
    expect((await amendAs(w, w.Y, proposal.body.id)).status).toBe(200);
    const fresh = await evidenceOf(w, w.Y, proposal.body.id);
    expect((await applyAs(w, w.Y, proposal.body.id, fresh)).status).toBe(201);
  });

  test('a removed open unit is out for good: the day after three years it is still refused and hidden', async () => {
    const v = (await claimIn(w, w.period)).body.id;
    const c = await decideCase(w, { kind: 'open_unit', unitId: w.unitX }, [{ kind: 'removal' }]);
    const res = await proposeTo(w, v, w.serviceX);
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 403, code: 'OPEN_UNIT_BANNED' });
    expect(res.body.error.details).toMatchObject({ caseId: c.id, removed: true });
    w.t.clock.set(LIFTED);
    expect(await catalogueIds(w)).not.toContain(w.serviceX);
    // Removal is for units only (第十七条).
    const opened = await w.t.as(w.admin).post('/api/admin/supervision/cases').send({ party: { kind: 'applicant', applicantId: w.applicantB }, misconduct: [{ kind: 'other', text: '其他' }], summary: '测试' });
    const refused = await w.t.as(w.admin).post(`/api/admin/supervision/cases/${opened.body.id}/decision`).send({ reason: '测试', measures: [{ kind: 'removal' }] });
    expect(refused.status).toBe(400);
  });
});
