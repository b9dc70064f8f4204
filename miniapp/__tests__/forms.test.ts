import { emptyEnterpriseForm, emptyMember, emptyTeamForm, evaluateEnterprise, evaluateTeam, fenToWanText, messagesFor, wanToFen, type EnterpriseForm } from '../logic/profileForm';
import { homePeriods, liveStatus, remainingPercent } from '../logic/periods';
import { demoCode, demoSlug } from '../logic/login';
import { deadlineLine, statusLabel, timelineStep } from '../logic/vouchers';
import type { PeriodView } from '../services/types';

const now = new Date('2026-11-21T04:00:00.000Z');
const valid: EnterpriseForm = {
  ...emptyEnterpriseForm(),
  name: '北京智感科技有限公司',
  creditCode: '91110108MA01B2C344',
  registeredOn: '2023-05-18',
  employees: '42',
  revenueWan: '1200',
  assetsWan: '800',
  priorityField: 'new_generation_it',
};

describe('eligibility wizard: enterprise (第七条)', () => {
  test('a complete, eligible profile', () => {
    const ev = evaluateEnterprise(valid, now);
    expect(ev.issues).toEqual([]);
    expect(ev.failures).toEqual([]);
    expect(ev.eligible).toBe(true);
    expect(ev.annualCapFen).toBe(20_000_000);
    expect(ev.profile).toMatchObject({ kind: 'enterprise', employees: 42, annualRevenueFen: 1_200 * 10_000 * 100 });
  });

  test('every failure with its clause, as the founder types', () => {
    const ev = evaluateEnterprise({ ...valid, employees: '600', registeredOn: '2019-01-01', priorityField: 'other', otherFieldDescription: '餐饮' }, now);
    expect(ev.eligible).toBe(false);
    expect(ev.failures.map((f) => f.clause)).toEqual(['第七条第一项', '第七条第三项', '第七条第五项']);
    expect(messagesFor('employees', ev, false)).toEqual(['第七条第三项：职工总数为 600 人，超过 500 人']);
  });

  test('an incomplete form lists what is missing and checks only what is filled', () => {
    const ev = evaluateEnterprise({ ...emptyEnterpriseForm(), employees: '900' }, now);
    expect(ev.profile).toBeNull();
    expect(ev.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['name', 'creditCode', 'registeredOn', 'priorityField']));
    // The empty credit code is "to fill", not a 第七条第二项 failure; the 900 employees already fail.
    expect(ev.failures.map((f) => f.code)).toEqual(['TOO_MANY_EMPLOYEES']);
  });

  test('a mistyped credit code fails 第七条第二项 once filled', () => {
    const ev = evaluateEnterprise({ ...valid, creditCode: '91110108MA01B2C345' }, now);
    expect(ev.failures.map((f) => f.code)).toEqual(['CREDIT_CODE_INVALID']);
  });

  test('high-tech certification raises the annual cap to 500,000 yuan', () => {
    expect(evaluateEnterprise({ ...valid, highTechCertified: true }, now).annualCapFen).toBe(50_000_000);
  });

  test('万元 ↔ fen', () => {
    expect(wanToFen('1.5')).toBe(1_500_000);
    expect(wanToFen('')).toBeUndefined();
    expect(wanToFen('abc')).toBeNaN();
    expect(fenToWanText(1_500_000)).toBe('1.5');
  });
});

describe('eligibility wizard: startup team (第七条第二款)', () => {
  const leader = { ...emptyMember(), name: '李雷', school: '清华大学', studentId: '2023010001' };
  const team = { ...emptyTeamForm(), name: '智感团队', projectName: '柔性传感器', projectStage: 'rnd', leader };

  test('leader enrolled, majority enrolled, R&D started → eligible', () => {
    const ev = evaluateTeam({ ...team, members: [{ ...emptyMember(), name: '韩梅梅', school: '北京大学', studentId: '2201' }] }, now);
    expect(ev.eligible).toBe(true);
  });

  test('members editor: adding non-students breaks the majority (第七条第二款第二项)', () => {
    const outsider = { ...emptyMember(), name: '王工', enrolled: false };
    const ev = evaluateTeam({ ...team, members: [outsider, { ...outsider, name: '赵工' }] }, now);
    expect(ev.failures.map((f) => f.code)).toEqual(['ENROLLED_NOT_MAJORITY']);
  });

  test('planning stage and a registered company both fail, each with its clause', () => {
    const ev = evaluateTeam({ ...team, projectStage: 'planning', hasRegisteredCompany: true }, now);
    expect(ev.failures.map((f) => f.clause)).toEqual(['第七条第二款第一项', '第七条第二款第三项']);
  });

  test('an enrolled member without a school is "to fill"', () => {
    const ev = evaluateTeam({ ...team, members: [{ ...emptyMember(), name: '韩梅梅' }] }, now);
    expect(ev.issues.map((i) => i.field)).toEqual(['members.0.school', 'members.0.studentId']);
  });
});

