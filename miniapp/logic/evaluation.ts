/**
 * The yearly performance evaluation of open units (绩效考核, 第十一条; procedure 第十四条) on the phone, as
 * pure functions: the round form (yuan typed by people → yuan numbers of at most two decimals on the
 * wire), the declaration form, the pre-filled figures shaped into chart bars, an expert's score with its
 * weighted preview and the grade it would earn, the downward edit of a plan line, and the lines a public
 * notice item shows by its kind. The rules themselves are @kcq/shared's (policy/evaluation.ts).
 */
import {
  DEFAULT_CRITERION_WEIGHTS,
  DEFAULT_GRADE_THRESHOLDS,
  DEFAULT_SUBSIDY_CEILINGS_FEN,
  EVALUATION_CLASS_LABELS,
  EVALUATION_CRITERIA,
  EVALUATION_CRITERION_LABELS,
  EVALUATION_GRADE_LABELS,
  evaluationClass,
  formatFen,
  gradeFor,
  meanHundredths,
  parseYuanToFen,
  thresholdsProblem,
  weightedScoreHundredths,
  weightsProblem,
  type CriterionWeights,
  type DeclarationInput,
  type EvaluationClass,
  type EvaluationCriterion,
  type EvaluationGrade,
  type EvaluationRoundInput,
  type GradeThresholds,
  type PrefilledFigures,
  type ScoreInput,
} from '@kcq/shared';
import { barWidth } from './admin';

export type Problems<K extends string> = Partial<Record<K, string>>;

const fenToYuanNumber = (fen: number) => fen / 100;
/** Fen as the yuan text a person would type: 100000000 → "1000000", 12345 → "123.45". */
export const fenToYuanText = (fen: number): string => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

/** A whole number typed by a person (hours, a year, a score), or null. */
export function parseWhole(text: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
}

// ——— The round (administrators, 第十四条) ———

export interface RoundForm {
  year: string;
  title: string;
  /** IsoDay, Beijing. */
  deadline: string;
  classThresholdYuan: string;
  ceilings: Record<EvaluationClass, { excellent: string; good: string }>;
  weights: Record<EvaluationCriterion, string>;
  thresholds: Record<keyof GradeThresholds, string>;
  panelSize: string;
}

export type RoundField = 'year' | 'deadline' | 'classThreshold' | 'ceilings' | 'weights' | 'thresholds' | 'panelSize';

/** The form as an administrator first sees it: last year, POLICY.md's defaults. */
export function emptyRoundForm(today: string): RoundForm {
  const year = Number(today.slice(0, 4)) - 1;
  const c = DEFAULT_SUBSIDY_CEILINGS_FEN;
  return {
    year: String(year),
    title: '',
    deadline: '',
    classThresholdYuan: '5000000',
    ceilings: {
      I: { excellent: fenToYuanText(c.I.excellent), good: fenToYuanText(c.I.good) },
      II: { excellent: fenToYuanText(c.II.excellent), good: fenToYuanText(c.II.good) },
    },
    weights: Object.fromEntries(EVALUATION_CRITERIA.map((k) => [k, String(DEFAULT_CRITERION_WEIGHTS[k])])) as Record<EvaluationCriterion, string>,
    thresholds: {
      excellent: String(DEFAULT_GRADE_THRESHOLDS.excellent),
      good: String(DEFAULT_GRADE_THRESHOLDS.good),
      pass: String(DEFAULT_GRADE_THRESHOLDS.pass),
    },
    panelSize: '3',
  };
}

