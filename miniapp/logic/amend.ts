/**
 * 变更合同: the open unit's staff amend a registered contract before redemption (POST
 * /api/contracts/:id/amend; bff/src/domain/contracts.ts `amend`, shared lifecycle's `amend` step). The
 * form is the confirmation's (logic/contracts.ts TermsForm) prefilled with the registered terms; the
 * voucher share is recomputed live with the same 50% rule (第十二条). Only what changed is sent, and
 * every amendment is kept with before and after (第十八条: every change recorded and traceable).
 */
import {
  REGISTRATION_WINDOW_DAYS,
  addDays,
  formatFen,
  maxVoucherPayment,
  parseYuanToFen,
  redemptionDeadline,
  shanghaiDay,
} from '@kcq/shared';
import { rangeText, validateTerms, termsBody, type TermsBounds, type TermsErrors, type TermsForm } from './contracts';
import type { AmendInput, ContractTerms, ContractView } from '../services/types';

/** The BFF's amendSchema: reason ≤ 200 characters. */
export const AMEND_REASON_MAX = 200;

const yuanText = (fen: number) => formatFen(fen, { unit: false }).replace(/,/g, '');

/** The registered terms as the form shows them (yuan with two decimals, as the confirmation prefills). */
export function termsForm(t: ContractTerms): TermsForm {
  return {
    contractNo: t.contractNo,
    contractAmountYuan: yuanText(t.contractAmountFen),
    startDay: t.startDay,
    endDay: t.endDay,
    voucherAmountYuan: yuanText(t.voucherAmountFen),
  };
}

/**
 * Whether the voucher amount should follow the 50% maximum as the contract amount is edited: it does
 * when the registered voucher amount IS that maximum (a staff member who chose less keeps their number).
 */
export function followsMaximum(t: ContractTerms, voucherFaceFen: number): boolean {
  return t.voucherAmountFen === maxVoucherPayment(t.contractAmountFen, voucherFaceFen);
}

/**
 * Who may amend, and when: staff of the contract's unit (the BFF's contractStaff policy), on a
 * registered contract whose voucher is still registered — not once redemption is applied for
 * (lifecycle: registered ──amend──▶ registered, 第十五条2) — and before its redemption deadline.
 */
export function canAmend(c: ContractView, staffUnitId: string | null | undefined, now: Date = new Date()): boolean {
  if (!staffUnitId || staffUnitId !== c.unitId) return false;
  if (c.status !== 'registered' || !c.terms || c.voucher.status !== 'registered') return false;
  return !c.voucher.redemptionDeadline || Date.parse(c.voucher.redemptionDeadline) >= now.getTime();
}

/** The claim day (Beijing): the registration deadline is the end of claim day + 15 days (第十五条2). */
export function claimDayOf(c: ContractView): string {
  return addDays(shanghaiDay(new Date(c.voucher.registrationDeadline)), -REGISTRATION_WINDOW_DAYS);
}

/**
 * The days an amendment may choose (第十五条2): the start from the claim day, the end from the
 * registration day, both no later than the validity end the registration fixed.
 */
export function amendBounds(c: ContractView): TermsBounds {
  const claimDay = claimDayOf(c);
  const registeredDay = c.registeredAt ? shanghaiDay(new Date(c.registeredAt)) : claimDay;
  const last = c.voucher.validUntil ? shanghaiDay(new Date(c.voucher.validUntil)) : c.terms?.endDay ?? registeredDay;
  return { start: { min: claimDay, max: last }, end: { min: registeredDay, max: last } };
}

export type AmendErrors = TermsErrors & { reason?: string; form?: string };

/**
 * The confirmation's checks (termsSchema, 第十二条's 50% rule, start ≤ end, start not before the claim
 * day) plus the amendment's own (lifecycle `amend`, 第十五条2/3): the end stays between the registration
 * day and the validity end, and its redemption deadline (end + 1 month) has not passed already — that
 * would void the voucher on the spot. And something must change.
 */
export function validateAmendment(f: TermsForm, reason: string, c: ContractView, now: Date = new Date()): AmendErrors {
  const e: AmendErrors = validateTerms(f, c.voucher.amountFen, claimDayOf(c));
  const b = amendBounds(c);
  if (!e.endDay && c.registeredAt && f.endDay < b.end.min) e.endDay = `合同到期日不能早于登记日 ${b.end.min}（可选 ${rangeText(b.end)}）`;
  if (!e.endDay && c.voucher.validUntil && f.endDay > b.end.max) {
    e.endDay = `合同到期日不能晚于有效期截止日 ${b.end.max}（登记后最长3个月，第十五条2；可选 ${rangeText(b.end)}）`;
  }
  if (!e.endDay && now.getTime() > redemptionDeadline(f.endDay.trim()).getTime()) {
    e.endDay = '按这个到期日，兑现申请期限（到期后1个月）已过，不能这样修改（第十五条3）';
  }
  if (reason.trim().length > AMEND_REASON_MAX) e.reason = `变更原因不超过${AMEND_REASON_MAX}字`;
  if (Object.keys(e).length === 0 && c.terms && changedFields(c.terms, termsBody(f)).length === 0) e.form = '条款没有变化';
  return e;
}

export const TERM_LABELS: Record<keyof ContractTerms, string> = {
  contractNo: '合同编号',
  contractAmountFen: '合同金额',
  startDay: '开始日期',
  endDay: '结束日期',
  voucherAmountFen: '使用创新券',
};

const TERM_KEYS = Object.keys(TERM_LABELS) as (keyof ContractTerms)[];

export function changedFields(before: ContractTerms, after: ContractTerms): (keyof ContractTerms)[] {
  return TERM_KEYS.filter((k) => before[k] !== after[k]);
}

const termText = (k: keyof ContractTerms, t: ContractTerms): string =>
  k === 'contractAmountFen' || k === 'voucherAmountFen' ? formatFen(t[k]) : String(t[k]);

/** "合同金额：80,000.00 元 → 100,000.00 元" for every changed term (fields that do not parse are skipped). */
export function changeLines(before: ContractTerms, f: TermsForm): { key: keyof ContractTerms; label: string; before: string; after: string }[] {
  const after = termsBody(f);
  const unparsed = new Set<keyof ContractTerms>();
  if (parseYuanToFen(f.contractAmountYuan) === null) unparsed.add('contractAmountFen');
  if (parseYuanToFen(f.voucherAmountYuan) === null) unparsed.add('voucherAmountFen');
  return changedFields(before, after)
    .filter((k) => !unparsed.has(k))
    .map((key) => ({ key, label: TERM_LABELS[key], before: termText(key, before), after: termText(key, after) }));
}

/** The body of POST /api/contracts/:id/amend: only the changed terms, and the reason when given. */
export function amendBody(before: ContractTerms, f: TermsForm, reason: string): AmendInput {
  const after = termsBody(f);
  const body: AmendInput = {};
  for (const k of changedFields(before, after)) (body as Record<string, unknown>)[k] = after[k];
  const r = reason.trim();
  if (r) body.reason = r;
  return body;
}
