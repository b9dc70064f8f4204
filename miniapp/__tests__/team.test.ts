/** Joining an open unit with an invite code, and every confirmation before an irreversible step. */
import { formatInviteCode, inviteCodeProblem, inviteMessage, inviteValidity, normalizeInviteCode, staffLabel, staffNameProblem } from '../logic/team';
import { approveRedemption, cancelVoucher, closePeriod, recordPayment, rejectRedemption, unbindStaff } from '../logic/confirmations';

describe('invite codes as people type them', () => {
  test('lower case, spaces and missing dashes are the same code', () => {
    expect(normalizeInviteCode(' abcd efgh-jkmn ')).toBe('ABCDEFGHJKMN');
    expect(formatInviteCode('abcdefghjkmn')).toBe('ABCD-EFGH-JKMN');
  });

  test('an empty or short code is refused on the field, saying what a code looks like', () => {
    expect(inviteCodeProblem('')).toBe('请填写邀请码');
    expect(inviteCodeProblem('ABCD-EFGH')).toBe('邀请码为 12 位字母和数字，如 ABCD-EFGH-JKMN');
    expect(inviteCodeProblem('abcd efgh jkmn')).toBeNull();
  });

  test('a name is needed so the manager recognises the new colleague', () => {
    expect(staffNameProblem('  ')).toBe('请填写姓名，便于本单位管理员识别');
    expect(staffNameProblem('名'.repeat(21))).toBe('姓名最多 20 个字');
    expect(staffNameProblem('王晓娜')).toBeNull();
  });

  test('the shared message names the unit, the code, its expiry in Beijing time and where to type it', () => {
    const msg = inviteMessage('清华大学分析中心', 'ABCDEFGHJKMN', '2026-12-13T02:00:00.000Z', false);
    expect(msg).toContain('「清华大学分析中心」');
    expect(msg).toContain('邀请码：ABCD-EFGH-JKMN');
    expect(msg).toContain('2026-12-13 10:00 前有效，只能使用一次');
    expect(msg).toContain('「我的」→「加入开放单位」');
    expect(inviteMessage('X', 'ABCDEFGHJKMN', '2026-12-13T02:00:00.000Z', true)).toContain('担任本单位管理员');
    expect(inviteValidity('2026-12-13T02:00:00.000Z')).toBe('2026-12-13 10:00 前有效，只能使用一次');
  });

  test('staff are listed by the name they gave, never by an account id', () => {
    const m = { userId: 'u_1', name: '李工', manager: false, boundAt: '2026-12-01T00:00:00.000Z' };
    expect(staffLabel(m, 'u_2')).toBe('李工');
    expect(staffLabel(m, 'u_1')).toBe('李工（我）');
    expect(staffLabel({ ...m, name: null }, 'u_2')).toBe('未留姓名的工作人员');
  });
});

describe('every money-moving or irreversible step says what happens, with the amount', () => {
  const parties = { unitName: '清华大学分析中心', projectTitle: '高分子材料老化测试' };
  const r = { payableFen: 4_000_000, actualAmountFen: 8_000_000, paymentYear: 2026 };
  const text = (c: { title: string; lines: string[]; confirmText: string }) => [c.title, ...c.lines, c.confirmText].join('\n');

  test('通过 names the project, the unit and what the voucher will pay (第十二条: half the actual amount)', () => {
    const c = approveRedemption(r, parties);
    expect(text(c)).toContain('创新券将向「清华大学分析中心」支付 40,000.00 元（实际合同金额 80,000.00 元）');
    expect(c.confirmText).toBe('通过，支付 40,000.00 元');
    expect(c.danger).toBe(false);
  });

  test('不通过, 登记拨付, 放弃此券, 提前结束 and 解除绑定 each state the consequence', () => {
    expect(text(rejectRedemption(r, parties, '材料不全'))).toContain('原因：材料不全');
    expect(rejectRedemption(r, parties, 'x').danger).toBe(true);
    expect(text(recordPayment(r, parties))).toContain('确认已向「清华大学分析中心」拨付 40,000.00 元（2026 年度）');
    expect(text(cancelVoucher(3_000_000))).toContain('这张 30,000.00 元的券立即作废');
    expect(text(closePeriod({ name: '2026年第4期', remainingFen: 12_345_600 }))).toContain('剩余额度 123,456.00 元 不再发放');
    expect(text(unbindStaff('李工', '清华大学分析中心'))).toContain('「李工」将不再是「清华大学分析中心」的工作人员');
  });
});
