/**
 * The claim sheet's rules and states, without UI: the allowance left this year (第十二条), the amount to
 * prefill, the amount check as the founder types, and the states the sheet moves through.
 */
import {
  FEN_PER_YUAN,
  VOUCHER_MIN_FEN,
  effectiveVoucherMaxFen,
  formatFen,
  parseYuanToFen,
  remainingAnnualAllowance,
  validateClaimAmount,
} from '@kcq/shared';
import type { PeriodView, VoucherView } from '../services/types';
import { describeError, type ErrorView } from '../services/errors';

/** 第十二条: the annual cap less this Beijing year's claimed/registered/… vouchers (void ones free theirs). */
export function allowanceFen(annualCapFen: number, vouchers: VoucherView[], now: Date): number {
  return remainingAnnualAllowance(
    annualCapFen,
    vouchers.map((v) => ({ amountFen: v.amountFen, status: v.status, claimedAt: new Date(v.claimedAt) })),
    now,
  );
}

/** Rounds down to whole yuan (vouchers are whole yuan). */
const wholeYuan = (fen: number) => Math.floor(fen / FEN_PER_YUAN) * FEN_PER_YUAN;

/**
 * The amount the sheet opens with: the period's maximum, within the allowance left this year and the
 * quota left in the period; null when even the smallest voucher (1,000 yuan) does not fit.
 */
export function defaultClaimAmountFen(period: Pick<PeriodView, 'maxVoucherFen' | 'remainingFen'>, allowance: number): number | null {
  const amount = wholeYuan(Math.min(effectiveVoucherMaxFen(period.maxVoucherFen), allowance, period.remainingFen));
  return amount >= VOUCHER_MIN_FEN ? amount : null;
}

/** The largest amount the sheet accepts (quota left is not a hard limit: the BFF decides it atomically). */
export function maxClaimAmountFen(period: Pick<PeriodView, 'maxVoucherFen'>, allowance: number): number {
  return wholeYuan(Math.min(effectiveVoucherMaxFen(period.maxVoucherFen), allowance));
}

export type AmountCheck = { ok: true; amountFen: number } | { ok: false; message: string };

/** The typed yuan amount: whole yuan, ≥ 1,000 yuan, ≤ the period maximum, ≤ the allowance (第十二条). */
export function checkAmountInput(text: string, period: Pick<PeriodView, 'maxVoucherFen'>, allowance: number): AmountCheck {
  if (!text.trim()) return { ok: false, message: '请输入领取金额' };
  const fen = parseYuanToFen(text);
  if (fen === null) return { ok: false, message: '请输入数字金额（元）' };
  const r = validateClaimAmount(fen, { periodMaxFen: period.maxVoucherFen, remainingAllowanceFen: allowance });
  return r.ok ? { ok: true, amountFen: fen } : { ok: false, message: r.message };
}

/** Yuan text for an input: 5000000 fen → "50000". */
export function fenToYuanText(fen: number): string {
  return String(Math.floor(fen / FEN_PER_YUAN));
}

export interface ClaimedVoucher {
  id: string;
  amountFen: number;
  registrationDeadline: string;
}

/** The sheet: edit the amount → submitting (with retries) → success or refused. */
export type ClaimSheetState =
  | { step: 'editing'; amountText: string; error: string | null }
  /**
   * `waitSeconds`: the retry waits for the BFF's Retry-After (429), not for a lost answer. `reason`: why
   * the claim is being retried (BUSY: the crowd — 排队中; unavailable: the BFF recovers; network).
   */
  | { step: 'submitting'; amountText: string; amountFen: number; attempt: number; waitSeconds?: number; reason?: RetryReason }
  | { step: 'success'; voucher: ClaimedVoucher }
  | { step: 'refused'; amountText: string; error: ErrorView };

