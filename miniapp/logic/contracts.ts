/**
 * Contracts, redemption and messages (docs/contracts.md): the founders' proposal form (第九条, 第十二条),
 * the staff's confirmation with the 50% rule (第十二条: shared maxVoucherPayment), the redemption
 * application with its evidence checks (第十五条3), and the message centre's unread arithmetic. Plain
 * TypeScript: the screens only render what these return.
 */
import { REGISTRATION_WINDOW_DAYS, VOUCHER_STATUS_LABELS, addDays, formatFen, isIsoDay, maxVoucherPayment, parseYuanToFen, shanghaiDay, validityEndDay } from '@kcq/shared';
import type {
  ContractStatus,
  ContractTerms,
  ContractView,
  EvidenceType,
  MessageView,
  ProposalInput,
  RedemptionStatus,
  VoucherView,
} from '../services/types';

export { maxVoucherPayment };

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  proposed: '待开放单位确认',
  rejected: '开放单位未接受',
  withdrawn: '已撤回',
  lapsed: '已失效',
  registered: '已登记',
  cancelled: '已取消',
};

export const CONTRACT_STATUS_TAG: Record<ContractStatus, 'primary' | 'success' | 'danger' | 'default' | 'warning'> = {
  proposed: 'warning',
  rejected: 'danger',
  withdrawn: 'default',
  lapsed: 'default',
  registered: 'success',
  cancelled: 'default',
};

export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = {
  submitted: '待评审',
  under_review: '专家评审中',
  site_visit: '待现场核查',
  approved: '评审通过，待公示',
  in_public_notice: '公示中',
  payable: '公示期满，待拨付',
  rejected: '评审未通过',
  paid: '已拨付',
};

/**
 * One status for a contract and its voucher, so a screen never says 已登记 next to 待评审: a registered
 * contract reads as its redemption's stage once redemption is applied for (or the voucher's when the
 * redemption is not loaded).
 */
export function contractStageLabel(c: Pick<ContractView, 'status' | 'voucher'>, redemption?: { status: RedemptionStatus } | null): string {
  if (c.status !== 'registered') return CONTRACT_STATUS_LABELS[c.status];
  if (redemption) return REDEMPTION_STATUS_LABELS[redemption.status];
  const v = c.voucher.status as string;
  if (v === 'redemption_applied') return REDEMPTION_STATUS_LABELS.submitted;
  if (v === 'approved') return REDEMPTION_STATUS_LABELS.approved;
  if (v === 'rejected') return REDEMPTION_STATUS_LABELS.rejected;
  if (v === 'paid') return REDEMPTION_STATUS_LABELS.paid;
  if (v === 'claimed' || v === 'registered' || v === 'void') return CONTRACT_STATUS_LABELS.registered;
  return VOUCHER_STATUS_LABELS[c.voucher.status] ?? CONTRACT_STATUS_LABELS.registered;
}

/** The voucher's status beside its contract: once redemption is applied for, the same stage as the contract's. */
export function voucherStageLabel(c: Pick<ContractView, 'status' | 'voucher'>, redemption?: { status: RedemptionStatus } | null): string {
  const v = c.voucher.status;
  if (c.status === 'registered' && v !== 'claimed' && v !== 'registered' && v !== 'void') return contractStageLabel(c, redemption);
  return VOUCHER_STATUS_LABELS[v] ?? v;
}

/** 第九条3, shown under the project fields. */
export const CONFIDENTIAL_NOTE = '项目信息仅您、该开放单位和管理部门可见（第九条3）';
/** 第十二条: the declaration a founder answers. */
export const FUNDING_QUESTION = '本项目未获得市级财政科技经费支持';
export const FUNDING_BLOCK = '已获得市级财政科技经费支持的项目不能使用创新券（第十二条）';

// ——— Founders: the proposal (POST /api/contracts) ———

/** The vouchers a proposal may use: claimed ones (a registered or void voucher is never reused, 第十六条). */
export function proposableVouchers(vouchers: readonly VoucherView[]): VoucherView[] {
  return vouchers.filter((v) => v.status === 'claimed');
}

/** The voucher chosen before the founder taps one: the only one they hold, else none (they choose). */
export const preselectedVoucher = (vouchers: readonly Pick<VoucherView, 'id'>[]): string => (vouchers.length === 1 ? vouchers[0].id : '');

