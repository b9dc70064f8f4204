/**
 * Eligibility to claim a voucher — 第七条 — and the applicant's annual cap — 第十二条.
 *
 * Clause strings. The official 第七条 has two paragraphs (款): enterprises (two items) and startup teams
 * (three items). POLICY.md splits the enterprise conditions into five items; enterprise failures cite
 * those five as "第七条第一项" … "第七条第五项" (POLICY.md numbering):
 *   第一项 registered in Beijing ≤ 5 years ago, or newly listed as a tech SME this year
 *   第二项 independent legal person          第三项 employees / revenue / assets
 *   第四项 sound finance, no bad credit record  第五项 main business in one of the five priority fields
 * Startup-team failures cite the second paragraph: "第七条第二款第一项" … "第七条第二款第三项".
 *
 * **Decisions** (POLICY.md silent):
 * - An invalid unified social credit code is a failure CREDIT_CODE_INVALID under 第七条第二项: the code is
 *   the identity of the legal person that 第二项 requires, so without a valid one independent legal
 *   personhood cannot be established.
 * - Beijing registration is required on both routes of 第七条第一项 (the scheme supports Beijing enterprises,
 *   第三条/第五条), so a tech SME listed this year but registered elsewhere still fails.
 * - The 5-year window: eligible through the 5th anniversary of `registeredOn` (Beijing calendar day),
 *   inclusive; a 29 February registration's anniversary in a common year is 28 February (dayjs clamping).
 *   A registration day after today is a failure (REGISTRATION_DATE_IN_FUTURE).
 * - A tech-SME listing counts (for 第一项 and for the higher annual cap of 第十二条) only when
 *   `techSmeListedYear` equals the current Beijing calendar year — "当年新评价入库" / "在有效期内".
 * - A credit code whose division says "national level" (10xxxx) does not trigger the region warning.
 * - Team 第二项: the leader is enrolled AND enrolled members (leader included) are strictly more than half.
 */
import { ANNUAL_CAP_HIGH_FEN, ANNUAL_CAP_STANDARD_FEN } from './amounts';
import { addYears, compareDays, shanghaiDay, shanghaiYear } from './calendar';
import { validateCreditCode } from './creditCode';
import { isPriorityField, OTHER_FIELD } from './fields';
import type { ApplicantKind, ApplicantProfile, EnterpriseProfile, TeamProfile } from './profiles';
import { formatFen } from '../money';

/** 第七条第三项 limits, inclusive. */
export const MAX_EMPLOYEES = 500;
/** 200,000,000 yuan = 20,000,000,000 fen (第七条第三项), inclusive. */
export const MAX_ANNUAL_REVENUE_FEN = 20_000_000_000;
export const MAX_TOTAL_ASSETS_FEN = 20_000_000_000;
/** 第七条第一项: registered no more than 5 years ago (inclusive). */
export const MAX_COMPANY_AGE_YEARS = 5;

export type EligibilityFailureCode =
  | 'NOT_REGISTERED_IN_BEIJING'
  | 'REGISTRATION_DATE_IN_FUTURE'
  | 'REGISTERED_OVER_5_YEARS'
  | 'NOT_INDEPENDENT_LEGAL_PERSON'
  | 'CREDIT_CODE_INVALID'
  | 'TOO_MANY_EMPLOYEES'
  | 'REVENUE_TOO_HIGH'
  | 'ASSETS_TOO_HIGH'
  | 'FINANCE_NOT_SOUND'
  | 'BAD_CREDIT_RECORD'
  | 'FIELD_NOT_PRIORITY'
  | 'TEAM_IS_LEGAL_PERSON'
  | 'TEAM_HAS_COMPANY'
  | 'LEADER_NOT_ENROLLED'
  | 'ENROLLED_NOT_MAJORITY'
  | 'PROJECT_IN_PLANNING'
  /** Not a 第七条 condition: a three-year ban (第十七条) in force, known to the platform (clause 第十七条). */
  | 'APPLICANT_BANNED';

export type EligibilityWarningCode = 'CREDIT_CODE_REGION_MISMATCH' | 'CREDIT_CODE_NOT_ENTERPRISE' | 'TECH_SME_YEAR_IN_FUTURE';

export interface EligibilityFailure {
  code: EligibilityFailureCode;
  /** e.g. "第七条第三项"; see the module comment for the numbering. */
  clause: string;
  /** Chinese, for the applicant. */
  message: string;
  /** Dotted path of the profile field concerned, for highlighting. */
  field?: string;
  /**
   * The misconduct case whose credit-record entry makes this condition fail on the platform's own
   * knowledge (第七条第四项, 第十七条), whatever the profile declares; absent for profile failures.
   */
  caseId?: string;
}

