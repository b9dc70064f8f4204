/**
 * Issue #15, second pass: the ranges the date pickers offer (第十五条2) and the refusals that name them;
 * one status per screen for a contract in redemption; the three amounts of a voucher (第十二条); the only
 * claimed voucher chosen for a proposal; a period's date and time halves.
 */
import {
  confirmBounds,
  contractStageLabel,
  endRangeAfter,
  preselectedVoucher,
  serverTermsErrors,
  validateTerms,
  voucherStageLabel,
} from '../logic/contracts';
import { amendBounds } from '../logic/amend';
import { amountLines, voucherAmounts } from '../logic/vouchers';
import { checkPeriodForm, periodDayRange, splitBeijing } from '../logic/periodForm';
import { serverFieldMessages } from '../logic/profileForm';
import { registeredContract, proposal } from '../../mock/api';
import type { ContractView } from '../services/types';

const fmt = (fen: number) => `${(fen / 100).toFixed(2)} 元`;

describe('date pickers bounded by 第十五条2', () => {
  // Claimed 2026-11-18 (deadline 12-03 end of day Beijing); confirmed on 2026-11-25 Beijing.
  const pending: ContractView = { ...proposal, voucher: { ...proposal.voucher, registrationDeadline: '2026-12-03T15:59:59.999Z' } };
  const now = new Date('2026-11-25T04:00:00Z');

  test('confirming: the start from the claim day, the end from today, both to the validity end (today + 3 months)', () => {
    expect(confirmBounds(pending, now)).toEqual({ start: { min: '2026-11-18', max: '2027-02-25' }, end: { min: '2026-11-25', max: '2027-02-25' } });
    // Once a later start is chosen, the end's wheel begins there.
    expect(endRangeAfter(confirmBounds(pending, now), '2026-12-01')).toEqual({ min: '2026-12-01', max: '2027-02-25' });
    expect(endRangeAfter(confirmBounds(pending, now), '2026-11-20')).toEqual({ min: '2026-11-25', max: '2027-02-25' });
  });

  test('a day outside the range is refused with the exact range', () => {
    const b = confirmBounds(pending, now);
    const f = { contractNo: 'HT-1', contractAmountYuan: '80000', startDay: '2026-11-25', endDay: '2027-02-26', voucherAmountYuan: '40000' };
    expect(validateTerms(f, 5_000_000, undefined, b).endDay).toBe('合同结束日须在 2026-11-25 至 2027-02-25 之间（登记日至券的有效期截止日，第十五条2）');
    expect(validateTerms({ ...f, endDay: '2027-02-25' }, 5_000_000, undefined, b)).toEqual({});
    expect(validateTerms({ ...f, startDay: '2026-11-17', endDay: '2026-12-01' }, 5_000_000, undefined, b).startDay).toContain('2026-11-18 至 2027-02-25');
    expect(validateTerms({ ...f, startDay: '' }, 5_000_000, undefined, b).startDay).toBe('请选择合同开始日期');
  });

  test("the server's refusal lands on its field, with the range", () => {
    const b = confirmBounds(pending, now);
    expect(serverTermsErrors('CONTRACT_END_OUT_OF_RANGE', '合同到期日不能早于登记日 2026-11-25', b)).toEqual({
      endDay: '合同到期日不能早于登记日 2026-11-25（可选 2026-11-25 至 2027-02-25）',
    });
    expect(serverTermsErrors('VOUCHER_AMOUNT_TOO_HIGH', '超出上限', b, 4_000_000).voucherAmountYuan).toContain('最多可用券 40,000.00 元');
    expect(serverTermsErrors('FORBIDDEN', '无权限', b)).toEqual({});
  });

  test('amending: the end from the registration day to the validity end the registration fixed', () => {
    const c: ContractView = {
      ...registeredContract,
      registeredAt: '2026-11-20T02:00:00.000Z',
      voucher: { ...registeredContract.voucher, registrationDeadline: '2026-12-03T15:59:59.999Z', validUntil: '2027-02-20T15:59:59.999Z' },
    };
    expect(amendBounds(c)).toEqual({ start: { min: '2026-11-18', max: '2027-02-20' }, end: { min: '2026-11-20', max: '2027-02-20' } });
  });

  test("a period's day and time are picked separately; the chip after an unparsable opening refuses instead of counting from now", () => {
    expect(splitBeijing('2026-12-01 09:00')).toEqual(['2026-12-01', '09:00']);
    expect(splitBeijing('')).toEqual([undefined, undefined]);
    expect(periodDayRange(Date.parse('2026-12-06T01:00:00Z'))).toEqual({ min: '2026-12-06', max: '2028-12-06' });
    const f = { name: '一期', opensAt: '', closesAt: '2027-01-05 09:00', quotaYuan: '10000', maxVoucherYuan: '5000', perApplicantLimit: '1' };
    expect(checkPeriodForm(f).errors.opensAt).toBe('请选择开放日期和时间');
  });
});

