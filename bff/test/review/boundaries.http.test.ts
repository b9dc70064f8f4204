/**
 * Boundaries of 第十五条5 over HTTP: an open objection holds an item past the notice's end (not payable until
 * resolved); an upheld objection sends the redemption back to review and the notice says so; objections
 * only from the start day to the end day inclusive (Beijing); a Q4 decision rolls to next year's funds.
 */
import type { Store } from '../../src/store';
import { storeAdapters } from '../support/identity';
import { bj, buildWorld, claim, type World } from '../contracts/world';
import { approveAll, makeExpert, submittedRedemption, type ExpertSession } from './support';

describe.each(storeAdapters())('public notice and payment boundaries on $name', (adapter) => {
  let store: Store;
  let w: World;
  let experts: ExpertSession[];
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, bj('2026-06-01 10:00'));
    experts = [await makeExpert(w, 'e1'), await makeExpert(w, 'e2'), await makeExpert(w, 'e3')];
  });
  afterEach(() => adapter.cleanup(store));

  async function noticed(startDay: string, decideAt: Date, n = 1) {
    const { t, A, admin } = w;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await submittedRedemption(w, await claim(w, A, 500_000), `HT-${i}`)).redemptionId);
    t.clock.set(decideAt);
    await approveAll(w, experts);
    const notice = (await t.as(admin).post('/api/admin/notices').send({ title: '公示', startDay }).expect(201)).body;
    return { ids, notice };
  }

  test('第十五条5: objections are taken from 00:00 of the start day to 23:59:59.999 of the end day, Beijing', async () => {
    const { t, B } = w;
    const { notice } = await noticed('2026-09-21', bj('2026-09-18 10:00'));
    // 2026-09-25 is the Mid-Autumn Festival: Mon 21 … Thu 24, then Mon 28 is the 5th working day.
    expect(notice.endDay).toBe('2026-09-28');
    const item = notice.items[0].id;
    const lodge = () => t.as(B).post(`/api/notices/${notice.id}/items/${item}/objections`).send({ reason: '有疑问' });
    t.clock.set(new Date(bj('2026-09-21 00:00').getTime() - 1));
    expect((await lodge()).body.error.code).toBe('NOTICE_NOT_OPEN');
    t.clock.set(bj('2026-09-21 00:00'));
    expect((await lodge()).status).toBe(201);
    t.clock.set(new Date(bj('2026-09-29 00:00').getTime() - 1));
    expect((await lodge()).status).toBe(201);
    t.clock.set(bj('2026-09-29 00:00'));
    expect((await lodge()).body.error.code).toBe('NOTICE_NOT_OPEN');
  });

  test('第十五条5: an item with an open objection is held past the end day; the others become payable; dismissing the last objection releases it', async () => {
    const { t, B, admin } = w;
    const { ids, notice } = await noticed('2026-09-21', bj('2026-09-18 10:00'), 2);
    const [held, free] = notice.items;
    t.clock.set(bj('2026-09-22 10:00'));
    const o1 = (await t.as(B).post(`/api/notices/${notice.id}/items/${held.id}/objections`).send({ reason: '异议一' }).expect(201)).body;
    const o2 = (await t.as(w.A).post(`/api/notices/${notice.id}/items/${held.id}/objections`).send({ reason: '异议二' }).expect(201)).body;
    t.clock.set(bj('2026-09-29 10:00'));
    const payable = async () => (await t.as(admin).get('/api/admin/payables').expect(200)).body.redemptions.map((r: { id: string }) => r.id);
    // The notice ended (2026-09-28): only the item without an objection is payable.
    expect(await payable()).toHaveLength(1);
    expect((await t.as(null).get(`/api/notices/${notice.id}`).expect(200)).body.items.find((i: { id: string }) => i.id === free.id).status).toBe('cleared');
    // One of two objections dismissed: still held.
    await t.as(admin).post(`/api/admin/objections/${o1.id}/resolve`).send({ outcome: 'dismissed', reason: '不成立' }).expect(200);
    expect(await payable()).toHaveLength(1);
    expect((await t.as(null).get(`/api/notices/${notice.id}`).expect(200)).body.items.find((i: { id: string }) => i.id === held.id).status).toBe('held');
    // The last one dismissed after the end: payable at once.
    await t.as(admin).post(`/api/admin/objections/${o2.id}/resolve`).send({ outcome: 'dismissed', reason: '不成立' }).expect(200);
    expect((await payable()).sort()).toEqual([...ids].sort());
    const again = await t.as(admin).post(`/api/admin/objections/${o2.id}/resolve`).send({ outcome: 'upheld', reason: '改判' });
    expect([again.status, again.body.error.code]).toEqual([409, 'OBJECTION_STATE']);
  });

  test('第十五条5: an upheld objection sends the redemption back to review; the notice says so; a new decision is needed', async () => {
    const { t, A, B, admin } = w;
    const { ids, notice } = await noticed('2026-09-21', bj('2026-09-18 10:00'));
    t.clock.set(bj('2026-09-22 10:00'));
    const o = (await t.as(B).post(`/api/notices/${notice.id}/items/${notice.items[0].id}/objections`).send({ reason: '服务未实际发生' }).expect(201)).body;
    await t.as(admin).post(`/api/admin/objections/${o.id}/resolve`).send({ outcome: 'upheld', reason: '经核查服务记录不全' }).expect(200);
    expect((await t.as(null).get(`/api/notices/${notice.id}`).expect(200)).body.items[0]).toMatchObject({ status: 'withdrawn', statusLabel: '异议成立，退回评审' });
    expect((await t.as(A).get('/api/vouchers').expect(200)).body.vouchers[0].status).toBe('under_review');
    t.clock.set(bj('2026-10-12 10:00'));
    expect((await t.as(admin).get('/api/admin/payables').expect(200)).body.redemptions).toEqual([]);
    // Back in its round: the earlier decision is set aside and a new one can be taken.
    const round = (await t.as(admin).get('/api/admin/review-rounds').expect(200)).body.rounds[0];
    const item = (await t.as(admin).get(`/api/admin/review-rounds/${round.id}`).expect(200)).body.items[0];
    expect([item.redemptionId, item.decision, item.earlierDecisions.length]).toEqual([ids[0], null, 1]);
    await t.as(admin).post(`/api/admin/review-items/${item.id}/decision`).send({ decision: 'reject', reason: '异议成立，服务记录不全' }).expect(200);
    expect((await t.as(A).get('/api/vouchers').expect(200)).body.vouchers[0].status).toBe('rejected');
  });

  test.each([
    ['2026-09-30 23:59:59', 2026, 'a Q3 decision (last second of September, Beijing) is paid from this year'],
    ['2026-10-01 00:00:00', 2027, 'a Q4 decision (first second of October, Beijing) rolls to next year'],
  ])('第十五条5: decided %s → funds of %i (%s)', async (decidedAt, year) => {
    const { t, admin } = w;
    const { ids } = await noticed('2026-10-12', bj(decidedAt));
    t.clock.set(bj('2026-12-31 10:00'));
    if (year === 2026) {
      expect((await t.as(admin).post('/api/admin/payment-batches').send({ title: '年末批次' }).expect(201)).body).toMatchObject({ fundsYear: 2026 });
      return;
    }
    // In 2026 the Q4 decision is payable but not due: not taken by a batch of 2026's funds.
    expect((await t.as(admin).get('/api/admin/payables').expect(200)).body.redemptions.map((r: { paymentYear: number }) => r.paymentYear)).toEqual([2027]);
    const none = await t.as(admin).post('/api/admin/payment-batches').send({ title: '年末批次' });
    expect([none.status, none.body.error.code]).toEqual([409, 'NOTHING_PAYABLE']);
    const named = await t.as(admin).post('/api/admin/payment-batches').send({ title: '年末批次', redemptionIds: ids });
    expect([named.status, named.body.error.code, named.body.error.details.paymentYear]).toEqual([409, 'PAYMENT_NOT_DUE', 2027]);
    t.clock.set(bj('2027-01-04 09:00'));
    expect((await t.as(admin).post('/api/admin/payment-batches').send({ title: '2027年第1批' }).expect(201)).body).toMatchObject({ fundsYear: 2027, totalFen: 90_000 });
  });
});