export interface ProposalForm {
  voucherId: string;
  title: string;
  description: string;
  /** The declaration "本项目未获得市级财政科技经费支持": true = confirmed, false = the project WAS funded, null = unanswered. */
  notFunded: boolean | null;
}

export type ProposalErrors = Partial<Record<keyof ProposalForm, string>>;

export const emptyProposal = (voucherId = ''): ProposalForm => ({ voucherId, title: '', description: '', notFunded: null });

/** The BFF's proposalSchema, message for message. */
export function validateProposal(f: ProposalForm): ProposalErrors {
  const e: ProposalErrors = {};
  if (!f.voucherId) e.voucherId = '请选择一张已领取的创新券';
  const title = f.title.trim();
  if (!title) e.title = '请填写项目名称';
  else if (title.length > 100) e.title = '项目名称不超过100字';
  const description = f.description.trim();
  if (!description) e.description = '请描述项目内容';
  else if (description.length > 2000) e.description = '项目内容不超过2000字';
  if (f.notFunded === null) e.notFunded = '请声明该项目是否已获得市级财政科技资金支持';
  else if (!f.notFunded) e.notFunded = FUNDING_BLOCK;
  return e;
}

export function proposalBody(f: ProposalForm, target: { serviceId?: string; unitId?: string }): ProposalInput {
  return {
    voucherId: f.voucherId,
    ...(target.serviceId ? { serviceId: target.serviceId } : { unitId: target.unitId }),
    project: { title: f.title.trim(), description: f.description.trim() },
    municipalFundingReceived: f.notFunded === false,
  };
}

// ——— Staff: confirmation = contract registration (POST /api/contracts/:id/confirm) ———

export interface TermsForm {
  contractNo: string;
  /** Yuan as typed. */
  contractAmountYuan: string;
  startDay: string;
  endDay: string;
  voucherAmountYuan: string;
}

export type TermsErrors = Partial<Record<keyof TermsForm, string>>;

const yuanText = (fen: number) => formatFen(fen, { unit: false }).replace(/,/g, '');

/** 第十二条: the most the voucher may pay for a contract amount typed in yuan (null while the amount is not valid). */
export function voucherShareFen(contractAmountYuan: string, voucherAmountFen: number): number | null {
  const fen = parseYuanToFen(contractAmountYuan);
  if (fen === null || fen <= 0) return null;
  return maxVoucherPayment(fen, voucherAmountFen);
}

export const maxShareLine = (maxFen: number) => `最多可用券 ${formatFen(maxFen)}（合同金额的50%且不超过券面）`;

/** The form for a proposal: start = end = today (Beijing), the voucher amount empty until an amount is typed. */
export function emptyTerms(today: string): TermsForm {
  return { contractNo: '', contractAmountYuan: '', startDay: today, endDay: today, voucherAmountYuan: '' };
}

/**
 * A new contract amount typed: the voucher amount follows the maximum while the staff member has not
 * typed a voucher amount of their own (`touched`).
 */
export function withContractAmount(f: TermsForm, contractAmountYuan: string, voucherAmountFen: number, touched: boolean): TermsForm {
  const max = voucherShareFen(contractAmountYuan, voucherAmountFen);
  return { ...f, contractAmountYuan, voucherAmountYuan: touched ? f.voucherAmountYuan : max === null ? '' : yuanText(max) };
}

/** The first and last day a date picker offers (YYYY-MM-DD, inclusive). */
export interface DayRange {
  min: string;
  max: string;
}

/** The days the rules allow for a contract's start and end (第十五条2): what the pickers offer. */
export interface TermsBounds {
  start: DayRange;
  end: DayRange;
}

/** "2026-12-06 至 2027-03-06": a refusal says exactly which days are allowed. */
export const rangeText = (r: DayRange): string => `${r.min} 至 ${r.max}`;

/** The claim day (Beijing): the registration deadline is the end of claim day + 15 days (第十五条2). */
export const claimDayFrom = (registrationDeadline: string): string =>
  addDays(shanghaiDay(new Date(registrationDeadline)), -REGISTRATION_WINDOW_DAYS);

/**
 * The contract's days when the unit confirms it now (= registration today): it starts no earlier than the
 * claim day; it ends no earlier than today (the registration day) and no later than the voucher's validity
 * end, today + 3 months (第十五条2; shared validityEndDay); and the start is not after that end either.
 */
