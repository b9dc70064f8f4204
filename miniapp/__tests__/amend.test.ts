import { withContractAmount } from '../logic/contracts';
import { amendBody, canAmend, changeLines, claimDayOf, followsMaximum, termsForm, validateAmendment } from '../logic/amend';
import { proposal, registeredContract, unit } from '../../mock/api';
import type { ContractTerms, ContractView } from '../services/types';

// A contract registered 2026-11-20 (Beijing) on a 50,000-yuan voucher claimed 2026-11-18: valid to 2027-02-20.
const terms: ContractTerms = { contractNo: 'HT-2026-001', contractAmountFen: 8_000_000, startDay: '2026-11-20', endDay: '2026-12-20', voucherAmountFen: 4_000_000 };
const c: ContractView = {
  ...registeredContract,
  terms,
  registeredAt: '2026-11-20T02:00:00.000Z',
  voucher: {
    ...registeredContract.voucher,
    amountFen: 5_000_000,
    status: 'registered',
    registrationDeadline: '2026-12-03T15:59:59.999Z',
    validUntil: '2027-02-20T15:59:59.999Z',
    redemptionDeadline: '2027-01-20T15:59:59.999Z',
  },
};
const now = new Date('2026-11-25T04:00:00Z');

describe('who may amend, and when (lifecycle amend: registered, before redemption)', () => {
  test('staff of the contract’s unit, on a registered contract whose voucher is still registered', () => {
    expect(canAmend(c, unit.id, now)).toBe(true);
    expect(canAmend(c, 'ou_other', now)).toBe(false);
    expect(canAmend(c, null, now)).toBe(false);
    expect(canAmend(proposal, unit.id, now)).toBe(false);
    expect(canAmend({ ...c, status: 'cancelled' }, unit.id, now)).toBe(false);
    expect(canAmend({ ...c, voucher: { ...c.voucher, status: 'redemption_applied' } }, unit.id, now)).toBe(false);
  });

  test('not once the redemption deadline has passed (the voucher is void by then, 第十五条3)', () => {
    expect(canAmend(c, unit.id, new Date('2027-01-20T15:59:59.999Z'))).toBe(true);
    expect(canAmend(c, unit.id, new Date('2027-01-20T16:00:00.000Z'))).toBe(false);
  });
});

describe('the form: registered terms prefilled, the 50% share (第十二条) recomputed live', () => {
  test('prefill in yuan, and an unchanged form is refused before sending', () => {
    const f = termsForm(terms);
    expect(f).toEqual({ contractNo: 'HT-2026-001', contractAmountYuan: '80000.00', startDay: '2026-11-20', endDay: '2026-12-20', voucherAmountYuan: '40000.00' });
    expect(validateAmendment(f, '', c, now)).toEqual({ form: '条款没有变化' });
    expect(changeLines(terms, f)).toEqual([]);
  });

  test('the voucher amount follows the contract amount only when it was the maximum', () => {
    expect(followsMaximum(terms, 5_000_000)).toBe(true);
    expect(followsMaximum({ ...terms, voucherAmountFen: 3_000_000 }, 5_000_000)).toBe(false);
    const f = withContractAmount(termsForm(terms), '100000', 5_000_000, !followsMaximum(terms, 5_000_000));
    expect(f.voucherAmountYuan).toBe('50000.00');
    // Above 100,000 yuan the voucher's face value caps it.
    expect(withContractAmount(f, '150000', 5_000_000, false).voucherAmountYuan).toBe('50000.00');
    const kept = withContractAmount(termsForm({ ...terms, voucherAmountFen: 3_000_000 }), '100000', 5_000_000, true);
    expect(kept.voucherAmountYuan).toBe('30000.00');
  });

  test('a lower contract amount with the old voucher amount breaks the 50% rule', () => {
    const f = { ...termsForm(terms), contractAmountYuan: '60000' };
    expect(validateAmendment(f, '', c, now).voucherAmountYuan).toBe('超出上限：最多可用券 30,000.00 元（合同金额的50%且不超过券面）');
    expect(validateAmendment({ ...f, voucherAmountYuan: '30000' }, '', c, now)).toEqual({});
  });

  test('the end day stays between the registration day and the validity end (第十五条2)', () => {
    const f = termsForm(terms);
    expect(validateAmendment({ ...f, startDay: '2026-11-19', endDay: '2026-11-19' }, '', c, now).endDay).toBe('合同到期日不能早于登记日 2026-11-20（可选 2026-11-20 至 2027-02-20）');
    expect(validateAmendment({ ...f, endDay: '2027-02-21' }, '', c, now).endDay).toBe('合同到期日不能晚于有效期截止日 2027-02-20（登记后最长3个月，第十五条2；可选 2026-11-20 至 2027-02-20）');
    expect(validateAmendment({ ...f, endDay: '2027-02-20' }, '', c, now)).toEqual({});
  });

  test('the start day is not before the claim day, which the registration deadline gives away', () => {
    expect(claimDayOf(c)).toBe('2026-11-18');
    expect(validateAmendment({ ...termsForm(terms), startDay: '2026-11-17' }, '', c, now).startDay).toBe('合同开始日不能早于领券日 2026-11-18');
    expect(validateAmendment({ ...termsForm(terms), startDay: '2026-11-18' }, '', c, now)).toEqual({});
  });

  test('an end day whose redemption month is already over is refused (it would void the voucher)', () => {
    const late = new Date('2027-01-01T00:00:00Z');
    // 2026-11-30 + 1 month = 2026-12-30, past on 2027-01-01.
    expect(validateAmendment({ ...termsForm(terms), endDay: '2026-11-30' }, '', c, late).endDay).toContain('兑现申请期限');
    expect(validateAmendment({ ...termsForm(terms), endDay: '2026-12-01' }, '', c, late).endDay).toBeUndefined();
  });

  test('the reason is at most 200 characters', () => {
    const f = { ...termsForm(terms), contractNo: 'HT-2026-001-B' };
    expect(validateAmendment(f, 'x'.repeat(201), c, now).reason).toBe('变更原因不超过200字');
    expect(validateAmendment(f, 'x'.repeat(200), c, now)).toEqual({});
  });
});

describe('what is sent and shown', () => {
  test('only the changed terms, in fen, with the reason when given', () => {
    const f = { ...termsForm(terms), contractAmountYuan: '100000', voucherAmountYuan: '50000', endDay: '2027-01-10' };
    expect(amendBody(terms, f, ' 增加样品 ')).toEqual({ contractAmountFen: 10_000_000, voucherAmountFen: 5_000_000, endDay: '2027-01-10', reason: '增加样品' });
    expect(amendBody(terms, { ...termsForm(terms), contractNo: ' HT-2 ' }, '  ')).toEqual({ contractNo: 'HT-2' });
  });

  test('before → after lines, money formatted; a half-typed amount is not shown as a change', () => {
    const f = { ...termsForm(terms), contractAmountYuan: '100000', voucherAmountYuan: '50000' };
    expect(changeLines(terms, f)).toEqual([
      { key: 'contractAmountFen', label: '合同金额', before: '80,000.00 元', after: '100,000.00 元' },
      { key: 'voucherAmountFen', label: '使用创新券', before: '40,000.00 元', after: '50,000.00 元' },
    ]);
    expect(changeLines(terms, { ...f, contractAmountYuan: '1.' }).map((l) => l.key)).toEqual(['voucherAmountFen']);
  });
});