export type ClaimSheetEvent =
  | { type: 'open'; amountFen: number | null }
  | { type: 'edit'; text: string }
  | { type: 'submit'; check: AmountCheck }
  | { type: 'retrying'; attempt: number; waitSeconds?: number; reason?: RetryReason }
  | { type: 'claimed'; voucher: ClaimedVoucher }
  | { type: 'failed'; error: unknown }
  | { type: 'adjust'; amountFen?: number };

export type RetryReason = 'busy' | 'unavailable' | 'limited' | 'network';

/** What the sheet tells the founder about an automatic retry (always with the same Idempotency-Key). */
export function retryEvent(attempt: number, e: { code: string; retryAfterMs?: number }): Extract<ClaimSheetEvent, { type: 'retrying' }> {
  if (e.code === 'BUSY') return { type: 'retrying', attempt, reason: 'busy' };
  if (e.code === 'SERVICE_UNAVAILABLE') return { type: 'retrying', attempt, reason: 'unavailable' };
  if (e.code === 'RATE_LIMITED') {
    return { type: 'retrying', attempt, reason: 'limited', waitSeconds: e.retryAfterMs === undefined ? undefined : Math.ceil(e.retryAfterMs / 1000) };
  }
  return { type: 'retrying', attempt, reason: 'network' };
}

/** The confirm button's text while submitting. */
export function submittingLabel(state: Extract<ClaimSheetState, { step: 'submitting' }>): string {
  if (state.reason === 'busy') return '排队中，正在重试…';
  if (state.reason === 'unavailable') return '服务恢复中，正在重试…';
  if (state.waitSeconds !== undefined) return `请求较多，${state.waitSeconds} 秒后自动重试`;
  return state.attempt > 0 ? `网络不稳，正在重试（${state.attempt}）` : '领取中…';
}

export function initialSheet(amountFen: number | null): ClaimSheetState {
  return { step: 'editing', amountText: amountFen === null ? '' : fenToYuanText(amountFen), error: null };
}

/** Pure transitions of the claim sheet (the component renders whatever state this returns). */
export function claimSheetReducer(state: ClaimSheetState, event: ClaimSheetEvent): ClaimSheetState {
  switch (event.type) {
    case 'open':
      return initialSheet(event.amountFen);
    case 'edit':
      return state.step === 'editing' || state.step === 'refused' ? { step: 'editing', amountText: event.text, error: null } : state;
    case 'submit':
      if (state.step !== 'editing') return state;
      return event.check.ok
        ? { step: 'submitting', amountText: state.amountText, amountFen: event.check.amountFen, attempt: 0 }
        : { ...state, error: event.check.message };
    case 'retrying':
      return state.step === 'submitting' ? { ...state, attempt: event.attempt, waitSeconds: event.waitSeconds, reason: event.reason } : state;
    case 'claimed':
      return state.step === 'submitting' ? { step: 'success', voucher: event.voucher } : state;
    case 'failed':
      return state.step === 'submitting' ? { step: 'refused', amountText: state.amountText, error: describeError(event.error) } : state;
    case 'adjust': {
      if (state.step !== 'refused') return state;
      const text = event.amountFen !== undefined ? fenToYuanText(event.amountFen) : state.amountText;
      return { step: 'editing', amountText: text, error: null };
    }
    default:
      return state;
  }
}

/** After INSUFFICIENT_QUOTA / ANNUAL_CAP_EXCEEDED: the amount that would fit, from the refusal's details. */
export function suggestedAmountAfterRefusal(code: string, details: unknown): number | undefined {
  const d = (details && typeof details === 'object' ? details : {}) as Record<string, unknown>;
  const v = code === 'INSUFFICIENT_QUOTA' ? d.remainingFen : code === 'ANNUAL_CAP_EXCEEDED' ? d.allowanceFen : undefined;
  if (typeof v !== 'number') return undefined;
  const fen = wholeYuan(v);
  return fen >= VOUCHER_MIN_FEN ? fen : undefined;
}

export function describeAllowance(allowance: number, annualCapFen: number): string {
  return `本年度剩余可领 ${formatFen(allowance)}（年度上限 ${formatFen(annualCapFen)}）`;
}
