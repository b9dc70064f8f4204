/**
 * logic/supervision.ts: the rules behind the supervision screens (第十六、十七、十八条) — the amount to recover
 * typed in yuan and sent in fen, which measures fit the party and what a decision needs, the spot check's
 * draw form, the banner a party under a sanction reads (dates as the BFF gives them, what remains
 * possible, the one appeal), the claim sheet's lines for a ban, and the public page's bars.
 */
import type { MySanction } from '@kcq/shared';
import {
  banPeriodText,
  banRefusalLines,
  bars,
  checkDecision,
  checkDraw,
  confirmDecision,
  explainedBySanctions,
  logLine,
  measureLine,
  measureOptions,
  recoveryFen,
  sanctionBanner,
} from '../logic/supervision';

describe('第十七条 追回金额: yuan typed, fen sent', () => {
  test('whole yuan and up to two decimals become integer fen', () => {
    expect(recoveryFen('20000')).toEqual({ ok: true, fen: 2_000_000 });
    expect(recoveryFen('12,500.5')).toEqual({ ok: true, fen: 1_250_050 });
    expect(recoveryFen(' 0.01 ')).toEqual({ ok: true, fen: 1 });
  });
  test('empty, zero, three decimals, words and more than 10亿 are refused with a reason', () => {
    expect(recoveryFen('')).toMatchObject({ ok: false, message: '请填写追回金额（元）' });
    expect(recoveryFen('0')).toMatchObject({ ok: false, message: '追回金额应大于 0 元' });
    expect(recoveryFen('1.234')).toMatchObject({ ok: false });
    expect(recoveryFen('两万')).toMatchObject({ ok: false });
    expect(recoveryFen('1000000000.01')).toMatchObject({ ok: false, message: '追回金额不能超过 10 亿元' });
  });
});

describe('第十七条 the decision form', () => {
  test('removal is offered for an open unit only; voiding vouchers for an applicant only', () => {
    expect(measureOptions('applicant').map((o) => o.kind)).toEqual(['suspend_payments', 'recover_funds', 'ban', 'credit_record', 'void_vouchers']);
    expect(measureOptions('open_unit').map((o) => o.kind)).toEqual(['suspend_payments', 'recover_funds', 'ban', 'removal', 'credit_record']);
  });

  const ctx = { party: 'applicant' as const, concernedVouchers: 1, revising: false };

  test('a first decision needs a measure and a reason; the recovery amount is checked when chosen', () => {
    const bad = checkDecision({ measures: ['recover_funds'], recoveryText: 'abc', reason: ' ' }, ctx);
    expect(bad).toEqual({ ok: false, errors: { reason: expect.any(String), recovery: expect.stringContaining('数字金额') } });
    expect(checkDecision({ measures: [], recoveryText: '', reason: '属实' }, ctx)).toEqual({ ok: false, errors: { measures: '请选择至少一项处理措施（第十七条）' } });
    expect(checkDecision({ measures: ['ban', 'recover_funds'], recoveryText: '20000', reason: ' 经核查属实 ' }, ctx)).toEqual({
      ok: true,
      reason: '经核查属实',
      measures: [{ kind: 'ban' }, { kind: 'recover_funds', amountFen: 2_000_000 }],
    });
  });

  test('a revision after the appeal may lift every measure', () => {
    expect(checkDecision({ measures: [], recoveryText: '', reason: '申诉成立' }, { ...ctx, revising: true })).toEqual({ ok: true, reason: '申诉成立', measures: [] });
  });

  test('measures that do not fit the party, and voiding with no voucher concerned, are refused as the BFF would', () => {
    expect(checkDecision({ measures: ['removal'], recoveryText: '', reason: '属实' }, ctx)).toMatchObject({ ok: false, errors: { measures: '除名只适用于开放单位' } });
    expect(checkDecision({ measures: ['void_vouchers'], recoveryText: '', reason: '属实' }, { ...ctx, party: 'open_unit' })).toMatchObject({ ok: false, errors: { measures: '作废创新券只适用于申领单位' } });
    expect(checkDecision({ measures: ['void_vouchers'], recoveryText: '', reason: '属实' }, { ...ctx, concernedVouchers: 0 })).toMatchObject({ ok: false, errors: { measures: '案件未列出所涉创新券，无券可作废' } });
  });

  test('the confirmation names the party and the amount, and says when everything is lifted', () => {
    const c = confirmDecision('北京某科技有限公司', [{ kind: 'ban' }, { kind: 'recover_funds', amountFen: 2_000_000 }], false);
    expect(c.lines).toEqual(['当事方：北京某科技有限公司', '· 取消三年申报资格（自今日起三年）', '· 追回已拨付资金 20,000.00 元', expect.stringContaining('当事方可申诉一次')]);
    expect(c.danger).toBe(true);
    expect(confirmDecision('甲', [], true)).toMatchObject({ lines: ['当事方：甲', '撤销全部处理措施', '复核决定只能作出一次。'], danger: false });
  });
});

