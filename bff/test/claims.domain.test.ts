/**
 * The claim service over real adapters (embedded store; embedded and Redis inventories):
 * 第十二条 quota and caps, 第七条 eligibility, and the durability promises of a 201.
 */
import { EmbeddedStore } from '../src/store/embedded';
import { EmbeddedInventory } from '../src/inventory/embedded';
import { RedisInventory } from '../src/inventory/redis';
import { ManualClock } from '../src/domain/clock';
import { Periods } from '../src/domain/periods';
import { ClaimService } from '../src/domain/claims';
import { VOUCHERS, type VoucherDoc } from '../src/domain/vouchers';
import { Applicants, type Applicant } from '../src/domain/applicants';
import type { Store } from '../src/store';
import { enterpriseProfile } from './support/identity';
import { REDIS_URL, deletePrefix, redisAvailable, testPrefix } from './support/services';

type Inv = EmbeddedInventory | RedisInventory;
const inventories: { name: string; open(): Promise<Inv>; wipe(i: Inv): Promise<void>; close(i: Inv): Promise<void> }[] = [
  {
    name: 'embedded',
    open: async () => new EmbeddedInventory(),
    wipe: async (i) => void Object.assign(i, new EmbeddedInventory()),
    close: async () => {},
  },
];
if (redisAvailable()) {
  const prefix = testPrefix('claims-domain');
  inventories.push({
    name: 'redis',
    open: () => RedisInventory.connect(REDIS_URL, prefix),
    wipe: (i) => deletePrefix((i as RedisInventory).redis, prefix),
    close: async (i) => {
      await deletePrefix((i as RedisInventory).redis, prefix);
      await i.close();
    },
  });
} else test.skip('claim service on Redis — SKIPPED: Redis does not answer', () => {});

const OPENS = new Date('2026-11-21T02:00:00Z'); // 10:00 Beijing
let seq = 0;
function applicant(over: Partial<Applicant['profile']> = {}): Applicant {
  seq += 1;
  return {
    _id: `app_${String(seq).padStart(16, '0')}`,
    kind: 'enterprise',
    ownerId: `usr_${seq}`,
    profile: enterpriseProfile({ name: `北京示例科技有限公司${seq}`, ...over }) as Applicant['profile'],
    createdAt: OPENS,
    updatedAt: OPENS,
    version: 1,
  };
}

