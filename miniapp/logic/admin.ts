/**
 * The administrators' screens: who may see them, the dashboard figures of GET /api/periods (quota and
 * live remaining quota per period), and the charts of GET /api/admin/stats (vouchers by status, claims
 * per period).
 */
import { VOUCHER_STATUSES, formatFen, type AdminStats, type VoidReason, type VoucherStatus } from '@kcq/shared';
import type { MeView, PeriodStatus, PeriodView } from '../services/types';
import { claimedFen, drainedPercent } from './drain';

export const isAdmin = (me: Pick<MeView, 'roles'> | null | undefined): boolean => !!me && me.roles.includes('admin');

export interface DashboardRow {
  id: string;
  name: string;
  status: PeriodStatus;
  quotaFen: number;
  claimedFen: number;
  remainingFen: number;
  drainedPercent: number;
}

export interface Dashboard {
  rows: DashboardRow[];
  totals: { quotaFen: number; claimedFen: number; remainingFen: number; drainedPercent: number };
  byStatus: Record<PeriodStatus, number>;
}

/** claimed / quota in percent: one decimal, two under 1% (8,000 of 30 million reads 0.03%, not 0%). */
export function sharePercent(part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0;
  const p = (part / whole) * 100;
  return p < 1 ? Math.max(0.01, Math.round(p * 100) / 100) : Math.round(p * 10) / 10;
}

/** Per period (newest first, as the API lists them) and totals over every period. */
export function dashboard(periods: PeriodView[]): Dashboard {
  const rows = periods.map((p) => ({
    id: p.id,
    name: p.name,
    status: p.status,
    quotaFen: p.quotaFen,
    claimedFen: claimedFen(p.quotaFen, p.remainingFen),
    remainingFen: Math.max(0, p.remainingFen),
    drainedPercent: drainedPercent(p.quotaFen, p.remainingFen),
  }));
  const quotaFen = rows.reduce((s, r) => s + r.quotaFen, 0);
  const claimed = rows.reduce((s, r) => s + r.claimedFen, 0);
  const byStatus: Record<PeriodStatus, number> = { upcoming: 0, open: 0, sold_out: 0, closed: 0 };
  for (const r of rows) byStatus[r.status] += 1;
  return {
    rows,
    totals: {
      quotaFen,
      claimedFen: claimed,
      remainingFen: quotaFen - claimed,
      drainedPercent: sharePercent(claimed, quotaFen),
    },
    byStatus,
  };
}

/** What an administrator may still do with a period at `nowMs`. */
export function periodActions(p: PeriodView, nowMs: number): { edit: boolean; close: boolean } {
  const closed = p.status === 'closed' || !!p.closedAt || nowMs >= Date.parse(p.closesAt);
  return { edit: !closed && nowMs < Date.parse(p.opensAt), close: !closed };
}

// ——— GET /api/admin/stats: vouchers by status and claims per period (第八条, 第十二条, 第十五条) ———

/**
 * A short Chinese label per voucher status for the chart rows (the long ones, VOUCHER_STATUS_LABELS in
 * @kcq/shared, are for a single voucher). A Record, so a status added to the life cycle must get one.
 */
export const STATUS_CHART_LABELS: Readonly<Record<VoucherStatus, string>> = {
  claimed: '已领取待登记',
  registered: '已登记',
  redemption_applied: '兑现审核中',
  under_review: '专家评审中',
  approved: '评审通过',
  in_public_notice: '公示中',
  payable: '待拨付',
  paid: '已拨付',
  rejected: '评审未通过',
  void: '已作废',
};

/** What made a voucher void, short (第十五条2、3; cancellation is our decision). */
export const VOID_REASON_CHART_LABELS: Readonly<Record<VoidReason, string>> = {
  unregistered_expired: '逾期未登记',
  validity_expired: '超过有效期',
  redemption_late: '逾期未兑现',
  cancelled: '已取消',
  misconduct: '违规作废',
};

export interface StatusBar {
  status: VoucherStatus;
  label: string;
  count: number;
  amountFen: number;
  /** Share of all vouchers (by count), as sharePercent. */
  countPercent: number;
  /** Share of the total amount. */
  amountPercent: number;
  /** Bar length, 0–100, relative to the largest status (a non-zero status is never thinner than 2). */
  widthPercent: number;
}

export interface StatusChart {
  total: { count: number; amountFen: number };
  bars: StatusBar[];
  /** "逾期未登记 2 张 · 已取消 1 张": the void ones by reason, non-zero only; '' when none. */
  voidNote: string;
  /** Vouchers still in use (claimed or registered): their deadlines run (第十五条2、3). */
  live: { count: number; amountFen: number };
  empty: boolean;
}

