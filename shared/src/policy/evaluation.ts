/**
 * The yearly performance evaluation of open units (绩效考核, 第十一条; procedure 第十四条) as pure rules.
 *
 * 第十一条: units are evaluated on instrument operation, openness rules, degree of openness, service
 * quality, voucher implementation and effect; they are in class I or II by the value of the instruments they
 * open (POLICY.md **Decision**: the threshold is set for each round); grades 优秀/良好/合格/不合格; subsidy
 * ceilings class I 优秀 ≤ 1,000,000 / 良好 ≤ 600,000 yuan, class II 优秀 ≤ 800,000 / 良好 ≤ 400,000; 合格 and
 * 不合格 get none; third-party testing/inspection agencies are in principle not subsidised.
 *
 * **Decisions** (docs/evaluation.md):
 * - A value exactly at the class threshold is class I ("达到" the threshold).
 * - Scores are integers 0 … 100 per criterion; weights are integer percents summing to 100. An expert's
 *   weighted score and the panel's mean are computed in hundredths of a point (integers), the mean rounded
 *   half up to the hundredth, so 89.995 reads and counts as 90.00. A mean exactly at a grade's threshold
 *   earns that grade.
 * - The declaration deadline is a Beijing day: declarations are taken until 23:59:59.999 Beijing time.
 */
import { endOfShanghaiDay, type IsoDay } from './calendar';

export const EVALUATION_CLASSES = ['I', 'II'] as const;
export type EvaluationClass = (typeof EVALUATION_CLASSES)[number];

export const EVALUATION_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type EvaluationGrade = (typeof EVALUATION_GRADES)[number];

export const EVALUATION_GRADE_LABELS: Readonly<Record<EvaluationGrade, string>> = {
  excellent: '优秀',
  good: '良好',
  pass: '合格',
  fail: '不合格',
};

export const EVALUATION_CLASS_LABELS: Readonly<Record<EvaluationClass, string>> = { I: 'I类', II: 'II类' };

/** The six criteria of 第十一条, in its order. */
export const EVALUATION_CRITERIA = [
  'instrument_operation',
  'openness_rules',
  'degree_of_openness',
  'service_quality',
  'voucher_implementation',
  'effect',
] as const;
export type EvaluationCriterion = (typeof EVALUATION_CRITERIA)[number];

export const EVALUATION_CRITERION_LABELS: Readonly<Record<EvaluationCriterion, string>> = {
  instrument_operation: '仪器设备运行情况',
  openness_rules: '开放制度建设',
  degree_of_openness: '开放程度',
  service_quality: '服务质量',
  voucher_implementation: '创新券执行情况',
  effect: '开放成效',
};

/** Integer percent per criterion, summing to 100. */
export type CriterionWeights = Record<EvaluationCriterion, number>;
/** Minimum mean score (0 … 100) for each passing grade; below `pass` is 不合格. */
export interface GradeThresholds {
  excellent: number;
  good: number;
  pass: number;
}
/** Ceilings in fen per class for the two subsidised grades. */
export type SubsidyCeilingsFen = Record<EvaluationClass, { excellent: number; good: number }>;

/** **Decision**: the default weights (the administrator sets them per round). */
export const DEFAULT_CRITERION_WEIGHTS: Readonly<CriterionWeights> = {
  instrument_operation: 20,
  openness_rules: 15,
  degree_of_openness: 15,
  service_quality: 20,
  voucher_implementation: 15,
  effect: 15,
};

/** **Decision**: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60 by default. */
export const DEFAULT_GRADE_THRESHOLDS: Readonly<GradeThresholds> = { excellent: 90, good: 80, pass: 60 };

/** 第十一条: the ceilings of POLICY.md, in fen. */
export const DEFAULT_SUBSIDY_CEILINGS_FEN: Readonly<SubsidyCeilingsFen> = {
  I: { excellent: 100_000_000, good: 60_000_000 },
  II: { excellent: 80_000_000, good: 40_000_000 },
};

/** 第十一条 (Decision: at the threshold is class I). Both in fen. */
export function evaluationClass(openedInstrumentValueFen: number, classThresholdFen: number): EvaluationClass {
  return openedInstrumentValueFen >= classThresholdFen ? 'I' : 'II';
}

