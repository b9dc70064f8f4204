import {
  countsTowardAnnualCap,
  deadlines,
  deriveStatus,
  dueSystemEvent,
  STATUSES_COUNTING_TOWARD_ANNUAL_CAP,
  transition,
  VOUCHER_STATUSES,
  VOUCHER_TRANSITIONS,
} from '../src/policy/lifecycle';
import type { Actor, Voucher, VoucherEvent } from '../src/policy/lifecycle';
import { bj, plusMs, utc } from './helpers';

// Claimed 2026-01-15 23:30 Beijing → register by 2026-01-30 23:59:59.999 Beijing.
const CLAIMED_AT = bj('2026-01-15 23:30');
const REG_DEADLINE = utc('2026-01-30T15:59:59.999Z');
// Registered 2026-01-20 → valid until 2026-04-20; contract ends 2026-03-31 → redeem by 2026-04-30.
const REGISTERED_AT = bj('2026-01-20 10:00');
const VALID_UNTIL = utc('2026-04-20T15:59:59.999Z');
const REDEEM_BY = utc('2026-04-30T15:59:59.999Z');

interface StoredVoucher extends Voucher {
  id: string;
}

const claimed: StoredVoucher = { id: 'v1', status: 'claimed', amountFen: 5_000_000, claimedAt: CLAIMED_AT };
const registered: StoredVoucher = { ...claimed, status: 'registered', registeredAt: REGISTERED_AT, contractEndDay: '2026-03-31' };
const registeredNoContractEnd: StoredVoucher = { ...claimed, status: 'registered', registeredAt: REGISTERED_AT };
const applied: StoredVoucher = { ...registered, status: 'redemption_applied', redemptionAppliedAt: bj('2026-04-02 09:00') };
const underReview: StoredVoucher = { ...applied, status: 'under_review' };
const approved: StoredVoucher = { ...underReview, status: 'approved', reviewedAt: bj('2026-05-10 09:00') };
const inNotice: StoredVoucher = { ...approved, status: 'in_public_notice' };
const payable: StoredVoucher = { ...inNotice, status: 'payable' };
const paid: StoredVoucher = { ...payable, status: 'paid', paidAt: bj('2026-06-01 09:00') };
const rejected: StoredVoucher = { ...underReview, status: 'rejected', reviewedAt: bj('2026-05-10 09:00'), rejectionReason: '证明材料不全' };
const voided: StoredVoucher = { ...claimed, status: 'void', voidReason: 'cancelled', voidedAt: bj('2026-01-16 09:00') };

function ok<V extends Voucher>(r: ReturnType<typeof transition<V>>): V {
  if (!r.ok) throw new Error(`expected success, got ${r.error.code}`);
  return r.voucher;
}

function errorCode(r: ReturnType<typeof transition>): string {
  return r.ok ? `ok:${r.voucher.status}` : r.error.code;
}

describe('the transitions table — 第十五条', () => {
  test('第十五条: exactly these sixteen steps are allowed', () => {
    expect(VOUCHER_TRANSITIONS.map((t) => `${t.from} --${t.event}[${t.actors.join(',')}]--> ${t.to}${t.voidReason ? `(${t.voidReason})` : ''}`)).toEqual([
      'claimed --register[open_unit]--> registered',
      'claimed --cancel[applicant,administrator]--> void(cancelled)',
      'claimed --expire_registration[system]--> void(unregistered_expired)',
      'registered --amend[open_unit]--> registered',
      'registered --apply_redemption[open_unit]--> redemption_applied',
      'registered --cancel[applicant,open_unit,administrator]--> void(cancelled)',
      'registered --expire_validity[system]--> void(validity_expired)',
      'registered --expire_redemption[system]--> void(redemption_late)',
      'redemption_applied --open_review[administrator]--> under_review',
      'under_review --mark_for_site_visit[administrator]--> under_review',
      'under_review --approve[administrator]--> approved',
      'under_review --reject[administrator]--> rejected',
      'approved --publish_notice[administrator]--> in_public_notice',
      'in_public_notice --clear_notice[system,administrator]--> payable',
      'in_public_notice --uphold_objection[administrator]--> under_review',
      'payable --pay[administrator]--> paid',
    ]);
  });
});

