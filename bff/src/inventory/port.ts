/**
 * The inventory port: integer counters (fen) that the claim takes from atomically, so that
 * claiming stops exactly at a period's quota (第十二条: 发完即止). A counter that does not exist
 * is never created implicitly: after Redis loses its data the owner must rebuild it from the
 * store first, so a flushed Redis cannot start from a wrong figure.
 */

export type TakeResult =
  /** Taken; `remaining` is what is left after this take. */
  | { ok: true; remaining: number }
  /** Not enough: nothing was taken; `remaining` is what is left (0 = used up). */
  | { ok: false; reason: 'insufficient'; remaining: number }
  /** The counter does not exist (never set, or the inventory lost it). */
  | { ok: false; reason: 'missing'; remaining: 0 };

export interface Inventory {
  readonly kind: 'embedded' | 'redis';
  /** Creates or overwrites a counter. */
  set(key: string, amount: number): Promise<void>;
  /** Takes `amount` only if at least that much remains. */
  take(key: string, amount: number): Promise<TakeResult>;
  /** Gives `amount` back; returns the new value, or null when the counter does not exist. */
  give(key: string, amount: number): Promise<number | null>;
  /** The current value, or null when the counter does not exist. */
  read(key: string): Promise<number | null>;
  /** Removes counters (test clean-up, a deleted period). */
  remove(...keys: string[]): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function assertAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new RangeError(`inventory amount must be a positive integer, got ${amount}`);
  }
}
