/**
 * The inventory contract (第十二条: claiming stops exactly when the quota is used up), run on the
 * embedded inventory and on a real Redis server. No mocks.
 */
import { EmbeddedInventory } from '../src/inventory/embedded';
import { RedisInventory, createRedisClient } from '../src/inventory/redis';
import type { Inventory } from '../src/inventory';
import { REDIS_URL, deletePrefix, redisAvailable, testPrefix } from './support/services';

const BURST_TIMEOUTS = { commandTimeoutMs: 30_000 };

interface Adapter {
  name: string;
  /** Several handles on the same counters (several BFF instances, for Redis). */
  open(handles: number): Promise<Inventory[]>;
  cleanup(): Promise<void>;
}

const embedded: Adapter = {
  name: 'embedded',
  async open(handles) {
    // One process holds one embedded inventory: every handle is the same object.
    const inv = new EmbeddedInventory();
    return Array.from({ length: handles }, () => inv);
  },
  async cleanup() {},
};

function redis(): Adapter {
  const prefix = testPrefix('inventory');
  let opened: Inventory[] = [];
  return {
    name: 'redis',
    async open(handles) {
      // Thousands of decisions at once straight on the inventory (no admission control in front, as the BFF
      // has): the 1 s answer deadline of the BFF would time some out on a busy machine.
      opened = await Promise.all(Array.from({ length: handles }, () => RedisInventory.connect(REDIS_URL, prefix, BURST_TIMEOUTS)));
      return opened;
    },
    async cleanup() {
      await Promise.all(opened.map((i) => i.close()));
      const client = createRedisClient(REDIS_URL);
      await client.connect();
      await deletePrefix(client, prefix);
      await client.quit();
    },
  };
}

const adapters: Adapter[] = [embedded];
if (redisAvailable()) adapters.push(redis());
else test.skip('Redis inventory contract — SKIPPED: Redis does not answer', () => {});

describe.each(adapters)('inventory contract: $name', (adapter) => {
  afterEach(() => adapter.cleanup());

  test('take succeeds while enough remains and reports what is left', async () => {
    const [inv] = await adapter.open(1);
    await inv.set('q', 10_000);
    expect(await inv.take('q', 3_000)).toEqual({ ok: true, remaining: 7_000 });
    expect(await inv.read('q')).toBe(7_000);
  });

  test('a take larger than what remains takes nothing and says how much is left', async () => {
    const [inv] = await adapter.open(1);
    await inv.set('q', 2_500);
    expect(await inv.take('q', 3_000)).toEqual({ ok: false, reason: 'insufficient', remaining: 2_500 });
    expect(await inv.take('q', 2_500)).toEqual({ ok: true, remaining: 0 });
    expect(await inv.take('q', 1)).toEqual({ ok: false, reason: 'insufficient', remaining: 0 });
    expect(await inv.read('q')).toBe(0);
  });

  test('a missing counter is never created by take or give (a flushed Redis must be rebuilt first)', async () => {
    const [inv] = await adapter.open(1);
    expect(await inv.take('nope', 1)).toEqual({ ok: false, reason: 'missing', remaining: 0 });
    expect(await inv.give('nope', 5)).toBeNull();
    expect(await inv.read('nope')).toBeNull();
  });

  test('give returns an amount to the counter', async () => {
    const [inv] = await adapter.open(1);
    await inv.set('q', 100);
    await inv.take('q', 100);
    expect(await inv.give('q', 40)).toBe(40);
    expect(await inv.read('q')).toBe(40);
  });

  test('amounts must be positive integers', async () => {
    const [inv] = await adapter.open(1);
    await inv.set('q', 100);
    await expect(inv.take('q', 0)).rejects.toThrow(RangeError);
    await expect(inv.take('q', 1.5)).rejects.toThrow(RangeError);
    await expect(inv.give('q', -3)).rejects.toThrow(RangeError);
    await expect(inv.set('q', -1)).rejects.toThrow(RangeError);
    expect(await inv.read('q')).toBe(100);
  });

  test('remove deletes counters', async () => {
    const [inv] = await adapter.open(1);
    await inv.set('a', 1);
    await inv.set('b', 2);
    await inv.remove('a', 'b');
    expect(await inv.read('a')).toBeNull();
    expect(await inv.read('b')).toBeNull();
  });

  test('2,000 concurrent takes of 1 from 4 handles on a counter of 500: exactly 500 succeed, counter ends at 0', async () => {
    const handles = await adapter.open(4);
    await handles[0].set('burst', 500);
    const results = await Promise.all(
      Array.from({ length: 2_000 }, (_, i) => handles[i % handles.length].take('burst', 1)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(500);
    expect(results.filter((r) => !r.ok && r.reason === 'insufficient')).toHaveLength(1_500);
    expect(await handles[0].read('burst')).toBe(0);
  });

  test('mixed amounts under concurrency never go below zero and the sum taken equals the drop', async () => {
    const handles = await adapter.open(4);
    const start = 1_000_000;
    await handles[0].set('mixed', start);
    const asks = Array.from({ length: 600 }, (_, i) => ((i * 7919) % 50) * 1_000 + 1_000);
    const results = await Promise.all(asks.map((a, i) => handles[i % handles.length].take('mixed', a)));
    const taken = results.reduce((sum, r, i) => (r.ok ? sum + asks[i] : sum), 0);
    const left = await handles[0].read('mixed');
    expect(left).toBeGreaterThanOrEqual(0);
    expect(taken + (left ?? 0)).toBe(start);
    // Once a take of the smallest possible ask fails, less than that must remain.
    expect(left).toBeLessThan(Math.min(...asks.filter((_, i) => !results[i].ok), Infinity) );
  });
});