describe('allowed transitions — 第十五条', () => {
  test('第十五条第二项: claimed --register(open_unit)--> registered, recording registration and contract end', () => {
    const now = bj('2026-01-20 10:00');
    const r = transition(claimed, { type: 'register', contractEndDay: '2026-03-31' }, 'open_unit', now);
    expect(r).toEqual({
      ok: true,
      voucher: { ...claimed, status: 'registered', registeredAt: now, contractEndDay: '2026-03-31' },
      record: { event: 'register', actor: 'open_unit', at: now, from: 'claimed', to: 'registered' },
    });
  });

  test('第十五条第二项: registering at the last millisecond of the deadline works, one millisecond later fails', () => {
    expect(errorCode(transition(claimed, { type: 'register', contractEndDay: '2026-03-31' }, 'open_unit', REG_DEADLINE))).toBe('ok:registered');
    const late = transition(claimed, { type: 'register', contractEndDay: '2026-03-31' }, 'open_unit', plusMs(REG_DEADLINE, 1));
    expect(late).toEqual({
      ok: false,
      error: { code: 'REGISTRATION_DEADLINE_PASSED', message: '已超过领取后15日的合同登记期限，创新券已作废', clause: '第十五条第二项' },
    });
  });

  test.each([
    ['2026-01-20', 'ok:registered'], // ends on the registration day
    ['2026-04-20', 'ok:registered'], // ends on the last day of validity
    ['2026-04-21', 'CONTRACT_END_OUT_OF_RANGE'],
    ['2026-01-19', 'CONTRACT_END_OUT_OF_RANGE'],
    ['2026-02-30', 'CONTRACT_END_OUT_OF_RANGE'],
  ])('第十五条第二项: registering on 2026-01-20 with a contract ending %s → %s', (end, expected) => {
    expect(errorCode(transition(claimed, { type: 'register', contractEndDay: end }, 'open_unit', bj('2026-01-20 10:00')))).toBe(expected);
  });

  test('第十五条第二项: the out-of-range message names the last valid day', () => {
    const r = transition(claimed, { type: 'register', contractEndDay: '2026-04-21' }, 'open_unit', bj('2026-01-20 10:00'));
    expect(r.ok || r.error.message).toBe('合同到期日不能晚于有效期截止日 2026-04-20（登记后最长3个月）');
  });

  test('第十五条第三项: registered --apply_redemption(open_unit)--> redemption_applied', () => {
    const now = bj('2026-04-02 09:00');
    const v = ok(transition(registered, { type: 'apply_redemption' }, 'open_unit', now));
    expect(v).toEqual({ ...registered, status: 'redemption_applied', redemptionAppliedAt: now });
  });

  test('第十五条第三项: redemption after the validity end but within a month of the contract end is on time', () => {
    const r = transition({ ...registered, contractEndDay: '2026-04-20' }, { type: 'apply_redemption' }, 'open_unit', bj('2026-05-20 23:59:59.999'));
    expect(errorCode(r)).toBe('ok:redemption_applied');
    const late = transition({ ...registered, contractEndDay: '2026-04-20' }, { type: 'apply_redemption' }, 'open_unit', bj('2026-05-21 00:00'));
    expect(errorCode(late)).toBe('REDEMPTION_DEADLINE_PASSED');
  });

  test('第十五条第三项: applying at the redemption deadline works, one millisecond later fails', () => {
    expect(errorCode(transition(registered, { type: 'apply_redemption' }, 'open_unit', REDEEM_BY))).toBe('ok:redemption_applied');
    const late = transition(registered, { type: 'apply_redemption' }, 'open_unit', plusMs(REDEEM_BY, 1));
    expect(late).toEqual({
      ok: false,
      error: { code: 'REDEMPTION_DEADLINE_PASSED', message: '已超过合同到期后1个月的兑现申请期限，创新券已作废', clause: '第十五条第三项' },
    });
  });

  test('第十五条第二项: with no recorded contract end, applying after the validity end is VALIDITY_EXPIRED', () => {
    expect(errorCode(transition(registeredNoContractEnd, { type: 'apply_redemption' }, 'open_unit', VALID_UNTIL))).toBe('ok:redemption_applied');
    expect(errorCode(transition(registeredNoContractEnd, { type: 'apply_redemption' }, 'open_unit', plusMs(VALID_UNTIL, 1)))).toBe('VALIDITY_EXPIRED');
  });

  test('第十五条第四项: redemption_applied --open_review(administrator)--> under_review (a review round takes it)', () => {
    const now = bj('2026-05-01 09:00');
    expect(ok(transition(applied, { type: 'open_review' }, 'administrator', now))).toEqual({ ...applied, status: 'under_review' });
  });

  test('第十五条第四项: under_review --approve(administrator)--> approved', () => {
    const now = bj('2026-05-10 09:00');
    expect(ok(transition(underReview, { type: 'approve' }, 'administrator', now))).toEqual({ ...underReview, status: 'approved', reviewedAt: now });
  });

  test('第十五条第四项: under_review --reject(administrator, reason)--> rejected', () => {
    const now = bj('2026-05-10 09:00');
    const r = transition(underReview, { type: 'reject', reason: '  证明材料不全 ' }, 'administrator', now);
    expect(r).toEqual({
      ok: true,
      voucher: { ...underReview, status: 'rejected', reviewedAt: now, rejectionReason: '证明材料不全' },
      record: { event: 'reject', actor: 'administrator', at: now, from: 'under_review', to: 'rejected', reason: '证明材料不全' },
    });
  });

  test('第十五条第四项: a rejection without a reason is REASON_REQUIRED', () => {
    expect(errorCode(transition(underReview, { type: 'reject', reason: '   ' }, 'administrator', bj('2026-05-10 09:00')))).toBe('REASON_REQUIRED');
  });

  test('第十五条第四项: review has no deadline — approving long after the redemption deadline works', () => {
    expect(errorCode(transition(underReview, { type: 'approve' }, 'administrator', bj('2026-11-30 09:00')))).toBe('ok:approved');
  });

  test('第十五条第四项: no decision without a review round — redemption_applied cannot be approved directly', () => {
    expect(errorCode(transition(applied, { type: 'approve' }, 'administrator', bj('2026-05-10 09:00')))).toBe('INVALID_TRANSITION');
  });

  test('第十五条第五项: approved --publish_notice--> in_public_notice --clear_notice--> payable --pay--> paid', () => {
    const at = bj('2026-05-11 09:00');
    expect(ok(transition(approved, { type: 'publish_notice' }, 'administrator', at))).toEqual(inNotice);
    expect(ok(transition(inNotice, { type: 'clear_notice' }, 'system', at))).toEqual(payable);
    const now = bj('2026-06-01 09:00');
    expect(ok(transition(payable, { type: 'pay' }, 'administrator', now))).toEqual({ ...payable, status: 'paid', paidAt: now });
  });

  test('第十五条第五项: an upheld objection sends a voucher in public notice back to review, with a reason', () => {
    const at = bj('2026-05-12 09:00');
    const back = ok(transition(inNotice, { type: 'uphold_objection', reason: '合同金额与发票不符' }, 'administrator', at));
    expect(back.status).toBe('under_review');
    expect(back.reviewedAt).toBeUndefined();
    expect(errorCode(transition(inNotice, { type: 'uphold_objection', reason: ' ' }, 'administrator', at))).toBe('REASON_REQUIRED');
  });

  test('第十五条第五项: "经审核、公示无异议后" — approved and in-notice vouchers cannot be paid', () => {
    const at = bj('2026-06-01 09:00');
    expect(errorCode(transition(approved, { type: 'pay' }, 'administrator', at))).toBe('INVALID_TRANSITION');
    expect(errorCode(transition(inNotice, { type: 'pay' }, 'administrator', at))).toBe('INVALID_TRANSITION');
  });

  test.each<[string, StoredVoucher, Actor]>([
    ['claimed', claimed, 'applicant'],
    ['claimed', claimed, 'administrator'],
    ['registered', registered, 'applicant'],
    ['registered', registered, 'open_unit'],
    ['registered', registered, 'administrator'],
  ])('第十五条 (cancellation, our decision): %s --cancel(%s)--> void(cancelled)', (_status, voucher, actor) => {
    const now = bj('2026-01-25 09:00');
    const r = transition(voucher, { type: 'cancel', reason: '项目取消' }, actor, now);
    expect(r).toEqual({
      ok: true,
      voucher: { ...voucher, status: 'void', voidReason: 'cancelled', voidedAt: now, cancelReason: '项目取消' },
      record: { event: 'cancel', actor, at: now, from: voucher.status, to: 'void', voidReason: 'cancelled', reason: '项目取消' },
    });
  });

  test('第十五条第二项: claimed --expire_registration(system)--> void(unregistered_expired) only after the deadline', () => {
    expect(errorCode(transition(claimed, { type: 'expire_registration' }, 'system', REG_DEADLINE))).toBe('DEADLINE_NOT_REACHED');
    const now = plusMs(REG_DEADLINE, 1);
    expect(ok(transition(claimed, { type: 'expire_registration' }, 'system', now))).toEqual({
      ...claimed,
      status: 'void',
      voidReason: 'unregistered_expired',
      voidedAt: now,
    });
  });

  test('第十五条第二项: registered --expire_validity(system)--> void(validity_expired) only without a contract end, after validity', () => {
    expect(errorCode(transition(registeredNoContractEnd, { type: 'expire_validity' }, 'system', VALID_UNTIL))).toBe('DEADLINE_NOT_REACHED');
    expect(ok(transition(registeredNoContractEnd, { type: 'expire_validity' }, 'system', plusMs(VALID_UNTIL, 1)))).toMatchObject({
      status: 'void',
      voidReason: 'validity_expired',
    });
    // With a contract end the validity end alone voids nothing: the redemption month decides.
    expect(errorCode(transition(registered, { type: 'expire_validity' }, 'system', plusMs(VALID_UNTIL, 1)))).toBe('DEADLINE_NOT_REACHED');
  });

  test('第十五条第三项: registered --expire_redemption(system)--> void(redemption_late) only after the redemption deadline', () => {
    expect(errorCode(transition(registered, { type: 'expire_redemption' }, 'system', REDEEM_BY))).toBe('DEADLINE_NOT_REACHED');
    expect(ok(transition(registered, { type: 'expire_redemption' }, 'system', plusMs(REDEEM_BY, 1)))).toMatchObject({
      status: 'void',
      voidReason: 'redemption_late',
    });
  });

  test('第十八条: a transition returns a new object and leaves the input untouched', () => {
    const before = { ...claimed, claimedAt: new Date(claimed.claimedAt.getTime()) };
    const r = transition(claimed, { type: 'register', contractEndDay: '2026-03-31' }, 'open_unit', bj('2026-01-20 10:00'));
    expect(claimed).toEqual(before);
    expect(ok(r).id).toBe('v1');
  });
});

