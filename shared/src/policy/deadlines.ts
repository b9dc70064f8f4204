/**
 * The deadlines of 第十五条. **Decision** (POLICY.md): each runs to the end of its Beijing calendar day,
 * 23:59:59.999 +08:00 (= 15:59:59.999 UTC), inclusive; month arithmetic clamps to the month end.
 */
import { addDays, addMonths, compareDays, endOfShanghaiDay, shanghaiDay, shanghaiQuarter, shanghaiYear } from './calendar';
import type { IsoDay } from './calendar';

/** 第十五条2: contract registration within 15 days of the claim. */
export const REGISTRATION_WINDOW_DAYS = 15;
/** 第十五条2: a registered voucher is valid for at most 3 months. */
export const VALIDITY_MONTHS = 3;
/** 第十五条3: redemption is applied for within 1 month after the contract ends. */
export const REDEMPTION_WINDOW_MONTHS = 1;

/** 第十五条2: end of (Beijing claim day + 15 days). Claimed 2026-01-15 23:30 Beijing → 2026-01-30 23:59:59.999 Beijing. */
export function registrationDeadline(claimedAt: Date): Date {
  return endOfShanghaiDay(addDays(shanghaiDay(claimedAt), REGISTRATION_WINDOW_DAYS));
}

/** 第十五条2: the last Beijing day of validity — registration day + 3 months, clamped. */
export function validityEndDay(registeredAt: Date): IsoDay {
  return addMonths(shanghaiDay(registeredAt), VALIDITY_MONTHS);
}

/** 第十五条2: end of (Beijing registration day + 3 months, clamped): 11-30 → 02-28/29 23:59:59.999 Beijing. */
export function validityEnd(registeredAt: Date): Date {
  return endOfShanghaiDay(validityEndDay(registeredAt));
}

/** 第十五条3: end of (contract end day + 1 month, clamped): 01-31 → 02-28/29 23:59:59.999 Beijing. */
export function redemptionDeadline(contractEndDay: IsoDay): Date {
  return endOfShanghaiDay(addMonths(contractEndDay, REDEMPTION_WINDOW_MONTHS));
}

/**
 * 第十五条2: the contract must end within the voucher's validity, and (**Decision**) not before the
 * registration day. Returns null when fine, otherwise which side is violated.
 */
export function checkContractEndDay(contractEndDay: IsoDay, registeredAt: Date): null | 'before_registration' | 'after_validity' {
  if (compareDays(contractEndDay, shanghaiDay(registeredAt)) < 0) return 'before_registration';
  if (compareDays(contractEndDay, validityEndDay(registeredAt)) > 0) return 'after_validity';
  return null;
}

/**
 * 第十五条5: payments are made in the first three quarters; an approval in Q4 (Beijing time) rolls to the
 * next year. Approved 2026-09-30 23:59 Beijing → 2026; 2026-10-01 00:00 Beijing → 2027.
 */
export function paymentYear(approvedAt: Date): number {
  const year = shanghaiYear(approvedAt);
  return shanghaiQuarter(approvedAt) === 4 ? year + 1 : year;
}
