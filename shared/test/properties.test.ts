import fc from 'fast-check';
import {
  maxVoucherPayment,
  remainingAnnualAllowance,
  validateVoucherAmount,
  VOUCHER_MAX_FEN,
  VOUCHER_MIN_FEN,
} from '../src/policy/amounts';
import { addMonths, endOfShanghaiDay, shanghaiDay } from '../src/policy/calendar';
import { redemptionDeadline, registrationDeadline, validityEnd } from '../src/policy/deadlines';
import { deriveStatus, transition, VOUCHER_STATUSES, VOUCHER_TRANSITIONS } from '../src/policy/lifecycle';
import type { Voucher, VoucherEvent } from '../src/policy/lifecycle';

const DAY_MS = 86_400_000;
const instant = fc.date({ min: new Date('2023-10-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true });
const isoDay = instant.map(shanghaiDay);
const status = fc.constantFrom(...VOUCHER_STATUSES);

describe('property: no computed amount exceeds a cap — 第十二条', () => {
  test('第十二条: maxVoucherPayment ≤ the voucher, ≤ half the contract, and equals the smaller of the two', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: VOUCHER_MAX_FEN }), (contract, voucher) => {
        const pay = maxVoucherPayment(contract, voucher);
        expect(Number.isInteger(pay)).toBe(true);
        expect(pay).toBeLessThanOrEqual(voucher);
        expect(2 * pay).toBeLessThanOrEqual(contract);
        expect(pay === voucher || 2 * pay >= contract - 1).toBe(true); // nothing left on the table beyond the odd fen
      }),
    );
  });

  test('第十二条: the remaining annual allowance is never negative and never above the cap', () => {
    const held = fc.array(fc.record({ amountFen: fc.integer({ min: 0, max: 10_000_000 }), status, claimedAt: instant }), { maxLength: 30 });
    fc.assert(
      fc.property(fc.constantFrom(20_000_000, 50_000_000), held, instant, (cap, vouchers, now) => {
        const left = remainingAnnualAllowance(cap, vouchers, now);
        expect(left).toBeGreaterThanOrEqual(0);
        expect(left).toBeLessThanOrEqual(cap);
      }),
    );
  });

  test('第十二条: every accepted voucher amount is whole yuan within [1,000, min(50,000, period max)] yuan', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 20_000_000 }), fc.option(fc.integer({ min: 0, max: 20_000_000 }), { nil: undefined }), (amount, periodMax) => {
        const r = validateVoucherAmount(amount, periodMax);
        const expected =
          amount % 100 === 0 && amount >= VOUCHER_MIN_FEN && amount <= VOUCHER_MAX_FEN && (periodMax === undefined || amount <= periodMax);
        expect(r.ok).toBe(expected);
      }),
    );
  });
});

describe('property: deadlines never fall before their start — 第十五条', () => {
  test('第十五条第二项: the registration deadline is 15–16 days after the claim and ends a Beijing day', () => {
    fc.assert(
      fc.property(instant, (claimedAt) => {
        const d = registrationDeadline(claimedAt);
        expect(d.getTime() - claimedAt.getTime()).toBeGreaterThan(15 * DAY_MS);
        expect(d.getTime() - claimedAt.getTime()).toBeLessThanOrEqual(16 * DAY_MS);
        expect(d.getTime()).toBe(endOfShanghaiDay(shanghaiDay(d)).getTime());
        expect(d.getUTCHours() * 60 + d.getUTCMinutes()).toBe(15 * 60 + 59); // 23:59 Beijing
      }),
    );
  });

  test('第十五条第二项: the validity end is 89–93 days after registration', () => {
    fc.assert(
      fc.property(instant, (registeredAt) => {
        const span = validityEnd(registeredAt).getTime() - registeredAt.getTime();
        expect(span).toBeGreaterThan(89 * DAY_MS);
        expect(span).toBeLessThanOrEqual(93 * DAY_MS);
      }),
    );
  });

  test('第十五条第三项: the redemption deadline is 28–31 days after the end of the contract end day', () => {
    fc.assert(
      fc.property(isoDay, (end) => {
        const span = redemptionDeadline(end).getTime() - endOfShanghaiDay(end).getTime();
        expect(span).toBeGreaterThanOrEqual(28 * DAY_MS);
        expect(span).toBeLessThanOrEqual(31 * DAY_MS);
      }),
    );
  });

  test('第十五条: addMonths never overflows into a later month (clamping)', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 0, max: 24 }), (day, n) => {
        const out = addMonths(day, n);
        const [y, m, d] = day.split('-').map(Number);
        const months = y * 12 + (m - 1) + n;
        expect(out.slice(0, 7)).toBe(`${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}`);
        expect(Number(out.slice(8))).toBeLessThanOrEqual(d);
      }),
    );
  });
});

describe('property: the state machine — 第十五条', () => {
  const voucherArb = fc
    .record({ status, claimedAt: instant, registeredOffsetDays: fc.integer({ min: 0, max: 15 }), contractEnd: fc.option(fc.integer({ min: 0, max: 95 })) })
    .map(({ status: s, claimedAt, registeredOffsetDays, contractEnd }): Voucher => {
      const registeredAt = new Date(claimedAt.getTime() + registeredOffsetDays * DAY_MS);
      const v: Voucher = { status: s, amountFen: 1_000_000, claimedAt };
      if (s !== 'claimed') v.registeredAt = registeredAt;
      if (s !== 'claimed' && contractEnd !== null) v.contractEndDay = shanghaiDay(new Date(registeredAt.getTime() + contractEnd * DAY_MS));
      if (s === 'void') v.voidReason = 'cancelled';
      return v;
    });

  test('第十五条: once derived void, a voucher stays void at every later instant', () => {
    fc.assert(
      fc.property(voucherArb, instant, fc.integer({ min: 0, max: 400 * DAY_MS }), (v, t, later) => {
        const first = deriveStatus(v, t);
        if (first.status === 'void') expect(deriveStatus(v, new Date(t.getTime() + later))).toEqual(first);
      }),
    );
  });

  test('第十五条: every successful transition follows a row of the table', () => {
    const event = fc.constantFrom<VoucherEvent>(
      { type: 'register', contractEndDay: '2030-01-01' },
      { type: 'apply_redemption' },
      { type: 'approve' },
      { type: 'reject', reason: '不符合要求' },
      { type: 'pay' },
      { type: 'cancel' },
      { type: 'expire_registration' },
      { type: 'expire_validity' },
      { type: 'expire_redemption' },
    );
    const actor = fc.constantFrom('applicant', 'open_unit', 'administrator', 'system' as const);
    fc.assert(
      fc.property(voucherArb, event, actor, instant, (v, e, a, now) => {
        const r = transition(v, e, a, now);
        if (!r.ok) return;
        const row = VOUCHER_TRANSITIONS.find((t) => t.from === v.status && t.event === e.type);
        expect(row).toBeDefined();
        expect(row?.actors).toContain(a);
        expect(r.voucher.status).toBe(row?.to);
        expect(r.voucher.voidReason).toBe(row?.voidReason ?? v.voidReason);
        expect(deriveStatus(v, now).status === 'void' && a !== 'system').toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