export function confirmBounds(c: Pick<ContractView, 'voucher'>, now: Date = new Date()): TermsBounds {
  const today = shanghaiDay(now);
  const last = validityEndDay(now);
  return { start: { min: claimDayFrom(c.voucher.registrationDeadline), max: last }, end: { min: today, max: last } };
}

/** The picker's range for the end once a start is chosen: never before the start. */
export const endRangeAfter = (b: TermsBounds, startDay: string): DayRange =>
  isIsoDay(startDay) && startDay > b.end.min && startDay <= b.end.max ? { min: startDay, max: b.end.max } : b.end;

/**
 * The BFF's termsSchema and the 50% rule; dates: start ≤ end, start not before the claim day, and —
 * with `bounds` — each day inside what the rules allow, the refusal naming the exact range.
 */
export function validateTerms(f: TermsForm, voucherAmountFen: number, claimDay?: string, bounds?: TermsBounds): TermsErrors {
  const e: TermsErrors = {};
  const no = f.contractNo.trim();
  if (!no) e.contractNo = '请填写合同编号';
  else if (no.length > 64) e.contractNo = '合同编号不超过64字';
  const amount = parseYuanToFen(f.contractAmountYuan);
  if (amount === null) e.contractAmountYuan = '请填写合同金额（元，最多两位小数）';
  else if (amount <= 0) e.contractAmountYuan = '合同金额应大于0';
  if (!isIsoDay(f.startDay)) e.startDay = '请选择合同开始日期';
  if (!isIsoDay(f.endDay)) e.endDay = '请选择合同结束日期';
  if (!e.startDay && claimDay && f.startDay < claimDay) e.startDay = `合同开始日不能早于领券日 ${claimDay}`;
  if (!e.startDay && bounds && (f.startDay < bounds.start.min || f.startDay > bounds.start.max)) {
    e.startDay = `合同开始日须在 ${rangeText(bounds.start)} 之间（不早于领券日，不晚于有效期截止日）`;
  }
  if (!e.endDay && bounds && (f.endDay < bounds.end.min || f.endDay > bounds.end.max)) {
    e.endDay = `合同结束日须在 ${rangeText(bounds.end)} 之间（登记日至券的有效期截止日，第十五条2）`;
  }
  if (!e.startDay && !e.endDay && f.endDay < f.startDay) e.endDay = '合同结束日不能早于开始日';
  const voucher = parseYuanToFen(f.voucherAmountYuan);
  if (voucher === null) e.voucherAmountYuan = '请填写使用创新券金额（元）';
  else if (voucher <= 0) e.voucherAmountYuan = '使用创新券金额应大于0';
  else if (amount !== null && amount > 0) {
    const max = maxVoucherPayment(amount, voucherAmountFen);
    if (voucher > max) e.voucherAmountYuan = `超出上限：${maxShareLine(max)}`;
  }
  return e;
}

/**
 * A refusal from the BFF, on the field it is about (not at the bottom of the form): the error code →
 * the form field, or null when it concerns the whole form. `bounds` adds the allowed range to a date refusal.
 */
export function termsFieldOf(code: string): keyof TermsForm | null {
  switch (code) {
    case 'CONTRACT_END_OUT_OF_RANGE':
      return 'endDay';
    case 'CONTRACT_DATES_INVALID':
      return 'startDay';
    case 'VOUCHER_AMOUNT_TOO_HIGH':
      return 'voucherAmountYuan';
    case 'CONTRACT_NO_TAKEN':
      return 'contractNo';
    default:
      return null;
  }
}

export function serverTermsErrors(code: string, message: string, bounds?: TermsBounds, maxFen?: number): TermsErrors {
  const field = termsFieldOf(code);
  if (!field) return {};
  let text = message;
  if (field === 'endDay' && bounds && !text.includes(bounds.end.max)) text = `${text}（可选 ${rangeText(bounds.end)}）`;
  if (field === 'startDay' && bounds && !text.includes(bounds.start.min)) text = `${text}（可选 ${rangeText(bounds.start)}）`;
  if (field === 'voucherAmountYuan' && typeof maxFen === 'number') text = `${text}：${maxShareLine(maxFen)}`;
  return { [field]: text };
}

export function termsBody(f: TermsForm): ContractTerms {
  return {
    contractNo: f.contractNo.trim(),
    contractAmountFen: parseYuanToFen(f.contractAmountYuan) ?? 0,
    startDay: f.startDay.trim(),
    endDay: f.endDay.trim(),
    voucherAmountFen: parseYuanToFen(f.voucherAmountYuan) ?? 0,
  };
}

