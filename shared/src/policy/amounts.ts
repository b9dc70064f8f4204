/**
 * Voucher amounts — 第十二条. All amounts are integer fen.
 *
 * - One voucher: at most 50,000 yuan (第十二条). **Decision** (POLICY.md): at least 1,000 yuan, whole yuan
 *   only; a period may set a lower maximum, never a higher one (a higher period maximum is ignored).
 * - Annual cap: 500,000 / 200,000 yuan (第十二条), see eligibility.annualCapFen. **Decision**: "year" is the
 *   Beijing calendar year of the claim; the statuses that count are STATUSES_COUNTING_TOWARD_ANNUAL_CAP
 *   (claimed, registered, redemption_applied, approved, paid, rejected — see lifecycle.ts for why
 *   rejected counts); void vouchers (expired, late, cancelled) do not.
 * - Payment: at most 50% of the contract's actual amount (第十二条). **Decision**: rounded DOWN to the fen,
 *   so a 99,999-fen contract allows at most 49,999 fen.
 */
import { FEN_PER_YUAN, formatFen, isFen } from '../money';
import { shanghaiYear } from './calendar';
import { countsTowardAnnualCap } from './lifecycle';
import type { VoucherStatus } from './lifecycle';

/** 1,000 yuan: the smallest voucher (Decision). */
export const VOUCHER_MIN_FEN = 100_000;
/** 50,000 yuan: the largest voucher (第十二条). */
export const VOUCHER_MAX_FEN = 5_000_000;
/** 500,000 yuan a year: certified high-tech enterprises and currently listed tech SMEs (第十二条). */
export const ANNUAL_CAP_HIGH_FEN = 50_000_000;
/** 200,000 yuan a year: other enterprises and every startup team (第十二条). */
export const ANNUAL_CAP_STANDARD_FEN = 20_000_000;
/** A voucher pays at most this share of the contract's actual amount (第十二条): 1/2. */
export const MAX_PAYMENT_SHARE = { numerator: 1, denominator: 2 } as const;

export type AmountErrorCode = 'AMOUNT_NOT_INTEGER' | 'AMOUNT_NOT_WHOLE_YUAN' | 'AMOUNT_BELOW_MIN' | 'AMOUNT_ABOVE_MAX' | 'ANNUAL_CAP_EXCEEDED';

export type AmountCheck = { ok: true } | { ok: false; code: AmountErrorCode; message: string; clause: string };

/** The maximum a voucher in a period may have: min(50,000 yuan, the period's maximum). */
export function effectiveVoucherMaxFen(periodMaxFen?: number): number {
  return periodMaxFen === undefined ? VOUCHER_MAX_FEN : Math.min(VOUCHER_MAX_FEN, periodMaxFen);
}

/**
 * 第十二条: a voucher amount is whole yuan, ≥ 1,000 yuan and ≤ min(50,000 yuan, the period maximum).
 */
export function validateVoucherAmount(amountFen: number, periodMaxFen?: number): AmountCheck {
  const clause = '第十二条';
  if (!isFen(amountFen)) {
    return { ok: false, code: 'AMOUNT_NOT_INTEGER', message: '金额应为以“分”为单位的整数', clause };
  }
  if (amountFen % FEN_PER_YUAN !== 0) {
    return { ok: false, code: 'AMOUNT_NOT_WHOLE_YUAN', message: '创新券金额须为整数元', clause };
  }
  if (amountFen < VOUCHER_MIN_FEN) {
    return { ok: false, code: 'AMOUNT_BELOW_MIN', message: `单张创新券金额不能低于 ${formatFen(VOUCHER_MIN_FEN)}`, clause };
  }
  const max = effectiveVoucherMaxFen(periodMaxFen);
  if (amountFen > max) {
    const message =
      max < VOUCHER_MAX_FEN
        ? `本期单张创新券金额不能超过 ${formatFen(max)}`
        : `单张创新券金额不能超过 ${formatFen(VOUCHER_MAX_FEN)}`;
    return { ok: false, code: 'AMOUNT_ABOVE_MAX', message, clause };
  }
  return { ok: true };
}

/** A voucher as the annual-cap count sees it. Pass the DERIVED status (lifecycle.deriveStatus). */
export interface HeldVoucher {
  amountFen: number;
  status: VoucherStatus;
  claimedAt: Date;
}

/** Sum of the amounts that count toward the annual cap in the Beijing calendar year of `now`. */
export function usedAnnualAllowanceFen(held: readonly HeldVoucher[], now: Date): number {
  const year = shanghaiYear(now);
  let used = 0;
  for (const v of held) {
    if (countsTowardAnnualCap(v.status) && shanghaiYear(v.claimedAt) === year) used += v.amountFen;
  }
  return used;
}

/**
 * 第十二条: what the applicant may still claim this Beijing calendar year: max(0, cap − counted amounts).
 * Never negative, never above the cap.
 */
export function remainingAnnualAllowance(annualCapFen: number, heldThisYear: readonly HeldVoucher[], now: Date): number {
  const cap = Math.max(0, annualCapFen);
  return Math.min(cap, Math.max(0, cap - usedAnnualAllowanceFen(heldThisYear, now)));
}

/**
 * A new claim: the amount rules of validateVoucherAmount, then the annual allowance (第十二条).
 */
export function validateClaimAmount(amountFen: number, options: { periodMaxFen?: number; remainingAllowanceFen: number }): AmountCheck {
  const basic = validateVoucherAmount(amountFen, options.periodMaxFen);
  if (!basic.ok) return basic;
  if (amountFen > options.remainingAllowanceFen) {
    return {
      ok: false,
      code: 'ANNUAL_CAP_EXCEEDED',
      message: `超过本年度剩余可用额度 ${formatFen(Math.max(0, options.remainingAllowanceFen))}`,
      clause: '第十二条',
    };
  }
  return { ok: true };
}

/**
 * 第十二条: the most a voucher may pay toward a contract: min(voucher amount, 50% of the contract's actual
 * amount rounded down to the fen). maxVoucherPayment(99_999, 5_000_000) → 49_999.
 */
export function maxVoucherPayment(contractAmountFen: number, voucherAmountFen: number): number {
  if (!isFen(contractAmountFen) || contractAmountFen < 0) throw new RangeError('contractAmountFen must be a non-negative integer');
  if (!isFen(voucherAmountFen) || voucherAmountFen < 0) throw new RangeError('voucherAmountFen must be a non-negative integer');
  const half = Math.floor((contractAmountFen * MAX_PAYMENT_SHARE.numerator) / MAX_PAYMENT_SHARE.denominator);
  return Math.min(voucherAmountFen, half);
}
