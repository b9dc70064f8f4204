/**
 * The live drain chart of a period (第十二条: claiming stops the moment the quota is used up): samples of
 * GET /api/periods/:id (server time, remaining quota) → a bounded series → bars scaled to the quota, the
 * claimed share, and the drain rate over the recent window.
 */

export interface DrainSample {
  /** Server time of the answer, ms. */
  t: number;
  remainingFen: number;
}

/** 2 s polling for 4 minutes. */
export const MAX_SAMPLES = 120;

/**
 * Adds a sample in time order: an answer older than the last one (a slow poll overtaken by a faster
 * one) is dropped, an answer at the same instant replaces it; only the newest `max` are kept.
 */
export function addSample(series: DrainSample[], s: DrainSample, max: number = MAX_SAMPLES): DrainSample[] {
  if (!Number.isFinite(s.t) || !Number.isFinite(s.remainingFen)) return series;
  const last = series[series.length - 1];
  if (last && s.t < last.t) return series;
  const next = last && s.t === last.t ? [...series.slice(0, -1), s] : [...series, s];
  return next.length > max ? next.slice(next.length - max) : next;
}

export interface DrainStats {
  claimedFen: number;
  /** Share of the quota claimed, 0–100 with one decimal. */
  drainedPercent: number;
  /** Fen claimed per minute over the series' time span (0 with fewer than two samples). */
  ratePerMinuteFen: number;
  /** Seconds until nothing is left at that rate; null when nothing is draining. */
  etaSeconds: number | null;
}

export function claimedFen(quotaFen: number, remainingFen: number): number {
  return Math.max(0, quotaFen - Math.max(0, remainingFen));
}

export function drainedPercent(quotaFen: number, remainingFen: number): number {
  if (quotaFen <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((claimedFen(quotaFen, remainingFen) / quotaFen) * 1000) / 10));
}

export function drainStats(quotaFen: number, series: DrainSample[]): DrainStats {
  const last = series[series.length - 1];
  const remaining = last ? last.remainingFen : quotaFen;
  const first = series[0];
  let rate = 0;
  if (first && last && last.t > first.t) {
    const drained = Math.max(0, first.remainingFen - last.remainingFen);
    rate = Math.round((drained / (last.t - first.t)) * 60_000);
  }
  return {
    claimedFen: claimedFen(quotaFen, remaining),
    drainedPercent: drainedPercent(quotaFen, remaining),
    ratePerMinuteFen: rate,
    etaSeconds: rate > 0 && remaining > 0 ? Math.ceil((remaining / rate) * 60) : null,
  };
}

export interface Bar {
  t: number;
  /** Height as a share of the chart, 0–100 (the quota is the top). */
  heightPercent: number;
  remainingFen: number;
  /** This sample is lower than the one before: someone claimed in between. */
  dropped: boolean;
}

/**
 * The series as `slots` bars, newest on the right: the chart fills from the left while the series is
 * shorter than `slots` (empty slots are returned as null so the chart keeps a fixed width).
 */
export function chartBars(quotaFen: number, series: DrainSample[], slots: number = 60): (Bar | null)[] {
  const shown = series.slice(Math.max(0, series.length - slots));
  const bars: (Bar | null)[] = shown.map((s, i) => {
    const prev = i > 0 ? shown[i - 1] : series[series.length - shown.length - 1];
    const h = quotaFen > 0 ? (Math.max(0, Math.min(quotaFen, s.remainingFen)) / quotaFen) * 100 : 0;
    return {
      t: s.t,
      heightPercent: Math.round(h * 10) / 10,
      remainingFen: s.remainingFen,
      dropped: !!prev && s.remainingFen < prev.remainingFen,
    };
  });
  while (bars.length < slots) bars.push(null);
  return bars;
}

/** "1分20秒", "45秒", "2小时5分" for the time the series covers or the estimate. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}秒`;
  if (s < 3600) return `${Math.floor(s / 60)}分${s % 60 ? `${s % 60}秒` : ''}`;
  const m = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)}小时${m ? `${m}分` : ''}`;
}

/** Seconds the series covers. */
export function seriesSpanSeconds(series: DrainSample[]): number {
  if (series.length < 2) return 0;
  return (series[series.length - 1].t - series[0].t) / 1000;
}
