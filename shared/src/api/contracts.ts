/**
 * The wire shapes of contracts, evidence and redemptions (第十二条, 第十五条): what the BFF answers and
 * the mini-program reads, declared once. Dates are ISO strings; money is integer fen; days are
 * Beijing calendar days (YYYY-MM-DD).
 */
import type { IsoDay } from '../policy/calendar';
import type { VoidReason, VoucherStatus } from '../policy/lifecycle';

export const CONTRACT_STATUSES = ['proposed', 'rejected', 'withdrawn', 'lapsed', 'registered', 'cancelled'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/** The registered content of a contract (第十五条2: 登记对应的合同内容及金额). */
export interface ContractTerms {
  contractNo: string;
  contractAmountFen: number;
  startDay: IsoDay;
  endDay: IsoDay;
  /** The voucher amount applied to this contract: ≤ min(voucher, 50% of the contract) (第十二条). */
  voucherAmountFen: number;
}

export interface ContractView {
  id: string;
  voucherId: string;
  applicantId: string;
  unitId: string;
  unitName: string;
  serviceId: string | null;
  serviceName: string | null;
  /** 第九条3: confidential (the applicant, the unit's staff, administrators). */
  project: { title: string; description: string };
  status: ContractStatus;
  terms: ContractTerms | null;
  voucher: {
    amountFen: number;
    status: VoucherStatus;
    voidReason: VoidReason | null;
    registrationDeadline: string;
    validUntil: string | null;
    redemptionDeadline: string | null;
  };
  /** The most this contract may take from the voucher (第十二条), when the terms are known. */
  maxVoucherAmountFen: number | null;
  proposedAt: string;
  registeredAt: string | null;
  rejection: { reason: string; at: string } | null;
  amendments: { at: string; reason: string | null; before: ContractTerms; after: ContractTerms }[];
  closed: { at: string; role: string; reason: string | null } | null;
}

export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export interface EvidenceView {
  id: string;
  filename: string;
  contentType: EvidenceType;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  redemptionId: string | null;
}

/**
 * 第十五条3—5: submitted → under_review (a review round) → approved / rejected (the administrator's decision
 * after the experts) → in_public_notice → payable (notice ended, no open objection) → paid (a payment
 * batch). `site_visit` is no longer entered: site visits and hearings are recorded on the review item.
 */
export const REDEMPTION_STATUSES = ['submitted', 'under_review', 'site_visit', 'approved', 'rejected', 'in_public_notice', 'payable', 'paid'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

export interface RedemptionView {
  id: string;
  contractId: string;
  voucherId: string;
  applicantId: string;
  unitId: string;
  actualAmountFen: number;
  payableFen: number;
  report: string;
  evidence: EvidenceView[];
  status: RedemptionStatus;
  submittedAt: string;
  siteVisit: { note: string | null; at: string } | null;
  review: { decision: 'approved' | 'rejected'; reason: string | null; at: string } | null;
  paymentYear: number | null;
  payment: { at: string; reference: string | null } | null;
  /** The review item of the round that reviews it (第十五条4), once a round took it. */
  reviewItemId: string | null;
  /** The public notice it is (or was) listed in (第十五条5). */
  notice: { noticeId: string; startDay: IsoDay; endDay: IsoDay } | null;
  /** The payment batch it is in (第十五条5). */
  batchId: string | null;
}
