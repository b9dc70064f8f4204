/**
 * The wire shapes of an applicant's vouchers (第十五条, 第十六条: a voucher belongs to its applicant):
 * what GET /api/vouchers, POST /api/vouchers/:id/cancel and the claim answer, declared once for the BFF
 * and the mini-program. Dates are ISO strings; money is integer fen.
 */
import type { VoidReason, VoucherStatus } from '../policy/lifecycle';

export interface VoucherView {
  id: string;
  periodId: string;
  applicantId: string;
  amountFen: number;
  /** Derived: a voucher past its deadline reads as void before any sweeper has written it. */
  status: VoucherStatus;
  voidReason: VoidReason | null;
  claimedAt: string;
  /** 第十五条2: end of claim day + 15 days, Beijing time. */
  registrationDeadline: string;
}

/** GET /api/vouchers: mine, newest first. */
export interface VouchersAnswer {
  vouchers: VoucherView[];
}

/** Body of POST /api/vouchers/:id/cancel. */
export interface CancelVoucherInput {
  reason?: string;
}