/** What is wrong with the round form, by field (empty when it can be sent), and the body when it can. */
export function roundInput(f: RoundForm, today: string): { problems: Problems<RoundField>; input: EvaluationRoundInput | null } {
  const problems: Problems<RoundField> = {};
  const year = parseWhole(f.year, 2000, 2100);
  if (year === null) problems.year = '请填写考核年度，如 2026';
  else if (year >= Number(today.slice(0, 4)) + 1) problems.year = '只能考核已经开始的年度';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.deadline)) problems.deadline = '请选择申报截止日期';
  else if (f.deadline < today) problems.deadline = '申报截止日期不能早于今天';
  const threshold = parseYuanToFen(f.classThresholdYuan);
  if (threshold === null || threshold <= 0) problems.classThreshold = '请填写分类标准（仪器原值，元），如 5000000';
  const ceilingFen = {
    I: { excellent: parseYuanToFen(f.ceilings.I.excellent), good: parseYuanToFen(f.ceilings.I.good) },
    II: { excellent: parseYuanToFen(f.ceilings.II.excellent), good: parseYuanToFen(f.ceilings.II.good) },
  };
  const allCeilings = [ceilingFen.I.excellent, ceilingFen.I.good, ceilingFen.II.excellent, ceilingFen.II.good];
  if (allCeilings.some((v) => v === null)) problems.ceilings = '补助上限请填写金额（元），最多两位小数';
  else if (ceilingFen.I.excellent! < ceilingFen.I.good! || ceilingFen.II.excellent! < ceilingFen.II.good!) problems.ceilings = '同一类别中“优秀”的补助上限不能低于“良好”';
  const weights = Object.fromEntries(EVALUATION_CRITERIA.map((k) => [k, parseWhole(f.weights[k], 0, 100) ?? NaN])) as CriterionWeights;
  const wp = weightsProblem(weights);
  if (wp) problems.weights = wp;
  const thresholds = {
    excellent: Number(f.thresholds.excellent.trim() || NaN),
    good: Number(f.thresholds.good.trim() || NaN),
    pass: Number(f.thresholds.pass.trim() || NaN),
  };
  const tp = thresholdsProblem(thresholds);
  if (tp) problems.thresholds = tp;
  const panel = parseWhole(f.panelSize, 1, 15);
  if (panel === null || panel % 2 === 0) problems.panelSize = '每份申报的评审专家人数应为单数，如 3 或 5';
  if (Object.keys(problems).length) return { problems, input: null };
  return {
    problems,
    input: {
      year: year!,
      ...(f.title.trim() ? { title: f.title.trim() } : {}),
      declarationDeadline: f.deadline,
      classThresholdYuan: fenToYuanNumber(threshold!),
      ceilingsYuan: {
        I: { excellent: fenToYuanNumber(ceilingFen.I.excellent!), good: fenToYuanNumber(ceilingFen.I.good!) },
        II: { excellent: fenToYuanNumber(ceilingFen.II.excellent!), good: fenToYuanNumber(ceilingFen.II.good!) },
      },
      weights,
      gradeThresholds: thresholds,
      panelSize: panel!,
    },
  };
}

/** The running sum of the weights as typed, for the line under them ("合计 100"). */
export function weightsSum(weights: Record<EvaluationCriterion, string>): number {
  return EVALUATION_CRITERIA.reduce((s, k) => s + (parseWhole(weights[k], 0, 100) ?? 0), 0);
}

// ——— The declaration (the unit's staff) ———

export interface DeclarationForm {
  openedInstrumentValueYuan: string;
  instrumentHours: string;
  sharedHours: string;
  opennessRules: string;
  serviceQuality: string;
  effect: string;
  thirdPartyAgency: boolean;
  fileIds: string[];
}

export type DeclarationField = 'openedInstrumentValue' | 'instrumentHours' | 'sharedHours' | 'opennessRules' | 'serviceQuality';

/** The form from an earlier declaration, else from what the platform knows (the instruments' value from the unit application). */
export function declarationForm(
  prefilled: PrefilledFigures,
  previous: { openedInstrumentValueFen: number; instrumentHours: number; sharedHours: number; opennessRules: string; serviceQuality: string; effect: string; thirdPartyAgency: boolean; files: { id: string }[] } | null,
): DeclarationForm {
  if (previous) {
    return {
      openedInstrumentValueYuan: fenToYuanText(previous.openedInstrumentValueFen),
      instrumentHours: String(previous.instrumentHours),
      sharedHours: String(previous.sharedHours),
      opennessRules: previous.opennessRules,
      serviceQuality: previous.serviceQuality,
      effect: previous.effect,
      thirdPartyAgency: previous.thirdPartyAgency,
      fileIds: previous.files.map((f) => f.id),
    };
  }
  return {
    openedInstrumentValueYuan: prefilled.knownInstrumentValueFen === null ? '' : fenToYuanText(prefilled.knownInstrumentValueFen),
    instrumentHours: '',
    sharedHours: '',
    opennessRules: '',
    serviceQuality: '',
    effect: '',
    thirdPartyAgency: false,
    fileIds: [],
  };
}

