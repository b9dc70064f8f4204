/**
 * The wire shape of the sanctions a party lives under (第十七条), as GET /api/me gives them in `sanctions`:
 * one entry per decided case against my applicant or my open unit that still has a measure in force (or
 * that I may still appeal). The screens show the reason, the dates and what remains possible; they never
 * compute a ban's dates themselves.
 */

/** A ban's dates (POLICY.md Decision): from the decision day; lastDay is the last day it applies (inclusive); it is lifted at 00:00 Beijing on `until`. */
export interface SanctionBan {
  from: string;
  lastDay: string;
  until: string;
}

export interface MySanction {
  caseId: string;
  /** Who the case is against: my applicant (申领单位) or my open unit. */
  party: 'applicant' | 'open_unit';
  partyName: string;
  status: 'decided' | 'appealed' | 'revised';
  /** The Beijing day of the decision in force (YYYY-MM-DD). */
  decidedOn: string;
  /** The decision's reason, in the administrators' words. */
  reason: string;
  /** The misconduct found (第十六条), as labels. */
  misconduct: string[];
  /** The three-year ban in force today, or null. */
  ban: SanctionBan | null;
  /** An entry in the credit record (第七条第四项 fails while it stands; no end date). */
  creditRecord: boolean;
  /** An open unit removed from the scheme (除名). */
  removal: boolean;
  /** Payments held until an administrator lifts the suspension. */
  paymentsSuspended: boolean;
  /** Funds to recover (fen) and the day they were recovered, or null. */
  recovery: { amountFen: number; recoveredOn: string | null } | null;
  /** Vouchers the decision voided (作废所涉创新券). */
  voidedVoucherIds: string[];
  /** My appeal, once made. */
  appeal: { at: string; reason: string } | null;
  /** True while the decision may be appealed (once, before any appeal). */
  canAppeal: boolean;
}

/** 第十六条 (and refusing supervision, 第十七条): the closed list of misconduct; `other` needs a description. */
export const MISCONDUCT_KINDS = [
  'false_information',
  'false_accounts',
  'diverting_funds',
  'voucher_transfer',
  'data_leak',
  'refusing_supervision',
  'other',
] as const;
export type MisconductKind = (typeof MISCONDUCT_KINDS)[number];

export const MISCONDUCT_LABELS: Readonly<Record<MisconductKind, string>> = {
  false_information: '提供虚假信息',
  false_accounts: '虚报预算或虚假财务',
  diverting_funds: '挪用资金',
  voucher_transfer: '转让、买卖、赠送或重复使用创新券',
  data_leak: '泄露申领单位信息',
  refusing_supervision: '拒不接受监督检查',
  other: '其他违规行为',
};

/** 第十七条 measures. */
export const MEASURE_KINDS = ['suspend_payments', 'recover_funds', 'ban', 'removal', 'credit_record', 'void_vouchers'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

export const MEASURE_LABELS: Readonly<Record<MeasureKind, string>> = {
  suspend_payments: '暂停拨付',
  recover_funds: '追回已拨付资金',
  ban: '取消三年申报资格',
  removal: '从开放单位中除名',
  credit_record: '记入诚信记录',
  void_vouchers: '作废所涉创新券',
};

export type CaseStatus = 'open' | 'decided' | 'appealed' | 'revised';

export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  open: '待处理',
  decided: '已作出处理决定',
  appealed: '当事方已申诉',
  revised: '已复核',
};

/** 第十八条: the outcome of checking one sampled item. */
export const CHECK_OUTCOMES = ['compliant', 'issues_found', 'misconduct_suspected', 'not_reachable'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export const CHECK_OUTCOME_LABELS: Readonly<Record<CheckOutcome, string>> = {
  compliant: '未发现问题',
  issues_found: '发现问题，已要求整改',
  misconduct_suspected: '疑似违规',
  not_reachable: '无法核查',
};
