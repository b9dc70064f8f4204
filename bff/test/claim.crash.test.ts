/**
 * A 201 is a promise (第十二条, DEVELOPERS: no accepted claim may be lost). A real BFF process is
 * killed with SIGKILL in the middle of a claim burst and started again; then the store is read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedStore } from '../src/store/embedded';
import { PERIODS, type Period } from '../src/domain/periods';
import { VOUCHERS, type VoucherDoc } from '../src/domain/vouchers';
import { createRedisClient } from '../src/inventory/redis';
import { seedClaimants } from './support/claimants';
import { client } from './support/http';
import { startBff } from './support/process';
import { REDIS_URL, deletePrefix, redisAvailable, testPrefix } from './support/services';

const SECRET = 'claim-crash-test-secret-0123456789';
const AMOUNT = 100_000; // 1,000 yuan
const run = redisAvailable() ? test : test.skip;

jest.setTimeout(180_000);

run('SIGKILL mid-burst: every 201 has exactly one stored voucher, every refusal none, every cut-off request at most one', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kcq-crash-'));
  const prefix = testPrefix('crash');
  const redis = createRedisClient(REDIS_URL);
  await redis.connect();
  try {
    // The world before the process starts: a period open now, 600 eligible applicants.
    const seedStore = new EmbeddedStore(dataDir);
    const now = Date.now();
    const period: Period = {
      _id: 'per_crashcrashcrash0001',
      name: '崩溃测试期',
      opensAt: new Date(now - 60_000),
      closesAt: new Date(now + 3_600_000),
      quotaFen: 300 * AMOUNT,
      maxVoucherFen: 5_000_000,
      perApplicantLimit: 1,
      closedAt: null,
      createdBy: 'u_admin',
      createdAt: new Date(now),
      updatedAt: new Date(now),
      version: 1,
    };
    await seedStore.collection<Period>(PERIODS).insert(period);
    const claimants = await seedClaimants(seedStore, 600, { secret: SECRET });
    await seedStore.close();

    const env = { DATA_DIR: dataDir, REDIS_URL, REDIS_PREFIX: prefix, JWT_SECRET: SECRET, LOG_LEVEL: 'warn', SEED_DEMO: 'false' };
    const first = await startBff(env);
    const http = client(first.url, 32);
    type Result = { status: number; id?: string } | 'cut';
    const results: Result[] = new Array(claimants.length);
    let answered = 0;
    let killed = false;
    await Promise.all(
      claimants.map(async (c, i) => {
        try {
          const a = await http.send('POST', `/api/periods/${period._id}/claims`, {
            token: c.token,
            body: { amountFen: AMOUNT },
            headers: { 'Idempotency-Key': `crash-${i}-key` },
          });
          results[i] = { status: a.status, id: a.body?.id };
          answered += 1;
          if (answered === 120 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } catch {
          results[i] = 'cut';
        }
      }),
    );
    http.close();
    expect((await first.exited).signal).toBe('SIGKILL');

    // Start again on the same store and Redis; stop gracefully so the store is flushed and closed.
    const second = await startBff(env);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);

    const store = new EmbeddedStore(dataDir);
    const vouchers = await store.collection<VoucherDoc>(VOUCHERS).find({});
    await store.close();
    const byApplicant = new Map<string, VoucherDoc[]>();
    for (const v of vouchers) byApplicant.set(v.applicantId, [...(byApplicant.get(v.applicantId) ?? []), v]);

    const ok = results.filter((r) => r !== 'cut' && r.status === 201).length;
    const refused = results.filter((r) => r !== 'cut' && r.status >= 400 && r.status < 500).length;
    const cut = results.filter((r) => r === 'cut').length;
    process.stdout.write(`crash test: 201=${ok} refused=${refused} cut=${cut} stored=${vouchers.length}\n`);
    expect(ok).toBeGreaterThan(0);
    expect(cut).toBeGreaterThan(0);

    claimants.forEach((c, i) => {
      const held = byApplicant.get(c.applicantId) ?? [];
      const r = results[i];
      if (r === 'cut') expect({ i, atMostOne: held.length <= 1 }).toEqual({ i, atMostOne: true });
      else if (r.status === 201) expect({ i, ids: held.map((v) => v._id) }).toEqual({ i, ids: [r.id] });
      else expect({ i, status: r.status, held: held.length }).toEqual({ i, status: r.status, held: 0 });
    });

    // Nothing taken from the quota is missing from the store (and nothing stored was not taken).
    const remaining = Number(await redis.hget(`${prefix}period:${period._id}`, 'remaining'));
    expect(remaining).toBe(period.quotaFen - vouchers.reduce((s, v) => s + v.amountFen, 0));
    expect(await redis.xlen(`${prefix}outbox`)).toBe(0);
  } finally {
    await deletePrefix(redis, prefix);
    await redis.quit();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