const HOURS_IN_YEAR = 366 * 24;

export function declarationInput(f: DeclarationForm): { problems: Problems<DeclarationField>; input: DeclarationInput | null } {
  const problems: Problems<DeclarationField> = {};
  const value = parseYuanToFen(f.openedInstrumentValueYuan);
  if (value === null || value <= 0) problems.openedInstrumentValue = '请填写对外开放仪器设备的原值（元），最多两位小数';
  const hours = parseWhole(f.instrumentHours, 0, HOURS_IN_YEAR);
  if (hours === null) problems.instrumentHours = `请填写全年运行机时（0 至 ${HOURS_IN_YEAR} 的整数）`;
  const shared = parseWhole(f.sharedHours, 0, HOURS_IN_YEAR);
  if (shared === null) problems.sharedHours = '请填写其中对外服务的机时（整数）';
  else if (hours !== null && shared > hours) problems.sharedHours = '对外服务机时不能多于全年运行机时';
  if (!f.opennessRules.trim()) problems.opennessRules = '请简述本单位的开放共享制度';
  if (!f.serviceQuality.trim()) problems.serviceQuality = '请简述服务质量情况，如用户评价、投诉处理';
  if (Object.keys(problems).length) return { problems, input: null };
  return {
    problems,
    input: {
      openedInstrumentValueYuan: value! / 100,
      instrumentHours: hours!,
      sharedHours: shared!,
      opennessRules: f.opennessRules.trim(),
      serviceQuality: f.serviceQuality.trim(),
      ...(f.effect.trim() ? { effect: f.effect.trim() } : {}),
      thirdPartyAgency: f.thirdPartyAgency,
      fileIds: f.fileIds,
    },
  };
}

/** The class the typed value would put the unit in (第十一条; at the threshold is class I), null when not a value yet. */
export function classPreview(valueYuan: string, classThresholdFen: number): { cls: EvaluationClass; label: string } | null {
  const fen = parseYuanToFen(valueYuan);
  if (fen === null || fen <= 0) return null;
  const cls = evaluationClass(fen, classThresholdFen);
  return { cls, label: EVALUATION_CLASS_LABELS[cls] };
}

// ——— The pre-filled figures as charts (plain Views, the dashboard's bars) ———

export interface FigureBar {
  key: string;
  label: string;
  value: number;
  /** "12 项", "3 份 · 40,000.00 元". */
  text: string;
  /** 0–100 relative to the largest bar of its chart (a non-zero bar is never thinner than 2). */
  widthPercent: number;
  /** The dashboard's colour for the bar (status-chart__bar--{tone}). */
  tone: 'claimed' | 'registered' | 'redemption_applied' | 'approved' | 'paid' | 'rejected' | 'void';
}

export interface FigureChart {
  id: string;
  title: string;
  note: string;
  bars: FigureBar[];
  empty: boolean;
}

function chart(id: string, title: string, note: string, bars: Omit<FigureBar, 'widthPercent'>[]): FigureChart {
  const max = Math.max(0, ...bars.map((b) => b.value));
  return { id, title, note, bars: bars.map((b) => ({ ...b, widthPercent: barWidth(b.value, max) })), empty: bars.every((b) => b.value === 0) };
}

/**
 * Three charts of what the platform knows of the unit's year: its services, the vouchers' path through it
 * (proposals → contracts → redemptions approved → paid, by count) and the amounts approved and paid.
 */
