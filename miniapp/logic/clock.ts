/**
 * The countdown runs on the server's clock, not the phone's: a phone set five minutes fast must not show
 * 领取 before the period opens. offset = serverTime − local time when the answer arrived; the server
 * "now" is local now + offset, recomputed on every tick (so a tick that fires late does not drift).
 */

/** Milliseconds to add to the phone's clock to read the server's. */
export function clockOffset(serverTimeIso: string, localReceivedAtMs: number): number {
  const server = Date.parse(serverTimeIso);
  return Number.isFinite(server) ? server - localReceivedAtMs : 0;
}

export function serverNow(offsetMs: number, localNowMs: number = Date.now()): number {
  return localNowMs + offsetMs;
}

export interface Countdown {
  /** True once the target has passed. */
  done: boolean;
  totalMs: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Whole seconds left until `targetMs`, rounded up so "00:00:00" shows only when the moment has come. */
export function countdown(targetMs: number, nowMs: number): Countdown {
  const totalMs = Math.max(0, targetMs - nowMs);
  const totalSeconds = Math.ceil(totalMs / 1000);
  return {
    done: totalMs <= 0,
    totalMs,
    days: Math.floor(totalSeconds / 86_400),
    hours: Math.floor((totalSeconds % 86_400) / 3_600),
    minutes: Math.floor((totalSeconds % 3_600) / 60),
    seconds: totalSeconds % 60,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "3天 04:05:06", or "04:05:06" under a day. */
export function formatCountdown(c: Countdown): string {
  const hms = `${pad(c.hours)}:${pad(c.minutes)}:${pad(c.seconds)}`;
  return c.days > 0 ? `${c.days}天 ${hms}` : hms;
}

/** Days left, for long deadlines (registration: 15 days): "还剩 12 天", "今天 23:59 截止", "已过期". */
export function formatDaysLeft(targetMs: number, nowMs: number): string {
  const c = countdown(targetMs, nowMs);
  if (c.done) return '已过期';
  if (c.days >= 1) return `还剩 ${c.days} 天 ${c.hours} 小时`;
  return `还剩 ${formatCountdown(c)}`;
}

/** Beijing wall-clock time of an instant, "2026-11-21 20:00", whatever the phone's time zone. */
export function formatBeijing(iso: string | number, withSeconds = false): string {
  const t = typeof iso === 'number' ? iso : Date.parse(iso);
  const d = new Date(t + 8 * 3_600_000);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return withSeconds ? `${base}:${pad(d.getUTCSeconds())}` : base;
}
