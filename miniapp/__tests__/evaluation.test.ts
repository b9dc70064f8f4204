/**
 * logic/evaluation.ts: the rules behind the performance-evaluation screens (第十一、十四条) — the round form
 * (yuan typed, yuan of at most two decimals sent; weights summing to 100; thresholds descending), the
 * declaration form (hours, shared ≤ total, the class the typed value gives), the pre-filled figures as
 * chart bars, an expert's weighted score and the grade it would earn, the downward-only plan edit, and what
 * a public notice item shows by its kind.
 */
import { DEFAULT_GRADE_THRESHOLDS, type CriterionWeights, type PrefilledFigures } from '@kcq/shared';
import {
  classPreview,
  declarationForm,
  declarationInput,
  emptyRoundForm,
  figureCharts,
  formatHours,
  noticeKindLabel,
  noticeLines,
  panelPreview,
  planLineInput,
  roundInput,
  scoreInput,
  scorePreview,
  weightsSum,
  type ScoreForm,
} from '../logic/evaluation';

const TODAY = '2027-01-10';

describe('开启年度考核 (第十四条): the round form', () => {
  test('the defaults of POLICY.md go out as yuan numbers, with last year and the chosen deadline', () => {
    const f = { ...emptyRoundForm(TODAY), deadline: '2027-02-28' };
    const { problems, input } = roundInput(f, TODAY);
    expect(problems).toEqual({});
    expect(input).toMatchObject({
      year: 2026,
      declarationDeadline: '2027-02-28',
      classThresholdYuan: 5_000_000,
      ceilingsYuan: { I: { excellent: 1_000_000, good: 600_000 }, II: { excellent: 800_000, good: 400_000 } },
      weights: { instrument_operation: 20, openness_rules: 15, degree_of_openness: 15, service_quality: 20, voucher_implementation: 15, effect: 15 },
      gradeThresholds: { excellent: 90, good: 80, pass: 60 },
      panelSize: 3,
    });
  });

  test('yuan with cents stays exact (no float drift): 1,234,567.89 → 1234567.89', () => {
    const f = { ...emptyRoundForm(TODAY), deadline: '2027-02-28', classThresholdYuan: '1,234,567.89' };
    expect(roundInput(f, TODAY).input?.classThresholdYuan).toBe(1234567.89);
  });

  test('weights not summing to 100 say the sum; the running sum is shown as typed', () => {
    const f = emptyRoundForm(TODAY);
    f.deadline = '2027-02-28';
    f.weights.effect = '25';
    expect(weightsSum(f.weights)).toBe(110);
    const { problems, input } = roundInput(f, TODAY);
    expect(input).toBeNull();
    expect(problems.weights).toContain('110');
  });

  test('a past deadline, a future year, an even panel, 优秀 below 良好 and thresholds out of order are refused', () => {
    const f = emptyRoundForm(TODAY);
    f.deadline = '2027-01-09';
    f.year = '2028';
    f.panelSize = '4';
    f.ceilings.II = { excellent: '300000', good: '400000' };
    f.thresholds = { excellent: '80', good: '85', pass: '60' };
    const { problems } = roundInput(f, TODAY);
    expect(Object.keys(problems).sort()).toEqual(['ceilings', 'deadline', 'panelSize', 'thresholds', 'year']);
  });
});

const FIGURES: PrefilledFigures = {
  year: 2026,
  servicesListed: 8,
  servicesAdded: 2,
  servicesChanged: 0,
  proposalsReceived: 10,
  contractsRegistered: 6,
  redemptionsApproved: { count: 4, amountFen: 12_000_000 },
  redemptionsPaid: { count: 3, amountFen: 9_000_000 },
  averageConfirmationHours: 30.25,
  knownInstrumentValueFen: 650_000_000,
};

