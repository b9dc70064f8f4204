import { checkEligibility, annualCapFen } from '../src/policy/eligibility';
import { enterprise, student, team } from './fixtures';
import { bj, utc } from './helpers';

const NOW = bj('2026-06-15 10:00');

function codes(result: ReturnType<typeof checkEligibility>) {
  return result.failures.map((f) => f.code);
}

describe('enterprise eligibility — 第七条', () => {
  test('第七条: the baseline enterprise is eligible with no failures or warnings', () => {
    expect(checkEligibility(enterprise(), NOW)).toEqual({
      eligible: true,
      kind: 'enterprise',
      annualCapFen: 20_000_000,
      failures: [],
      warnings: [],
    });
  });

  test.each([
    ['2021-06-15', NOW, true], // exactly 5 years ago today (Beijing)
    ['2021-06-16', NOW, true],
    ['2021-06-14', NOW, false], // 5 years and 1 day
    ['2021-06-15', bj('2026-06-15 23:59:59.999'), true],
    ['2021-06-15', bj('2026-06-16 00:00'), false],
    ['2021-06-15', utc('2026-06-15T16:00:00Z'), false], // 00:00 on 16 June in Beijing, still the 15th in UTC
    ['2021-06-15', utc('2026-06-15T15:59:59.999Z'), true],
    ['2024-02-29', bj('2029-02-28 12:00'), true], // anniversary clamps to 28 February
    ['2024-02-29', bj('2029-03-01 00:00'), false],
  ])('第七条第一项: registered %s, checked at %s → eligible %p (5th anniversary inclusive)', (registeredOn, now, ok) => {
    const r = checkEligibility(enterprise({ registeredOn }), now);
    expect(r.eligible).toBe(ok);
    expect(codes(r)).toEqual(ok ? [] : ['REGISTERED_OVER_5_YEARS']);
  });

  test('第七条第一项: the failure cites the clause, the field and the last eligible day', () => {
    const r = checkEligibility(enterprise({ registeredOn: '2021-06-14' }), NOW);
    expect(r.failures).toEqual([
      {
        code: 'REGISTERED_OVER_5_YEARS',
        clause: '第七条第一项',
        message: '注册成立已超过5年（可申领至 2026-06-14），且不是当年新评价入库的科技型中小企业',
        field: 'registeredOn',
      },
    ]);
  });

  test.each([
    [2026, true],
    [2025, false],
    [null, false],
  ])('第七条第一项: a 2010 company with techSmeListedYear %p in 2026 → eligible %p', (year, ok) => {
    const r = checkEligibility(enterprise({ registeredOn: '2010-01-01', techSmeListedYear: year }), NOW);
    expect(r.eligible).toBe(ok);
  });

  test('第七条第一项: a tech-SME listing in the current Beijing year counts until 31 December 23:59:59.999 Beijing', () => {
    const old = enterprise({ registeredOn: '2010-01-01', techSmeListedYear: 2026 });
    expect(checkEligibility(old, utc('2026-12-31T15:59:59.999Z')).eligible).toBe(true);
    expect(codes(checkEligibility(old, utc('2026-12-31T16:00:00Z')))).toEqual(['REGISTERED_OVER_5_YEARS']);
  });

  test('第七条第一项: not registered in Beijing fails, even when listed this year', () => {
    const r = checkEligibility(enterprise({ registeredInBeijing: false, creditCode: '91310115MA1K4L5M8D', techSmeListedYear: 2026 }), NOW);
    expect(r.failures).toEqual([
      { code: 'NOT_REGISTERED_IN_BEIJING', clause: '第七条第一项', message: '须在北京地区注册成立', field: 'registeredInBeijing' },
    ]);
    expect(r.warnings).toEqual([]);
  });

  test('第七条第一项: a registration day after today fails', () => {
    const r = checkEligibility(enterprise({ registeredOn: '2026-06-16' }), NOW);
    expect(codes(r)).toEqual(['REGISTRATION_DATE_IN_FUTURE']);
    expect(checkEligibility(enterprise({ registeredOn: '2026-06-15' }), NOW).eligible).toBe(true);
  });

  test('第七条第二项: not an independent legal person fails', () => {
    const r = checkEligibility(enterprise({ independentLegalPerson: false }), NOW);
    expect(r.failures).toEqual([
      { code: 'NOT_INDEPENDENT_LEGAL_PERSON', clause: '第七条第二项', message: '须具有独立法人资格', field: 'independentLegalPerson' },
    ]);
  });

  test('第七条第二项: an invalid credit code is the failure CREDIT_CODE_INVALID with the validator message', () => {
    const r = checkEligibility(enterprise({ creditCode: '91110108MA01B2C345' }), NOW);
    expect(r.failures).toEqual([
      { code: 'CREDIT_CODE_INVALID', clause: '第七条第二项', message: '统一社会信用代码校验位（第18位）不正确，请核对', field: 'creditCode' },
    ]);
    expect(r.eligible).toBe(false);
  });

  test.each([
    [500, true],
    [501, false],
    [0, true],
  ])('第七条第三项: %i employees → eligible %p', (employees, ok) => {
    const r = checkEligibility(enterprise({ employees }), NOW);
    expect(r.eligible).toBe(ok);
    if (!ok) expect(r.failures[0]).toEqual({ code: 'TOO_MANY_EMPLOYEES', clause: '第七条第三项', message: '职工总数为 501 人，超过 500 人', field: 'employees' });
  });

  test.each([
    [20_000_000_000, true],
    [20_000_000_001, false],
  ])('第七条第三项: annual revenue %i fen (2亿元 = 20,000,000,000 fen) → eligible %p', (annualRevenueFen, ok) => {
    const r = checkEligibility(enterprise({ annualRevenueFen }), NOW);
    expect(codes(r)).toEqual(ok ? [] : ['REVENUE_TOO_HIGH']);
  });

  test.each([
    [20_000_000_000, true],
    [20_000_000_001, false],
  ])('第七条第三项: total assets %i fen → eligible %p', (totalAssetsFen, ok) => {
    const r = checkEligibility(enterprise({ totalAssetsFen }), NOW);
    expect(codes(r)).toEqual(ok ? [] : ['ASSETS_TOO_HIGH']);
    if (!ok) expect(r.failures[0].message).toBe('资产总额 200,000,000.01 元 超过 2 亿元');
  });

  test('第七条第四项: unsound finance and a bad credit record are two failures', () => {
    const r = checkEligibility(enterprise({ soundFinance: false, noBadCreditRecord: false }), NOW);
    expect(r.failures).toEqual([
      { code: 'FINANCE_NOT_SOUND', clause: '第七条第四项', message: '须具有健全的财务机构和管理制度', field: 'soundFinance' },
      { code: 'BAD_CREDIT_RECORD', clause: '第七条第四项', message: '有不良诚信记录的企业不能申领', field: 'noBadCreditRecord' },
    ]);
  });

  test.each(['new_generation_it', 'medicine_health', 'intelligent_manufacturing', 'new_materials', 'green_energy_environmental'] as const)(
    '第七条第五项: priority field %s is eligible',
    (priorityField) => {
      expect(checkEligibility(enterprise({ priorityField }), NOW).eligible).toBe(true);
    },
  );

  test('第七条第五项: a field outside the five fails with the reason', () => {
    const r = checkEligibility(enterprise({ priorityField: 'other', otherFieldDescription: '餐饮连锁' }), NOW);
    expect(r.failures).toEqual([
      {
        code: 'FIELD_NOT_PRIORITY',
        clause: '第七条第五项',
        message: '主营业务方向（填写为“餐饮连锁”）不在新一代信息技术、医药健康、智能制造、新材料、绿色能源与节能环保五个高精尖产业领域内',
        field: 'priorityField',
      },
    ]);
  });

  test('第七条: every failed condition is returned, in clause order', () => {
    const r = checkEligibility(
      enterprise({
        registeredInBeijing: false,
        registeredOn: '2015-01-01',
        independentLegalPerson: false,
        creditCode: 'not-a-code',
        employees: 501,
        annualRevenueFen: 20_000_000_001,
        totalAssetsFen: 20_000_000_001,
        soundFinance: false,
        noBadCreditRecord: false,
        priorityField: 'other',
        otherFieldDescription: '房地产',
      }),
      NOW,
    );
    expect(r.eligible).toBe(false);
    expect(r.failures.map((f) => [f.code, f.clause])).toEqual([
      ['NOT_REGISTERED_IN_BEIJING', '第七条第一项'],
      ['REGISTERED_OVER_5_YEARS', '第七条第一项'],
      ['NOT_INDEPENDENT_LEGAL_PERSON', '第七条第二项'],
      ['CREDIT_CODE_INVALID', '第七条第二项'],
      ['TOO_MANY_EMPLOYEES', '第七条第三项'],
      ['REVENUE_TOO_HIGH', '第七条第三项'],
      ['ASSETS_TOO_HIGH', '第七条第三项'],
      ['FINANCE_NOT_SOUND', '第七条第四项'],
      ['BAD_CREDIT_RECORD', '第七条第四项'],
      ['FIELD_NOT_PRIORITY', '第七条第五项'],
    ]);
  });
});

