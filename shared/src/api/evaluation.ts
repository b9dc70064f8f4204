/**
 * The wire shapes of the yearly performance evaluation of open units (绩效考核, 第十一条; procedure 第十四条;
 * POLICY.md "Open units: joining, leaving and the annual performance evaluation"), declared once for the
 * BFF and the mini-program. The rules themselves (class, grade, subsidy, weighted mean) are pure functions
 * in policy/evaluation.ts.
 *
 * Procedure (第十四条): an administrator opens the year's round → units declare online until the deadline
 * (the platform pre-fills what it knows) → experts score with recusal → grades follow → site checks of a
 * share of units, doubtful ones first → support plan → public notice of 5 working days (GET /api/notices/:id)
 * → paid. Dates are ISO strings (instants) or IsoDay; money is integer fen in answers, yuan in inputs.
 */
import type { EvaluationClass, EvaluationCriterion, EvaluationGrade, GradeThresholds, SubsidyCeilingsFen, CriterionWeights } from '../policy/evaluation';

export type { EvaluationClass, EvaluationCriterion, EvaluationGrade, GradeThresholds, SubsidyCeilingsFen, CriterionWeights } from '../policy/evaluation';

/**
 * declaring  until the declaration deadline (units declare; nothing else)
 * scoring    experts assigned (after the deadline), scores coming in
 * planned    the support plan is drawn (subsidies editable downwards)
 * in_notice  the plan is in public notice (5 working days)
 * paid       the cleared lines are marked paid
 */
export const EVALUATION_ROUND_PHASES = ['declaring', 'closed', 'scoring', 'planned', 'in_notice', 'paid'] as const;
export type EvaluationRoundPhase = (typeof EVALUATION_ROUND_PHASES)[number];

export const EVALUATION_ROUND_PHASE_LABELS: Readonly<Record<EvaluationRoundPhase, string>> = {
  declaring: '申报中',
  closed: '申报截止，待分配专家',
  scoring: '专家评审中',
  planned: '支持方案已拟定',
  in_notice: '支持方案公示中',
  paid: '已拨付',
};

/** Body of POST /api/admin/evaluation-rounds. Yuan in, fen out; the defaults are POLICY.md's. */
export interface EvaluationRoundInput {
  /** The year evaluated (services, contracts, redemptions of that Beijing calendar year). */
  year: number;
  title?: string;
  /** The last day to declare, an IsoDay (Beijing): declarations are taken until 23:59:59.999 Beijing time. */
  declarationDeadline: string;
  /** Class I at or above this value of opened instruments (yuan), class II below. */
  classThresholdYuan: number;
  /** Defaults: I 优秀 1,000,000 / 良好 600,000; II 优秀 800,000 / 良好 400,000 yuan. */
  ceilingsYuan?: { I: { excellent: number; good: number }; II: { excellent: number; good: number } };
  /** Percent per criterion, summing to 100; default 20/15/15/20/15/15. */
  weights?: CriterionWeights;
  /** Minimum mean score per grade, default 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, below 不合格. */
  gradeThresholds?: GradeThresholds;
  /** Experts per declaration, odd, default 3. */
  panelSize?: number;
}

export interface EvaluationRoundView {
  id: string;
  year: number;
  title: string;
  /** IsoDay, Beijing: the last day to declare. */
  declarationDeadline: string;
  classThresholdFen: number;
  ceilingsFen: SubsidyCeilingsFen;
  weights: CriterionWeights;
  gradeThresholds: GradeThresholds;
  panelSize: number;
  phase: EvaluationRoundPhase;
  phaseLabel: string;
  declarations: number;
  /** Once the plan is in notice. */
  notice: { noticeId: string; startDay: string; endDay: string } | null;
  /** The last site-check draw: its seed replays it. */
  siteCheckDraw: { seed: number; percent: number; doubtful: string[]; random: string[]; at: string } | null;
  createdAt: string;
}

export interface EvaluationRoundsAnswer {
  rounds: EvaluationRoundView[];
}