describe('绩效考核申报: the declaration form', () => {
  test('a first declaration is pre-filled with the instruments’ value from the unit application', () => {
    expect(declarationForm(FIGURES, null).openedInstrumentValueYuan).toBe('6500000');
    expect(declarationForm({ ...FIGURES, knownInstrumentValueFen: null }, null).openedInstrumentValueYuan).toBe('');
  });

  test('a complete form goes out with yuan, whole hours and trimmed statements; the optional effect only when given', () => {
    const f = { ...declarationForm(FIGURES, null), instrumentHours: '1800', sharedHours: '1200', opennessRules: ' 预约制 ', serviceQuality: '满意度 98%', fileIds: ['f1'] };
    const { problems, input } = declarationInput(f);
    expect(problems).toEqual({});
    expect(input).toEqual({
      openedInstrumentValueYuan: 6_500_000,
      instrumentHours: 1800,
      sharedHours: 1200,
      opennessRules: '预约制',
      serviceQuality: '满意度 98%',
      thirdPartyAgency: false,
      fileIds: ['f1'],
    });
  });

  test('shared hours above the total, hours that are not whole and missing statements are refused on their fields', () => {
    const f = { ...declarationForm(FIGURES, null), instrumentHours: '100.5', sharedHours: '50', opennessRules: '', serviceQuality: '' };
    expect(Object.keys(declarationInput(f).problems).sort()).toEqual(['instrumentHours', 'opennessRules', 'serviceQuality']);
    const g = { ...f, instrumentHours: '100', opennessRules: 'x', serviceQuality: 'y', sharedHours: '101' };
    expect(declarationInput(g).problems).toEqual({ sharedHours: '对外服务机时不能多于全年运行机时' });
  });

  test('the class preview: at the threshold is class I, a fen below is class II (第十一条)', () => {
    expect(classPreview('5000000', 500_000_000)?.label).toBe('I类');
    expect(classPreview('4999999.99', 500_000_000)?.label).toBe('II类');
    expect(classPreview('', 500_000_000)).toBeNull();
  });
});

describe('the pre-filled figures as the dashboard’s bars', () => {
  test('three charts; each bar scaled to its chart’s largest, zero bars empty, amounts in yuan', () => {
    const [services, vouchers, amounts] = figureCharts(FIGURES);
    expect(services.bars.map((b) => [b.key, b.widthPercent])).toEqual([
      ['listed', 100],
      ['added', 25],
      ['changed', 0],
    ]);
    expect(vouchers.bars.map((b) => b.value)).toEqual([10, 6, 4, 3]);
    expect(vouchers.bars[0].widthPercent).toBe(100);
    expect(vouchers.note).toBe('从提出合作到本单位确认，平均 30.3 小时');
    expect(amounts.bars.map((b) => b.text)).toEqual(['120,000.00 元', '90,000.00 元']);
    expect(amounts.bars[1].widthPercent).toBe(75);
  });

  test('a year with nothing is an empty chart, and no confirmation time is said in words', () => {
    const none = figureCharts({ ...FIGURES, servicesListed: 0, servicesAdded: 0, proposalsReceived: 0, contractsRegistered: 0, redemptionsApproved: { count: 0, amountFen: 0 }, redemptionsPaid: { count: 0, amountFen: 0 }, averageConfirmationHours: null });
    expect(none.every((c) => c.empty)).toBe(true);
    expect(none[1].note).toBe('当年没有确认的合作申请');
    expect(none.flatMap((c) => c.bars).every((b) => b.widthPercent === 0)).toBe(true);
  });

  test('hours read as people say them', () => {
    expect(formatHours(0.25)).toBe('15 分钟');
    expect(formatHours(72)).toBe('3 天');
    expect(formatHours(5)).toBe('5 小时');
  });
});

const WEIGHTS: CriterionWeights = { instrument_operation: 20, openness_rules: 15, degree_of_openness: 15, service_quality: 20, voucher_implementation: 15, effect: 15 };
const scores = (v: number[]): ScoreForm => ({
  instrument_operation: String(v[0]),
  openness_rules: String(v[1]),
  degree_of_openness: String(v[2]),
  service_quality: String(v[3]),
  voucher_implementation: String(v[4]),
  effect: String(v[5]),
});

