/**
 * Calendar helpers in Asia/Shanghai (Beijing time). Every calendar rule of the scheme (deadlines,
 * "the current year", the 5-year registration window) is computed on Beijing calendar days.
 *
 * - Instants are UTC `Date`s; calendar days are ISO strings `YYYY-MM-DD` (type `IsoDay`).
 * - Day arithmetic (addDays, addMonths, addYears) runs on pure calendar days in dayjs UTC mode, so no
 *   time zone can shift it. dayjs clamps to the month end: 01-31 + 1 month = 02-28 (02-29 in a leap
 *   year); 11-30 + 3 months = 02-28/29; 2024-02-29 + 5 years = 2029-02-28.
 * - Instant ↔ Beijing day uses the fixed offset UTC+08:00 (dayjs utc plugin, `utcOffset(480)`), not the
 *   Intl-based `dayjs.tz()`: Asia/Shanghai has had no daylight saving time since 1991, so the offset is
 *   exact for every instant this programme handles, and `dayjs.tz()` is known to return device-local
 *   results on Android WeChat (dayjs#2635, taro#16078). The timezone plugin is still extended here once
 *   for code that wants `dayjs.tz`, and a test checks the fixed offset against `dayjs.tz(…,
 *   'Asia/Shanghai')` on Node, where Intl is complete.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const SHANGHAI_TZ = 'Asia/Shanghai';
/** Beijing time is UTC+08:00, in minutes. */
export const SHANGHAI_UTC_OFFSET_MINUTES = 8 * 60;

/** A calendar day `YYYY-MM-DD` (Beijing calendar unless said otherwise). */
export type IsoDay = string;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar day in `YYYY-MM-DD` form (2026-02-30 is not). */
export function isIsoDay(value: unknown): value is IsoDay {
  if (typeof value !== 'string') return false;
  const match = ISO_DAY.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function assertIsoDay(day: IsoDay): void {
  if (!isIsoDay(day)) throw new RangeError(`expected a YYYY-MM-DD calendar day, got ${String(day)}`);
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`expected a valid Date, got ${String(instant)}`);
  }
}

function inShanghai(instant: Date): dayjs.Dayjs {
  assertInstant(instant);
  return dayjs.utc(instant).utcOffset(SHANGHAI_UTC_OFFSET_MINUTES);
}

let lastDay: { from: number; to: number; day: IsoDay } = { from: 0, to: 0, day: '' };

/** The Beijing calendar day an instant falls on: 2026-01-15T15:30Z (23:30 Beijing) → "2026-01-15". */
export function shanghaiDay(instant: Date): IsoDay {
  assertInstant(instant);
  const t = instant.getTime();
  // The claim path asks this for "now" on every request: the last day's bounds answer without dayjs.
  if (t >= lastDay.from && t < lastDay.to) return lastDay.day;
  const day = inShanghai(instant).format('YYYY-MM-DD');
  const from = startOfShanghaiDay(day).getTime();
  // A fixed offset has no DST, so every Beijing day is exactly 24 hours long.
  lastDay = { from, to: from + 86_400_000, day };
  return day;
}

/** The instant 00:00:00.000 Beijing time starts `day`, as a UTC Date. */
export function startOfShanghaiDay(day: IsoDay): Date {
  assertIsoDay(day);
  return new Date(dayjs.utc(day).valueOf() - SHANGHAI_UTC_OFFSET_MINUTES * 60_000);
}

/** The last millisecond of `day` in Beijing, 23:59:59.999 +08:00, as a UTC Date (15:59:59.999Z). */
export function endOfShanghaiDay(day: IsoDay): Date {
  assertIsoDay(day);
  return new Date(startOfShanghaiDay(addDays(day, 1)).getTime() - 1);
}

const addedDays = new Map<string, IsoDay>();

/**
 * Calendar-day arithmetic: addDays("2026-01-15", 15) → "2026-01-30". Remembered: every voucher claimed
 * on one day asks for the same deadlines (第十五条), and thousands are claimed in the same second.
 */
export function addDays(day: IsoDay, days: number): IsoDay {
  const key = `${day}|${days}`;
  let result = addedDays.get(key);
  if (result === undefined) {
    assertIsoDay(day);
    result = dayjs.utc(day).add(days, 'day').format('YYYY-MM-DD');
    if (addedDays.size >= 10_000) addedDays.clear();
    addedDays.set(key, result);
  }
  return result;
}

/** Calendar-month arithmetic, clamped to the month end: addMonths("2026-01-31", 1) → "2026-02-28". */
export function addMonths(day: IsoDay, months: number): IsoDay {
  assertIsoDay(day);
  return dayjs.utc(day).add(months, 'month').format('YYYY-MM-DD');
}

/** Calendar-year arithmetic, clamped: addYears("2024-02-29", 5) → "2029-02-28". */
export function addYears(day: IsoDay, years: number): IsoDay {
  assertIsoDay(day);
  return dayjs.utc(day).add(years, 'year').format('YYYY-MM-DD');
}

/** Compares two calendar days: negative when a < b, 0 when equal, positive when a > b. */
export function compareDays(a: IsoDay, b: IsoDay): number {
  assertIsoDay(a);
  assertIsoDay(b);
  return a < b ? -1 : a > b ? 1 : 0; // ISO days sort lexicographically
}

/** The Beijing calendar year of an instant: 2026-12-31T16:30Z → 2027. */
export function shanghaiYear(instant: Date): number {
  return Number(shanghaiDay(instant).slice(0, 4));
}

export type Quarter = 1 | 2 | 3 | 4;

/** The Beijing calendar quarter of an instant (1–4): 2026-09-30T16:00Z (10-01 00:00 Beijing) → 4. */
export function shanghaiQuarter(instant: Date): Quarter {
  return (Math.floor(inShanghai(instant).month() / 3) + 1) as Quarter;
}