describe('one status per screen', () => {
  const applied: ContractView = { ...registeredContract, voucher: { ...registeredContract.voucher, status: 'redemption_applied' } };

  test('a registered contract in redemption reads as the redemption, and so does its voucher', () => {
    expect(contractStageLabel(registeredContract)).toBe('已登记');
    expect(contractStageLabel(applied)).toBe('待评审');
    expect(contractStageLabel(applied, { status: 'site_visit' })).toBe('待现场核查');
    expect(voucherStageLabel(applied, { status: 'submitted' })).toBe('待评审');
    expect(contractStageLabel({ ...registeredContract, voucher: { ...registeredContract.voucher, status: 'paid' } })).toBe('已拨付');
  });

  test('before registration the contract keeps its own status', () => {
    expect(contractStageLabel(proposal)).toBe('待开放单位确认');
    expect(voucherStageLabel(proposal)).toBe('已领取（待登记）');
  });
});

describe('the three amounts of a voucher (第十二条, docs/amounts.md)', () => {
  test('claimed: the face value; registered and payable come with the contract', () => {
    const lines = amountLines(voucherAmounts(5_000_000, null, null), fmt);
    expect(lines.map((l) => [l.label, l.value])).toEqual([
      ['券面金额', '50000.00 元（计入年度额度）'],
      ['登记用券', '合同登记后确定'],
      ['可兑付', '合同登记后确定，最多为合同实际金额的 50%'],
    ]);
  });

  test('registered: at most the registered amount; after redemption the amount the application fixed', () => {
    expect(amountLines(voucherAmounts(5_000_000, { voucherAmountFen: 3_000_000 }, null), fmt)[2].value).toBe('最多 30000.00 元，按合同实际金额的 50% 核定');
    expect(voucherAmounts(5_000_000, { voucherAmountFen: 3_000_000 }, { payableFen: 1_000_000 })).toEqual({
      faceFen: 5_000_000,
      registeredFen: 3_000_000,
      payableFen: 1_000_000,
      payableFixed: true,
    });
  });
});

describe('申请合作', () => {
  test('the only claimed voucher is chosen already; with two the founder chooses', () => {
    expect(preselectedVoucher([{ id: 'v_1' }])).toBe('v_1');
    expect(preselectedVoucher([{ id: 'v_1' }, { id: 'v_2' }])).toBe('');
    expect(preselectedVoucher([])).toBe('');
  });
});

describe('a refused profile, on its fields', () => {
  test('details.fields paths become the form fields they name', () => {
    expect(
      serverFieldMessages({ fields: [{ path: 'body.registeredOn', message: '注册成立日期不能晚于今天' }, { path: 'body.leader.studentId', message: '请填写学号' }, { nope: 1 }] }),
    ).toEqual({ registeredOn: ['注册成立日期不能晚于今天'], 'leader.studentId': ['请填写学号'] });
  });
});
