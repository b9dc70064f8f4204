/**
 * GET /api/admin/stats (第八条: administrators supervise): vouchers by status with their amounts and, per
 * period, claimed and void against quota and remaining (第十二条). Statuses are derived like GET
 * /api/vouchers derives them (第十五条2: an unregistered voucher is void after 15 days, sweeper or not).
 * Over HTTP on every store adapter, with the contract suites' world (contracts/world.ts).
 */
import { VOID_REASONS, VOUCHER_STATUSES, type AdminStats, type VoucherStatus } from '@kcq/shared';
import type { Store } from '../src/store';
import { storeAdapters } from './support/identity';
import { bj, buildWorld, claim, propose, terms, type World } from './contracts/world';

describe.each(storeAdapters())('administrators’ statistics over HTTP on $name', (adapter) => {
  let store: Store;
  let w: World;
  beforeEach(async () => {
    store = await adapter.open();
    w = await buildWorld(store, bj('2026-06-01 10:00'));
  });
  afterEach(() => adapter.cleanup(store));

  const stats = async () => (await w.t.as(w.admin).get('/api/admin/stats').expect(200)).body as AdminStats;
  const status = (s: AdminStats) =>
    Object.fromEntries(s.vouchers.byStatus.filter((f) => f.count > 0).map((f) => [f.status, [f.count, f.amountFen]])) as Partial<
      Record<VoucherStatus, [number, number]>
    >;

  test('nothing claimed yet: every status and void reason listed with zeros, every period with its whole quota', async () => {
    const s = await stats();
    expect(s.generatedAt).toBe(bj('2026-06-01 10:00').toISOString());
    expect(s.vouchers.total).toEqual({ count: 0, amountFen: 0 });
    expect(s.vouchers.byStatus.map((f) => f.status)).toEqual([...VOUCHER_STATUSES]);
    expect(s.vouchers.voidByReason.map((f) => f.reason)).toEqual([...VOID_REASONS]);
    expect(s.periods).toEqual([
      {
        periodId: w.period,
        name: '合同测试期',
        opensAt: bj('2026-06-01 09:00').toISOString(),
        quotaFen: 100_000_000,
        remainingFen: 100_000_000,
        vouchersClaimed: 0,
        fenClaimed: 0,
        vouchersVoid: 0,
        fenVoid: 0,
      },
    ]);
  });

  test('claims, a registered voucher and a cancelled (void) one; 15 days on the unregistered ones read void before any sweep', async () => {
    const { t, A, B, X, admin } = w;
    // A second, later period with nothing claimed: listed first (newest first), all zeros.
    const later = await t
      .as(admin)
      .post('/api/admin/periods')
      .send({ name: '下一期', opensAt: '2026-07-01T01:00:00Z', closesAt: '2026-07-08T01:00:00Z', quotaFen: 50_000_000 })
      .expect(201);

    const v1 = await claim(w, A, 1_000_000);
    const v2 = await claim(w, A, 2_000_000);
    await claim(w, A, 3_000_000);
    await claim(w, B, 500_000);
    // v1: proposed and confirmed by unit X = contract registration (第十五条2).
    const proposal = (await propose(w, v1).expect(201)).body.id as string;
    t.clock.set(bj('2026-06-02 15:00'));
    await t.as(X).post(`/api/contracts/${proposal}/confirm`).send(terms()).expect(200);
    // v2: given up by its applicant: void(cancelled), amount released.
    await t.as(A).post(`/api/vouchers/${v2}/cancel`).send({ reason: '项目调整' }).expect(200);

    const s = await stats();
    expect(status(s)).toEqual({ claimed: [2, 3_500_000], registered: [1, 1_000_000], void: [1, 2_000_000] });
    expect(s.vouchers.total).toEqual({ count: 4, amountFen: 6_500_000 });
    expect(s.vouchers.voidByReason.find((f) => f.reason === 'cancelled')).toEqual({ reason: 'cancelled', count: 1, amountFen: 2_000_000 });
    expect(s.vouchers.voidByReason.reduce((n, f) => n + f.count, 0)).toBe(1);
    expect(s.periods.map((p) => p.periodId)).toEqual([later.body.id, w.period]);
    expect(s.periods[0]).toMatchObject({ name: '下一期', quotaFen: 50_000_000, remainingFen: 50_000_000, vouchersClaimed: 0, fenClaimed: 0 });
    const period = s.periods[1];
    expect(period).toMatchObject({ quotaFen: 100_000_000, vouchersClaimed: 4, fenClaimed: 6_500_000, vouchersVoid: 1, fenVoid: 2_000_000 });
    // The live remaining quota agrees with GET /api/periods/:id and, the period being open (a release returns the
    // amount then, docs/claims.md), with what is held: claimed − void (第十二条).
    const live = (await t.as(null).get(`/api/periods/${w.period}`).expect(200)).body.period.remainingFen as number;
    expect(period.remainingFen).toBe(live);
    expect(period.quotaFen - period.remainingFen).toBe(period.fenClaimed - period.fenVoid);

    // 第十五条2: 16 days after the claim day the two unregistered vouchers are void (unregistered_expired) — derived,
    // as the applicant's own list shows, though no sweeper has run; the registered one is still registered.
    t.clock.set(bj('2026-06-17 00:00'));
    const derived = await stats();
    expect(status(derived)).toEqual({ registered: [1, 1_000_000], void: [3, 5_500_000] });
    expect(derived.vouchers.voidByReason.filter((f) => f.count > 0)).toEqual([
      { reason: 'unregistered_expired', count: 2, amountFen: 3_500_000 },
      { reason: 'cancelled', count: 1, amountFen: 2_000_000 },
    ]);
    const mine = (await t.as(A).get('/api/vouchers').expect(200)).body.vouchers as { status: string }[];
    expect(mine.map((v) => v.status).sort()).toEqual(['registered', 'void', 'void']);
    expect(derived.periods[1]).toMatchObject({ vouchersClaimed: 4, fenClaimed: 6_500_000, vouchersVoid: 3, fenVoid: 5_500_000 });

    // The sweeper then writes what was derived and releases the amounts: the figures stay, the quota follows.
    expect(await t.services.vouchers.sweepExpired()).toBe(2);
    const swept = await stats();
    expect(swept.vouchers).toEqual(derived.vouchers);
    expect(swept.periods[1].quotaFen - swept.periods[1].remainingFen).toBe(swept.periods[1].fenClaimed - swept.periods[1].fenVoid);
  });

  test('administrators only: 401 without a token, 403 FORBIDDEN for applicants and open-unit staff; in the OpenAPI document', async () => {
    const { t, A, B, X } = w;
    expect((await t.as(null).get('/api/admin/stats')).body.error.code).toBe('UNAUTHENTICATED');
    for (const who of [A, B, X]) {
      const res = await t.as(who).get('/api/admin/stats');
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
      expect(res.body.vouchers).toBeUndefined();
    }
    const doc = (await t.as(null).get('/api/openapi.json').expect(200)).body;
    const op = doc.paths['/api/admin/stats'].get;
    expect(op['x-auth'].policy).toBe('admin');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(JSON.stringify(op.responses['200'])).toContain('vouchersClaimed');
  });
});
