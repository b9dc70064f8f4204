import { clockOffset, countdown, formatBeijing, formatCountdown, formatDaysLeft, serverNow } from '../logic/clock';

describe('countdown on the server clock', () => {
  test('offset = serverTime − local time at fetch; server now = local now + offset', () => {
    const local = Date.parse('2026-11-21T12:00:00.000Z');
    // The phone runs 5 minutes fast: the server says 11:55.
    const offset = clockOffset('2026-11-21T11:55:00.000Z', local);
    expect(offset).toBe(-5 * 60_000);
    expect(serverNow(offset, local + 1000)).toBe(Date.parse('2026-11-21T11:55:01.000Z'));
  });

  test('a phone clock that is fast does not reach zero early', () => {
    const opensAt = Date.parse('2026-11-21T12:00:00.000Z');
    const offset = clockOffset('2026-11-21T11:59:50.000Z', Date.parse('2026-11-21T12:00:00.000Z'));
    // By the phone it is already 12:00:00, by the server 11:59:50: still ten seconds to go.
    const c = countdown(opensAt, serverNow(offset, Date.parse('2026-11-21T12:00:00.000Z')));
    expect(c.done).toBe(false);
    expect(formatCountdown(c)).toBe('00:00:10');
  });

  test('garbage server time leaves the phone clock as it is', () => {
    expect(clockOffset('not a date', 123)).toBe(0);
  });

  test('ticks every second: partial seconds round up, zero only at the moment', () => {
    const target = 10_000;
    expect(formatCountdown(countdown(target, 0))).toBe('00:00:10');
    expect(formatCountdown(countdown(target, 9_001))).toBe('00:00:01');
    expect(countdown(target, 9_999).done).toBe(false);
    expect(countdown(target, 10_000).done).toBe(true);
    expect(formatCountdown(countdown(target, 20_000))).toBe('00:00:00');
  });

  test('days, hours, minutes, seconds', () => {
    const ms = ((3 * 24 + 4) * 3600 + 5 * 60 + 6) * 1000;
    const c = countdown(ms, 0);
    expect(c).toMatchObject({ days: 3, hours: 4, minutes: 5, seconds: 6, done: false });
    expect(formatCountdown(c)).toBe('3天 04:05:06');
  });

  test('registration deadline: days left, then a clock on the last day, then 已过期', () => {
    const deadline = Date.parse('2026-12-06T15:59:59.999Z');
    expect(formatDaysLeft(deadline, Date.parse('2026-11-21T12:00:00Z'))).toBe('还剩 15 天 4 小时');
    expect(formatDaysLeft(deadline, Date.parse('2026-12-06T15:00:00Z'))).toBe('还剩 01:00:00');
    expect(formatDaysLeft(deadline, Date.parse('2026-12-06T16:00:00Z'))).toBe('已过期');
  });

  test('times are shown in Beijing time whatever the phone’s zone', () => {
    expect(formatBeijing('2026-12-06T15:59:59.999Z')).toBe('2026-12-06 23:59');
    expect(formatBeijing('2026-12-31T16:00:00.000Z', true)).toBe('2027-01-01 00:00:00');
  });
});
