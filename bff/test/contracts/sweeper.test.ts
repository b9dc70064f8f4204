/** The sweeper's lock (Redis `tryLock` with several instances): a held lock skips the sweep; the lock is always released. */
import { LifecycleSweeper } from '../../src/domain/lifecycleSweeper';
import type { Vouchers } from '../../src/domain/vouchers';

test('a sweep runs under the lock, skips when another instance holds it, and releases it even on failure', async () => {
  let held = false;
  const released: string[] = [];
  const tryLock = async (name: string) => {
    if (held) return null;
    held = true;
    return async () => {
      held = false;
      released.push(name);
    };
  };
  let fail = false;
  const vouchers = { sweepExpired: async () => (fail ? Promise.reject(new Error('store down')) : 3) } as unknown as Vouchers;
  const sweeper = new LifecycleSweeper(vouchers, tryLock);
  expect(await sweeper.sweep()).toBe(3);
  held = true; // another instance holds it
  expect(await sweeper.sweep()).toBe(0);
  held = false;
  fail = true;
  await expect(sweeper.sweep()).rejects.toThrow('store down');
  expect(held).toBe(false);
  expect(released).toEqual(['lifecycle-sweep', 'lifecycle-sweep']);
});