describe('a ban in words (POLICY.md Decision: the last day inclusive, lifted at 00:00 on the third anniversary)', () => {
  test('the BFF’s lastDay when given, else the day before `until`', () => {
    expect(banPeriodText({ from: '2026-12-05', until: '2029-12-05' })).toBe('2026年12月5日 至 2029年12月4日（含），2029年12月5日起恢复');
    expect(banPeriodText({ from: '2028-02-29', until: '2031-02-28', lastDay: '2031-02-27' })).toBe('2028年2月29日 至 2031年2月27日（含），2031年2月28日起恢复');
    // A ban decided on 1 March: the day before 2029-03-01 is 28 February.
    expect(measureLine({ kind: 'ban', from: '2026-03-01', until: '2029-03-01' })).toBe('取消三年申报资格：2026年3月1日 至 2029年2月28日（含），2029年3月1日起恢复');
  });

  test('the claim sheet’s APPLICANT_BANNED lines come from the refusal’s details', () => {
    expect(banRefusalLines({ caseId: 'mc_1', from: '2026-12-05', until: '2029-12-05', lastDay: '2029-12-04', clause: '第十七条' })).toEqual([
      '取消资格期限：2026年12月5日 至 2029年12月4日（含）',
      '2029年12月5日起可重新申领',
      expect.stringContaining('申诉一次'),
    ]);
    expect(banRefusalLines({})).toEqual([]);
  });
});

describe('the banner a party under a sanction reads (第十七条)', () => {
  const base: MySanction = {
    caseId: 'mc_1',
    party: 'applicant',
    partyName: '北京某科技有限公司',
    status: 'decided',
    decidedOn: '2026-12-05',
    reason: '虚报职工人数',
    misconduct: ['提供虚假信息'],
    ban: { from: '2026-12-05', lastDay: '2029-12-04', until: '2029-12-05' },
    creditRecord: false,
    removal: false,
    paymentsSuspended: false,
    recovery: null,
    voidedVoucherIds: [],
    appeal: null,
    canAppeal: true,
  };

  test('a banned founder: the reason, the dates, what still stands, the one appeal', () => {
    const b = sanctionBanner(base);
    expect(b.title).toBe('申报资格已被取消（第十七条）');
    expect(b.lines).toEqual(['处理理由：虚报职工人数', '认定的违规行为：提供虚假信息', '取消资格期限：2026年12月5日 至 2029年12月4日（含），2029年12月5日起恢复']);
    expect(b.still).toEqual(['期间不能申领创新券、提交合作申请或变更合同', '已登记的合同继续履行，开放单位可照常申请兑现', '已领取的创新券不会因此作废']);
    expect(b).toMatchObject({ canAppeal: true, appealLine: expect.stringContaining('可申诉一次') });
  });

  test('voided vouchers are not promised to survive; an appeal made waits for the review; a revision says so', () => {
    const voided = sanctionBanner({ ...base, voidedVoucherIds: ['v_1', 'v_2'], canAppeal: false, status: 'appealed', appeal: { at: '2026-12-06T02:00:00Z', reason: '不服' } });
    expect(voided.lines).toContain('处理决定作废了 2 张所涉创新券');
    expect(voided.still).not.toContain('已领取的创新券不会因此作废');
    expect(voided).toMatchObject({ canAppeal: false, appealLine: '已提出申诉，等待管理部门复核' });
    expect(sanctionBanner({ ...base, status: 'revised', canAppeal: false, appeal: { at: '2026-12-06T02:00:00Z', reason: '不服' } }).appealLine).toBe('管理部门已复核，以上为复核后的决定');
  });

  test('home leaves out the bare 第七条 notice only when every failure is a decision the banner shows', () => {
    const ban = { code: 'APPLICANT_BANNED', caseId: 'mc_1' };
    expect(explainedBySanctions([ban], [base])).toBe(true);
    // A failure of the profile itself (第七条第三项) still needs the notice.
    expect(explainedBySanctions([ban, { code: 'TOO_MANY_EMPLOYEES' }], [base])).toBe(false);
    // A decision the banner does not show (another case) is not explained by it.
    expect(explainedBySanctions([{ code: 'BAD_CREDIT_RECORD', caseId: 'mc_2' }], [base])).toBe(false);
    expect(explainedBySanctions([ban], undefined)).toBe(false);
  });

  test('an open unit removed with payments held; a credit record with no end date', () => {
    const unit = sanctionBanner({ ...base, party: 'open_unit', ban: null, removal: true, paymentsSuspended: true, recovery: { amountFen: 1_000_000, recoveredOn: null } });
    expect(unit.title).toBe('本单位已被除名（第十七条）');
    expect(unit.lines).toEqual(expect.arrayContaining(['暂停拨付：相关兑现款项在管理部门解除前不予拨付', '追回已拨付资金 10,000.00 元，请按管理部门要求退回']));
    expect(unit.still).toEqual(['期间不能确认新的合同、变更合同或申请兑现', '已审核通过的兑现暂停拨付，解除后继续拨付']);
    const credit = sanctionBanner({ ...base, ban: null, creditRecord: true });
    expect(credit.title).toBe('已记入诚信记录（第十七条）');
    expect(credit.lines.at(-1)).toContain('无结束日期');
  });
});