export const todayInBeijing = (now: Date = new Date()): string => shanghaiDay(now);

// ——— Staff: redemption (第十五条3) ———

/** A registered contract whose end day has come (Beijing), its voucher still registered: redemption may be applied. */
export function canApplyRedemption(c: ContractView, today: string): boolean {
  return c.status === 'registered' && c.voucher.status === 'registered' && !!c.terms && c.terms.endDay <= today;
}

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 5;
export const EVIDENCE_TYPES: readonly EvidenceType[] = ['application/pdf', 'image/jpeg', 'image/png'];
const BY_EXTENSION: Record<string, EvidenceType> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

export interface PickedFile {
  name: string;
  size: number;
  /** The picker's MIME type; '' when it gives none (weapp chooseMessageFile). */
  type?: string;
}

/** The evidence type of a picked file, by its MIME type or else its extension; null when not PDF/JPEG/PNG. */
export function evidenceType(f: PickedFile): EvidenceType | null {
  if (f.type && (EVIDENCE_TYPES as readonly string[]).includes(f.type)) return f.type as EvidenceType;
  if (f.type && f.type !== 'application/octet-stream') return null;
  const ext = /\.([A-Za-z0-9]+)$/.exec(f.name)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[ext] ?? null;
}

export const formatBytes = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`;

/** Why a picked file cannot be uploaded (before sending; the BFF checks the content again), or null. */
export function checkUpload(f: PickedFile): string | null {
  if (!evidenceType(f)) return `「${f.name}」类型不支持：仅限 PDF、JPEG、PNG`;
  if (f.size <= 0) return `「${f.name}」是空文件`;
  if (f.size > EVIDENCE_MAX_BYTES) return `「${f.name}」${formatBytes(f.size)}，超过 10 MB`;
  return null;
}

/** Checks a whole pick: the files to send and the messages for the refused ones (≤ 5 a request). */
export function splitUploads<T extends PickedFile>(files: readonly T[], alreadyAttached = 0): { ok: T[]; errors: string[] } {
  const ok: T[] = [];
  const errors: string[] = [];
  for (const f of files) {
    const problem = checkUpload(f);
    if (problem) errors.push(problem);
    else if (ok.length >= EVIDENCE_MAX_FILES) errors.push(`「${f.name}」未上传：每次最多 ${EVIDENCE_MAX_FILES} 个文件`);
    else if (alreadyAttached + ok.length >= 20) errors.push(`「${f.name}」未上传：每份合同最多 20 个文件`);
    else ok.push(f);
  }
  return { ok, errors };
}

export interface RedemptionForm {
  actualAmountYuan: string;
  report: string;
  evidenceIds: string[];
}

export type RedemptionErrors = Partial<Record<keyof RedemptionForm, string>>;

export function validateRedemption(f: RedemptionForm): RedemptionErrors {
  const e: RedemptionErrors = {};
  const fen = parseYuanToFen(f.actualAmountYuan);
  if (fen === null) e.actualAmountYuan = '请填写合同实际发生金额（元）';
  else if (fen <= 0) e.actualAmountYuan = '金额应大于0';
  const report = f.report.trim();
  if (!report) e.report = '请填写简要报告';
  else if (report.length > 2000) e.report = '报告不超过2000字';
  if (f.evidenceIds.length === 0) e.evidenceIds = '请至少附一份证明材料';
  return e;
}

/** 第十二条 at redemption: min(registered voucher amount, ⌊50% of the actual amount⌋), before sending. */
export function payableFen(actualAmountYuan: string, registeredVoucherFen: number): number | null {
  const fen = parseYuanToFen(actualAmountYuan);
  if (fen === null || fen <= 0) return null;
  return Math.min(registeredVoucherFen, maxVoucherPayment(fen, registeredVoucherFen));
}

// ——— The message centre ———

export const unreadCount = (messages: readonly MessageView[]): number => messages.filter((m) => !m.read).length;

/** The badge text: nothing at 0, "99+" above 99. */
export const badgeText = (n: number): string => (n <= 0 ? '' : n > 99 ? '99+' : String(n));

export const markRead = (messages: readonly MessageView[], id: string): MessageView[] =>
  messages.map((m) => (m.id === id ? { ...m, read: true } : m));

export const markAllRead = (messages: readonly MessageView[]): MessageView[] => messages.map((m) => (m.read ? m : { ...m, read: true }));
