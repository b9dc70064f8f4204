/**
 * The wire shapes of voucher periods (第十二条: vouchers are released in periods, each with a total
 * quota, 发完即止; 第十五条1: claims happen online while a period is open): what GET /api/periods,
 * GET /api/periods/:id and the administrators' period endpoints answer and accept, declared once for
 * the BFF and the mini-program. Dates are ISO strings; money is integer fen.
 */

export const PERIOD_STATUSES = ['upcoming', 'open', 'sold_out', 'closed'] as const;
/** Status as a phone shows it: closed wins, then upcoming, then sold out (less than the smallest voucher left). */
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

export interface PeriodView {
  id: string;
  name: string;
  opensAt: string;
  closesAt: string;
  /** When an administrator closed it early. */
  closedAt: string | null;
  quotaFen: number;
  /** Live remaining quota (the inventory). */
  remainingFen: number;
  /**
   * Present (true) when the inventory does not answer (Redis down or restarting): `remainingFen` is then
   * the last figure this server saw, or the quota, and must not be shown as live (issue #20).
   */
  remainingUnknown?: boolean;
  /** The largest single voucher; ≤ 50,000 yuan (第十二条). */
  maxVoucherFen: number;
  /** Vouchers one applicant may claim in this period. */
  perApplicantLimit: number;
  status: PeriodStatus;
}

/** GET /api/periods: newest first, with the server clock for the phone's countdown. */
export interface PeriodsAnswer {
  serverTime: string;
  periods: PeriodView[];
}

/** GET /api/periods/:id. */
export interface PeriodAnswer {
  serverTime: string;
  period: PeriodView;
}

/**
 * Body of POST /api/admin/periods and PUT /api/admin/periods/:id. Whole yuan in fen; `maxVoucherFen`
 * defaults to 50,000 yuan (第十二条) and `perApplicantLimit` to 1 when left out.
 */
export interface PeriodInput {
  name: string;
  opensAt: string;
  closesAt: string;
  quotaFen: number;
  maxVoucherFen?: number;
  perApplicantLimit?: number;
}

/** Body of POST /api/periods/:id/claims (with an Idempotency-Key header); answered with a VoucherView. */
export interface ClaimBody {
  amountFen: number;
}
