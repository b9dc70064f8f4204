/**
 * Materialises the deadlines of 第十五条 (status is derived on read, so nothing waits for this): claimed
 * vouchers past the 15-day registration window, registered ones past their validity end or redemption
 * deadline become void, release their amounts, append their audit entries and close their contracts.
 *
 * Idempotent and safe with several BFF instances: each void is one conditional update on the stored status
 * (it succeeds once however many sweeps race; the release follows only that update). With Redis, a sweep
 * also takes a short lock so that instances do not all walk the same candidates; without Redis (embedded,
 * one process) a sweep in progress is simply not started twice.
 */
import type { Vouchers } from './vouchers';

export type TryLock = (name: string, ttlMs: number) => Promise<(() => Promise<void>) | null>;

export class LifecycleSweeper {
  private running: Promise<number> | null = null;

  constructor(
    private readonly vouchers: Vouchers,
    private readonly tryLock?: TryLock,
    private readonly lockTtlMs = 60_000,
    /**
     * Completes changes a crash interrupted — confirmations (第十五条2), amendments of the contract end and
     * redemption applications (第十五条3) — so that no voucher is voided on a deadline it no longer has.
     */
    private readonly reconcile: () => Promise<number> = async () => 0,
  ) {}

  /** One sweep; returns how many vouchers this call voided (0 when another sweep holds the lock). */
  sweep(limit = 500): Promise<number> {
    this.running ??= this.locked(limit).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async locked(limit: number): Promise<number> {
    const release = this.tryLock ? await this.tryLock('lifecycle-sweep', this.lockTtlMs) : async () => {};
    if (!release) return 0;
    try {
      await this.reconcile();
      return await this.vouchers.sweepExpired(limit);
    } finally {
      await release();
    }
  }
}
