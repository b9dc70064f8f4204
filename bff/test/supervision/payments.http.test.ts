/**
 * 第十七条 suspended payments in the payment batches (第十五条5): a redemption whose payments a decision
 * suspends is held out of every new batch until the suspension is lifted; a batch made before the
 * suspension is not recorded as paid while it holds such a redemption (paid whole or not at all).
 * Also the public page's "approved and paid this year" and open notices (第十八条).
 */
import type { Store } from '../../src/store';
import { bj, buildWorld, claim, type World } from '../contracts/world';
import { storeAdapters } from '../support/identity';
import { approveAll, makeExpert, submittedRedemption } from '../review/support';

describe.each(storeAdapters())('suspended payments on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, bj('2026-06-01 10:00'));
  });
  afterEach(() => adapter.cleanup(store));

  test('held out of batches while suspended; a batch holding it is not paid until the suspension is lifted', async () => {
    const { t, admin } = w;
    const experts = [await makeExpert(w, 'p1'), await makeExpert(w, 'p2'), await makeExpert(w, 'p3')];
    const { redemptionId } = await submittedRedemption(w, await claim(w, w.A, 1_000_000), 'HT-2026-201');
    t.clock.set(bj('2026-09-01 09:00'));
    await approveAll(w, experts);
    const notice = (await t.as(admin).post('/api/admin/notices').send({ title: '2026年兑现公示', startDay: '2026-09-07' }).expect(201)).body;

    // During the notice the public page lists it, and counts the approval of this year.
    t.clock.set(bj('2026-09-08 10:00'));
    const during = (await t.as(null).get('/api/public/transparency').expect(200)).body;
    expect(during.notices.map((n: { id: string }) => n.id)).toEqual([notice.id]);
    expect(during.redemptions.approvedThisYear).toEqual({ count: 1, amountFen: 90_000 });

    t.clock.set(bj('2026-09-20 10:00'));
    const payables = async () => (await t.as(admin).get('/api/admin/payables').expect(200)).body.redemptions.map((r: { id: string }) => r.id);
    expect(await payables()).toEqual([redemptionId]);

    const suspend = async () => {
      const c = await t.as(admin).post('/api/admin/supervision/cases').send({ party: { kind: 'open_unit', unitId: w.unitX }, misconduct: [{ kind: 'false_accounts' }], summary: '虚报检测费用' });
      await t.as(admin).post(`/api/admin/supervision/cases/${c.body.id}/decision`).send({ reason: '核查期间暂停拨付', measures: [{ kind: 'suspend_payments' }] }).expect(200);
      return c.body.id as string;
    };
    const lift = (caseId: string) => t.as(admin).post(`/api/admin/supervision/cases/${caseId}/measures`).send({ action: 'lift_suspension' }).expect(200);

    const first = await suspend();
    expect(await payables()).toEqual([]);
    expect((await t.as(admin).post('/api/admin/payment-batches').send({ title: '第1批' })).status).toBe(409);
    await lift(first);
    expect(await payables()).toEqual([redemptionId]);
    const batch = (await t.as(admin).post('/api/admin/payment-batches').send({ title: '第1批' }).expect(201)).body;

    // Suspended after the batch was made: the batch is not recorded as paid (whole or not at all).
    const second = await suspend();
    const refused = await t.as(admin).post(`/api/admin/payment-batches/${batch.id}/paid`).send({ reference: 'CZ-1' });
    expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 409, code: 'PAYMENTS_SUSPENDED' });
    expect(refused.body.error.details.caseId).toBe(second);
    expect((await t.as(w.A).get('/api/vouchers').expect(200)).body.vouchers[0].status).toBe('payable');
    await lift(second);
    await t.as(admin).post(`/api/admin/payment-batches/${batch.id}/paid`).send({ reference: 'CZ-1' }).expect(200);
    expect((await t.as(w.A).get('/api/vouchers').expect(200)).body.vouchers[0].status).toBe('paid');

    t.clock.advance(61_000);
    expect((await t.as(null).get('/api/public/transparency').expect(200)).body.redemptions.paidThisYear).toEqual({ count: 1, amountFen: 90_000 });
  });
});
