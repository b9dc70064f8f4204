/**
 * The floor for the claim benchmark: a bare Koa route that calls the same claim Lua script with no
 * authentication, validation, eligibility check or store write. Run as its own process by claim.ts.
 */
import Koa from 'koa';
import { RedisInventory } from '../src/inventory/redis';

async function main(): Promise<void> {
  const inventory = await RedisInventory.connect(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', process.env.REDIS_PREFIX ?? 'kcq-bench-bare:');
  const now = Date.now();
  await inventory.rebuild({
    periods: [{ periodId: 'bare', opensAt: now - 60_000, closesAt: now + 3_600_000, closedAt: null, remainingFen: Number(process.env.QUOTA_FEN), claimsByApplicant: {} }],
    annualUsage: [],
  });
  let n = 0;
  const app = new Koa();
  app.use(async (ctx) => {
    n += 1;
    const d = await inventory.claim({
      periodId: 'bare',
      applicantId: `a${n}`,
      claimId: `c${n}`,
      amountFen: Number(process.env.AMOUNT_FEN),
      now: Date.now(),
      year: 2026,
      perApplicantLimit: 1,
      annualCapFen: 20_000_000,
      minAmountFen: 100_000,
      idempotencyKey: `k${n}`,
      requestHash: 'h',
      record: `{"_id":"c${n}"}`,
    });
    ctx.status = d.outcome === 'accepted' ? 201 : 409;
    ctx.body = d.outcome === 'accepted' ? { id: `c${n}` } : { error: { code: d.outcome } };
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    process.stdout.write(`open http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/\n`);
  });
  process.on('SIGTERM', () => server.close(() => void inventory.close().then(() => process.exit(0))));
}

void main();
