/**
 * The administrators' screens: who may see them, and the dashboard figures the API already gives
 * (GET /api/periods: quota and live remaining quota per period).
 */
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