describe('专家评分: six criteria, weights, the grade', () => {
  test('the weighted preview: Σ score × weight, two decimals, and its grade at the threshold', () => {
    expect(scorePreview(scores([90, 90, 90, 90, 90, 90]), WEIGHTS, DEFAULT_GRADE_THRESHOLDS)).toEqual({ weighted: 90, grade: 'excellent', gradeLabel: '优秀' });
    // 100×20 + 80×15 + 80×15 + 90×20 + 70×15 + 60×15 = 8150 → 81.50 良好
    expect(scorePreview(scores([100, 80, 80, 90, 70, 60]), WEIGHTS, DEFAULT_GRADE_THRESHOLDS)).toMatchObject({ weighted: 81.5, gradeLabel: '良好' });
    expect(scorePreview(scores([59, 59, 59, 59, 59, 59]), WEIGHTS, DEFAULT_GRADE_THRESHOLDS)?.gradeLabel).toBe('不合格');
  });

  test('a score missing, above 100 or with decimals is refused on its row; a comment is needed, and says 存疑 when doubtful', () => {
    const f = { ...scores([90, 90, 90, 90, 90, 90]), effect: '101', openness_rules: '8.5', service_quality: '' };
    const { problems, input } = scoreInput(f, '', true);
    expect(input).toBeNull();
    expect(Object.keys(problems).sort()).toEqual(['comment', 'effect', 'openness_rules', 'service_quality']);
    expect(problems.comment).toBe('请写明需要现场核实的内容');
    expect(scorePreview(f, WEIGHTS, DEFAULT_GRADE_THRESHOLDS)).toBeNull();
  });

  test('a complete score goes out as integers, with 存疑 only when set', () => {
    expect(scoreInput(scores([80, 80, 80, 80, 80, 80]), ' 良好 ', false).input).toEqual({
      scores: { instrument_operation: 80, openness_rules: 80, degree_of_openness: 80, service_quality: 80, voucher_implementation: 80, effect: 80 },
      comment: '良好',
    });
    expect(scoreInput(scores([80, 80, 80, 80, 80, 80]), '核实机时', true).input?.doubtful).toBe(true);
  });

  test('the panel’s mean rounds half up to the hundredth and earns the grade at its threshold (89.995 → 90.00 优秀)', () => {
    expect(panelPreview([89.99, 90, 90], DEFAULT_GRADE_THRESHOLDS)).toEqual({ mean: 90, gradeLabel: '优秀', complete: true });
    expect(panelPreview([85, null, null], DEFAULT_GRADE_THRESHOLDS)).toEqual({ mean: 85, gradeLabel: '良好', complete: false });
    expect(panelPreview([null], DEFAULT_GRADE_THRESHOLDS)).toBeNull();
  });
});

describe('支持方案: a line only goes down, with a reason', () => {
  const ceiling = 60_000_000;
  test('lower within the ceiling, with a reason: yuan out', () => {
    expect(planLineInput('450000.50', ' 核查发现机时偏低 ', ceiling, ceiling)).toEqual({ problems: {}, input: { subsidyYuan: 450000.5, reason: '核查发现机时偏低' } });
  });
  test('above the ceiling, not lower than now, or without a reason is refused', () => {
    expect(planLineInput('700000', 'x', ceiling, ceiling).problems.amount).toContain('600,000.00 元');
    expect(planLineInput('600000', 'x', ceiling, ceiling).problems.amount).toBe('只能调低：当前为 600,000.00 元');
    expect(planLineInput('500000', '', ceiling, ceiling).problems).toEqual({ reason: '请写明调低补助的理由' });
    expect(planLineInput('五十万', 'x', ceiling, ceiling).input).toBeNull();
  });
});

describe('公示: each kind of notice item in its own words', () => {
  test('the evaluation plan shows unit, class, grade and the subsidy', () => {
    const l = noticeLines('evaluation_subsidy', { unitName: '北京某研究院', class: 'I类', grade: '优秀', subsidyFen: 100_000_000 });
    expect(l).toEqual({ title: '北京某研究院', lines: ['I类 · 考核等级 优秀'], amountFen: 100_000_000, amountLabel: '拟补助' });
    expect(noticeKindLabel('evaluation_subsidy')).toBe('绩效考核支持方案');
  });
  test('a unit application shows the organisation’s public facts, no amount', () => {
    const l = noticeLines('unit_application', { unitName: '北京某大学', creditCode: '12110000X', kind: '高等院校', district: '海淀区', instruments: 2, instrumentValueFen: 120_000_000 });
    expect(l.amountFen).toBeNull();
    expect(l.lines).toEqual(['统一社会信用代码 12110000X', '高等院校 · 海淀区', '拟开放仪器设备 2 台（套），原值合计 1,200,000.00 元']);
  });
  test('a redemption keeps what it showed before', () => {
    const l = noticeLines('redemption', { applicantName: '北京**科技有限公司', unitName: '某大学', serviceCategory: '检测', payableFen: 4_000_000 });
    expect(l).toEqual({ title: '北京**科技有限公司', lines: ['开放单位：某大学 · 检测'], amountFen: 4_000_000, amountLabel: '拟拨付' });
  });
});