export interface EligibilityWarning {
  code: EligibilityWarningCode;
  message: string;
  field?: string;
}

export interface EligibilityResult {
  eligible: boolean;
  kind: ApplicantKind;
  /** The 第十二条 annual cap this applicant would have (computed whether or not eligible). */
  annualCapFen: number;
  /** Every failed condition, in clause order. */
  failures: EligibilityFailure[];
  warnings: EligibilityWarning[];
}

/** True when the enterprise's tech-SME listing is valid now: listed in the current Beijing year. */
export function hasCurrentTechSmeListing(profile: Pick<EnterpriseProfile, 'techSmeListedYear'>, now: Date): boolean {
  return profile.techSmeListedYear !== null && profile.techSmeListedYear === shanghaiYear(now);
}

/**
 * 第十二条: 500,000 yuan a year for an enterprise with a valid high-tech enterprise certification or a
 * tech-SME listing valid this year; 200,000 yuan for every other enterprise and every startup team.
 */
export function annualCapFen(profile: ApplicantProfile, now: Date): number {
  if (profile.kind === 'team') return ANNUAL_CAP_STANDARD_FEN;
  return profile.highTechCertified || hasCurrentTechSmeListing(profile, now) ? ANNUAL_CAP_HIGH_FEN : ANNUAL_CAP_STANDARD_FEN;
}

function checkEnterprise(p: EnterpriseProfile, now: Date, failures: EligibilityFailure[], warnings: EligibilityWarning[]) {
  const today = shanghaiDay(now);

  // 第七条第一项: registered in Beijing, ≤ 5 years ago (inclusive) or newly listed as a tech SME this year.
  if (!p.registeredInBeijing) {
    failures.push({
      code: 'NOT_REGISTERED_IN_BEIJING',
      clause: '第七条第一项',
      message: '须在北京地区注册成立',
      field: 'registeredInBeijing',
    });
  }
  const listedThisYear = hasCurrentTechSmeListing(p, now);
  if (compareDays(p.registeredOn, today) > 0) {
    failures.push({
      code: 'REGISTRATION_DATE_IN_FUTURE',
      clause: '第七条第一项',
      message: `注册成立日期 ${p.registeredOn} 晚于今天，请核对`,
      field: 'registeredOn',
    });
  } else {
    const lastEligibleDay = addYears(p.registeredOn, MAX_COMPANY_AGE_YEARS);
    if (compareDays(today, lastEligibleDay) > 0 && !listedThisYear) {
      failures.push({
        code: 'REGISTERED_OVER_5_YEARS',
        clause: '第七条第一项',
        message: `注册成立已超过5年（可申领至 ${lastEligibleDay}），且不是当年新评价入库的科技型中小企业`,
        field: 'registeredOn',
      });
    }
  }
  if (p.techSmeListedYear !== null && p.techSmeListedYear > shanghaiYear(now)) {
    warnings.push({
      code: 'TECH_SME_YEAR_IN_FUTURE',
      message: `科技型中小企业入库年份 ${p.techSmeListedYear} 晚于今年，未计为有效入库`,
      field: 'techSmeListedYear',
    });
  }

  // 第七条第二项: independent legal person, identified by a valid unified social credit code.
  if (!p.independentLegalPerson) {
    failures.push({
      code: 'NOT_INDEPENDENT_LEGAL_PERSON',
      clause: '第七条第二项',
      message: '须具有独立法人资格',
      field: 'independentLegalPerson',
    });
  }
  const credit = validateCreditCode(p.creditCode);
  if (!credit.valid) {
    failures.push({ code: 'CREDIT_CODE_INVALID', clause: '第七条第二项', message: credit.message, field: 'creditCode' });
  } else {
    const national = credit.regionCode.startsWith('10');
    if (!national && credit.isBeijing !== p.registeredInBeijing) {
      warnings.push({
        code: 'CREDIT_CODE_REGION_MISMATCH',
        message: credit.isBeijing
          ? '统一社会信用代码显示在北京地区登记，但填写为“未在北京地区注册”，请核对'
          : '统一社会信用代码显示不在北京地区登记，但填写为“在北京地区注册”，请核对',
        field: 'registeredInBeijing',
      });
    }
    if (!credit.isEnterprise) {
      warnings.push({
        code: 'CREDIT_CODE_NOT_ENTERPRISE',
        message: '统一社会信用代码显示该主体不是企业（前两位不是“91”），请核对',
        field: 'creditCode',
      });
    }
  }

  // 第七条第三项: employees ≤ 500, annual revenue ≤ 2亿元, total assets ≤ 2亿元, each inclusive.
  if (p.employees > MAX_EMPLOYEES) {
    failures.push({
      code: 'TOO_MANY_EMPLOYEES',
      clause: '第七条第三项',
      message: `职工总数为 ${p.employees} 人，超过 ${MAX_EMPLOYEES} 人`,
      field: 'employees',
    });
  }
  if (p.annualRevenueFen > MAX_ANNUAL_REVENUE_FEN) {
    failures.push({
      code: 'REVENUE_TOO_HIGH',
      clause: '第七条第三项',
      message: `年销售收入 ${formatFen(p.annualRevenueFen)} 超过 2 亿元`,
      field: 'annualRevenueFen',
    });
  }
  if (p.totalAssetsFen > MAX_TOTAL_ASSETS_FEN) {
    failures.push({
      code: 'ASSETS_TOO_HIGH',
      clause: '第七条第三项',
      message: `资产总额 ${formatFen(p.totalAssetsFen)} 超过 2 亿元`,
      field: 'totalAssetsFen',
    });
  }

  // 第七条第四项: sound financial management, no bad credit record.
  if (!p.soundFinance) {
    failures.push({
      code: 'FINANCE_NOT_SOUND',
      clause: '第七条第四项',
      message: '须具有健全的财务机构和管理制度',
      field: 'soundFinance',
    });
  }
  if (!p.noBadCreditRecord) {
    failures.push({ code: 'BAD_CREDIT_RECORD', clause: '第七条第四项', message: '有不良诚信记录的企业不能申领', field: 'noBadCreditRecord' });
  }

  // 第七条第五项: main business in one of the five priority fields (closed list, POLICY.md Decision).
  if (!isPriorityField(p.priorityField)) {
    const described = p.priorityField === OTHER_FIELD && p.otherFieldDescription ? `（填写为“${p.otherFieldDescription}”）` : '';
    failures.push({
      code: 'FIELD_NOT_PRIORITY',
      clause: '第七条第五项',
      message: `主营业务方向${described}不在新一代信息技术、医药健康、智能制造、新材料、绿色能源与节能环保五个高精尖产业领域内`,
      field: 'priorityField',
    });
  }
}

