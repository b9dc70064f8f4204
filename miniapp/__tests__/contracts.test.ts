import {
  EVIDENCE_MAX_BYTES,
  badgeText,
  canApplyRedemption,
  checkUpload,
  emptyProposal,
  emptyTerms,
  evidenceType,
  markAllRead,
  markRead,
  maxShareLine,
  maxVoucherPayment,
  payableFen,
  proposableVouchers,
  proposalBody,
  splitUploads,
  termsBody,
  unreadCount,
  validateProposal,
  validateRedemption,
  validateTerms,
  voucherShareFen,
  withContractAmount,
} from '../logic/contracts';
import { messages, proposal, registeredContract, voucher } from '../../mock/api';
import { describeError, errorLine } from '../services/errors';
import { ApiError } from '../services/client';

describe('the 50% rule (第十二条) on the confirmation screen', () => {
  test('floor of half the contract amount, capped by the voucher', () => {
    expect(maxVoucherPayment(99_999, 5_000_000)).toBe(49_999);
    expect(voucherShareFen('80000', 5_000_000)).toBe(4_000_000);
    expect(voucherShareFen('200000', 5_000_000)).toBe(5_000_000);
    expect(voucherShareFen('999.99', 5_000_000)).toBe(49_999);
    expect(voucherShareFen('', 5_000_000)).toBeNull();
    expect(voucherShareFen('abc', 5_000_000)).toBeNull();
    expect(voucherShareFen('0', 5_000_000)).toBeNull();
  });

  test('the line the staff member reads', () => {
    expect(maxShareLine(4_000_000)).toBe('最多可用券 40,000.00 元（合同金额的50%且不超过券面）');
  });

  test('the voucher amount follows the maximum until typed over', () => {
    let f = emptyTerms('2026-11-21');
    f = withContractAmount(f, '80000', 5_000_000, false);
    expect(f.voucherAmountYuan).toBe('40000.00');
    f = withContractAmount(f, '999.99', 5_000_000, false);
    expect(f.voucherAmountYuan).toBe('499.99');
    f = withContractAmount({ ...f, voucherAmountYuan: '100' }, '80000', 5_000_000, true);
    expect(f.voucherAmountYuan).toBe('100');
    expect(withContractAmount(f, '', 5_000_000, false).voucherAmountYuan).toBe('');
  });

  test('validation: number, amount, dates, and the cap', () => {
    const ok = { contractNo: 'HT-1', contractAmountYuan: '80000', startDay: '2026-11-21', endDay: '2026-11-21', voucherAmountYuan: '40000' };
    expect(validateTerms(ok, 5_000_000)).toEqual({});
    expect(termsBody(ok)).toEqual({ contractNo: 'HT-1', contractAmountFen: 8_000_000, startDay: '2026-11-21', endDay: '2026-11-21', voucherAmountFen: 4_000_000 });
    expect(validateTerms({ ...ok, voucherAmountYuan: '40000.01' }, 5_000_000).voucherAmountYuan).toBe(
      '超出上限：最多可用券 40,000.00 元（合同金额的50%且不超过券面）',
    );
    expect(validateTerms({ ...ok, contractAmountYuan: '200000', voucherAmountYuan: '60000' }, 5_000_000).voucherAmountYuan).toContain('50,000.00 元');
    const bad = validateTerms({ contractNo: ' ', contractAmountYuan: '1.234', startDay: '2026-13-01', endDay: '2026-11-20', voucherAmountYuan: '0' }, 5_000_000);
    expect(bad).toEqual({
      contractNo: '请填写合同编号',
      contractAmountYuan: '请填写合同金额（元，最多两位小数）',
      startDay: '请选择合同开始日期',
      voucherAmountYuan: '使用创新券金额应大于0',
    });
    expect(validateTerms({ ...ok, endDay: '2026-11-20' }, 5_000_000).endDay).toBe('合同结束日不能早于开始日');
    expect(validateTerms({ ...ok, startDay: '2026-11-19' }, 5_000_000, '2026-11-20').startDay).toBe('合同开始日不能早于领券日 2026-11-20');
  });
});