describe('disallowed transitions — 第十五条, 第十六条', () => {
  const at = bj('2026-01-20 10:00');
  test.each<[string, StoredVoucher, VoucherEvent, Actor, string]>([
    ['claimed cannot apply for redemption', claimed, { type: 'apply_redemption' }, 'open_unit', 'INVALID_TRANSITION'],
    ['claimed cannot be approved', claimed, { type: 'approve' }, 'administrator', 'INVALID_TRANSITION'],
    ['registered cannot be registered again (one contract, 第十六条)', registered, { type: 'register', contractEndDay: '2026-03-31' }, 'open_unit', 'INVALID_TRANSITION'],
    ['registered cannot be paid', registered, { type: 'pay' }, 'administrator', 'INVALID_TRANSITION'],
    ['redemption_applied cannot be cancelled', applied, { type: 'cancel' }, 'applicant', 'INVALID_TRANSITION'],
    ['approved cannot be rejected', approved, { type: 'reject', reason: 'x' }, 'administrator', 'INVALID_TRANSITION'],
    ['paid cannot be paid twice (第十六条)', paid, { type: 'pay' }, 'administrator', 'INVALID_TRANSITION'],
    ['rejected cannot be paid', rejected, { type: 'pay' }, 'administrator', 'INVALID_TRANSITION'],
    ['rejected cannot apply again', rejected, { type: 'apply_redemption' }, 'open_unit', 'INVALID_TRANSITION'],
    ['void cannot be registered', voided, { type: 'register', contractEndDay: '2026-03-31' }, 'open_unit', 'INVALID_TRANSITION'],
    ['void cannot expire', voided, { type: 'expire_registration' }, 'system', 'INVALID_TRANSITION'],
    ['the applicant cannot register', claimed, { type: 'register', contractEndDay: '2026-03-31' }, 'applicant', 'ACTOR_NOT_ALLOWED'],
    ['an administrator cannot register', claimed, { type: 'register', contractEndDay: '2026-03-31' }, 'administrator', 'ACTOR_NOT_ALLOWED'],
    ['an open unit cannot cancel a claimed voucher', claimed, { type: 'cancel' }, 'open_unit', 'ACTOR_NOT_ALLOWED'],
    ['the system cannot cancel', registered, { type: 'cancel' }, 'system', 'ACTOR_NOT_ALLOWED'],
    ['the applicant cannot apply for redemption', registered, { type: 'apply_redemption' }, 'applicant', 'ACTOR_NOT_ALLOWED'],
    ['an open unit cannot approve', underReview, { type: 'approve' }, 'open_unit', 'ACTOR_NOT_ALLOWED'],
    ['the applicant cannot pay', payable, { type: 'pay' }, 'applicant', 'ACTOR_NOT_ALLOWED'],
    ['the applicant cannot clear a notice', inNotice, { type: 'clear_notice' }, 'applicant', 'ACTOR_NOT_ALLOWED'],
    ['an administrator cannot expire by hand', claimed, { type: 'expire_registration' }, 'administrator', 'ACTOR_NOT_ALLOWED'],
  ])('第十五条: %s', (_name, voucher, event, actor, code) => {
    expect(errorCode(transition(voucher, event, actor, at))).toBe(code);
  });

  test('第十五条: the INVALID_TRANSITION message names the status and the step in Chinese', () => {
    const r = transition(paid, { type: 'pay' }, 'administrator', at);
    expect(r.ok || r.error).toEqual({ code: 'INVALID_TRANSITION', message: '创新券当前状态为“已拨付”，不能执行“拨付”' });
    const a = transition(claimed, { type: 'register', contractEndDay: '2026-03-31' }, 'applicant', at);
    expect(a.ok || a.error).toEqual({ code: 'ACTOR_NOT_ALLOWED', message: '申领单位不能执行“合同登记”', clause: '第十五条第二项' });
  });

  test('第十五条第二项: cancelling a claimed voucher after its registration deadline reports the deadline', () => {
    expect(errorCode(transition(claimed, { type: 'cancel' }, 'applicant', plusMs(REG_DEADLINE, 1)))).toBe('REGISTRATION_DEADLINE_PASSED');
  });
});

