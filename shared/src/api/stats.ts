/**
 * The wire shape of GET /api/admin/stats: the administrators' dashboard figures (第八条: administrators
 * supervise the scheme), declared once for the BFF and the mini-program. Money is integer fen; dates
 * are ISO strings.
 *
 * Voucher statuses are DERIVED at `generatedAt` (第十五条: a voucher past its registration, validity or
 * redemption deadline reads as void before any sweeper has written it), exactly as GET /api/vouchers
 * shows them to the applicant.
 */
import type { VoidReason, VoucherStatus } from '../policy/lifecycle';

/** How many vouchers, and how much they are worth (the claimed amount, `amountFen`). */
export interface CountAndFen {
  count: number;
  amountFen: number;
}

export interface VoucherStatusFigure extends CountAndFen {
  status: VoucherStatus;
}

export interface VoidReasonFigure extends CountAndFen {
  reason: VoidReason;
}

/** One period (第十二条: released in periods, each with a total quota, 发完即止). */
export interface PeriodClaimFigures {
  periodId: string;
  name: string;
  opensAt: string;
  quotaFen: number;
  /**
   * Live remaining quota (the inventory, as GET /api/periods shows it). A void voucher's amount returns to
   * it only while the period is open (docs/claims.md, "Release").
   */
  remainingFen: number;
  /** Every voucher claimed in the period, whatever became of it since. */
  vouchersClaimed: number;
  fenClaimed: number;
  /** Of those, the void ones (expired, late or cancelled), by derived status. */
  vouchersVoid: number;
  fenVoid: number;
}

export interface AdminStats {
  generatedAt: string;
  vouchers: {
    total: CountAndFen;
    /** Every status of the life cycle, in its order (VOUCHER_STATUSES), zeros included. */
    byStatus: VoucherStatusFigure[];
    /** The void ones by reason (VOID_REASONS order, zeros included); a void voucher without a recorded reason is in none. */
    voidByReason: VoidReasonFigure[];
  };
  /** Newest first, as GET /api/periods lists them. */
  periods: PeriodClaimFigures[];
}
