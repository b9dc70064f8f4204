import type { EnterpriseProfile, TeamMember, TeamProfile } from '../src/policy/profiles';

/** An eligible Beijing enterprise (for "now" in 2026): override one fact per test. */
export function enterprise(overrides: Partial<EnterpriseProfile> = {}): EnterpriseProfile {
  return {
    kind: 'enterprise',
    name: '北京示例科技有限公司',
    creditCode: '91110108MA01B2C344',
    registeredInBeijing: true,
    registeredOn: '2023-03-01',
    independentLegalPerson: true,
    employees: 40,
    annualRevenueFen: 1_000_000_000, // 10,000,000 yuan
    totalAssetsFen: 500_000_000,
    soundFinance: true,
    noBadCreditRecord: true,
    priorityField: 'new_materials',
    highTechCertified: false,
    techSmeListedYear: null,
    ...overrides,
  };
}

export function student(name: string, enrolled = true): TeamMember {
  return enrolled ? { name, school: '北京大学', studentId: `S${name.length}001`, enrolled } : { name, school: '', studentId: '', enrolled };
}

/** An eligible startup team: an enrolled leader and two enrolled members. */
export function team(overrides: Partial<TeamProfile> = {}): TeamProfile {
  return {
    kind: 'team',
    name: '燕园材料创新团队',
    isLegalPerson: false,
    hasRegisteredCompany: false,
    leader: student('张三'),
    members: [student('李四'), student('王五')],
    projectName: '柔性电池隔膜',
    projectStage: 'rnd',
    ...overrides,
  };
}
