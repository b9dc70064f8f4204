/**
 * Which amount counts toward the annual cap once a voucher is registered and redeemed (第十二条,
 * docs/amounts.md): the voucher's face value (申领金额), from the claim until it is void — not the
 * smaller amount registered on its contract, nor the smaller amount it pays at redemption.
 */
import { ANNUAL_CAP_STANDARD_FEN, maxVoucherPayment, remainingAnnualAllowance, usedAnnualAllowanceFen, type HeldVoucher } from '../src/policy/amounts';
import { bj } from './helpers';

const now = bj('2026-09-01 10:00');
const claimedAt = bj('2026-03-02 09:00');
/** A 50,000-yuan voucher, its contract registered at 30,000 yuan (a 60,000-yuan contract), paid 10,000 yuan (a 20,000-yuan actual amount). */
const FACE = 5_000_000;
const REGISTERED = maxVoucherPayment(6_000_000, FACE);
const PAYABLE = Math.min(REGISTERED, maxVoucherPayment(2_000_000, FACE));

describe('annual cap after registration and redemption — 第十二条', () => {
  test('the amounts of the example: registered 30,000 yuan, payable 10,000 yuan, face 50,000 yuan', () => {
    expect([FACE, REGISTERED, PAYABLE]).toEqual([5_000_000, 3_000_000, 1_000_000]);
  });

  test.each(['claimed', 'registered', 'redemption_applied', 'approved', 'paid', 'rejected'] as const)(
    'a %s voucher counts its face value, whatever its contract registered or it paid',
    (status) => {
      const held: HeldVoucher[] = [{ amountFen: FACE, status, claimedAt }];
      expect(usedAnnualAllowanceFen(held, now)).toBe(FACE);
      expect(remainingAnnualAllowance(ANNUAL_CAP_STANDARD_FEN, held, now)).toBe(ANNUAL_CAP_STANDARD_FEN - FACE);
    },
  );

  test('the unused part of a registered or redeemed voucher does not come back to the year: a void one gives all of it back', () => {
    const held: HeldVoucher[] = [
      { amountFen: FACE, status: 'paid', claimedAt },
      { amountFen: FACE, status: 'registered', claimedAt },
      { amountFen: FACE, status: 'void', claimedAt },
    ];
    // 200,000 − 2 × 50,000 (the void one counts nothing): 100,000 yuan left, not 200,000 − 10,000 − 30,000.
    expect(remainingAnnualAllowance(ANNUAL_CAP_STANDARD_FEN, held, now)).toBe(10_000_000);
  });
});
