/**
 * 第十五条2、3: every deadline one second before and one second after, over HTTP with a ManualClock. Status
 * is derived on read (void without any job); the sweeper then materialises it and releases the amount once,
 * even when run twice and concurrently by two instances sharing the store and the inventory.
 */
import { deadlines, registrationDeadline, redemptionDeadline, validityEndDay } from '@kcq/shared';
import type { Store } from '../../src/store';
import { identityApp, storeAdapters } from '../support/identity';
import { bj, buildWorld, claim, PDF, propose, terms, type World } from './world';

const SECOND = 1000;

describe.each(storeAdapters())('deadlines and the sweeper on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, bj('2026-06-01 10:00'));
  });
  afterEach(() => adapter.cleanup(store));

  const remaining = async () => (await w.t.as(null).get(`/api/periods/${w.period}`).expect(200)).body.period.remainingFen as number;
  const voucherStatus = async (id: string) =>
    ((await w.t.as(w.A).get('/api/vouchers').expect(200)).body.vouchers as { id: string; status: string; voidReason: string | null }[]).find((v) => v.id === id);

  /** A second services instance on the same store, inventory and clock (another BFF process). */
  const secondInstance = () => identityApp({ store, clock: w.t.clock, over: { inventory: w.t.deps.inventory } }).services;

  test('registration (15 days): confirming one second before the deadline works; one second after the voucher is void, without any job', async () => {
    const { t, A, X } = w;
    const early = await claim(w, A);
    const late = await claim(w, A);
    const deadline = registrationDeadline(bj('2026-06-01 10:00'));
    expect(deadline.toISOString()).toBe(bj('2026-06-16 23:59:59.999').toISOString());
    const c1 = (await propose(w, early).expect(201)).body.id;
    const c2 = (await propose(w, late).expect(201)).body.id;
    t.clock.set(new Date(deadline.getTime() - SECOND));
    await t.as(X).post(`/api/contracts/${c1}/confirm`).send(terms({ startDay: '2026-06-16', endDay: '2026-08-31' })).expect(200);
    t.clock.set(new Date(deadline.getTime() + SECOND));
    const refused = await t.as(X).post(`/api/contracts/${c2}/confirm`).send(terms({ startDay: '2026-06-17', endDay: '2026-08-31' }));
    expect([refused.status, refused.body.error.code]).toEqual([409, 'REGISTRATION_DEADLINE_PASSED']);
    // Derived on read: void and lapsed before anything swept.
    expect(await voucherStatus(late)).toMatchObject({ status: 'void', voidReason: 'unregistered_expired' });
    expect((await t.as(X).get(`/api/contracts/${c2}`).expect(200)).body.status).toBe('lapsed');
    expect(await voucherStatus(early)).toMatchObject({ status: 'registered' });
    const another = await claim(w, A);
    t.clock.set(new Date(registrationDeadline(t.clock.now()).getTime() + SECOND));
    const tooLate = await propose(w, another);
    expect([tooLate.status, tooLate.body.error.code]).toEqual([409, 'REGISTRATION_DEADLINE_PASSED']);
  });

  test('validity (3 months): the contract may end on the last valid day, not one day later', async () => {
    const { t, A, X } = w;
    const id = (await propose(w, await claim(w, A)).expect(201)).body.id;
    t.clock.set(bj('2026-06-05 09:00'));
    const lastDay = validityEndDay(t.clock.now());
    expect(lastDay).toBe('2026-09-05');
    const over = await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms({ endDay: '2026-09-06' }));
    expect([over.status, over.body.error.code]).toEqual([422, 'CONTRACT_END_OUT_OF_RANGE']);
    const ok = await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms({ endDay: lastDay })).expect(200);
    expect(ok.body.voucher.validUntil).toBe(bj('2026-09-05 23:59:59.999').toISOString());
    const amend = await t.as(X).post(`/api/contracts/${id}/amend`).send({ endDay: '2026-09-06' });
    expect([amend.status, amend.body.error.code]).toEqual([422, 'CONTRACT_END_OUT_OF_RANGE']);
  });

  test('redemption (1 month after the contract ends): one second before works, one second after is void; the sweeper releases once', async () => {
    const { t, A, X, admin } = w;
    const onTime = await claim(w, A, 1_000_000);
    const lateV = await claim(w, A, 2_000_000);
    const ids: string[] = [];
    for (const v of [onTime, lateV]) {
      const id = (await propose(w, v).expect(201)).body.id as string;
      await t.as(X).post(`/api/contracts/${id}/confirm`).send(terms({ contractNo: `HT-${v}`, endDay: '2026-07-31' })).expect(200);
      ids.push(id);
    }
    const evidenceOf = async (id: string) =>
      (await t.as(X).post(`/api/contracts/${id}/evidence`).attach('files', PDF, { filename: 'r.pdf', contentType: 'application/pdf' }).expect(201)).body.evidence[0].id;
    const evs = [await evidenceOf(ids[0]), await evidenceOf(ids[1])];
    const deadline = redemptionDeadline('2026-07-31');
    expect(deadline.toISOString()).toBe(bj('2026-08-31 23:59:59.999').toISOString());

    t.clock.set(new Date(deadline.getTime() - SECOND));
    await t.as(X).post(`/api/contracts/${ids[0]}/redemption`).send({ actualAmountFen: 200_000, report: '完成', evidenceIds: [evs[0]] }).expect(201);
    t.clock.set(new Date(deadline.getTime() + SECOND));
    const late = await t.as(X).post(`/api/contracts/${ids[1]}/redemption`).send({ actualAmountFen: 200_000, report: '完成', evidenceIds: [evs[1]] });
    expect([late.status, late.body.error.code]).toEqual([409, 'REDEMPTION_DEADLINE_PASSED']);

    // Void on read, no job has run; the amount is not yet released.
    expect(await voucherStatus(lateV)).toMatchObject({ status: 'void', voidReason: 'redemption_late' });
    expect(await voucherStatus(onTime)).toMatchObject({ status: 'redemption_applied' });
    const before = await remaining();

    // The sweeper, twice at once on two instances, then again: one void, one release, one audit entry.
    const other = secondInstance();
    const counts = await Promise.all([t.services.sweeper.sweep(), other.sweeper.sweep()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await t.services.sweeper.sweep()).toBe(0);
    expect(await remaining()).toBe(before + 2_000_000);
    const stored = await t.services.vouchers.get(lateV);
    expect(stored).toMatchObject({ status: 'void', voidReason: 'redemption_late' });
    const audit = (await t.as(admin).get(`/api/admin/vouchers/${lateV}/audit`).expect(200)).body;
    expect(audit.entries.filter((e: { event: string }) => e.event === 'expire_redemption')).toEqual([
      expect.objectContaining({ subject: 'voucher', role: 'system', actorId: 'system', from: 'registered', to: 'void' }),
    ]);
    expect(audit.report.ok).toBe(true);
    // The applied one is untouched by the sweep.
    expect((await t.services.vouchers.get(onTime))?.status).toBe('redemption_applied');
  });

  test('the registration expiry is swept once too, and lapses the pending proposal', async () => {
    const { t, A, X } = w;
    const v = await claim(w, A, 3_000_000);
    const id = (await propose(w, v).expect(201)).body.id;
    const before = await remaining();
    t.clock.set(new Date(registrationDeadline(bj('2026-06-01 10:00')).getTime() - SECOND));
    expect(await t.services.sweeper.sweep()).toBe(0);
    t.clock.set(new Date(registrationDeadline(bj('2026-06-01 10:00')).getTime() + SECOND));
    const other = secondInstance();
    // A second call on the same instance while one runs joins it (same answer); the other instance loses the race.
    const [a, b, joined] = await Promise.all([t.services.sweeper.sweep(), other.sweeper.sweep(), t.services.sweeper.sweep()]);
    expect(a + b).toBe(1);
    expect(joined).toBe(a);
    expect(await other.sweeper.sweep()).toBe(0);
    expect(await remaining()).toBe(before + 3_000_000);
    const c = (await t.as(X).get(`/api/contracts/${id}`).expect(200)).body;
    expect(c.status).toBe('lapsed');
    const stored = await t.services.contracts.get(id);
    expect(stored?.status).toBe('lapsed');
    expect(stored?.activeVoucherId).toBeUndefined();
    expect(deadlines((await t.services.vouchers.get(v))!, t.clock.now()).next).toBeNull();
  });
});
