/**
 * The Redis lock the sweeper and the rebuild rely on with several BFF instances: one holder at a time,
 * released only by its holder, and it expires if a holder dies. Real Redis.
 */
import { RedisInventory } from '../src/inventory/redis';
import { REDIS_URL, deletePrefix, redisAvailable, testPrefix } from './support/services';

const run = redisAvailable() ? describe : describe.skip;

run('RedisInventory.tryLock on real Redis', () => {
  const prefix = testPrefix('lock');
  let a: RedisInventory;
  let b: RedisInventory;
  beforeEach(async () => {
    a = await RedisInventory.connect(REDIS_URL, prefix);
    b = await RedisInventory.connect(REDIS_URL, prefix);
  });
  afterEach(async () => {
    await deletePrefix(a.redis, prefix);
    await a.close();
    await b.close();
  });

  test('of 10 instances racing for the lock exactly one gets it; after release another can', async () => {
    const racers = [a, b, a, b, a, b, a, b, a, b];
    const got = await Promise.all(racers.map((r) => r.tryLock('sweep', 10_000)));
    const holders = got.filter((x) => x !== null);
    expect(holders).toHaveLength(1);
    await holders[0]!();
    expect(await b.tryLock('sweep', 10_000)).not.toBeNull();
  });

  test('a holder whose lock expired cannot release the next holder’s lock', async () => {
    const first = await a.tryLock('sweep', 50);
    expect(first).not.toBeNull();
    await new Promise((r) => setTimeout(r, 120)); // the first holder "died"; its lock expired
    const second = await b.tryLock('sweep', 10_000);
    expect(second).not.toBeNull();
    await first!(); // a late release by the old holder must not free the new one
    expect(await a.tryLock('sweep', 10_000)).toBeNull();
    await second!();
    expect(await a.tryLock('sweep', 10_000)).not.toBeNull();
  });
});
if (!redisAvailable()) test.skip('Redis lock — SKIPPED: Redis does not answer', () => {});
