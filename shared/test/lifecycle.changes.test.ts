/** The two steps added for contracts and review: amend (registered → registered) and the site visit (第十五条4). */
import { deriveStatus, transition } from '../src/policy/lifecycle';
import type { Voucher } from '../src/policy/lifecycle';
import { bj } from './helpers';

const claimed: Voucher = { status: 'claimed', amountFen: 5_000_000, claimedAt: bj('2026-01-15 23:30') };
// Registered 2026-01-20 → valid until 2026-04-20; contract ends 2026-03-31 → redeem by 2026-04-30.
const registered: Voucher = { ...claimed, status: 'registered', registeredAt: bj('2026-01-20 10:00'), contractEndDay: '2026-03-31' };
const applied: Voucher = { ...registered, status: 'redemption_applied', redemptionAppliedAt: bj('2026-04-02 09:00') };

const code = (r: ReturnType<typeof transition>) => (r.ok ? `ok:${r.voucher.status}` : r.error.code);

describe('amend — a registered contract changes before redemption', () => {
  test('第十五条第二项: the open unit moves the contract end within validity; the redemption deadline follows', () => {
    const now = bj('2026-02-10 09:00');
    const r = transition(registered, { type: 'amend', contractEndDay: '2026-04-20' }, 'open_unit', now);
    expect(r).toEqual({
      ok: true,
      voucher: { ...registered, contractEndDay: '2026-04-20', amendedAt: now },
      record: { event: 'amend', actor: 'open_unit', at: now, from: 'registered', to: 'registered' },
    });
    if (!r.ok) return;
    // Redeem by 2026-05-20 now, where the old contract end gave 2026-04-30.
    expect(deriveStatus(r.voucher, bj('2026-05-20 23:59:59.999')).status).toBe('registered');
    expect(deriveStatus(registered, bj('2026-05-01 00:00')).status).toBe('void');
  });

  test.each([
    ['2026-04-21', 'CONTRACT_END_OUT_OF_RANGE'], // after validity (registration day + 3 months)
    ['2026-01-19', 'CONTRACT_END_OUT_OF_RANGE'], // before the registration day
    ['2026-02-31', 'CONTRACT_END_OUT_OF_RANGE'], // not a day
    ['2026-01-20', 'ok:registered'],
  ])('第十五条第二项: amending on 2026-02-10 to a contract end of %s → %s', (day, expected) => {
    expect(code(transition(registered, { type: 'amend', contractEndDay: day }, 'open_unit', bj('2026-02-10 09:00')))).toBe(expected);
  });

  test('an amendment that would put the redemption deadline in the past is refused', () => {
    const r = transition(registered, { type: 'amend', contractEndDay: '2026-01-25' }, 'open_unit', bj('2026-03-01 09:00'));
    expect(r.ok || r.error).toEqual({
      code: 'CONTRACT_END_OUT_OF_RANGE',
      message: '按修改后的合同到期日，兑现申请期限已过，不能这样修改',
      clause: '第十五条第二项（本系统约定）',
    });
  });

  test('only the open unit amends, only a registered voucher, not after its deadline', () => {
    const at = bj('2026-02-10 09:00');
    expect(code(transition(registered, { type: 'amend', contractEndDay: '2026-04-01' }, 'applicant', at))).toBe('ACTOR_NOT_ALLOWED');
    expect(code(transition(registered, { type: 'amend', contractEndDay: '2026-04-01' }, 'administrator', at))).toBe('ACTOR_NOT_ALLOWED');
    expect(code(transition(claimed, { type: 'amend', contractEndDay: '2026-01-30' }, 'open_unit', at))).toBe('INVALID_TRANSITION');
    expect(code(transition(applied, { type: 'amend', contractEndDay: '2026-04-01' }, 'open_unit', at))).toBe('INVALID_TRANSITION');
    expect(code(transition(registered, { type: 'amend', contractEndDay: '2026-04-01' }, 'open_unit', bj('2026-05-01 00:00')))).toBe(
      'REDEMPTION_DEADLINE_PASSED',
    );
  });
});

describe('mark_for_site_visit — 第十五条第四项', () => {
  test('an administrator marks an application under review for a site visit; review stays pending and can then decide', () => {
    const now = bj('2026-04-10 09:00');
    const underReview = { ...applied, status: 'under_review' as const };
    const r = transition(underReview, { type: 'mark_for_site_visit', note: ' 现场核查仪器使用记录 ' }, 'administrator', now);
    expect(r).toEqual({
      ok: true,
      voucher: { ...underReview, siteVisitAt: now },
      record: { event: 'mark_for_site_visit', actor: 'administrator', at: now, from: 'under_review', to: 'under_review', reason: '现场核查仪器使用记录' },
    });
    if (!r.ok) return;
    expect(code(transition(r.voucher, { type: 'approve' }, 'administrator', bj('2026-04-20 09:00')))).toBe('ok:approved');
    expect(code(transition(r.voucher, { type: 'reject', reason: '答辩未通过' }, 'administrator', bj('2026-04-20 09:00')))).toBe('ok:rejected');
  });

  test('only administrators, only while an application is pending', () => {
    const at = bj('2026-04-10 09:00');
    expect(code(transition({ ...applied, status: 'under_review' }, { type: 'mark_for_site_visit' }, 'open_unit', at))).toBe('ACTOR_NOT_ALLOWED');
    expect(code(transition(applied, { type: 'mark_for_site_visit' }, 'administrator', at))).toBe('INVALID_TRANSITION');
    expect(code(transition(registered, { type: 'mark_for_site_visit' }, 'administrator', at))).toBe('INVALID_TRANSITION');
    expect(code(transition({ ...applied, status: 'approved' }, { type: 'mark_for_site_visit' }, 'administrator', at))).toBe('INVALID_TRANSITION');
  });
});