/** Why weights are unusable (null when fine): integers ≥ 0 for every criterion, summing to 100. */
export function weightsProblem(w: Partial<Record<string, unknown>>): string | null {
  let sum = 0;
  for (const c of EVALUATION_CRITERIA) {
    const v = w[c];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100) return `「${EVALUATION_CRITERION_LABELS[c]}」的权重应为 0 至 100 的整数`;
    sum += v;
  }
  return sum === 100 ? null : `各项权重之和应为 100，当前为 ${sum}`;
}

/** Why thresholds are unusable (null when fine): 100 ≥ 优秀 > 良好 > 合格 ≥ 0. */
export function thresholdsProblem(t: GradeThresholds): string | null {
  const ok = [t.excellent, t.good, t.pass].every((v) => Number.isFinite(v) && v >= 0 && v <= 100);
  if (!ok) return '等级分数线应在 0 至 100 之间';
  return t.excellent > t.good && t.good > t.pass ? null : '等级分数线应满足 优秀 > 良好 > 合格';
}

/**
 * An expert's weighted score in hundredths of a point: Σ score × weight (weights in percent), an integer
 * for integer scores. 100 on every criterion → 10000.
 */
export function weightedScoreHundredths(scores: Record<EvaluationCriterion, number>, weights: CriterionWeights): number {
  let total = 0;
  for (const c of EVALUATION_CRITERIA) total += scores[c] * weights[c];
  return Math.round(total);
}

/** The panel's mean of weighted scores, hundredths, rounded half up; null without scores. */
export function meanHundredths(weighted: readonly number[]): number | null {
  if (!weighted.length) return null;
  const sum = weighted.reduce((a, b) => a + b, 0);
  return Math.floor((2 * sum + weighted.length) / (2 * weighted.length));
}

/** The weighted mean of the panel as a score 0 … 100 with two decimals (null without scores). */
export function weightedMean(panel: readonly Record<EvaluationCriterion, number>[], weights: CriterionWeights): number | null {
  const m = meanHundredths(panel.map((s) => weightedScoreHundredths(s, weights)));
  return m === null ? null : m / 100;
}

/** 第十一条: the grade from the mean score (0 … 100) and the round's thresholds; at a threshold earns it. */
export function gradeFor(meanScore: number, t: GradeThresholds): EvaluationGrade {
  // Compared in hundredths so 89.99999 from float noise cannot miss a threshold of 90.
  const m = Math.round(meanScore * 100);
  if (m >= Math.round(t.excellent * 100)) return 'excellent';
  if (m >= Math.round(t.good * 100)) return 'good';
  if (m >= Math.round(t.pass * 100)) return 'pass';
  return 'fail';
}

/**
 * 第十一条: the subsidy ceiling for a unit — its class's ceiling for 优秀 or 良好; none for 合格 and 不合格,
 * and none for third-party testing/inspection agencies ("原则上不予支持").
 */
export function subsidyCeilingFen(cls: EvaluationClass, grade: EvaluationGrade, thirdPartyAgency: boolean, ceilings: SubsidyCeilingsFen): number {
  if (thirdPartyAgency) return 0;
  if (grade === 'excellent') return ceilings[cls].excellent;
  if (grade === 'good') return ceilings[cls].good;
  return 0;
}

/** Why ceilings are unusable (null when fine): non-negative integers of fen, 优秀 ≥ 良好 within each class. */
export function ceilingsProblem(c: SubsidyCeilingsFen): string | null {
  for (const cls of EVALUATION_CLASSES) {
    const { excellent, good } = c[cls];
    if (![excellent, good].every((v) => Number.isSafeInteger(v) && v >= 0)) return '补助上限应为非负金额';
    if (excellent < good) return `${EVALUATION_CLASS_LABELS[cls]}「优秀」的补助上限不能低于「良好」`;
  }
  return null;
}

/** Declarations are taken until the end of the deadline's Beijing day (Decision). */
export function mayDeclare(now: Date, deadline: IsoDay): boolean {
  return now.getTime() <= endOfShanghaiDay(deadline).getTime();
}