describe('第十八条 the draw form', () => {
  const form = { title: '2026年第四季度兑现抽查', population: 'redemptions' as const, fromDay: '2026-10-01', toDay: '2026-12-31', by: 'size' as const, amountText: '5', seedText: '' };
  test('a size over a date range, a percentage of the open units, a seed to replay', () => {
    expect(checkDraw(form)).toEqual({ ok: true, input: { title: '2026年第四季度兑现抽查', population: 'redemptions', size: 5, fromDay: '2026-10-01', toDay: '2026-12-31' } });
    expect(checkDraw({ ...form, population: 'open_units', by: 'percent', amountText: '12.5', seedText: '20261205' })).toEqual({
      ok: true,
      input: { title: '2026年第四季度兑现抽查', population: 'open_units', percent: 12.5, seed: 20261205 },
    });
  });
  test('a missing or reversed range, a fractional size, a percentage over 100 and a seed out of range are refused', () => {
    expect(checkDraw({ ...form, fromDay: '' })).toMatchObject({ ok: false, errors: { range: '请选择兑现审核的起止日期' } });
    expect(checkDraw({ ...form, fromDay: '2026-12-31', toDay: '2026-10-01' })).toMatchObject({ ok: false, errors: { range: '结束日期不能早于开始日期' } });
    expect(checkDraw({ ...form, amountText: '2.5' })).toMatchObject({ ok: false, errors: { amount: expect.stringContaining('整数') } });
    expect(checkDraw({ ...form, by: 'percent', amountText: '101' })).toMatchObject({ ok: false, errors: { amount: expect.stringContaining('不超过 100') } });
    expect(checkDraw({ ...form, seedText: '4294967296' })).toMatchObject({ ok: false, errors: { seed: expect.any(String) } });
  });
});

describe('words for the log and the public bars', () => {
  test('the case log says what happened and who did it, never the event code', () => {
    expect(logLine({ event: 'void_vouchers', role: 'administrator', actorId: 'usr_abcdef123456' })).toEqual({ what: '作废所涉创新券', who: '管理部门（123456）' });
    expect(logLine({ event: 'appeal', role: 'applicant', actorId: 'usr_x1' }).what).toBe('当事方申诉');
  });

  test('bars: largest first, zero groups left out, widths relative to the largest, shares of the total', () => {
    const out = bars([
      { key: 'team', label: '创业团队', count: 1, amountFen: 100 },
      { key: '海淀区', label: '海淀区', count: 3, amountFen: 300 },
      { key: 'other', label: '其他地区', count: 0, amountFen: 0 },
    ]);
    expect(out.map((b) => [b.key, b.widthPercent, b.countPercent])).toEqual([
      ['海淀区', 100, 75],
      ['team', 33.3, 25],
    ]);
  });
});
