/**
 * Stored vouchers (第十五条). The stored status is the last recorded one; what a reader sees is
 * derived with the policy rules (deriveStatus), so a deadline holds even before any sweeper runs.
 */
import { deriveStatus, registrationDeadline, type VoidReason, type VoucherStatus } from '@kcq/shared';
import type { CollectionSpec } from '../store';

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
