/**
 * Stored vouchers (第十五条). The stored status is the last recorded one; what a reader sees is
 * derived with the policy rules (deriveStatus), so a deadline holds even before any sweeper runs.
 */
import { deriveStatus, registrationDeadline, shanghaiYear, transition, type VoidReason, type VoucherStatus } from '@kcq/shared';
import type { Clock } from './clock';
import { DomainError } from './errors';
import type { Collection, CollectionSpec, Store } from '../store';
import type { ClaimInventory } from '../inventory/claims';

export interface VoucherDoc {
  _id: string;
  periodId: string;
  applicantId: string;
  amountFen: number;
  status: VoucherStatus;
  voidReason?: VoidReason;
  claimedAt: Date;
  registeredAt?: Date;
  contractEndDay?: string;
  voidedAt?: Date;
}

export const VOUCHERS: CollectionSpec = {
  name: 'vouchers',
  indexes: [{ fields: ['applicantId', 'claimedAt'] }, { fields: ['periodId'] }],
};

export interface VoucherView {
  id: string;
  periodId: string;
  applicantId: string;
  amountFen: number;
  status: VoucherStatus;
  voidReason: VoidReason | null;
  claimedAt: string;
  registrationDeadline: string;
}

/** The voucher as the outbox carries it: JSON, dates as ISO strings. */
export function voucherRecord(v: VoucherDoc): string {
  return JSON.stringify(v);
}

export function parseVoucherRecord(record: string): VoucherDoc {
  const raw = JSON.parse(record) as Omit<VoucherDoc, 'claimedAt'> & { claimedAt: string };
  return { ...raw, claimedAt: new Date(raw.claimedAt) };
}

export function voucherView(v: VoucherDoc, now: Date): VoucherView {
  const derived = deriveStatus(v, now);
  return {
    id: v._id,
    periodId: v.periodId,
    applicantId: v.applicantId,
    amountFen: v.amountFen,
    status: derived.status,
    voidReason: derived.voidReason ?? null,
    claimedAt: v.claimedAt.toISOString(),
    registrationDeadline: registrationDeadline(v.claimedAt).toISOString(),
  };
}

/**
 * What happens to stored vouchers after the claim: cancellation by its applicant (第十六条: a voucher
 * belongs to its applicant) and the materialisation of the 15-day registration expiry (第十五条2),
 * both releasing the amount (docs/claims.md, "Release").
 *
 * Each void is one conditional update on the stored status, so it succeeds once however many
 * instances try; the release follows only the update that succeeded.
 */
export class Vouchers {
  private readonly col: Collection<VoucherDoc>;

  constructor(
    store: Store,
    private readonly inventory: ClaimInventory,
    private readonly clock: Clock,
  ) {
    this.col = store.collection<VoucherDoc>(VOUCHERS);
  }

  /** The applicant's own voucher, or 404 (another applicant's voucher is not known to exist). */
  async ownedBy(id: string, applicantId: string): Promise<VoucherDoc> {
    const v = await this.col.findOne({ _id: id, applicantId });
    if (!v) throw new DomainError('NOT_FOUND', '找不到该创新券');
    return v;
  }

  async mine(applicantId: string): Promise<VoucherView[]> {
    const now = this.clock.now();
    return (await this.col.find({ applicantId }, { sort: { claimedAt: -1 } })).map((v) => voucherView(v, now));
  }

  /** The applicant gives up a claimed voucher; its amount is released. */
  async cancel(id: string, applicantId: string, reason?: string): Promise<VoucherView> {
    const v = await this.ownedBy(id, applicantId);
    const now = this.clock.now();
    const t = transition(v, { type: 'cancel', reason }, 'applicant', now);
    if (!t.ok) throw new DomainError(t.error.code, t.error.message, t.error.clause ? { clause: t.error.clause } : undefined);
    const voided = await this.voidOnce(v, 'cancelled', now);
    if (!voided) throw new DomainError('CONFLICT');
    return voucherView(voided, now);
  }

  /**
   * 第十五条2: claimed vouchers past their registration deadline become void(unregistered_expired) and
   * release their amounts. Idempotent; safe to run on every instance. Returns how many it voided.
   */
  async sweepUnregistered(limit = 500): Promise<number> {
    const now = this.clock.now();
    // The deadline is the end of claim day + 15 (Beijing): any voucher claimed 16+ days ago is a candidate.
    const candidates = await this.col.find(
      { status: 'claimed', claimedAt: { $lt: new Date(now.getTime() - 15 * 86_400_000) } },
      { sort: { claimedAt: 1 }, limit },
    );
    let voided = 0;
    for (const v of candidates) {
      if (deriveStatus(v, now).voidReason !== 'unregistered_expired') continue;
      if (await this.voidOnce(v, 'unregistered_expired', now)) voided += 1;
    }
    return voided;
  }

  private async voidOnce(v: VoucherDoc, reason: VoidReason, now: Date): Promise<VoucherDoc | null> {
    const updated = await this.col.updateOne(
      { _id: v._id, status: v.status },
      { $set: { status: 'void', voidReason: reason, voidedAt: now } },
    );
    if (!updated) return null;
    await this.inventory.release({
      periodId: v.periodId,
      applicantId: v.applicantId,
      amountFen: v.amountFen,
      year: shanghaiYear(v.claimedAt),
      now: now.getTime(),
    });
    return updated;
  }
}