/** What the platform knows of the unit for the round's year (第十四条 Decision: pre-filled, read-only). */
export interface PrefilledFigures {
  year: number;
  /** Services listed at the time of reading. */
  servicesListed: number;
  /** Services added in the year. */
  servicesAdded: number;
  /** Services changed in the year (updated or withdrawn, not added). */
  servicesChanged: number;
  /** Voucher proposals received in the year (第十五条2). */
  proposalsReceived: number;
  /** Contracts registered in the year (第十五条2). */
  contractsRegistered: number;
  /** Redemptions approved in the year, with the payable amounts. */
  redemptionsApproved: { count: number; amountFen: number };
  /** Redemptions paid in the year, with the amounts. */
  redemptionsPaid: { count: number; amountFen: number };
  /** Mean time from proposal to the unit's confirmation, hours, over the year's confirmations; null with none. */
  averageConfirmationHours: number | null;
  /** Original value of the instruments the unit opened, from its unit application (null when it joined directly). */
  knownInstrumentValueFen: number | null;
}

/** Body of PUT /api/open-units/:id/evaluations/:roundId/declaration — submits (again, until the deadline). */
export interface DeclarationInput {
  /** Value of opened instruments, yuan: decides the class (pre-filled from the application when known). */
  openedInstrumentValueYuan: number;
  /** Instrument operation (第十一条): hours in use in the year and of those, hours shared with outside users. */
  instrumentHours: number;
  sharedHours: number;
  /** 开放制度: the unit's openness rules. */
  opennessRules: string;
  /** 服务质量: statements on service quality. */
  serviceQuality: string;
  /** 成效: what the opening achieved (optional). */
  effect?: string;
  /** 第三方检测检验服务机构: in principle not subsidised (第十一条). */
  thirdPartyAgency: boolean;
  /** Ids from POST /api/open-units/:id/evaluations/:roundId/files. */
  fileIds?: string[];
}

export interface DeclarationFileView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

export interface ExpertScoreView {
  expertId: string;
  name: string;
  /** 0 … 100 per criterion; null until the expert scored. */
  scores: Record<EvaluationCriterion, number> | null;
  /** The expert's weighted mean. */
  weighted: number | null;
  doubtful: boolean;
  comment: string | null;
  at: string | null;
}

export interface SiteCheckView {
  /** Why drawn: doubtful first, then the random share. */
  reason: 'doubtful' | 'random';
  outcome: { result: 'confirmed' | 'issues_found'; summary: string; at: string } | null;
}

export interface GradeAdjustmentView {
  from: EvaluationGrade | null;
  to: EvaluationGrade;
  reason: string;
  at: string;
}

export interface DeclarationView {
  id: string;
  roundId: string;
  year: number;
  unitId: string;
  unitName: string;
  prefilled: PrefilledFigures;
  openedInstrumentValueFen: number;
  instrumentHours: number;
  sharedHours: number;
  opennessRules: string;
  serviceQuality: string;
  effect: string;
  thirdPartyAgency: boolean;
  files: DeclarationFileView[];
  submittedAt: string;
  /** From the round's threshold. */
  class: EvaluationClass;
  /** Administrators only (null for the unit until the plan is drawn). */
  panel: ExpertScoreView[] | null;
  /** Recusal: who was excluded and why (administrators only). */
  excluded: { expertId: string; name: string; reasons: string[] }[] | null;
  /** Mean of the experts' weighted means, once all scored. */
  meanScore: number | null;
  /** From the mean and the round's thresholds. */
  scoredGrade: EvaluationGrade | null;
  /** After a site check, with its reason. */
  adjustment: GradeAdjustmentView | null;
  /** The grade that counts: the adjustment, else the scored grade. */
  grade: EvaluationGrade | null;
  gradeLabel: string | null;
  doubtful: boolean;
  siteCheck: SiteCheckView | null;
}

/** GET /api/open-units/:id/evaluations: the rounds with the unit's declaration in each (null before declaring). */
export interface UnitEvaluationsAnswer {
  rounds: { round: EvaluationRoundView; declaration: DeclarationView | null }[];
}

/** GET /api/open-units/:id/evaluations/:roundId/declaration: the pre-filled figures and the declaration so far. */
export interface DeclarationAnswer {
  round: EvaluationRoundView;
  prefilled: PrefilledFigures;
  declaration: DeclarationView | null;
  /** False after the deadline, or when a measure bars the unit (第十七条). */
  canDeclare: boolean;
}

