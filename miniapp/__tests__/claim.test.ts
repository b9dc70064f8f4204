import {
  allowanceFen,
  checkAmountInput,
  claimSheetReducer,
  defaultClaimAmountFen,
  initialSheet,
  maxClaimAmountFen,
  suggestedAmountAfterRefusal,
  type ClaimSheetState,
} from '../logic/claim';
import { ApiError, NETWORK_ERROR } from '../services/client';
import type { VoucherView } from '../services/types';
import { YUAN, openPeriod } from './support/fixtures';

const period = openPeriod;
const now = new Date('2026-11-21T04:00:00.000Z');

function voucher(amountYuan: number, status: VoucherView['status'], claimedAt = '2026-03-01T02:00:00.000Z'): VoucherView {
  return {
    id: `v_${amountYuan}_${status}`,
    periodId: 'p_0',
    applicantId: 'a_1',
    amountFen: amountYuan * YUAN,
    status,
    voidReason: status === 'void' ? 'cancelled' : null,
    claimedAt,
    registrationDeadline: '2026-03-16T15:59:59.999Z',
  };
}

describe('allowance and the prefilled amount (第十二条)', () => {
  test('the allowance is the cap less this Beijing year’s live vouchers; void ones and last year’s do not count', () => {
    const held = [
      voucher(50_000, 'claimed'),
      voucher(30_000, 'paid'),
      voucher(40_000, 'void'),
      voucher(50_000, 'claimed', '2025-12-31T15:59:59.000Z'), // 2025-12-31 23:59 Beijing: last year
    ];
    expect(allowanceFen(200_000 * YUAN, held, now)).toBe(120_000 * YUAN);
    expect(allowanceFen(200_000 * YUAN, [], now)).toBe(200_000 * YUAN);
  });

  test('prefills the period maximum when the allowance and quota allow it', () => {
    expect(defaultClaimAmountFen(period, 200_000 * YUAN)).toBe(50_000 * YUAN);
  });

  test('a lower period maximum wins', () => {
    expect(defaultClaimAmountFen({ ...period, maxVoucherFen: 20_000 * YUAN }, 200_000 * YUAN)).toBe(20_000 * YUAN);
  });

  test('within the allowance left, rounded down to whole yuan', () => {
    expect(defaultClaimAmountFen(period, 12_345 * YUAN + 67)).toBe(12_345 * YUAN);
  });

  test('within the quota left in the period', () => {
    expect(defaultClaimAmountFen({ ...period, remainingFen: 3_000 * YUAN }, 200_000 * YUAN)).toBe(3_000 * YUAN);
  });

  test('nothing to prefill when not even 1,000 yuan fits', () => {
    expect(defaultClaimAmountFen(period, 999 * YUAN)).toBeNull();
    expect(defaultClaimAmountFen({ ...period, remainingFen: 500 * YUAN }, 200_000 * YUAN)).toBeNull();
  });

  test('the largest accepted amount ignores the quota (the BFF decides it atomically)', () => {
    expect(maxClaimAmountFen({ ...period }, 30_000 * YUAN)).toBe(30_000 * YUAN);
  });
});

describe('the amount typed in the sheet', () => {
  const allowance = 30_000 * YUAN;
  test.each([
    ['', '请输入领取金额'],
    ['abc', '请输入数字金额（元）'],
    ['1500.5', '创新券金额须为整数元'],
    ['999', '单张创新券金额不能低于 1,000.00 元'],
    ['50001', '单张创新券金额不能超过 50,000.00 元'],
    ['40000', '超过本年度剩余可用额度 30,000.00 元'],
  ])('%p → %s', (text, message) => {
    expect(checkAmountInput(text, period, allowance)).toEqual({ ok: false, message });
  });

  test('whole yuan between 1,000 and the maximum within the allowance', () => {
    expect(checkAmountInput('1000', period, allowance)).toEqual({ ok: true, amountFen: 1_000 * YUAN });
    expect(checkAmountInput(' 30,000 ', period, allowance)).toEqual({ ok: true, amountFen: 30_000 * YUAN });
  });

  test('a period maximum below 50,000 yuan is named', () => {
    expect(checkAmountInput('25000', { maxVoucherFen: 20_000 * YUAN }, allowance)).toEqual({
      ok: false,
      message: '本期单张创新券金额不能超过 20,000.00 元',
    });
  });
});