describe('credit-code warnings — 第七条第一项/第二项', () => {
  test('第七条第一项: a Beijing code with registeredInBeijing false warns (and the Beijing failure stands)', () => {
    const r = checkEligibility(enterprise({ registeredInBeijing: false }), NOW);
    expect(codes(r)).toEqual(['NOT_REGISTERED_IN_BEIJING']);
    expect(r.warnings).toEqual([
      {
        code: 'CREDIT_CODE_REGION_MISMATCH',
        message: '统一社会信用代码显示在北京地区登记，但填写为“未在北京地区注册”，请核对',
        field: 'registeredInBeijing',
      },
    ]);
  });

  test('第七条第一项: a Shanghai code with registeredInBeijing true warns but does not fail', () => {
    const r = checkEligibility(enterprise({ creditCode: '91310115MA1K4L5M8D' }), NOW);
    expect(r.eligible).toBe(true);
    expect(r.warnings.map((w) => w.code)).toEqual(['CREDIT_CODE_REGION_MISMATCH']);
    expect(r.warnings[0].message).toBe('统一社会信用代码显示不在北京地区登记，但填写为“在北京地区注册”，请核对');
  });

  test('第七条第一项: a national-level code (100000) does not trigger the region warning', () => {
    const r = checkEligibility(enterprise({ creditCode: '12100000400012342E' }), NOW);
    expect(r.warnings.map((w) => w.code)).toEqual(['CREDIT_CODE_NOT_ENTERPRISE']);
  });

  test('第七条第二项: a non-enterprise code (52…) warns', () => {
    const r = checkEligibility(enterprise({ creditCode: '52110108500123453X' }), NOW);
    expect(r.eligible).toBe(true);
    expect(r.warnings).toEqual([
      { code: 'CREDIT_CODE_NOT_ENTERPRISE', message: '统一社会信用代码显示该主体不是企业（前两位不是“91”），请核对', field: 'creditCode' },
    ]);
  });

  test('第七条第一项: a listing year after this year warns and does not count', () => {
    const r = checkEligibility(enterprise({ registeredOn: '2010-01-01', techSmeListedYear: 2027 }), NOW);
    expect(codes(r)).toEqual(['REGISTERED_OVER_5_YEARS']);
    expect(r.warnings.map((w) => w.code)).toEqual(['TECH_SME_YEAR_IN_FUTURE']);
    expect(r.annualCapFen).toBe(20_000_000);
  });
});

