/**
 * Working-day arithmetic for public notices (第十五条5 Decision, as 第十四条5: a public notice lasts 5
 * working days). Pure: the calendar is a predicate the caller supplies — the BFF passes the State
 * Council's holiday calendar with its adjusted working days (调休), `chinese-days`; tests may pass a table.
 *
 * **Decision** (how "5 working days" is counted): the notice's first day counts when it is a working day;
 * when the start day is not a working day, counting begins at the next working day. The end day is the
 * 5th working day counted so, and the notice runs to the end of that day (Beijing time). E.g. starting
 * Monday 2025-09-22 it ends Friday 2025-09-26; starting Monday 2025-09-29 it ends on the adjusted
 * working Saturday 2025-10-11 (09-29, 09-30, 10-09, 10-10, 10-11; 10-01…10-08 is the National Day and
 * Mid-Autumn holiday).
 */
import { addDays, isIsoDay, type IsoDay } from './calendar';

/** True when `day` (YYYY-MM-DD) is a working day on the calendar in use. */
export type WorkingDayPredicate = (day: IsoDay) => boolean;

/** Plain weekdays, no holidays: a fallback for calendars without holiday data. */
export const mondayToFriday: WorkingDayPredicate = (day) => {
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
};

/** The first working day on or after `day`. */
export function nextWorkingDayOnOrAfter(day: IsoDay, isWorkingDay: WorkingDayPredicate): IsoDay {
  if (!isIsoDay(day)) throw new RangeError(`expected a YYYY-MM-DD calendar day, got ${String(day)}`);
  let d = day;
  // A year has no run of 60 days off; the bound only guards against a broken calendar.
  for (let i = 0; i < 60; i++, d = addDays(d, 1)) if (isWorkingDay(d)) return d;
  throw new RangeError(`no working day within 60 days of ${day}`);
}

/**
 * The last day of a period of `count` working days starting on `start` (inclusive, see the Decision
 * above): noticeEndDay('2025-09-22', 5) → '2025-09-26'.
 */
export function lastWorkingDayOf(start: IsoDay, count: number, isWorkingDay: WorkingDayPredicate): IsoDay {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`expected a positive whole count, got ${count}`);
  let d = nextWorkingDayOnOrAfter(start, isWorkingDay);
  for (let left = count - 1; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

/** 第十五条5 (as 第十四条5): a public notice lasts 5 working days. */
export const PUBLIC_NOTICE_WORKING_DAYS = 5;

/** The end day of a public notice starting on `start`. */
export function noticeEndDay(start: IsoDay, isWorkingDay: WorkingDayPredicate, workingDays = PUBLIC_NOTICE_WORKING_DAYS): IsoDay {
  return lastWorkingDayOf(start, workingDays, isWorkingDay);
}
