import { checkContractEndDay, paymentYear, redemptionDeadline, registrationDeadline, validityEnd, validityEndDay } from '../src/policy/deadlines';
import { bj, utc } from './helpers';

describe('deadlines — 第十五条', () => {
  test.each([
    ['2026-01-15T15:30:00.000Z', '2026-01-30T15:59:59.999Z'], // 23:30 Beijing on the 15th counts as the 15th
    ['2026-01-15T16:00:00.000Z', '2026-01-31T15:59:59.999Z'], // 00:00 Beijing on the 16th
    ['2026-01-15T02:00:00.000Z', '2026-01-30T15:59:59.999Z'],
    ['2026-02-20T02:00:00.000Z', '2026-03-07T15:59:59.999Z'],
    ['2026-12-20T02:00:00.000Z', '2027-01-04T15:59:59.999Z'],
  ])('第十五条第二项: claimed at %s → register by %s (claim day + 15, end of Beijing day)', (claimed, deadline) => {
    expect(registrationDeadline(utc(claimed)).toISOString()).toBe(deadline);
  });

  test.each([
    ['2026-01-10 10:00', '2026-04-10T15:59:59.999Z'],
    ['2026-11-30 10:00', '2027-02-28T15:59:59.999Z'], // clamped
    ['2027-11-30 10:00', '2028-02-29T15:59:59.999Z'], // leap year
    ['2026-03-31 23:30', '2026-06-30T15:59:59.999Z'],
  ])('第十五条第二项: registered %s Beijing → valid until %s (+3 months, clamped)', (registered, end) => {
    expect(validityEnd(bj(registered)).toISOString()).toBe(end);
  });

  test('第十五条第二项: validity end day is a Beijing calendar day', () => {
    expect(validityEndDay(utc('2026-11-30T16:30:00Z'))).toBe('2027-03-01'); // registered 2026-12-01 00:30 Beijing
  });

  test.each([
    ['2026-01-31', '2026-02-28T15:59:59.999Z'],
    ['2028-01-31', '2028-02-29T15:59:59.999Z'],
    ['2026-03-15', '2026-04-15T15:59:59.999Z'],
    ['2026-12-31', '2027-01-31T15:59:59.999Z'],
  ])('第十五条第三项: contract ends %s → apply for redemption by %s (+1 month, clamped)', (end, deadline) => {
    expect(redemptionDeadline(end).toISOString()).toBe(deadline);
  });

  test.each([
    ['2026-01-01 00:00', 2026], // Q1
    ['2026-06-30 23:59', 2026], // Q2
    ['2026-09-30 23:59:59.999', 2026], // last moment of Q3
    ['2026-10-01 00:00', 2027], // first moment of Q4
    ['2026-12-31 23:59', 2027],
  ])('第十五条第五项: approved %s Beijing → paid in %i', (approved, year) => {
    expect(paymentYear(bj(approved))).toBe(year);
  });

  test('第十五条第五项: Q4 is judged in Beijing time (2026-09-30T16:00Z is 1 October in Beijing)', () => {
    expect(paymentYear(utc('2026-09-30T15:59:59.999Z'))).toBe(2026);
    expect(paymentYear(utc('2026-09-30T16:00:00.000Z'))).toBe(2027);
  });

  test.each([
    ['2026-01-09', 'before_registration'],
    ['2026-01-10', null],
    ['2026-04-10', null],
    ['2026-04-11', 'after_validity'],
  ])('第十五条第二项: registered 2026-01-10, contract ending %s → %p', (end, problem) => {
    expect(checkContractEndDay(end, bj('2026-01-10 15:00'))).toBe(problem);
  });
});