describe('derived status — 第十五条', () => {
  test.each<[string, StoredVoucher, Date, string]>([
    ['claimed, at the registration deadline', claimed, REG_DEADLINE, 'claimed'],
    ['claimed, 1 ms after the registration deadline', claimed, plusMs(REG_DEADLINE, 1), 'void/unregistered_expired'],
    ['claimed, 1 ms before the registration deadline', claimed, plusMs(REG_DEADLINE, -1), 'claimed'],
    ['registered with contract end, at the validity end', registered, VALID_UNTIL, 'registered'],
    ['registered with contract end, 1 ms after the validity end', registered, plusMs(VALID_UNTIL, 1), 'registered'],
    ['registered with contract end, at the redemption deadline', registered, REDEEM_BY, 'registered'],
    ['registered with contract end, 1 ms after the redemption deadline', registered, plusMs(REDEEM_BY, 1), 'void/redemption_late'],
    ['registered without contract end, 1 ms before the validity end', registeredNoContractEnd, plusMs(VALID_UNTIL, -1), 'registered'],
    ['registered without contract end, at the validity end', registeredNoContractEnd, VALID_UNTIL, 'registered'],
    ['registered without contract end, 1 ms after the validity end', registeredNoContractEnd, plusMs(VALID_UNTIL, 1), 'void/validity_expired'],
    ['redemption applied, long after every deadline', applied, bj('2027-06-01 00:00'), 'redemption_applied'],
    ['approved, long after every deadline', approved, bj('2027-06-01 00:00'), 'approved'],
    ['paid', paid, bj('2027-06-01 00:00'), 'paid'],
    ['rejected', rejected, bj('2027-06-01 00:00'), 'rejected'],
    ['void(cancelled)', voided, bj('2026-01-17 00:00'), 'void/cancelled'],
  ])('第十五条: %s → %s', (_name, voucher, now, expected) => {
    const d = deriveStatus(voucher, now);
    expect(d.voidReason ? `${d.status}/${d.voidReason}` : d.status).toBe(expected);
  });

  test('第十五条第二项: a stored contract end beyond validity is capped at the validity end (2026-04-20 → redeem by 2026-05-20)', () => {
    const v: Voucher = { ...registered, contractEndDay: '2026-06-30' };
    expect(deriveStatus(v, bj('2026-05-20 23:59:59.999')).status).toBe('registered');
    expect(deriveStatus(v, bj('2026-05-21 00:00'))).toEqual({ status: 'void', voidReason: 'redemption_late' });
  });

  test('第十五条: dueSystemEvent names the expiry to persist, or null', () => {
    expect(dueSystemEvent(claimed, REG_DEADLINE)).toBeNull();
    expect(dueSystemEvent(claimed, plusMs(REG_DEADLINE, 1))).toEqual({ type: 'expire_registration' });
    expect(dueSystemEvent(registered, plusMs(REDEEM_BY, 1))).toEqual({ type: 'expire_redemption' });
    expect(dueSystemEvent(registeredNoContractEnd, plusMs(VALID_UNTIL, 1))).toEqual({ type: 'expire_validity' });
    expect(dueSystemEvent(paid, bj('2030-01-01 00:00'))).toBeNull();
    expect(dueSystemEvent(voided, bj('2030-01-01 00:00'))).toBeNull();
  });
});