export function figureCharts(p: PrefilledFigures): FigureChart[] {
  return [
    chart('figures-services', '服务项目', `当前在架 ${p.servicesListed} 项`, [
      { key: 'listed', label: '在架服务', value: p.servicesListed, text: `${p.servicesListed} 项`, tone: 'registered' },
      { key: 'added', label: `${p.year}年新增`, value: p.servicesAdded, text: `${p.servicesAdded} 项`, tone: 'claimed' },
      { key: 'changed', label: `${p.year}年变更或下架`, value: p.servicesChanged, text: `${p.servicesChanged} 项`, tone: 'void' },
    ]),
    chart(
      'figures-vouchers',
      '创新券合作',
      p.averageConfirmationHours === null ? '当年没有确认的合作申请' : `从提出合作到本单位确认，平均 ${formatHours(p.averageConfirmationHours)}`,
      [
        { key: 'proposals', label: '收到合作申请', value: p.proposalsReceived, text: `${p.proposalsReceived} 份`, tone: 'claimed' },
        { key: 'contracts', label: '登记合同', value: p.contractsRegistered, text: `${p.contractsRegistered} 份`, tone: 'registered' },
        { key: 'approved', label: '兑现审核通过', value: p.redemptionsApproved.count, text: `${p.redemptionsApproved.count} 份`, tone: 'approved' },
        { key: 'paid', label: '已拨付', value: p.redemptionsPaid.count, text: `${p.redemptionsPaid.count} 份`, tone: 'paid' },
      ],
    ),
    chart('figures-amounts', '兑现金额', `${p.year}年度`, [
      { key: 'approvedFen', label: '审核通过', value: p.redemptionsApproved.amountFen, text: formatFen(p.redemptionsApproved.amountFen), tone: 'approved' },
      { key: 'paidFen', label: '已拨付', value: p.redemptionsPaid.amountFen, text: formatFen(p.redemptionsPaid.amountFen), tone: 'paid' },
    ]),
  ];
}

/** 30.5 → "30.5 小时", 0.25 → "15 分钟", 72 → "3 天". */
export function formatHours(h: number): string {
  if (h < 1) return `${Math.max(1, Math.round(h * 60))} 分钟`;
  if (h >= 48 && Number.isInteger(h / 24)) return `${h / 24} 天`;
  return `${Math.round(h * 10) / 10} 小时`;
}

// ——— An expert's score (第十一条's six criteria) ———

export type ScoreForm = Record<EvaluationCriterion, string>;

export const emptyScoreForm = (): ScoreForm => Object.fromEntries(EVALUATION_CRITERIA.map((k) => [k, ''])) as ScoreForm;

export function scoreForm(given: Record<EvaluationCriterion, number> | null): ScoreForm {
  return given ? (Object.fromEntries(EVALUATION_CRITERIA.map((k) => [k, String(given[k])])) as ScoreForm) : emptyScoreForm();
}

/** The criteria in order with their labels and weights ("仪器设备运行情况 · 权重 20%"). */
export function criteriaRows(weights: CriterionWeights): { key: EvaluationCriterion; label: string; weight: number }[] {
  return EVALUATION_CRITERIA.map((key) => ({ key, label: EVALUATION_CRITERION_LABELS[key], weight: weights[key] }));
}

export function scoreInput(f: ScoreForm, comment: string, doubtful: boolean): { problems: Partial<Record<EvaluationCriterion | 'comment', string>>; input: ScoreInput | null } {
  const problems: Partial<Record<EvaluationCriterion | 'comment', string>> = {};
  const scores = {} as Record<EvaluationCriterion, number>;
  for (const k of EVALUATION_CRITERIA) {
    const v = parseWhole(f[k], 0, 100);
    if (v === null) problems[k] = '请填写 0 至 100 的整数分';
    else scores[k] = v;
  }
  if (!comment.trim()) problems.comment = doubtful ? '请写明需要现场核实的内容' : '请填写评审意见';
  if (Object.keys(problems).length) return { problems, input: null };
  return { problems, input: { scores, comment: comment.trim(), ...(doubtful ? { doubtful: true } : {}) } };
}

/**
 * The weighted score the typed scores give (two decimals, as the BFF computes it), and the grade that
 * score alone would earn — a preview for the expert; the grade follows from the panel's mean.
 */
export function scorePreview(f: ScoreForm, weights: CriterionWeights, thresholds: GradeThresholds): { weighted: number; grade: EvaluationGrade; gradeLabel: string } | null {
  const scores = {} as Record<EvaluationCriterion, number>;
  for (const k of EVALUATION_CRITERIA) {
    const v = parseWhole(f[k], 0, 100);
    if (v === null) return null;
    scores[k] = v;
  }
  const weighted = weightedScoreHundredths(scores, weights) / 100;
  const grade = gradeFor(weighted, thresholds);
  return { weighted, grade, gradeLabel: EVALUATION_GRADE_LABELS[grade] };
}

