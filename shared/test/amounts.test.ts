import {
  ANNUAL_CAP_HIGH_FEN,
  ANNUAL_CAP_STANDARD_FEN,
  effectiveVoucherMaxFen,
  maxVoucherPayment,
  remainingAnnualAllowance,
  usedAnnualAllowanceFen,
  validateClaimAmount,
  validateVoucherAmount,
  VOUCHER_MAX_FEN,
  VOUCHER_MIN_FEN,
} from '../src/policy/amounts';
import type { HeldVoucher } from '../src/policy/amounts';
import { bj, utc } from './helpers';

describe('voucher amount — 第十二条', () => {
  test('第十二条: the constants are 1,000 / 50,000 / 500,000 / 200,000 yuan in fen', () => {
    expect([VOUCHER_MIN_FEN, VOUCHER_MAX_FEN, ANNUAL_CAP_HIGH_FEN, ANNUAL_CAP_STANDARD_FEN]).toEqual([100_000, 5_000_000, 50_000_000, 20_000_000]);
  });

  test.each([
    [99_900, undefined, 'AMOUNT_BELOW_MIN'], // 999 yuan
    [100_000, undefined, null], // 1,000 yuan
    [100_050, undefined, 'AMOUNT_NOT_WHOLE_YUAN'],
    [100_001, undefined, 'AMOUNT_NOT_WHOLE_YUAN'],
    [5_000_000, undefined, null], // 50,000 yuan
    [5_000_100, undefined, 'AMOUNT_ABOVE_MAX'], // 50,001 yuan
    [1_000.5, undefined, 'AMOUNT_NOT_INTEGER'],
    [Number.NaN, undefined, 'AMOUNT_NOT_INTEGER'],
    [0, undefined, 'AMOUNT_BELOW_MIN'],
    [-100_000, undefined, 'AMOUNT_BELOW_MIN'],
    [3_000_000, 3_000_000, null], // period max 30,000 yuan
    [3_000_100, 3_000_000, 'AMOUNT_ABOVE_MAX'],
    [5_000_000, 10_000_000, null], // a period can never raise the maximum
    [5_000_100, 10_000_000, 'AMOUNT_ABOVE_MAX'],
  ])('第十二条: %p fen with period max %p → %p', (amount, periodMax, code) => {
    const r = validateVoucherAmount(amount, periodMax);
    expect(r.ok ? null : r.code).toBe(code);
    if (!r.ok) expect(r.clause).toBe('第十二条');
  });

  test('第十二条: messages name the applicable maximum', () => {
    expect(validateVoucherAmount(5_000_100)).toEqual({ ok: false, code: 'AMOUNT_ABOVE_MAX', message: '单张创新券金额不能超过 50,000.00 元', clause: '第十二条' });
    expect(validateVoucherAmount(3_000_100, 3_000_000)).toMatchObject({ message: '本期单张创新券金额不能超过 30,000.00 元' });
    expect(validateVoucherAmount(99_900)).toMatchObject({ message: '单张创新券金额不能低于 1,000.00 元' });
    expect(effectiveVoucherMaxFen(2_000_000)).toBe(2_000_000);
    expect(effectiveVoucherMaxFen(9_000_000)).toBe(5_000_000);
    expect(effectiveVoucherMaxFen()).toBe(5_000_000);
  });

  test('第十二条: a claim beyond the remaining annual allowance is ANNUAL_CAP_EXCEEDED', () => {
    expect(validateClaimAmount(5_000_000, { remainingAllowanceFen: 5_000_000 })).toEqual({ ok: true });
    expect(validateClaimAmount(5_000_000, { remainingAllowanceFen: 4_999_900 })).toEqual({
      ok: false,
      code: 'ANNUAL_CAP_EXCEEDED',
      message: '超过本年度剩余可用额度 49,999.00 元',
      clause: '第十二条',
    });
    expect(validateClaimAmount(3_000_100, { periodMaxFen: 3_000_000, remainingAllowanceFen: 0 })).toMatchObject({ code: 'AMOUNT_ABOVE_MAX' });
  });
});

