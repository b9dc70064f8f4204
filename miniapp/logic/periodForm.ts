/**
 * The administrators' period form (第十二条): text fields in yuan and Beijing wall-clock time → the body
 * of POST /api/admin/periods (fen, ISO 8601 with +08:00). The checks mirror the BFF's periodInputSchema
 * (bff/src/domain/periods.ts) message for message, so a refusal is seen before anything is sent:
 * name 1–50 characters; closesAt after opensAt; quota whole yuan ≥ 1,000; single voucher whole yuan
 * 1,000–50,000 (第十二条); vouchers per applicant 1–10.
 */
import { FEN_PER_YUAN, VOUCHER_MAX_FEN, VOUCHER_MIN_FEN, formatFen, parseYuanToFen } from '@kcq/shared';
import { formatBeijing } from './clock';
import type { PeriodInput, PeriodView } from '../services/types';

export interface PeriodForm {
  name: string;
  /** Beijing time, "YYYY-MM-DD HH:mm". */
  opensAt: string;
  closesAt: string;
  /** Yuan, whole. */
  quotaYuan: string;
  maxVoucherYuan: string;
  perApplicantLimit: string;
}

export type PeriodField = keyof PeriodForm;
export type PeriodErrors = Partial<Record<PeriodField, string>>;

export const PER_APPLICANT_MAX = 10;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const MINUTE = 60_000;

export function emptyPeriodForm(nowMs: number = Date.now()): PeriodForm {
  const opens = nextHour(nowMs);
  return {
    name: '',
    opensAt: formatBeijing(opens),
    closesAt: formatBeijing(opens + 7 * 24 * 3_600_000),
    quotaYuan: '',
    maxVoucherYuan: String(VOUCHER_MAX_FEN / FEN_PER_YUAN),
    perApplicantLimit: '1',
  };
}

/** The next whole hour after `nowMs`. */
export function nextHour(nowMs: number): number {
  return Math.floor(nowMs / 3_600_000) * 3_600_000 + 3_600_000;
}

/** `nowMs` floored to the minute: "opens now" (a past minute is fine: the period is open at once). */
export const thisMinute = (nowMs: number): number => Math.floor(nowMs / MINUTE) * MINUTE;

/** A stored period back into the form (edit before opening). */
export function formFromPeriod(p: PeriodView): PeriodForm {
  return {
    name: p.name,
    opensAt: formatBeijing(p.opensAt),
    closesAt: formatBeijing(p.closesAt),
    quotaYuan: String(p.quotaFen / FEN_PER_YUAN),
    maxVoucherYuan: String(p.maxVoucherFen / FEN_PER_YUAN),
    perApplicantLimit: String(p.perApplicantLimit),
  };
}

/**
 * "2026-12-01 09:00" (Beijing) → epoch ms, or null. Also takes "2026-12-01T09:00" and seconds; checks the
 * calendar (no 2026-02-30).
 */