/** The panel's mean from the weighted scores given so far, and its grade (null with none). */
export function panelPreview(weighted: readonly (number | null)[], thresholds: GradeThresholds): { mean: number; gradeLabel: string; complete: boolean } | null {
  const given = weighted.filter((w): w is number => w !== null);
  const m = meanHundredths(given.map((w) => Math.round(w * 100)));
  if (m === null) return null;
  return { mean: m / 100, gradeLabel: EVALUATION_GRADE_LABELS[gradeFor(m / 100, thresholds)], complete: given.length === weighted.length };
}

export const formatScore = (s: number) => s.toFixed(2);

// ——— The support plan: lower a line with a reason ———

export function planLineInput(
  yuanText: string,
  reason: string,
  ceilingFen: number,
  currentFen: number,
): { problems: Partial<Record<'amount' | 'reason', string>>; input: { subsidyYuan: number; reason: string } | null } {
  const problems: Partial<Record<'amount' | 'reason', string>> = {};
  const fen = parseYuanToFen(yuanText);
  if (fen === null) problems.amount = '请填写补助金额（元），最多两位小数';
  else if (fen > ceilingFen) problems.amount = `不能高于该单位的补助上限 ${formatFen(ceilingFen)}`;
  else if (fen >= currentFen) problems.amount = `只能调低：当前为 ${formatFen(currentFen)}`;
  if (!reason.trim()) problems.reason = '请写明调低补助的理由';
  if (Object.keys(problems).length) return { problems, input: null };
  return { problems, input: { subsidyYuan: fen! / 100, reason: reason.trim() } };
}

// ——— Site checks and grades ———

export const SITE_CHECK_REASON_LABELS = { doubtful: '专家存疑', random: '随机抽取' } as const;
export const SITE_CHECK_RESULT_LABELS = { confirmed: '核查属实', issues_found: '发现问题' } as const;
export const GRADE_OPTIONS = (['excellent', 'good', 'pass', 'fail'] as const).map((code) => ({ code, label: EVALUATION_GRADE_LABELS[code] }));

/** A percent of units to visit, 1 … 100. */
export function drawPercent(text: string): number | null {
  return parseWhole(text, 1, 100);
}

// ——— A public notice's items by kind ———

/** What one item of a public notice shows, by the notice's kind (the BFF's `display` fields, already masked). */
export interface NoticeLines {
  title: string;
  lines: string[];
  /** The amount to show large, when the kind has one. */
  amountFen: number | null;
  amountLabel: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function noticeLines(kind: string, item: Record<string, unknown>): NoticeLines {
  if (kind === 'evaluation_subsidy') {
    return {
      title: str(item.unitName),
      lines: [`${str(item.class)} · 考核等级 ${str(item.grade)}`],
      amountFen: num(item.subsidyFen),
      amountLabel: '拟补助',
    };
  }
  if (kind === 'unit_application') {
    const value = num(item.instrumentValueFen);
    return {
      title: str(item.unitName),
      lines: [
        `统一社会信用代码 ${str(item.creditCode)}`,
        `${str(item.kind)} · ${str(item.district)}`,
        `拟开放仪器设备 ${str(item.instruments)} 台（套）${value === null ? '' : `，原值合计 ${formatFen(value)}`}`,
      ],
      amountFen: null,
      amountLabel: '',
    };
  }
  return {
    title: str(item.applicantName),
    lines: [`开放单位：${str(item.unitName)} · ${str(item.serviceCategory)}`],
    amountFen: num(item.payableFen),
    amountLabel: '拟拨付',
  };
}

/** The note under a notice, by kind. */
export function noticeFootnote(kind: string): string {
  if (kind === 'evaluation_subsidy') return '对考核结果或补助金额有异议的，请在公示期内实名提出，管理部门核查后公开处理结果。';
  if (kind === 'unit_application') return '对申请单位的条件或材料有异议的，请在公示期内实名提出；公示期满无异议的，纳入开放单位名录。';
  return '申领单位名称按规定部分隐去。对公示内容有异议的，请在公示期内实名提出。';
}

/** What kind of notice it is, in the reader's words (the list shows it under the title). */
export function noticeKindLabel(kind: string): string {
  if (kind === 'evaluation_subsidy') return '绩效考核支持方案';
  if (kind === 'unit_application') return '开放单位入库';
  return '创新券兑现';
}