describe('home periods', () => {
  const base: PeriodView = {
    id: 'p',
    name: 'p',
    opensAt: '2026-11-20T00:00:00.000Z',
    closesAt: '2026-12-20T00:00:00.000Z',
    closedAt: null,
    quotaFen: 1_000_000,
    remainingFen: 250_000,
    maxVoucherFen: 5_000_000,
    perApplicantLimit: 1,
    status: 'open',
  };
  const t = Date.parse('2026-11-21T00:00:00.000Z');

  test('status follows the server clock between polls', () => {
    const upcoming = { ...base, opensAt: '2026-11-21T00:00:05.000Z', status: 'upcoming' as const };
    expect(liveStatus(upcoming, t)).toBe('upcoming');
    expect(liveStatus(upcoming, t + 5_000)).toBe('open');
    expect(liveStatus({ ...base, closedAt: '2026-11-20T10:00:00.000Z' }, t)).toBe('closed');
    expect(liveStatus({ ...base, status: 'sold_out' }, t)).toBe('sold_out');
  });

  test('open periods first, then sold out; the next period is the soonest upcoming', () => {
    const periods: PeriodView[] = [
      { ...base, id: 'sold', status: 'sold_out' },
      { ...base, id: 'open' },
      { ...base, id: 'later', opensAt: '2026-12-10T00:00:00.000Z', status: 'upcoming' },
      { ...base, id: 'sooner', opensAt: '2026-11-25T00:00:00.000Z', status: 'upcoming' },
      { ...base, id: 'old', closesAt: '2026-11-01T00:00:00.000Z', status: 'closed' },
    ];
    const { current, next } = homePeriods(periods, t);
    expect(current.map((p) => p.id)).toEqual(['open', 'sold']);
    expect(next?.id).toBe('sooner');
  });

  test('remaining quota bar', () => {
    expect(remainingPercent(base)).toBe(25);
    expect(remainingPercent({ quotaFen: 0, remainingFen: 0 })).toBe(0);
  });
});

describe('demo sign-in and my vouchers', () => {
  test('any name becomes a stable ASCII code', () => {
    expect(demoCode('ZhangSan')).toBe('dev:zhangsan');
    expect(demoSlug('张三')).toMatch(/^[a-z0-9]+$/);
    expect(demoSlug('张三')).toBe(demoSlug(' 张三 '));
    expect(demoCode('   ')).toBeNull();
    expect(demoCode('admin')).toBe('dev:admin');
  });

  test('timeline and deadline line', () => {
    expect(timelineStep('claimed')).toBe(1);
    expect(timelineStep('paid')).toBe(5);
    expect(statusLabel({ status: 'void', voidReason: 'unregistered_expired' })).toBe('领取后15日内未完成合同登记，已作废');
    const v = {
      id: 'v',
      periodId: 'p',
      applicantId: 'a',
      amountFen: 100_000,
      status: 'claimed' as const,
      voidReason: null,
      claimedAt: '2026-11-21T04:00:00.000Z',
      registrationDeadline: '2026-12-06T15:59:59.999Z',
    };
    expect(deadlineLine(v, Date.parse('2026-11-21T04:00:00.000Z'))).toBe('合同登记截止 2026-12-06 23:59 · 还剩 15 天 12 小时');
    expect(deadlineLine({ ...v, status: 'registered' }, 0)).toBeNull();
  });
});