/** GET /api/admin/evaluation-rounds/:id. */
export interface EvaluationRoundAnswer {
  round: EvaluationRoundView;
  declarations: DeclarationView[];
}

/** POST /api/admin/evaluation-rounds/:id/assign: panels after the deadline, recusal as for redemptions. */
export interface AssignPanelsInput {
  panelSize?: number;
}

/** An expert's evaluation assignment (GET /api/expert/evaluation-assignments[/:id]). */
export interface EvaluationAssignmentView {
  id: string;
  roundId: string;
  year: number;
  weights: CriterionWeights;
  /** The round's grade thresholds, so the expert's preview uses the same lines as the grade (第十一条). */
  gradeThresholds: GradeThresholds;
  declaration: Omit<DeclarationView, 'panel' | 'excluded' | 'meanScore' | 'scoredGrade' | 'adjustment' | 'grade' | 'gradeLabel' | 'siteCheck'>;
  /** The expert's own score, when given. */
  myScore: { scores: Record<EvaluationCriterion, number>; weighted: number; doubtful: boolean; comment: string; at: string } | null;
}

export interface EvaluationAssignmentsAnswer {
  assignments: EvaluationAssignmentView[];
}

/** POST /api/expert/evaluation-assignments/:id/score: 0 … 100 per criterion (integers); may be revised until the plan. */
export interface ScoreInput {
  scores: Record<EvaluationCriterion, number>;
  /** 存疑: asks for a site check. */
  doubtful?: boolean;
  comment: string;
}

/** POST /api/admin/evaluation-rounds/:id/site-checks: doubtful declarations all, then `percent` of the rest at random. */
export interface SiteCheckDrawInput {
  percent: number;
  /** Replays an earlier draw; a fresh one is recorded otherwise. */
  seed?: number;
}

/** POST /api/admin/evaluation-declarations/:id/site-check. */
export interface SiteCheckOutcomeInput {
  result: 'confirmed' | 'issues_found';
  summary: string;
}

/** POST /api/admin/evaluation-declarations/:id/grade: adjust the grade, with a reason. */
export interface GradeAdjustmentInput {
  grade: EvaluationGrade;
  reason: string;
}

/** POST /api/admin/evaluation-declarations/:id/agency: correct the third-party agency mark (第十一条), with a reason. */
export interface AgencyMarkInput {
  thirdPartyAgency: boolean;
  reason: string;
}

export const PLAN_LINE_STATUSES = ['planned', 'listed', 'held', 'cleared', 'withdrawn', 'paid'] as const;
export type PlanLineStatus = (typeof PLAN_LINE_STATUSES)[number];

export interface PlanLineView {
  declarationId: string;
  unitId: string;
  unitName: string;
  class: EvaluationClass;
  grade: EvaluationGrade;
  gradeLabel: string;
  thirdPartyAgency: boolean;
  meanScore: number | null;
  /** The ceiling for its class and grade (0 for 合格/不合格 and agencies). */
  ceilingFen: number;
  subsidyFen: number;
  /** Why the subsidy is below the ceiling, when lowered. */
  reductionReason: string | null;
  status: PlanLineStatus;
  paidAt: string | null;
}

/** GET/POST /api/admin/evaluation-rounds/:id/plan. */
export interface SupportPlanView {
  roundId: string;
  year: number;
  lines: PlanLineView[];
  totalFen: number;
  notice: { noticeId: string; startDay: string; endDay: string } | null;
}

/** PUT /api/admin/evaluation-rounds/:id/plan/lines/:declarationId: downwards only, with a reason. */
export interface PlanLineInput {
  subsidyYuan: number;
  reason: string;
}

/** POST /api/admin/evaluation-rounds/:id/plan/paid: every cleared line with a subsidy is paid (held lines wait). */
export interface PlanPaidInput {
  /** 拨付凭证号. */
  reference: string;
}

/**
 * Files of a declaration: POST /api/open-units/:id/evaluations/:roundId/files (multipart/form-data, field
 * "files", PDF/JPEG/PNG) answers `{ files: DeclarationFileView[] }`; the declaration cites them by id.
 */
export interface DeclarationFilesAnswer {
  files: DeclarationFileView[];
}

/** POST /api/admin/evaluation-rounds/:id/plan/notice. */
export interface PlanNoticeInput {
  startDay: string;
  title?: string;
}