describe('annual allowance — 第十二条', () => {
  const NOW = bj('2026-06-15 10:00');
  const v = (amountFen: number, status: HeldVoucher['status'], claimedAt = bj('2026-03-01 09:00')): HeldVoucher => ({ amountFen, status, claimedAt });

  test.each([
    ['claimed', 5_000_000],
    ['registered', 5_000_000],
    ['redemption_applied', 5_000_000],
    ['approved', 5_000_000],
    ['paid', 5_000_000],
    ['rejected', 5_000_000],
    ['void', 0],
  ] as const)('第十二条: a %s voucher of 50,000 yuan uses %i fen of the allowance', (status, used) => {
    expect(usedAnnualAllowanceFen([v(5_000_000, status)], NOW)).toBe(used);
    expect(remainingAnnualAllowance(ANNUAL_CAP_STANDARD_FEN, [v(5_000_000, status)], NOW)).toBe(ANNUAL_CAP_STANDARD_FEN - used);
  });

  test('第十二条: several vouchers add up; void ones are excluded', () => {
    const held = [v(5_000_000, 'paid'), v(3_000_000, 'registered'), v(2_000_000, 'void'), v(1_000_000, 'claimed')];
    expect(remainingAnnualAllowance(20_000_000, held, NOW)).toBe(11_000_000);
  });

  test('第十二条: only the current Beijing calendar year counts', () => {
    const held = [v(5_000_000, 'paid', bj('2025-12-31 23:59')), v(1_000_000, 'paid', bj('2026-01-01 00:00'))];
    expect(remainingAnnualAllowance(20_000_000, held, NOW)).toBe(19_000_000);
  });

  test('第十二条: year end — claimed 2026-12-31 23:30 Beijing counts in 2026, not 2027', () => {
    const held = [v(5_000_000, 'claimed', utc('2026-12-31T15:30:00Z'))];
    expect(remainingAnnualAllowance(20_000_000, held, bj('2026-12-31 23:45'))).toBe(15_000_000);
    expect(remainingAnnualAllowance(20_000_000, held, bj('2027-01-01 08:00'))).toBe(20_000_000);
  });

  test('第十二条: year end — claimed 2026-12-31 16:30 UTC (00:30 Beijing, 1 January) counts in 2027', () => {
    const held = [v(5_000_000, 'claimed', utc('2026-12-31T16:30:00Z'))];
    expect(remainingAnnualAllowance(20_000_000, held, bj('2027-01-01 08:00'))).toBe(15_000_000);
    expect(remainingAnnualAllowance(20_000_000, held, utc('2026-12-31T15:59:59.999Z'))).toBe(20_000_000);
  });

  test('第十二条: the allowance never goes negative (data over the cap)', () => {
    const held = Array.from({ length: 5 }, () => v(5_000_000, 'paid'));
    expect(remainingAnnualAllowance(20_000_000, held, NOW)).toBe(0);
    expect(remainingAnnualAllowance(-5, [], NOW)).toBe(0);
  });
});

describe('payment at most half the contract — 第十二条', () => {
  test.each([
    [99_999, 5_000_000, 49_999], // floor: 49,999.5 → 49,999
    [10_000_000, 5_000_000, 5_000_000], // half = voucher
    [10_000_002, 5_000_000, 5_000_000], // capped by the voucher
    [200_000, 5_000_000, 100_000], // capped by half the contract
    [1, 5_000_000, 0],
    [0, 5_000_000, 0],
    [7_000_000, 3_000_000, 3_000_000],
  ])('第十二条: contract %i fen, voucher %i fen → at most %i fen', (contract, voucher, pay) => {
    expect(maxVoucherPayment(contract, voucher)).toBe(pay);
  });

  test('第十二条: negative or fractional amounts are programming errors', () => {
    expect(() => maxVoucherPayment(-1, 100)).toThrow(RangeError);
    expect(() => maxVoucherPayment(100, 1.5)).toThrow(RangeError);
  });
});
