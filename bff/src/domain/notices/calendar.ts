/**
 * The one working-day calendar of the BFF (第十五条5 Decision, as 第十四条5): the State Council's holidays
 * and adjusted working days (调休), from `chinese-days`. The arithmetic itself is pure, in @kcq/shared
 * (workingDays.ts); this module only supplies the calendar.
 */
import { isWorkday } from 'chinese-days';
import { noticeEndDay, type IsoDay, type WorkingDayPredicate } from '@kcq/shared';

export const stateCouncilCalendar: WorkingDayPredicate = (day: IsoDay) => isWorkday(day);

/** The last day of a public notice starting on `start`: 5 working days on the State Council calendar. */
export function publicNoticeEndDay(start: IsoDay): IsoDay {
  return noticeEndDay(start, stateCouncilCalendar);
}