export function parseBeijing(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return utc - BEIJING_OFFSET_MS;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-12-01 09:00" → ['2026-12-01', '09:00']; missing halves are undefined (nothing chosen yet). */
export function splitBeijing(text: string): [string | undefined, string | undefined] {
  const m = /^(\d{4}-\d{2}-\d{2})?(?:[ T]?(\d{2}:\d{2}))?/.exec(text.trim());
  return [m?.[1] || undefined, m?.[2] || undefined];
}

/** The days a period's pickers offer: today (Beijing) to two years ahead. */
export function periodDayRange(nowMs: number): { min: string; max: string } {
  const today = formatBeijing(nowMs).slice(0, 10);
  return { min: today, max: `${Number(today.slice(0, 4)) + 2}${today.slice(4)}` };
}

/** Epoch ms → "2026-12-01T09:00:00+08:00" (what the BFF's z.iso.datetime({offset:true}) accepts). */
export function toBeijingIso(ms: number): string {
  const d = new Date(ms + BEIJING_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

/** Whole yuan text → fen; null when it is not a whole, non-negative number of yuan. */
export function wholeYuanToFen(text: string): number | null {
  const fen = parseYuanToFen(text);
  if (fen === null || fen % FEN_PER_YUAN !== 0) return null;
  return fen;
}

export interface PeriodCheck {
  errors: PeriodErrors;
  /** The request body, when there are no errors. */
  input: PeriodInput | null;
}

export function checkPeriodForm(f: PeriodForm): PeriodCheck {
  const errors: PeriodErrors = {};
  const name = f.name.trim();
  if (!name) errors.name = '请填写周期名称';
  else if ([...name].length > 50) errors.name = '周期名称不超过50字';

  const opens = parseBeijing(f.opensAt);
  const closes = parseBeijing(f.closesAt);
  if (!f.opensAt.trim() || opens === null) errors.opensAt = '请选择开放日期和时间';
  if (!f.closesAt.trim() || closes === null) errors.closesAt = '请选择截止日期和时间';
  else if (opens !== null && closes <= opens) errors.closesAt = `截止时间应晚于开放时间 ${f.opensAt.trim()}（北京时间）`;

  const quota = wholeYuanToFen(f.quotaYuan);
  if (!f.quotaYuan.trim()) errors.quotaYuan = '请填写总额度';
  else if (quota === null) errors.quotaYuan = '总额度应为整元';
  else if (quota < VOUCHER_MIN_FEN) errors.quotaYuan = `总额度至少为 ${formatFen(VOUCHER_MIN_FEN)}`;

  const max = wholeYuanToFen(f.maxVoucherYuan);
  if (!f.maxVoucherYuan.trim()) errors.maxVoucherYuan = '请填写单张上限';
  else if (max === null) errors.maxVoucherYuan = '单张上限应为整元';
  else if (max < VOUCHER_MIN_FEN) errors.maxVoucherYuan = `单张上限不低于 ${formatFen(VOUCHER_MIN_FEN)}`;
  else if (max > VOUCHER_MAX_FEN) errors.maxVoucherYuan = `单张上限不超过 ${formatFen(VOUCHER_MAX_FEN)}（第十二条）`;

  const limitText = f.perApplicantLimit.trim();
  const limit = /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > PER_APPLICANT_MAX) errors.perApplicantLimit = `每家限领 1–${PER_APPLICANT_MAX} 张`;

  if (Object.keys(errors).length > 0 || opens === null || closes === null || quota === null || max === null) {
    return { errors, input: null };
  }
  return {
    errors,
    input: {
      name,
      opensAt: toBeijingIso(opens),
      closesAt: toBeijingIso(closes),
      quotaFen: quota,
      maxVoucherFen: max,
      perApplicantLimit: limit,
    },
  };
}

/** Facts under the form: how many maximum vouchers the quota holds (a quota below one voucher is legal but odd). */
export function quotaHint(f: PeriodForm): string | null {
  const quota = wholeYuanToFen(f.quotaYuan);
  const max = wholeYuanToFen(f.maxVoucherYuan);
  if (quota === null || max === null || max <= 0 || quota < VOUCHER_MIN_FEN) return null;
  const full = Math.floor(quota / max);
  return full >= 1 ? `约可发放 ${full} 张满额券（${formatFen(max)}/张）` : `总额度不足一张满额券，按申领金额发放`;
}

/** BFF field paths (details.fields[].path, e.g. "body.quotaFen") → form fields, to show a server refusal in place. */
export function fieldOfPath(path: string): PeriodField | null {
  const key = path.replace(/^body\./, '');
  const map: Record<string, PeriodField> = {
    name: 'name',
    opensAt: 'opensAt',
    closesAt: 'closesAt',
    quotaFen: 'quotaYuan',
    maxVoucherFen: 'maxVoucherYuan',
    perApplicantLimit: 'perApplicantLimit',
  };
  return map[key] ?? null;
}