describe.each(inventories)('claim service on the $name inventory', (inv) => {
  let store: Store;
  let inventory: Inv;
  let clock: ManualClock;
  let periods: Periods;
  let claims: ClaimService;
  let periodId: string;

  beforeEach(async () => {
    store = EmbeddedStore.inMemory();
    inventory = await inv.open();
    clock = new ManualClock(new Date(OPENS.getTime() - 60_000));
    periods = new Periods(store, inventory, clock, 0);
    claims = new ClaimService(store, inventory, periods, clock, new Applicants(store, clock));
    await claims.rebuild();
    const p = await periods.create(
      { name: '2026年第四期', opensAt: OPENS, closesAt: new Date(OPENS.getTime() + 86_400_000), quotaFen: 300_000, maxVoucherFen: 5_000_000, perApplicantLimit: 1 },
      'usr_admin',
    );
    periodId = p._id;
    clock.set(new Date(OPENS.getTime() + 1_000));
  });
  afterEach(async () => {
    await inv.close(inventory);
    await store.close();
  });

  const stored = () => store.collection<VoucherDoc>(VOUCHERS).find({});

  test('第十二条: a 201 means the voucher is already in the store, with its 15-day registration deadline (第十五条2)', async () => {
    const a = applicant();
    const v = await claims.claim({ applicant: a, periodId, amountFen: 100_000, idempotencyKey: 'key-00000001' });
    expect(v).toMatchObject({ status: 'claimed', amountFen: 100_000, applicantId: a._id, registrationDeadline: '2026-12-06T15:59:59.999Z' });
    expect((await stored()).map((d) => d._id)).toEqual([v.id]);
    expect((await periods.view(await periods.require(periodId))).remainingFen).toBe(200_000);
    // The outbox entry is acknowledged right after, batched with others on the next tick.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 20));
    expect(await inventory.pendingOutbox(10)).toEqual([]);
  });

  test('a retry with the same Idempotency-Key answers the same voucher and stores nothing new', async () => {
    const a = applicant();
    const first = await claims.claim({ applicant: a, periodId, amountFen: 100_000, idempotencyKey: 'retry-0001' });
    clock.advance(5_000);
    const again = await claims.claim({ applicant: a, periodId, amountFen: 100_000, idempotencyKey: 'retry-0001' });
    expect(again).toEqual(first);
    expect(await stored()).toHaveLength(1);
    await expect(claims.claim({ applicant: a, periodId, amountFen: 200_000, idempotencyKey: 'retry-0001' })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });

  test('第七条: an ineligible applicant is refused with every failed clause and nothing is taken', async () => {
    const err = await claims
      .claim({ applicant: applicant({ employees: 900, priorityField: 'other', otherFieldDescription: '餐饮' } as never), periodId, amountFen: 100_000, idempotencyKey: 'inelig-01' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NOT_ELIGIBLE' });
    expect((err as { details: { failures: { clause: string }[] } }).details.failures.map((f) => f.clause)).toEqual(['第七条第三项', '第七条第五项']);
    expect((await periods.view(await periods.require(periodId))).remainingFen).toBe(300_000);
  });

  test('第十二条: amounts must be whole yuan within 1,000–50,000 yuan and the period maximum', async () => {
    for (const amountFen of [99_900, 100_050, 5_000_100]) {
      await expect(claims.claim({ applicant: applicant(), periodId, amountFen, idempotencyKey: `amt-${amountFen}` })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
  });

  test('发完即止 with the exact refusals: INSUFFICIENT_QUOTA says what remains, then SOLD_OUT', async () => {
    await claims.claim({ applicant: applicant(), periodId, amountFen: 250_000, idempotencyKey: 'big-000001' });
    await expect(claims.claim({ applicant: applicant(), periodId, amountFen: 100_000, idempotencyKey: 'big-000002' })).rejects.toMatchObject({
      code: 'SOLD_OUT',
    });
    expect((await periods.view(await periods.require(periodId))).status).toBe('sold_out');
  });

  test('an accepted claim whose request died before writing is persisted from the outbox', async () => {
    // Simulate the crash window: the decision is taken but the request never wrote the voucher.
    const decision = await inventory.claim({
      periodId,
      applicantId: 'app_orphan000000000001',
      claimId: 'vch_orphan000000000001',
      amountFen: 100_000,
      now: clock.now().getTime(),
      year: 2026,
      perApplicantLimit: 1,
      annualCapFen: 20_000_000,
      minAmountFen: 100_000,
      idempotencyKey: 'orphan-0001',
      requestHash: 'x',
      record: JSON.stringify({ _id: 'vch_orphan000000000001', periodId, applicantId: 'app_orphan000000000001', amountFen: 100_000, status: 'claimed', claimedAt: clock.now() }),
    });
    expect(decision.outcome).toBe('accepted');
    expect(await claims.recoverOutbox()).toBe(0); // too young: its own request may still be writing it
    expect(await claims.recoverOutbox(0)).toBe(1);
    expect((await stored()).map((v) => v._id)).toEqual(['vch_orphan000000000001']);
    expect(await inventory.pendingOutbox(10)).toEqual([]);
  });

  test('after the inventory loses its state, the next claim rebuilds it from the store: no oversell', async () => {
    await claims.claim({ applicant: applicant(), periodId, amountFen: 200_000, idempotencyKey: 'pre-000001' });
    await inv.wipe(inventory);
    expect(await inventory.isReady()).toBe(false);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => claims.claim({ applicant: applicant(), periodId, amountFen: 100_000, idempotencyKey: `post-${i}000000` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const vouchers = await stored();
    expect(vouchers.reduce((s, v) => s + v.amountFen, 0)).toBe(300_000);
    expect((await periods.view(await periods.require(periodId))).remainingFen).toBe(0);
  });
});