describe('annual cap — 第十二条', () => {
  test.each([
    ['high-tech certified', { highTechCertified: true }, 50_000_000],
    ['listed as tech SME this year', { techSmeListedYear: 2026 }, 50_000_000],
    ['listed last year', { techSmeListedYear: 2025 }, 20_000_000],
    ['neither', {}, 20_000_000],
    ['certified and listed', { highTechCertified: true, techSmeListedYear: 2026 }, 50_000_000],
  ])('第十二条: enterprise %s → annual cap %i fen', (_label, overrides, cap) => {
    expect(checkEligibility(enterprise(overrides), NOW).annualCapFen).toBe(cap);
  });

  test('第十二条: the tech-SME cap follows the Beijing year (listed 2026: 500,000 yuan until 2026-12-31 24:00 Beijing)', () => {
    const p = enterprise({ techSmeListedYear: 2026 });
    expect(annualCapFen(p, utc('2026-12-31T15:59:59.999Z'))).toBe(50_000_000);
    expect(annualCapFen(p, utc('2026-12-31T16:00:00.000Z'))).toBe(20_000_000);
  });

  test('第十二条: a startup team has 200,000 yuan', () => {
    expect(checkEligibility(team(), NOW).annualCapFen).toBe(20_000_000);
  });

  test('第十二条: the cap is reported for an ineligible applicant too', () => {
    const r = checkEligibility(enterprise({ highTechCertified: true, employees: 900 }), NOW);
    expect(r).toMatchObject({ eligible: false, annualCapFen: 50_000_000 });
  });
});

