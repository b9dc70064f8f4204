/**
 * The wire shape of GET /api/public/transparency (第十八条: the evaluation and the redemptions are open to
 * public supervision; POLICY.md: the public notices and aggregate figures are public). Aggregates only:
 * no applicant's name, credit code or project appears here, except what a public notice itself shows.
 * Money is integer fen; dates are ISO strings.
 */
import type { CountAndFen } from './stats';

export interface PublicPeriodFigures {
  name: string;
  opensAt: string;
  closesAt: string;
  quotaFen: number;
  /** What was claimed in the period (every voucher, whatever became of it since). */
  claimed: CountAndFen;
}

export interface PublicGroupFigure extends CountAndFen {
  /** A stable code: a voucher status, a priority field code (or `other`, `team`), a district name (or `unknown`, `team`). */
  key: string;
  label: string;
}

export interface PublicOpenUnit {
  name: string;
  district: string | null;
  region: string;
  mutualRecognition: boolean;
}

/** An open public notice exactly as GET /api/notices/:id shows it (its items masked as the notice publishes them). */
export interface PublicNotice {
  id: string;
  title: string;
  startDay: string;
  endDay: string;
  items: unknown[];
  [field: string]: unknown;
}

export interface PublicTransparency {
  generatedAt: string;
  /** The Beijing calendar year the "this year" figures are for. */
  year: number;
  periods: PublicPeriodFigures[];
  vouchers: {
    total: CountAndFen;
    byStatus: PublicGroupFigure[];
    byPriorityField: PublicGroupFigure[];
    byDistrict: PublicGroupFigure[];
  };
  /** Redemptions approved (reviewed and passed) and paid in `year`, Beijing calendar. */
  redemptions: { approvedThisYear: CountAndFen; paidThisYear: CountAndFen };
  /** Public notices open today (empty until the notices module publishes any). */
  notices: PublicNotice[];
  /** Open units in the scheme today (not suspended, not left, not banned or removed). */
  openUnits: PublicOpenUnit[];
}
