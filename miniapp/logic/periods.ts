/** What home shows from GET /api/periods. */
import type { PeriodStatus, PeriodView } from '../services/types';

export const PERIOD_STATUS_LABELS: Readonly<Record<PeriodStatus, string>> = {
  upcoming: '即将开放',
  open: '领取中',
  sold_out: '已抢完',
  closed: '已结束',
};

/**
 * Status at `nowMs` (server clock), so a countdown reaching zero flips the card without waiting for the
 * next poll: closed wins, then upcoming, then sold out, as the BFF decides.
 */
export function liveStatus(p: PeriodView, nowMs: number): PeriodStatus {
  if (p.closedAt || nowMs >= Date.parse(p.closesAt)) return 'closed';
  if (nowMs < Date.parse(p.opensAt)) return 'upcoming';
  if (p.status === 'sold_out') return 'sold_out';
  return 'open';
}

/** Periods claimable now or sold out in their window (soonest closing first), then the next one to open. */
export function homePeriods(periods: PeriodView[], nowMs: number): { current: PeriodView[]; next: PeriodView | null } {
  const current = periods
    .filter((p) => {
      const s = liveStatus(p, nowMs);
      return s === 'open' || s === 'sold_out';
    })
    .sort((a, b) => {
      const sa = liveStatus(a, nowMs) === 'open' ? 0 : 1;
      const sb = liveStatus(b, nowMs) === 'open' ? 0 : 1;
      return sa - sb || Date.parse(a.closesAt) - Date.parse(b.closesAt);
    });
  const next =
    periods
      .filter((p) => liveStatus(p, nowMs) === 'upcoming')
      .sort((a, b) => Date.parse(a.opensAt) - Date.parse(b.opensAt))[0] ?? null;
  return { current, next };
}

/** Share of the quota still left, 0–100, for the progress bar. */
export function remainingPercent(p: Pick<PeriodView, 'quotaFen' | 'remainingFen'>): number {
  if (p.quotaFen <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((p.remainingFen / p.quotaFen) * 1000) / 10));
}