describe('claim sheet states', () => {
  const opened = claimSheetReducer(initialSheet(null), { type: 'open', amountFen: 50_000 * YUAN });
  const submitting = claimSheetReducer(opened, { type: 'submit', check: { ok: true, amountFen: 50_000 * YUAN } });

  test('opens in editing with the amount prefilled in yuan', () => {
    expect(opened).toEqual({ step: 'editing', amountText: '50000', error: null });
  });

  test('an invalid amount stays in editing with the message', () => {
    const s = claimSheetReducer(opened, { type: 'submit', check: { ok: false, message: '请输入领取金额' } });
    expect(s).toEqual({ step: 'editing', amountText: '50000', error: '请输入领取金额' });
  });

  test('confirm → submitting → retrying with the same attempt → success with the registration deadline', () => {
    expect(submitting).toEqual({ step: 'submitting', amountText: '50000', amountFen: 5_000_000, attempt: 0 });
    const retrying = claimSheetReducer(submitting, { type: 'retrying', attempt: 1 });
    expect(retrying).toMatchObject({ step: 'submitting', attempt: 1 });
    const done = claimSheetReducer(retrying, {
      type: 'claimed',
      voucher: { id: 'v_1', amountFen: 5_000_000, registrationDeadline: '2026-12-06T15:59:59.999Z' },
    });
    expect(done).toEqual({ step: 'success', voucher: { id: 'v_1', amountFen: 5_000_000, registrationDeadline: '2026-12-06T15:59:59.999Z' } });
  });

  test('editing is ignored while submitting (no double submit)', () => {
    expect(claimSheetReducer(submitting, { type: 'edit', text: '1000' })).toBe(submitting);
    expect(claimSheetReducer(submitting, { type: 'submit', check: { ok: true, amountFen: 100_000 } })).toBe(submitting);
  });

  const refused = (error: unknown) => claimSheetReducer(submitting, { type: 'failed', error }) as Extract<ClaimSheetState, { step: 'refused' }>;

  test('SOLD_OUT → 已抢完 with the next period as next step', () => {
    const s = refused(new ApiError(409, 'SOLD_OUT', '本期创新券已领完'));
    expect(s.step).toBe('refused');
    expect(s.error).toMatchObject({ code: 'SOLD_OUT', title: '已抢完', message: '本期创新券已领完', next: { label: '查看下一期开放时间', action: 'next_period' } });
  });

  test('ANNUAL_CAP_EXCEEDED shows the allowance left; 调整金额 goes back with an amount that fits', () => {
    const s = refused(new ApiError(422, 'ANNUAL_CAP_EXCEEDED', '超出本年度可领取额度', { allowanceFen: 1_234_567 }));
    expect(s.error.hints).toEqual(['本年度剩余可领额度 12,345.67 元']);
    expect(s.error.next).toEqual({ label: '调整金额', action: 'adjust_amount' });
    const back = claimSheetReducer(s, { type: 'adjust', amountFen: suggestedAmountAfterRefusal(s.error.code, s.error.details) });
    expect(back).toEqual({ step: 'editing', amountText: '12345', error: null });
  });

  test('INSUFFICIENT_QUOTA suggests what remains; below 1,000 yuan it suggests nothing', () => {
    expect(suggestedAmountAfterRefusal('INSUFFICIENT_QUOTA', { remainingFen: 250_000 })).toBe(250_000);
    expect(suggestedAmountAfterRefusal('INSUFFICIENT_QUOTA', { remainingFen: 50_000 })).toBeUndefined();
    expect(suggestedAmountAfterRefusal('SOLD_OUT', {})).toBeUndefined();
  });

  test('NOT_ELIGIBLE lists every failed clause', () => {
    const s = refused(
      new ApiError(403, 'NOT_ELIGIBLE', '暂不符合申领条件', {
        failures: [
          { code: 'TOO_MANY_EMPLOYEES', clause: '第七条第三项', message: '职工总数为 600 人，超过 500 人' },
          { code: 'FIELD_NOT_PRIORITY', clause: '第七条第五项', message: '主营业务方向不在五个高精尖产业领域内' },
        ],
      }),
    );
    expect(s.error.hints).toEqual(['第七条第三项：职工总数为 600 人，超过 500 人', '第七条第五项：主营业务方向不在五个高精尖产业领域内']);
    expect(s.error.next?.action).toBe('edit_profile');
  });

  test.each([
    ['ALREADY_CLAIMED', 409, 'my_vouchers', '查看我的券'],
    ['PERIOD_NOT_OPEN', 409, 'next_period', '查看开放时间'],
    ['INSUFFICIENT_QUOTA', 409, 'adjust_amount', '调整金额'],
    ['IDEMPOTENCY_KEY_REUSED', 422, 'retry', '重新领取'],
    ['SERVICE_UNAVAILABLE', 503, 'retry', '重试'],
  ])('%s → next step %s', (code, status, action, label) => {
    expect(refused(new ApiError(status, code, 'x')).error.next).toEqual({ action, label });
  });

  test('a network error after every retry → 网络异常 · 重试, back to editing with the same amount', () => {
    const s = refused(new ApiError(0, NETWORK_ERROR, 'offline'));
    expect(s.error).toMatchObject({ title: '网络异常', next: { action: 'retry' } });
    expect(claimSheetReducer(s, { type: 'adjust' })).toEqual({ step: 'editing', amountText: '50000', error: null });
  });
});