describe('the proposal form (第九条, 第十二条, 第十六条)', () => {
  test('only claimed vouchers can be proposed', () => {
    expect(proposableVouchers([voucher, { ...voucher, id: 'v2', status: 'registered' }, { ...voucher, id: 'v3', status: 'void' }]).map((v) => v.id)).toEqual([voucher.id]);
  });

  test('every field is checked, and a funded project is blocked with 第十二条', () => {
    expect(validateProposal(emptyProposal())).toEqual({
      voucherId: '请选择一张已领取的创新券',
      title: '请填写项目名称',
      description: '请描述项目内容',
      notFunded: '请声明该项目是否已获得市级财政科技资金支持',
    });
    const f = { voucherId: 'v1', title: '材料表征', description: '三种材料', notFunded: true };
    expect(validateProposal(f)).toEqual({});
    expect(validateProposal({ ...f, notFunded: false }).notFunded).toContain('第十二条');
    expect(validateProposal({ ...f, title: 'x'.repeat(101) }).title).toBe('项目名称不超过100字');
    expect(validateProposal({ ...f, description: 'x'.repeat(2001) }).description).toBe('项目内容不超过2000字');
  });

  test('the body: a service or a unit, trimmed project, the declaration', () => {
    const f = { voucherId: 'v1', title: ' 材料表征 ', description: ' 三种材料 ', notFunded: true };
    expect(proposalBody(f, { serviceId: 'sv1' })).toEqual({
      voucherId: 'v1',
      serviceId: 'sv1',
      project: { title: '材料表征', description: '三种材料' },
      municipalFundingReceived: false,
    });
    expect(proposalBody(f, { unitId: 'ou1' })).toMatchObject({ unitId: 'ou1' });
    expect(proposalBody(f, { unitId: 'ou1' })).not.toHaveProperty('serviceId');
  });

  test('refusals read with their next step', () => {
    const funded = describeError(new ApiError(422, 'MUNICIPAL_FUNDING_DECLARED', 'x'));
    expect(funded.title).toBe('不能使用创新券');
    expect(describeError(new ApiError(409, 'VOUCHER_HAS_CONTRACT', 'x')).next?.action).toBe('my_vouchers');
    expect(errorLine(new ApiError(409, 'PAYMENT_NOT_DUE', 'x'))).toContain('尚未到拨付年度');
  });
});

describe('redemption (第十五条3) and evidence uploads', () => {
  test('only a registered contract whose end day has come', () => {
    expect(canApplyRedemption(registeredContract, '2026-11-21')).toBe(true);
    expect(canApplyRedemption(registeredContract, '2026-11-20')).toBe(false);
    expect(canApplyRedemption(proposal, '2030-01-01')).toBe(false);
    expect(canApplyRedemption({ ...registeredContract, voucher: { ...registeredContract.voucher, status: 'redemption_applied' } }, '2026-11-21')).toBe(false);
  });

  test('type by MIME or extension: PDF/JPEG/PNG only', () => {
    expect(evidenceType({ name: 'a.pdf', size: 1, type: 'application/pdf' })).toBe('application/pdf');
    expect(evidenceType({ name: 'scan.JPG', size: 1, type: '' })).toBe('image/jpeg');
    expect(evidenceType({ name: 'x.png', size: 1 })).toBe('image/png');
    expect(evidenceType({ name: 'x.bin', size: 1, type: 'application/octet-stream' })).toBeNull();
    expect(evidenceType({ name: 'x.pdf', size: 1, type: 'text/plain' })).toBeNull();
    expect(evidenceType({ name: 'report.docx', size: 1, type: '' })).toBeNull();
  });

  test('size and type messages', () => {
    expect(checkUpload({ name: 'a.pdf', size: 1000, type: 'application/pdf' })).toBeNull();
    expect(checkUpload({ name: 'a.pdf', size: EVIDENCE_MAX_BYTES, type: 'application/pdf' })).toBeNull();
    expect(checkUpload({ name: 'big.pdf', size: EVIDENCE_MAX_BYTES + 1, type: 'application/pdf' })).toBe('「big.pdf」10.0 MB，超过 10 MB');
    expect(checkUpload({ name: 'a.doc', size: 10, type: 'application/msword' })).toBe('「a.doc」类型不支持：仅限 PDF、JPEG、PNG');
    expect(checkUpload({ name: 'e.png', size: 0, type: 'image/png' })).toBe('「e.png」是空文件');
  });

  test('a pick of many: at most 5 a request, 20 a contract', () => {
    const files = Array.from({ length: 7 }, (_, i) => ({ name: `f${i}.pdf`, size: 10, type: 'application/pdf' }));
    const r = splitUploads([...files, { name: 'x.exe', size: 10, type: 'application/x-msdownload' }]);
    expect(r.ok).toHaveLength(5);
    expect(r.errors).toHaveLength(3);
    expect(r.errors[0]).toContain('每次最多 5 个文件');
    expect(splitUploads(files.slice(0, 2), 19).ok).toHaveLength(1);
  });

  test('the application form and the payable preview', () => {
    expect(validateRedemption({ actualAmountYuan: '', report: ' ', evidenceIds: [] })).toEqual({
      actualAmountYuan: '请填写合同实际发生金额（元）',
      report: '请填写简要报告',
      evidenceIds: '请至少附一份证明材料',
    });
    expect(validateRedemption({ actualAmountYuan: '80000', report: '完成', evidenceIds: ['ev1'] })).toEqual({});
    // min(registered voucher amount, ⌊50% of the actual amount⌋)
    expect(payableFen('60000', 4_000_000)).toBe(3_000_000);
    expect(payableFen('100000', 4_000_000)).toBe(4_000_000);
    expect(payableFen('x', 4_000_000)).toBeNull();
  });
});

describe('the message centre', () => {
  test('unread count, mark one, mark all, the badge text', () => {
    expect(unreadCount(messages)).toBe(1);
    const one = markRead(messages, 'msg_mock_1');
    expect(unreadCount(one)).toBe(0);
    expect(messages[0].read).toBe(false); // not mutated
    expect(unreadCount(markAllRead([...messages, { ...messages[0], id: 'm3' }]))).toBe(0);
    expect(markRead(messages, 'nope')).toEqual(messages);
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(120)).toBe('99+');
  });
});
