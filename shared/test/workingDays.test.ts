import { isWorkday } from 'chinese-days';
import { lastWorkingDayOf, mondayToFriday, nextWorkingDayOnOrAfter, noticeEndDay } from '../src/policy/workingDays';

/** The State Council's calendar with its adjusted working days (调休), as the BFF uses it. */
const stateCouncil = (day: string) => isWorkday(day);

describe('第十五条5 (as 第十四条5): a public notice lasts 5 working days on the State Council calendar', () => {
  test.each([
    // start, end, why
    ['2025-09-22', '2025-09-26', 'an ordinary week: Monday … Friday, the start day counts'],
    ['2025-09-26', '2025-10-09', 'across National Day: Fri 09-26, Sun 09-28 (调休), 09-29, 09-30, then 10-09'],
    ['2025-09-27', '2025-10-10', 'a Saturday start: counting begins on the adjusted Sunday 09-28'],
    ['2025-10-01', '2025-10-14', 'a start inside the holiday: counting begins on 10-09'],
    ['2025-10-11', '2025-10-16', 'a 调休 Saturday is itself a working day and counts as the first'],
    ['2025-09-29', '2025-10-11', '09-29, 09-30, 10-09, 10-10, and the 5th is the 调休 Saturday 10-11'],
    ['2025-09-30', '2025-10-13', 'the day before the holiday: 09-30, 10-09, 10-10, Sat 10-11, Mon 10-13'],
  ])('start %s → end %s (%s)', (start, end) => {
    expect(noticeEndDay(start, stateCouncil)).toBe(end);
  });

  test('the calendar matters: on plain weekdays the National Day week would give another end day', () => {
    expect(noticeEndDay('2025-09-26', mondayToFriday)).toBe('2025-10-02');
    expect(noticeEndDay('2025-09-26', stateCouncil)).toBe('2025-10-09');
  });

  test('boundaries: one working day is the start itself (or the next working day); the count must be positive', () => {
    expect(lastWorkingDayOf('2025-09-22', 1, stateCouncil)).toBe('2025-09-22');
    expect(nextWorkingDayOnOrAfter('2025-10-04', stateCouncil)).toBe('2025-10-09');
    expect(() => lastWorkingDayOf('2025-09-22', 0, stateCouncil)).toThrow(RangeError);
    expect(() => noticeEndDay('2025-02-30', stateCouncil)).toThrow(RangeError);
  });
});
