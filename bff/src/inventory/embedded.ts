import { assertAmount, type Inventory, type TakeResult } from './port';

/**
 * The default inventory for `npm start`: counters in this process's memory. JavaScript runs one
 * callback at a time, so each operation is atomic; it is only correct for a single BFF process,
 * and the owner rebuilds its counters from the store on start.
 */
export class EmbeddedInventory implements Inventory {
  readonly kind = 'embedded' as const;
  private readonly counters = new Map<string, number>();

  async set(key: string, amount: number): Promise<void> {
    if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`bad counter value ${amount}`);
    this.counters.set(key, amount);
  }

  async take(key: string, amount: number): Promise<TakeResult> {
    assertAmount(amount);
    const current = this.counters.get(key);
    if (current === undefined) return { ok: false, reason: 'missing', remaining: 0 };
    if (current < amount) return { ok: false, reason: 'insufficient', remaining: current };
    this.counters.set(key, current - amount);
    return { ok: true, remaining: current - amount };
  }

  async give(key: string, amount: number): Promise<number | null> {
    assertAmount(amount);
    const current = this.counters.get(key);
    if (current === undefined) return null;
    this.counters.set(key, current + amount);
    return current + amount;
  }

  async read(key: string): Promise<number | null> {
    return this.counters.get(key) ?? null;
  }

  async remove(...keys: string[]): Promise<void> {
    for (const k of keys) this.counters.delete(k);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
