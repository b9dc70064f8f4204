import Taro from '@tarojs/taro';
import { contractPage } from '@kcq/shared';

export const PAGES = {
  home: '/pages/index/index',
  labs: '/pages/labs/index',
  /** The third tab, by role: 我的券 / 工作台 / 管理 (logic/roleTab.ts). */
  desk: '/pages/desk/index',
  mine: '/pages/mine/index',
  login: '/pages/login/index',
  applicant: '/pages/applicant/index',
  // Sub-package `catalogue`: the catalogue's detail pages.
  service: '/catalogue/service/index',
  lab: '/catalogue/lab/index',
  unit: '/catalogue/unit/index',
  cooperate: '/catalogue/cooperate/index',
  // Sub-package `admin`: administrators only (the pages check /api/me roles themselves).
  adminPeriods: '/admin/periods/index',
  adminPeriod: '/admin/period/index',
  adminPeriodForm: '/admin/period-form/index',
  adminDashboard: '/admin/dashboard/index',
  adminRedemptions: '/admin/redemptions/index',
  adminRedemption: '/admin/redemption/index',
  // Sub-package `my`: a signed-in user's contracts and messages.
  myContracts: '/my/contracts/index',
  myContract: '/my/contract/index',
  messages: '/my/messages/index',
  /** 加入开放单位: redeem an invite code (`?code=` from a shared invite). */
  join: '/my/join/index',
  // Review rounds, public notices and payment batches (第十五条4、5): the review sub-package.
  expertJoin: '/review/join/index',
  expertTask: '/review/task/index',
  reviewRounds: '/review/rounds/index',
  /** 专家库: the experts; `reviewExpert` adds one (no id) or shows one (`?id=`) with its invite code. */
  reviewExperts: '/review/experts/index',
  reviewExpert: '/review/expert/index',
  reviewRound: '/review/round/index',
  reviewItem: '/review/item/index',
  adminNotices: '/review/notices/index',
  paymentBatches: '/review/batches/index',
  // Supervision (第十六、十七、十八条), administrators: misconduct cases and spot checks.
  supervisionCases: '/supervision/cases/index',
  /** `?id=` a case; the decision, measures, appeal, revision and log. */
  supervisionCase: '/supervision/case/index',
  /** 立案: a new case (`?check=&item=` when it comes from a spot check's item). */
  supervisionCaseForm: '/supervision/case-form/index',
  spotChecks: '/supervision/checks/index',
  /** `?id=` a spot check with its sampled items. */
  spotCheck: '/supervision/check/index',
  // Open units join by application (第六条): sub-package `units`. The applicant's form and progress; administrators' review.
  /** 申请成为开放单位: a new application, or `?id=` one sent earlier (to add files or answer 需补充材料). */
  unitApply: '/units/apply/index',
  /** My applications and where each stands. */
  unitApplications: '/units/mine/index',
  /** Administrators: applications to review, and one (`?id=`). */
  adminUnitApplications: '/units/review-list/index',
  adminUnitApplication: '/units/review/index',
  // The yearly performance evaluation (第十一、十四条): sub-package `evaluation`.
  /** The unit's staff: each year's round and its result; `evaluationDeclare?round=` declares. */
  evaluationUnit: '/evaluation/unit/index',
  evaluationDeclare: '/evaluation/declare/index',
  /** An expert's scoring of one declaration (`?id=` the assignment). */
  evaluationTask: '/evaluation/task/index',
  /** Administrators: rounds, opening one, a round (`?id=`), one declaration (`?id=`), the support plan (`?id=` the round). */
  evaluationRounds: '/evaluation/rounds/index',
  evaluationRoundForm: '/evaluation/round-form/index',
  evaluationRound: '/evaluation/round/index',
  evaluationDeclaration: '/evaluation/declaration/index',
  evaluationPlan: '/evaluation/plan/index',
  // The public notice (公示): anyone, signed in or not.
  notices: '/notice/list/index',
  notice: '/notice/detail/index',
  /** 公开数据 (第十八条): the scheme's aggregate figures, anyone. */
  figures: '/notice/figures/index',
  // Sub-package `staff`: an open unit's staff (/api/me openUnit).
  staffContracts: '/staff/contracts/index',
  staffConfirm: '/staff/confirm/index',
  staffRedeem: '/staff/redeem/index',
  staffServices: '/staff/services/index',
  staffService: '/staff/service/index',
  staffAmend: '/staff/amend/index',
  /** 本单位工作人员: staff list, invites, unbinding (`?unit=&name=` for administrators). */
  staffTeam: '/staff/team/index',
} as const;

/** `/catalogue/service/index?id=sv_…` */
export const withQuery = (url: string, query: Record<string, string>) =>
  `${url}?${Object.entries(query)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')}`;

export const goService = (id: string) => Taro.navigateTo({ url: withQuery(PAGES.service, { id }) });
export const goLab = (id: string) => Taro.navigateTo({ url: withQuery(PAGES.lab, { id }) });
export const goUnit = (id: string) => Taro.navigateTo({ url: withQuery(PAGES.unit, { id }) });

export const goTab = (url: (typeof PAGES)['home' | 'labs' | 'desk' | 'mine']) => Taro.switchTab({ url });
/** A contract's detail (the same page the BFF's notices link to: @kcq/shared contractPage). */
export const goContract = (id: string) => Taro.navigateTo({ url: contractPage(id) });
/** The contract's detail in place of the current page (after confirming, rejecting, amending, applying). */
export const toContract = (id: string) => Taro.redirectTo({ url: contractPage(id) });
export const goLogin = () => Taro.navigateTo({ url: PAGES.login });
export const goApplicant = () => Taro.navigateTo({ url: PAGES.applicant });

export function toast(title: string, icon: 'none' | 'success' | 'error' = 'none') {
  void Taro.showToast({ title, icon, duration: 2500 });
}