function checkTeam(p: TeamProfile, failures: EligibilityFailure[]) {
  // 第七条第二款第一项: not a legal person, no company registered yet.
  if (p.isLegalPerson) {
    failures.push({ code: 'TEAM_IS_LEGAL_PERSON', clause: '第七条第二款第一项', message: '创业团队须不具备法人资格', field: 'isLegalPerson' });
  }
  if (p.hasRegisteredCompany) {
    failures.push({
      code: 'TEAM_HAS_COMPANY',
      clause: '第七条第二款第一项',
      message: '创业团队须尚未注册企业；已注册企业请以企业身份申领',
      field: 'hasRegisteredCompany',
    });
  }

  // 第七条第二款第二项: main members are students — leader enrolled and more than half enrolled (Decision).
  if (!p.leader.enrolled) {
    failures.push({ code: 'LEADER_NOT_ENROLLED', clause: '第七条第二款第二项', message: '团队负责人须为在校学生', field: 'leader.enrolled' });
  }
  const total = 1 + p.members.length;
  const enrolled = (p.leader.enrolled ? 1 : 0) + p.members.filter((m) => m.enrolled).length;
  if (enrolled * 2 <= total) {
    failures.push({
      code: 'ENROLLED_NOT_MAJORITY',
      clause: '第七条第二款第二项',
      message: `在校学生须超过团队人数（含负责人）的一半，当前 ${total} 人中在校学生 ${enrolled} 人`,
      field: 'members',
    });
  }

  // 第七条第二款第三项: product R&D or its testing has started; the planning stage is excluded.
  if (p.projectStage === 'planning') {
    failures.push({
      code: 'PROJECT_IN_PLANNING',
      clause: '第七条第二款第三项',
      message: '项目须已开展产品研发或研发及转化所需的测试，创业策划阶段的项目不能申领',
      field: 'projectStage',
    });
  }
}

/**
 * Checks every condition of 第七条 for a parsed profile and returns all failures (not only the first),
 * warnings, and the 第十二条 annual cap. `now` fixes "today" and "this year" in Beijing time.
 */
export function checkEligibility(profile: ApplicantProfile, now: Date): EligibilityResult {
  const failures: EligibilityFailure[] = [];
  const warnings: EligibilityWarning[] = [];
  if (profile.kind === 'enterprise') checkEnterprise(profile, now, failures, warnings);
  else checkTeam(profile, failures);
  return {
    eligible: failures.length === 0,
    kind: profile.kind,
    annualCapFen: annualCapFen(profile, now),
    failures,
    warnings,
  };
}
