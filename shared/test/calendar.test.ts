import dayjs from 'dayjs';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  addYears,
  compareDays,
  endOfShanghaiDay,
  isIsoDay,
  shanghaiDay,
  shanghaiQuarter,
  shanghaiYear,
  startOfShanghaiDay,
} from '../src/policy/calendar';
import { utc } from './helpers';

describe('Beijing calendar (第十五条 deadlines, 第十二条 year)', () => {
  test.each([
    ['2026-01-15T15:30:00.000Z', '2026-01-15'], // 23:30 Beijing: still the 15th
    ['2026-01-15T15:59:59.999Z', '2026-01-15'],
    ['2026-01-15T16:00:00.000Z', '2026-01-16'], // 00:00 Beijing
    ['2026-01-15T00:00:00.000Z', '2026-01-15'], // 08:00 Beijing
    ['2025-12-31T16:00:00.000Z', '2026-01-01'],
  ])('第十五条: shanghaiDay(%s) = %s', (iso, day) => {
    expect(shanghaiDay(utc(iso))).toBe(day);
  });

  test('第十五条: endOfShanghaiDay is 23:59:59.999 Beijing = 15:59:59.999Z', () => {
    expect(endOfShanghaiDay('2026-01-30').toISOString()).toBe('2026-01-30T15:59:59.999Z');
    expect(endOfShanghaiDay('2026-12-31').toISOString()).toBe('2026-12-31T15:59:59.999Z');
    expect(startOfShanghaiDay('2026-01-30').toISOString()).toBe('2026-01-29T16:00:00.000Z');
  });

  test.each([
    ['2026-01-15', 15, '2026-01-30'],
    ['2026-01-20', 15, '2026-02-04'],
    ['2026-12-20', 15, '2027-01-04'],
    ['2028-02-20', 15, '2028-03-06'], // leap year: Feb has 29 days
    ['2026-02-20', 15, '2026-03-07'],
  ])('第十五条: addDays(%s, %i) = %s', (day, n, expected) => {
    expect(addDays(day, n)).toBe(expected);
  });

  test.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-01-10', 3, '2026-04-10'],
    ['2026-10-31', 3, '2027-01-31'],
  ])('第十五条: addMonths(%s, %i) = %s (clamped to the month end)', (day, n, expected) => {
    expect(addMonths(day, n)).toBe(expected);
  });

  test('第七条第一项: addYears clamps 29 February to 28 February', () => {
    expect(addYears('2024-02-29', 5)).toBe('2029-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2021-06-15', 5)).toBe('2026-06-15');
  });

  test.each([
    ['2026-12-31T15:30:00.000Z', 2026], // 23:30 Beijing
    ['2026-12-31T15:59:59.999Z', 2026],
    ['2026-12-31T16:00:00.000Z', 2027],
    ['2026-12-31T16:30:00.000Z', 2027], // 00:30 Beijing on 1 January
  ])('第十二条: shanghaiYear(%s) = %i', (iso, year) => {
    expect(shanghaiYear(utc(iso))).toBe(year);
  });

  test.each([
    ['2026-03-31T15:59:59.999Z', 1],
    ['2026-03-31T16:00:00.000Z', 2],
    ['2026-09-30T15:59:59.999Z', 3],
    ['2026-09-30T16:00:00.000Z', 4],
    ['2025-12-31T16:00:00.000Z', 1],
  ])('第十五条第五项: shanghaiQuarter(%s) = %i', (iso, q) => {
    expect(shanghaiQuarter(utc(iso))).toBe(q);
  });

  test('第十五条: isIsoDay accepts real days only; helpers reject bad input', () => {
    expect(isIsoDay('2028-02-29')).toBe(true);
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2026-13-01')).toBe(false);
    expect(isIsoDay('2026-1-01')).toBe(false);
    expect(isIsoDay(20260101)).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => shanghaiDay(new Date(Number.NaN))).toThrow(RangeError);
    expect(compareDays('2026-01-09', '2026-01-10')).toBe(-1);
    expect(compareDays('2026-01-10', '2026-01-10')).toBe(0);
    expect(compareDays('2026-02-01', '2026-01-31')).toBe(1);
  });

  test('第十五条: the fixed UTC+08:00 offset agrees with dayjs.tz(Asia/Shanghai) for 1992–2100', () => {
    fc.assert(
      fc.property(fc.date({ min: utc('1992-01-01T00:00:00Z'), max: utc('2100-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const viaTz = dayjs(d).tz('Asia/Shanghai');
        expect(shanghaiDay(d)).toBe(viaTz.format('YYYY-MM-DD'));
        expect(shanghaiYear(d)).toBe(viaTz.year());
        expect(endOfShanghaiDay(shanghaiDay(d)).getTime()).toBe(
          dayjs.tz(`${shanghaiDay(d)}T23:59:59.999`, 'Asia/Shanghai').valueOf(),
        );
      }),
      { numRuns: 300 },
    );
  });

  test('第十五条: the remembered day is never answered for an instant outside it (midnight ± ms, any order)', () => {
    const midnight = utc('2026-11-21T16:00:00Z').getTime(); // 2026-11-22 00:00 Beijing
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 }), { minLength: 1, maxLength: 40 }), (offsets) => {
        for (const o of offsets) {
          const d = new Date(midnight + o);
          expect(shanghaiDay(d)).toBe(dayjs(d).tz('Asia/Shanghai').format('YYYY-MM-DD'));
          expect(shanghaiYear(d)).toBe(dayjs(d).tz('Asia/Shanghai').year());
        }
      }),
      { numRuns: 200 },
    );
    expect(shanghaiDay(new Date(midnight - 1))).toBe('2026-11-21');
    expect(shanghaiDay(new Date(midnight))).toBe('2026-11-22');
    expect(shanghaiDay(new Date(midnight - 1))).toBe('2026-11-21');
  });
});
