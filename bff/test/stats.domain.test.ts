/**
 * AdminStatistics on the store port with a ManualClock: statuses derived with the policy rules (第十五条),
 * also when a remembered derivation must not be reused — a deadline crossed to the millisecond, the clock
 * moved back, the stored facts changed — and over more vouchers than one slice of the tally.
 */
import { deriveStatus, type AdminStats, type VoucherStatus } from '@kcq/shared';
import { ManualClock } from '../src/domain/clock';
import { PERIODS, type Period } from '../src/domain/periods';
import { AdminStatistics } from '../src/domain/stats';
import { VOUCHERS, type VoucherDoc } from '../src/domain/vouchers';
import { EmbeddedStore } from '../src/store/embedded';

const bj = (local: string) => new Date(`${local.replace(' ', 'T')}+08:00`);

function world(start: Date) {
  const store = EmbeddedStore.inMemory();
  const clock = new ManualClock(start);
  const remaining = new Map<string, number>();
  const stats = new AdminStatistics(store, clock, { remaining: async (id: string) => remaining.get(id) ?? null });
  const vouchers = store.collection<VoucherDoc>(VOUCHERS);
  const periods = store.collection<Period>(PERIODS);
  let n = 0;
  const voucher = (over: Partial<VoucherDoc>): VoucherDoc => ({
    _id: `v_${String(++n).padStart(6, '0')}`,
    periodId: 'per_a',
    applicantId: `ap_${n}`,
    amountFen: 100_000,
    status: 'claimed',
    claimedAt: bj('2026-06-01 10:00'),
    ...over,
  });
  return { store, clock, remaining, stats, vouchers, periods, voucher };
}

const counts = (s: AdminStats) =>
  Object.fromEntries(s.vouchers.byStatus.filter((f) => f.count > 0).map((f) => [f.status, f.count])) as Partial<Record<VoucherStatus, number>>;

test('第十五条2: claimed on 06-01 is claimed through 06-16 23:59:59.999 Beijing and void one millisecond later; moving the clock back undoes it', async () => {
  const w = world(bj('2026-06-01 10:00'));
  await w.vouchers.insert(w.voucher({}));
  expect(counts(await w.stats.compute())).toEqual({ claimed: 1 });
  w.clock.set(bj('2026-06-16 23:59:59.999'));
  expect(counts(await w.stats.compute())).toEqual({ claimed: 1 });
  w.clock.advance(1);
  const after = await w.stats.compute();
  expect(counts(after)).toEqual({ void: 1 });
  expect(after.vouchers.voidByReason.find((f) => f.reason === 'unregistered_expired')?.count).toBe(1);
  // A clock set back (tests, a corrected host clock) gets the status of that instant, not a remembered one.
  w.clock.set(bj('2026-06-10 12:00'));
  expect(counts(await w.stats.compute())).toEqual({ claimed: 1 });
});

test('第十五条2、3: registered — void(redemption_late) after the month following the contract end; a changed contract end is re-derived', async () => {
  const w = world(bj('2026-06-05 10:00'));
  const v = w.voucher({ status: 'registered', registeredAt: bj('2026-06-03 15:00'), contractEndDay: '2026-07-31' });
  await w.vouchers.insert(v);
  expect(counts(await w.stats.compute())).toEqual({ registered: 1 });
  w.clock.set(bj('2026-09-01 00:00'));
  expect(counts(await w.stats.compute())).toEqual({ void: 1 });
  // An amendment moves the contract end (the stored facts change): derived again, live again.
  await w.vouchers.updateOne({ _id: v._id }, { $set: { contractEndDay: '2026-08-15' } });
  expect(counts(await w.stats.compute())).toEqual({ registered: 1 });
  // A stored terminal status is its own answer.
  await w.vouchers.updateOne({ _id: v._id }, { $set: { status: 'redemption_applied', redemptionAppliedAt: bj('2026-09-01 00:00') } });
  expect(counts(await w.stats.compute())).toEqual({ redemption_applied: 1 });
});

test('thousands of vouchers across slices: every status tallied as deriveStatus says, per period claimed and void, live remaining from the inventory', async () => {
  const w = world(bj('2026-06-20 09:00'));
  const now = w.clock.now();
  await w.periods.insert({
    _id: 'per_a',
    name: '一期',
    opensAt: bj('2026-06-01 09:00'),
    closesAt: bj('2026-07-01 09:00'),
    quotaFen: 10_000_000_000,
    maxVoucherFen: 5_000_000,
    perApplicantLimit: 1,
    closedAt: null,
    createdBy: 'u_admin',
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  w.remaining.set('per_a', 123_400);
  const statuses: VoucherStatus[] = ['claimed', 'registered', 'paid', 'void', 'rejected'];
  const docs: VoucherDoc[] = [];
  for (let i = 0; i < 5_500; i++) {
    const status = statuses[i % statuses.length];
    docs.push(
      w.voucher({
        periodId: i % 2 ? 'per_a' : 'per_gone',
        status,
        amountFen: 100_000 + (i % 7) * 100,
        claimedAt: new Date(bj('2026-06-01 09:00').getTime() + i * 300_000),
        ...(status === 'void' ? { voidReason: 'cancelled' as const } : {}),
        ...(status !== 'claimed' ? { registeredAt: bj('2026-06-10 10:00'), contractEndDay: '2026-06-30' } : {}),
      }),
    );
  }
  await w.vouchers.insertMissing(docs);
  const expected = new Map<VoucherStatus, { count: number; amountFen: number }>();
  for (const d of docs) {
    const s = deriveStatus(d, now).status;
    const e = expected.get(s) ?? { count: 0, amountFen: 0 };
    expected.set(s, { count: e.count + 1, amountFen: e.amountFen + d.amountFen });
  }
  for (let round = 0; round < 2; round++) {
    const s = await w.stats.compute();
    for (const f of s.vouchers.byStatus) expect({ status: f.status, count: f.count, amountFen: f.amountFen }).toEqual({ status: f.status, ...(expected.get(f.status) ?? { count: 0, amountFen: 0 }) });
    expect(s.vouchers.total.count).toBe(5_500);
    // Only periods that exist are listed; the vouchers of an unknown one still count by status.
    expect(s.periods).toHaveLength(1);
    const inA = docs.filter((d) => d.periodId === 'per_a');
    expect(s.periods[0]).toMatchObject({
      periodId: 'per_a',
      remainingFen: 123_400,
      vouchersClaimed: inA.length,
      fenClaimed: inA.reduce((x, d) => x + d.amountFen, 0),
      vouchersVoid: inA.filter((d) => deriveStatus(d, now).status === 'void').length,
    });
  }
  // Two polls at once share one computation.
  const [a, b] = [w.stats.compute(), w.stats.compute()];
  expect(a).toBe(b);
  await a;
});