describe('deadlines for display — 第十五条', () => {
  test('第十五条第二项: a claimed voucher counts down to its registration deadline', () => {
    expect(deadlines(claimed)).toEqual({
      registrationDeadline: REG_DEADLINE,
      next: { kind: 'registration', at: REG_DEADLINE, label: '合同登记截止' },
    });
  });

  test('第十五条第三项: a registered voucher with a contract end counts down to the redemption deadline', () => {
    expect(deadlines(registered, bj('2026-02-01 00:00'))).toEqual({
      registrationDeadline: REG_DEADLINE,
      validUntil: VALID_UNTIL,
      redemptionDeadline: REDEEM_BY,
      next: { kind: 'redemption', at: REDEEM_BY, label: '申请兑现截止' },
    });
  });

  test('第十五条第二项: a registered voucher without a contract end counts down to its validity end', () => {
    expect(deadlines(registeredNoContractEnd).next).toEqual({ kind: 'validity', at: VALID_UNTIL, label: '有效期截止' });
  });

  test('第十五条: an expired, applied or finished voucher has no next deadline', () => {
    expect(deadlines(claimed, plusMs(REG_DEADLINE, 1)).next).toBeNull();
    expect(deadlines(applied).next).toBeNull();
    expect(deadlines(paid).next).toBeNull();
    expect(deadlines(applied).redemptionDeadline).toEqual(REDEEM_BY);
  });
});

describe('annual-cap statuses — 第十二条', () => {
  test('第十二条: every status from claimed to paid, and rejected, counts; void does not', () => {
    expect(VOUCHER_STATUSES.filter(countsTowardAnnualCap)).toEqual([
      'claimed',
      'registered',
      'redemption_applied',
      'under_review',
      'approved',
      'in_public_notice',
      'payable',
      'paid',
      'rejected',
    ]);
    expect(STATUSES_COUNTING_TOWARD_ANNUAL_CAP).not.toContain('void');
  });
});
