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

/**
 * 第十二条: the three amounts of a voucher a founder and a lab read side by side (docs/amounts.md):
 * - face (券面): what was claimed; it is what counts toward the annual cap, from the claim until void;
 * - registered (登记用券): what the registered contract takes from it, ≤ min(face, 50% of the contract);
 * - payable (可兑付): what it will pay — at most the registered amount until redemption, then the
 *   redemption's min(registered, 50% of the actual amount), fixed by the application.
 */
export interface VoucherAmounts {
  faceFen: number;
  registeredFen: number | null;
  payableFen: number | null;
  /** true once a redemption application fixed the payable amount. */
  payableFixed: boolean;
}

export function voucherAmounts(
  faceFen: number,
  terms: { voucherAmountFen: number } | null | undefined,
  redemption: { payableFen: number } | null | undefined,
): VoucherAmounts {
  const registeredFen = terms ? terms.voucherAmountFen : null;
  if (redemption) return { faceFen, registeredFen, payableFen: redemption.payableFen, payableFixed: true };
  return { faceFen, registeredFen, payableFen: registeredFen, payableFixed: false };
}

/** The lines under a voucher: label → value, in words a founder reads. */
export function amountLines(a: VoucherAmounts, format: (fen: number) => string): { key: 'face' | 'registered' | 'payable'; label: string; value: string }[] {
  return [
    { key: 'face', label: '券面金额', value: `${format(a.faceFen)}（计入年度额度）` },
    { key: 'registered', label: '登记用券', value: a.registeredFen === null ? '合同登记后确定' : format(a.registeredFen) },
    {
      key: 'payable',
      label: '可兑付',
      value:
        a.payableFen === null
          ? '合同登记后确定，最多为合同实际金额的 50%'
          : a.payableFixed
            ? format(a.payableFen)
            : `最多 ${format(a.payableFen)}，按合同实际金额的 50% 核定`,
    },
  ];
}