describe('startup team eligibility — 第七条第二款', () => {
  test('第七条第二款: the baseline team is eligible', () => {
    expect(checkEligibility(team(), NOW)).toEqual({ eligible: true, kind: 'team', annualCapFen: 20_000_000, failures: [], warnings: [] });
  });

  test('第七条第二款第一项: a legal person or a registered company fails, each reported', () => {
    const r = checkEligibility(team({ isLegalPerson: true, hasRegisteredCompany: true }), NOW);
    expect(r.failures).toEqual([
      { code: 'TEAM_IS_LEGAL_PERSON', clause: '第七条第二款第一项', message: '创业团队须不具备法人资格', field: 'isLegalPerson' },
      {
        code: 'TEAM_HAS_COMPANY',
        clause: '第七条第二款第一项',
        message: '创业团队须尚未注册企业；已注册企业请以企业身份申领',
        field: 'hasRegisteredCompany',
      },
    ]);
  });

  test('第七条第二款第二项: a leader who is not enrolled fails', () => {
    const r = checkEligibility(team({ leader: student('张三', false) }), NOW);
    expect(codes(r)).toEqual(['LEADER_NOT_ENROLLED']); // 2 of 3 still enrolled
    expect(r.failures[0]).toMatchObject({ clause: '第七条第二款第二项', field: 'leader.enrolled' });
  });

  test.each([
    [[], true, 'leader alone, 1 of 1'],
    [[true], true, '2 of 2'],
    [[false], false, '1 of 2 is exactly half'],
    [[true, false], true, '2 of 3'],
    [[false, false], false, '1 of 3'],
    [[true, false, false], false, '2 of 4 is exactly half'],
    [[true, true, false, false], true, '3 of 5'],
  ])('第七条第二款第二项: enrolled leader plus members %j → eligible %p (%s)', (enrolled, ok) => {
    const members = (enrolled as boolean[]).map((e, i) => student(`成员${i}`, e));
    const r = checkEligibility(team({ members }), NOW);
    expect(codes(r)).toEqual(ok ? [] : ['ENROLLED_NOT_MAJORITY']);
  });

  test('第七条第二款第二项: the majority message counts the leader', () => {
    const r = checkEligibility(team({ leader: student('张三', false), members: [student('李四')] }), NOW);
    expect(r.failures).toEqual([
      { code: 'LEADER_NOT_ENROLLED', clause: '第七条第二款第二项', message: '团队负责人须为在校学生', field: 'leader.enrolled' },
      {
        code: 'ENROLLED_NOT_MAJORITY',
        clause: '第七条第二款第二项',
        message: '在校学生须超过团队人数（含负责人）的一半，当前 2 人中在校学生 1 人',
        field: 'members',
      },
    ]);
  });

  test.each([
    ['planning', false],
    ['rnd', true],
    ['testing', true],
  ] as const)('第七条第二款第三项: project stage %s → eligible %p', (projectStage, ok) => {
    const r = checkEligibility(team({ projectStage }), NOW);
    expect(codes(r)).toEqual(ok ? [] : ['PROJECT_IN_PLANNING']);
  });

  test('第七条第二款: every failed team condition is returned', () => {
    const r = checkEligibility(
      team({ isLegalPerson: true, hasRegisteredCompany: true, leader: student('张三', false), members: [], projectStage: 'planning' }),
      NOW,
    );
    expect(codes(r)).toEqual(['TEAM_IS_LEGAL_PERSON', 'TEAM_HAS_COMPANY', 'LEADER_NOT_ENROLLED', 'ENROLLED_NOT_MAJORITY', 'PROJECT_IN_PLANNING']);
  });
});
