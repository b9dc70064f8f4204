/**
 * The flash claim over HTTP against real Redis (第十二条 发完即止, annual cap; 第十五条1):
 * no oversell, no lost claim, idempotent retries, recovery after Redis loses its data.
 */
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { listen, type RunningServer } from '../src/server';
import { EmbeddedStore } from '../src/store/embedded';
import { RedisInventory } from '../src/inventory/redis';
import { servicesFor } from '../src/app';
import { VOUCHERS, type VoucherDoc } from '../src/domain/vouchers';
import type { Services } from '../src/domain/services';
import { seedClaimants, type Claimant } from './support/claimants';
import { client } from './support/http';
import { REDIS_URL, deletePrefix, redisAvailable, testPrefix } from './support/services';

const SECRET = 'claim-http-test-secret-0123456789';
const YUAN = 100;
const run = redisAvailable() ? describe : describe.skip;
if (!redisAvailable()) test.skip('flash claim over HTTP on Redis — SKIPPED: Redis does not answer', () => {});

jest.setTimeout(120_000);

run('flash claim over HTTP on Redis', () => {
  let store: EmbeddedStore;
  let inventory: RedisInventory;
  let services: Services;
  let server: RunningServer;
  let http: ReturnType<typeof client>;
  let prefix: string;

  beforeEach(async () => {
    prefix = testPrefix('claim-http');
    store = EmbeddedStore.inMemory();
    inventory = await RedisInventory.connect(REDIS_URL, prefix);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: SECRET, H5_DIR: '/nonexistent' });
    const deps = { config, logger: createLogger('silent'), store, inventory };
    services = servicesFor(deps);
    await services.claims.rebuild();
    server = await listen(createApp({ ...deps, services }), { host: '127.0.0.1', port: 0, logger: deps.logger });
    http = client(server.url, 64);
  });
  afterEach(async () => {
    http.close();
    await server.close(1_000);
    await deletePrefix(inventory.redis, prefix);
    await inventory.close();
    await store.close();
  });

  async function openPeriod(quotaFen: number, extra: { perApplicantLimit?: number; maxVoucherFen?: number } = {}) {
    const now = Date.now();
    return services.periods.create(
      {
        name: '压测期',
        opensAt: new Date(now - 60_000),
        closesAt: new Date(now + 3_600_000),
        quotaFen,
        maxVoucherFen: extra.maxVoucherFen ?? 5_000_000,
        perApplicantLimit: extra.perApplicantLimit ?? 1,
      },
      'u_admin',
    );
  }

  const claim = (c: Claimant, periodId: string, amountFen: number, key: string) =>
    http.send('POST', `/api/periods/${periodId}/claims`, { token: c.token, body: { amountFen }, headers: { 'Idempotency-Key': key } });

  const storedVouchers = () => store.collection<VoucherDoc>(VOUCHERS).find({});

  test('5,000 distinct applicants at once on a quota of 1,000 vouchers: exactly 1,000 exist, their sum is the quota, store and Redis agree', async () => {
    const amount = 1_000 * YUAN;
    const period = await openPeriod(1_000 * amount);
    const claimants = await seedClaimants(store, 5_000, { secret: SECRET });
    const answers = await Promise.all(claimants.map((c, i) => claim(c, period._id, amount, `burst-${i}-key`)));

    const accepted = answers.filter((a) => a.status === 201);
    expect(accepted).toHaveLength(1_000);
    const refusedCodes = new Set(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body.error.code}`));
    expect([...refusedCodes].every((c) => c === '409 SOLD_OUT' || c === '409 INSUFFICIENT_QUOTA')).toBe(true);

    const vouchers = await storedVouchers();
    expect(vouchers).toHaveLength(1_000);
    expect(vouchers.reduce((s, v) => s + v.amountFen, 0)).toBe(period.quotaFen);
    expect(new Set(vouchers.map((v) => v.applicantId)).size).toBe(1_000);
    expect(new Set(vouchers.map((v) => v._id))).toEqual(new Set(accepted.map((a) => a.body.id)));
    expect(await inventory.remaining(period._id)).toBe(period.quotaFen - vouchers.reduce((s, v) => s + v.amountFen, 0));
    expect(await inventory.pendingOutbox(10)).toEqual([]);
    const polled = await http.send('GET', `/api/periods/${period._id}`);
    expect(polled.body.period).toMatchObject({ status: 'sold_out', remainingFen: 0 });
  });

  test('idempotency: the same key sent 20 times at once gives one voucher and 20 identical answers', async () => {
    const period = await openPeriod(100_000 * YUAN);
    const [c] = await seedClaimants(store, 1, { secret: SECRET });
    const answers = await Promise.all(Array.from({ length: 20 }, () => claim(c, period._id, 5_000 * YUAN, 'same-key-20x')));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(await storedVouchers()).toHaveLength(1);
    const reused = await claim(c, period._id, 6_000 * YUAN, 'same-key-20x');
    expect({ status: reused.status, code: reused.body.error.code }).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    const missing = await http.send('POST', `/api/periods/${period._id}/claims`, { token: c.token, body: { amountFen: 100_000 } });
    expect({ status: missing.status, code: missing.body.error.code }).toEqual({ status: 400, code: 'IDEMPOTENCY_KEY_REQUIRED' });
  });

  test('Redis flushed mid-period: the counters are rebuilt from the store and nothing is oversold', async () => {
    const amount = 1_000 * YUAN;
    const period = await openPeriod(400 * amount);
    const first = await seedClaimants(store, 300, { secret: SECRET });
    const a1 = await Promise.all(first.map((c, i) => claim(c, period._id, amount, `before-flush-${i}`)));
    expect(a1.filter((a) => a.status === 201)).toHaveLength(300);

    await deletePrefix(inventory.redis, prefix);
    expect(await inventory.isReady()).toBe(false);

    const second = await seedClaimants(store, 300, { secret: SECRET, offset: 300 });
    const a2 = await Promise.all(second.map((c, i) => claim(c, period._id, amount, `after-flush-${i}`)));
    expect(a2.filter((a) => a.status === 201)).toHaveLength(100);
    expect(a2.filter((a) => a.status === 409 && a.body.error.code === 'SOLD_OUT')).toHaveLength(200);
    const vouchers = await storedVouchers();
    expect(vouchers.reduce((s, v) => s + v.amountFen, 0)).toBe(period.quotaFen);
    expect(await inventory.remaining(period._id)).toBe(0);
    // An applicant of the first burst still cannot claim twice: the per-period count was rebuilt too.
    const twice = await claim(first[0], period._id, amount, 'second-try-after-flush');
    expect(twice.body.error.code).toBe('ALREADY_CLAIMED');
  });

  test('第十二条: the annual cap holds across two periods, and a void voucher releases it', async () => {
    const p1 = await openPeriod(1_000_000 * YUAN, { perApplicantLimit: 10 });
    const p2 = await openPeriod(1_000_000 * YUAN, { perApplicantLimit: 10 });
    const [team] = await seedClaimants(store, 1, { secret: SECRET }); // a team: 200,000 yuan a year
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const a = await claim(team, p1._id, 50_000 * YUAN, `cap-p1-${i}-key`);
      expect(a.status).toBe(201);
      ids.push(a.body.id);
    }
    const over = await claim(team, p2._id, 1_000 * YUAN, 'cap-p2-over');
    expect({ status: over.status, code: over.body.error.code, allowance: over.body.error.details.allowanceFen }).toEqual({
      status: 422,
      code: 'ANNUAL_CAP_EXCEEDED',
      allowance: 0,
    });

    const cancelled = await http.send('POST', `/api/vouchers/${ids[0]}/cancel`, { token: team.token, body: {} });
    expect(cancelled.body).toMatchObject({ status: 'void', voidReason: 'cancelled' });
    // Released to the annual usage; p1 is still open, so its quota got the amount back too.
    expect(await inventory.remaining(p1._id)).toBe(p1.quotaFen - 3 * 50_000 * YUAN);
    const now = await claim(team, p2._id, 50_000 * YUAN, 'cap-p2-after-void');
    expect(now.status).toBe(201);
    const mine = await http.send('GET', '/api/vouchers', { token: team.token });
    expect(mine.body.vouchers.map((v: { status: string }) => v.status).sort()).toEqual(['claimed', 'claimed', 'claimed', 'claimed', 'void']);
  });

  test('refusals over HTTP: not open, already claimed, insufficient quota, not eligible, bad amount', async () => {
    const now = Date.now();
    const upcoming = await services.periods.create(
      { name: '未开放', opensAt: new Date(now + 3_600_000), closesAt: new Date(now + 7_200_000), quotaFen: 10_000_000, maxVoucherFen: 2_000_000, perApplicantLimit: 1 },
      'u_admin',
    );
    const open = await openPeriod(1_500 * YUAN);
    const [a, b] = await seedClaimants(store, 2, { secret: SECRET });
    const codeOf = async (p: Promise<{ status: number; body: any }>) => {
      const r = await p;
      return [r.status, r.body?.error?.code, r.body?.error?.details];
    };
    expect(await codeOf(claim(a, upcoming._id, 1_000 * YUAN, 'not-open-key'))).toEqual([409, 'PERIOD_NOT_OPEN', undefined]);
    expect((await claim(a, open._id, 1_000 * YUAN, 'first-claim-key')).status).toBe(201);
    expect(await codeOf(claim(a, open._id, 1_000 * YUAN, 'second-claim-key'))).toEqual([409, 'ALREADY_CLAIMED', { limit: 1 }]);
    expect(await codeOf(claim(b, open._id, 1_000 * YUAN, 'insufficient-key'))).toEqual([409, 'SOLD_OUT', undefined]);
    expect((await codeOf(claim(b, upcoming._id, 30_000 * YUAN, 'over-period-max')))[1]).toBe('VALIDATION_FAILED');
    expect((await codeOf(claim(b, upcoming._id, 1_234_56, 'not-whole-yuan')))[1]).toBe('VALIDATION_FAILED');

    const big = await openPeriod(1_500 * YUAN);
    expect(await codeOf(claim(b, big._id, 2_000 * YUAN, 'insufficient-2'))).toEqual([409, 'INSUFFICIENT_QUOTA', { remainingFen: 1_500 * YUAN }]);

    // 第七条: a team whose project is still in planning is refused with the clause.
    // Edited as Applicants.update does: every profile write bumps the version.
    await store.collection<{ _id: string; profile: object; version: number }>({ name: 'applicants', indexes: [] }).updateOne(
      { _id: b.applicantId },
      { $set: { 'profile.projectStage': 'planning' }, $inc: { version: 1 } },
    );
    const [status, code, details] = await codeOf(claim(b, big._id, 1_000 * YUAN, 'ineligible-key'));
    expect([status, code]).toEqual([403, 'NOT_ELIGIBLE']);
    expect((details as { failures: { clause: string }[] }).failures.map((f) => f.clause)).toEqual(['第七条第二款第三项']);
  });
});