export const barWidth = (value: number, max: number): number => (value <= 0 || max <= 0 ? 0 : Math.max(2, Math.round((value / max) * 1000) / 10));

/** Every status in the life cycle's order, zeros included (a status with none still shows as an empty row). */
export function statusChart(stats: AdminStats): StatusChart {
  const { total } = stats.vouchers;
  const byStatus = new Map(stats.vouchers.byStatus.map((f) => [f.status, f]));
  const max = Math.max(0, ...stats.vouchers.byStatus.map((f) => f.count));
  const bars = VOUCHER_STATUSES.map((status) => {
    const f = byStatus.get(status) ?? { count: 0, amountFen: 0 };
    return {
      status,
      label: STATUS_CHART_LABELS[status],
      count: f.count,
      amountFen: f.amountFen,
      countPercent: sharePercent(f.count, total.count),
      amountPercent: sharePercent(f.amountFen, total.amountFen),
      widthPercent: barWidth(f.count, max),
    };
  });
  const voidNote = stats.vouchers.voidByReason
    .filter((r) => r.count > 0)
    .map((r) => `${VOID_REASON_CHART_LABELS[r.reason]} ${r.count} 张`)
    .join(' · ');
  const live = bars
    .filter((b) => b.status === 'claimed' || b.status === 'registered')
    .reduce((s, b) => ({ count: s.count + b.count, amountFen: s.amountFen + b.amountFen }), { count: 0, amountFen: 0 });
  return { total: { count: total.count, amountFen: total.amountFen }, bars, voidNote, live, empty: total.count === 0 };
}

export interface PeriodClaimsBar {
  periodId: string;
  name: string;
  /** From GET /api/periods, when the caller has it. */
  status: PeriodStatus | null;
  vouchersClaimed: number;
  fenClaimed: number;
  vouchersVoid: number;
  fenVoid: number;
  quotaFen: number;
  remainingFen: number;
  /** Of the quota: held by vouchers in use or used (claimed − void), and claimed by vouchers now void; both 0–100, summing to ≤ 100. */
  heldPercent: number;
  voidPercent: number;
  /** fenClaimed / quota (can pass 100 when void amounts were claimed again). */
  claimedPercent: number;
  /** "12 张 · 60,000.00 元". */
  caption: string;
}

export interface ClaimsChart {
  bars: PeriodClaimsBar[];
  /** The most vouchers claimed in one period, for a scale note. */
  maxVouchers: number;
  totals: { vouchersClaimed: number; fenClaimed: number };
  empty: boolean;
}

/** Claims per period against its quota, newest first as the API lists them; `periods` adds each one's status. */
export function claimsChart(stats: AdminStats, periods: readonly Pick<PeriodView, 'id' | 'status'>[] = []): ClaimsChart {
  const statusOf = new Map(periods.map((p) => [p.id, p.status]));
  const bars = stats.periods.map((p) => {
    const held = Math.max(0, p.fenClaimed - p.fenVoid);
    const heldPercent = p.quotaFen > 0 ? Math.min(100, Math.round((held / p.quotaFen) * 1000) / 10) : 0;
    const voidRaw = p.quotaFen > 0 ? Math.round((p.fenVoid / p.quotaFen) * 1000) / 10 : 0;
    return {
      periodId: p.periodId,
      name: p.name,
      status: statusOf.get(p.periodId) ?? null,
      vouchersClaimed: p.vouchersClaimed,
      fenClaimed: p.fenClaimed,
      vouchersVoid: p.vouchersVoid,
      fenVoid: p.fenVoid,
      quotaFen: p.quotaFen,
      remainingFen: Math.max(0, p.remainingFen),
      heldPercent,
      voidPercent: Math.min(voidRaw, 100 - heldPercent),
      claimedPercent: sharePercent(p.fenClaimed, p.quotaFen),
      caption: `${p.vouchersClaimed} 张 · ${formatFen(p.fenClaimed)}`,
    };
  });
  return {
    bars,
    maxVouchers: Math.max(0, ...bars.map((b) => b.vouchersClaimed)),
    totals: {
      vouchersClaimed: bars.reduce((s, b) => s + b.vouchersClaimed, 0),
      fenClaimed: bars.reduce((s, b) => s + b.fenClaimed, 0),
    },
    empty: bars.length === 0,
  };
}
