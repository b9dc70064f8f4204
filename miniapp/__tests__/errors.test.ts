import { ERRORS } from '@kcq/shared';
import { ApiError, NETWORK_ERROR } from '../services/client';
import { ERROR_TABLE, describeError, errorLine } from '../services/errors';

describe('the error table', () => {
  test('every BFF code reads as shared’s Chinese message with a title', () => {
    for (const [code, { status, message }] of Object.entries(ERRORS)) {
      const v = describeError(new ApiError(status, code, 'server text'));
      expect(v.code).toBe(code);
      expect(v.title).toMatch(/\p{Script=Han}/u);
      if (!ERROR_TABLE[code as keyof typeof ERROR_TABLE]?.serverMessage) expect(v.message).toBe(message);
    }
  });

  test('every claim refusal has a next step', () => {
    for (const code of ['SOLD_OUT', 'INSUFFICIENT_QUOTA', 'ALREADY_CLAIMED', 'PERIOD_NOT_OPEN', 'ANNUAL_CAP_EXCEEDED', 'NOT_ELIGIBLE', 'IDEMPOTENCY_KEY_REUSED', 'SERVICE_UNAVAILABLE']) {
      expect(describeError(new ApiError(409, code, '')).next).toBeDefined();
    }
  });

  test('validation errors keep the BFF’s precise message and list the fields', () => {
    const v = describeError(
      new ApiError(400, 'VALIDATION_FAILED', '提交的信息有误：creditCode 校验码不正确', {
        fields: [{ path: 'body.creditCode', code: 'custom', message: '校验码不正确' }],
      }),
    );
    expect(v.message).toBe('提交的信息有误：creditCode 校验码不正确');
    expect(v.hints).toEqual(['校验码不正确']);
  });

  test('no answer → 网络异常 with retry; anything else thrown → 系统繁忙', () => {
    expect(describeError(new ApiError(0, NETWORK_ERROR, ''))).toMatchObject({ title: '网络异常', message: '网络连接失败，请检查网络后重试' });
    expect(describeError(new TypeError('x'))).toMatchObject({ code: 'UNKNOWN', message: '系统繁忙，请稍后再试' });
  });

  test('session errors send the founder to sign-in', () => {
    expect(describeError(new ApiError(401, 'TOKEN_INVALID', '')).next?.action).toBe('sign_in');
  });

  test('one line for a toast', () => {
    expect(errorLine(new ApiError(409, 'SOLD_OUT', ''))).toBe('已抢完：本期创新券已领完');
  });
});

describe('coverage of shared’s ERRORS', () => {
  test('every BFF code has its own entry (title and, unless the code is informational, a next step)', () => {
    const missing = Object.keys(ERRORS).filter((code) => !ERROR_TABLE[code as keyof typeof ERROR_TABLE]);
    expect(missing).toEqual([]);
    const withoutNext = Object.keys(ERRORS).filter((code) => !ERROR_TABLE[code as keyof typeof ERROR_TABLE]?.next);
    // Informational refusals a form shows in place (nothing else to do but edit what is on screen).
    expect(withoutNext.sort()).toEqual(['DUPLICATE', 'ENTERPRISE_TAKEN', 'IDEMPOTENCY_KEY_REQUIRED', 'PROFILE_KIND_MISMATCH', 'VALIDATION_FAILED']);
  });

  test('catalogue and period refusals read in Chinese with their clause and next step', () => {
    expect(describeError(new ApiError(409, 'SERVICE_NOT_VOUCHER_ELIGIBLE', ''))).toMatchObject({
      title: '该服务不可用券',
      message: '法定检测、强制检测服务不能使用创新券（第五条）',
      next: { action: 'catalogue' },
    });
    expect(describeError(new ApiError(409, 'OPEN_UNIT_NOT_RECOGNISED', '')).message).toContain('第十九条');
    expect(describeError(new ApiError(409, 'PERIOD_ALREADY_OPEN', ''))).toMatchObject({ title: '周期已开始', next: { action: 'refresh' } });
    expect(errorLine(new ApiError(409, 'PERIOD_ALREADY_OPEN', ''))).toBe('周期已开始：发放周期已开始，不能再修改');
  });
});
