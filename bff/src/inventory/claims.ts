/**
 * The claim decision (第十二条, 第十五条1): the one atomic step of the flash claim.
 *
 * Everything that must hold across thousands of simultaneous claims is decided here in one
 * indivisible step, on Redis by a single Lua script (redis.ts) or in process (embedded.ts):
 *   1. idempotency: the same key with the same request gets the first decision again;
 *      with a different request, `key_reused`;
 *   2. the period is open (opensAt ≤ now < closesAt and not closed early);
 *   3. the applicant's vouchers in this period are below the period's limit;
 *   4. the annual cap (per Beijing calendar year) is not exceeded;
 *   5. the period's remaining quota covers the amount (发完即止).
 * On acceptance the amount is taken, the counters move, and the voucher record is appended to
 * the durable outbox (a Redis stream) before the answer leaves, so a crash cannot lose it.
 */

export interface PeriodWindow {
  periodId: string;
  opensAt: number;
  closesAt: number;
  /** Set when an administrator closes the period early. */
  closedAt: number | null;
}

export interface ClaimInput {
  periodId: string;
  applicantId: string;
  claimId: string;
  amountFen: number;
  /** Server time, epoch ms. */
  now: number;
  /** The Beijing calendar year of `now`: the annual cap's bucket. */
  year: number;
  perApplicantLimit: number;
  annualCapFen: number;
  /** Below this remaining amount nobody can claim any more: the period is sold out (第十二条 minimum). */
  minAmountFen: number;
  idempotencyKey: string;
  /** A digest of what was asked (period + amount): the same key may not ask for something else. */
  requestHash: string;
  /** The voucher as it will be stored (JSON), appended to the outbox on acceptance. */
  record: string;
}

export type Refusal =
  | { code: 'PERIOD_NOT_OPEN' }
  | { code: 'ALREADY_CLAIMED'; limit: number }
  | { code: 'ANNUAL_CAP_EXCEEDED'; allowanceFen: number }
  | { code: 'SOLD_OUT' }
  | { code: 'INSUFFICIENT_QUOTA'; remainingFen: number };

export type ClaimDecision =
  /** `outboxId`: the outbox entry of a new acceptance, to acknowledge once the store has the voucher. */
  | { outcome: 'accepted'; record: string; remainingFen: number; replayed: boolean; outboxId?: string }
  | { outcome: 'refused'; refusal: Refusal; replayed: boolean }
  | { outcome: 'key_reused' }
  /** The inventory lost its state (Redis restarted empty): rebuild from the store, then retry. */
  | { outcome: 'rebuild_needed' };

/** What the store says, to rebuild the inventory after it lost its state. */
export interface InventorySnapshot {
  periods: (PeriodWindow & {
    /** quota − every non-void voucher of the period. */
    remainingFen: number;
    /** Non-void vouchers per applicant in this period. */
    claimsByApplicant: Record<string, number>;
  })[];
  /** Amounts counting toward the annual cap, per Beijing year and applicant. */
  annualUsage: { year: number; applicantId: string; usedFen: number }[];
}

/** A voucher record waiting in the outbox to be persisted to the store. */
export interface OutboxEntry {
  id: string;
  record: string;
}

export interface ClaimInventory {
  /**
   * True when the outbox outlives this process (a Redis stream): an accepted claim is then durable once
   * decided, and a 201 may go out before the store has the voucher (docs/claims.md). The embedded
   * inventory's outbox is process memory: a 201 waits for the store.
   */
  readonly durableOutbox?: boolean;
  /** Publishes (or updates) a period's window and, if `quotaFen` is given, sets its remaining quota. */
  putPeriod(window: PeriodWindow, quotaFen?: number): Promise<void>;
  claim(input: ClaimInput): Promise<ClaimDecision>;
  /** Whether a decision is recorded for this applicant's Idempotency-Key (a retry would be a replay). */
  hasDecision(applicantId: string, idempotencyKey: string): Promise<boolean>;
  /**
   * Gives a voided voucher's amount back (第十二条, documented in docs/claims.md): always to the
   * applicant's annual usage of the claim's year and per-period count; to the period's quota
   * only while the period is still open. Returns whether the quota got it back.
   */
  release(input: { periodId: string; applicantId: string; amountFen: number; year: number; now: number }): Promise<boolean>;
  remaining(periodId: string): Promise<number | null>;
  /** True when the inventory holds state it can decide on (false after Redis lost its data). */
  isReady(): Promise<boolean>;
  /** Replaces all claim state with the snapshot and marks the inventory ready. */
  rebuild(snapshot: InventorySnapshot): Promise<void>;
  /** Outbox entries not yet confirmed persisted (crash recovery reads these). */
  pendingOutbox(limit: number): Promise<OutboxEntry[]>;
  /** Confirms entries persisted; they leave the outbox. */
  ackOutbox(ids: string[]): Promise<void>;
}
