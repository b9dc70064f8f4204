/** 我的券: the timeline of a voucher (第十五条) and its deadline line. */
import { VOID_REASON_LABELS, VOUCHER_STATUS_LABELS, type VoucherStatus } from '@kcq/shared';
import type { VoucherView } from '../services/types';
import { formatBeijing, formatDaysLeft } from './clock';

export const TIMELINE_STEPS = ['领取', '合同登记', '申请兑现', '评审', '拨付'] as const;

/** How many timeline steps are done (1-based index of the current step for NutUI Steps). */
export function timelineStep(status: VoucherStatus): number {
  switch (status) {
    case 'claimed':
      return 1;
    case 'registered':
      return 2;
    case 'redemption_applied':
      return 3;
    case 'approved':
    case 'rejected':
      return 4;
    case 'paid':
      return 5;
    default:
      return 1;
  }
}

export function statusLabel(v: Pick<VoucherView, 'status' | 'voidReason'>): string {
  if (v.status === 'void' && v.voidReason) return VOID_REASON_LABELS[v.voidReason];
  return VOUCHER_STATUS_LABELS[v.status];
}

/** Only a claimed voucher has a registration deadline still to meet. */
export function deadlineLine(v: VoucherView, nowMs: number): string | null {
  if (v.status !== 'claimed') return null;
  const at = Date.parse(v.registrationDeadline);
  return `合同登记截止 ${formatBeijing(at)} · ${formatDaysLeft(at, nowMs)}`;
}
