/**
 * 第十一条 (class, grade, subsidy ceilings, agencies) and 第十四条 (the declaration deadline) as pure rules:
 * the boundaries a unit's subsidy turns on.
 */
import {
  ceilingsProblem,
  DEFAULT_CRITERION_WEIGHTS,
  DEFAULT_GRADE_THRESHOLDS,
  DEFAULT_SUBSIDY_CEILINGS_FEN,
  EVALUATION_CRITERIA,
  evaluationClass,
  gradeFor,
  mayDeclare,
  meanHundredths,
  subsidyCeilingFen,
  thresholdsProblem,
  weightedMean,
  weightedScoreHundredths,
  weightsProblem,
  type EvaluationCriterion,
} from '../src/policy/evaluation';

const all = (n: number) => Object.fromEntries(EVALUATION_CRITERIA.map((c) => [c, n])) as Record<EvaluationCriterion, number>;

describe('第十一条 class by opened instrument value (threshold set per round)', () => {
  const threshold = 50_000_000_00; // 5,000万元 in fen
  test('at the threshold is class I; one fen below is class II', () => {
    expect(evaluationClass(threshold, threshold)).toBe('I');
    expect(evaluationClass(threshold - 1, threshold)).toBe('II');
    expect(evaluationClass(threshold + 1, threshold)).toBe('I');
  });
});

describe('第十一条 grade from the mean score and the round thresholds', () => {
  const t = DEFAULT_GRADE_THRESHOLDS;
  test.each([
    [100, 'excellent'],
    [90, 'excellent'],
    [89.99, 'good'],
    [80, 'good'],
    [79.99, 'pass'],
    [60, 'pass'],
    [59.99, 'fail'],
    [0, 'fail'],
  ])('mean %p → %s', (mean, grade) => {
    expect(gradeFor(mean, t)).toBe(grade);
  });
  test('thresholds set in the round move the grades', () => {
    expect(gradeFor(85, { excellent: 85, good: 75, pass: 65 })).toBe('excellent');
    expect(gradeFor(64.99, { excellent: 85, good: 75, pass: 65 })).toBe('fail');
  });
  test('thresholds must descend', () => {
    expect(thresholdsProblem({ excellent: 80, good: 80, pass: 60 })).toMatch('优秀 > 良好 > 合格');
    expect(thresholdsProblem({ excellent: 101, good: 80, pass: 60 })).not.toBeNull();
    expect(thresholdsProblem(DEFAULT_GRADE_THRESHOLDS)).toBeNull();
  });
});

describe('weighted mean of the panel', () => {
  test('weights in percent: an expert who gives 100 on one 20% criterion and 0 elsewhere scores 20', () => {
    const s = { ...all(0), instrument_operation: 100 };
    expect(weightedScoreHundredths(s, DEFAULT_CRITERION_WEIGHTS)).toBe(2000);
  });
  test('the mean of the experts’ weighted scores, rounded half up to the hundredth', () => {
    expect(meanHundredths([9000, 8999, 8999])).toBe(8999); // 89.993…
    expect(meanHundredths([9000, 9000, 8999])).toBe(9000); // 89.9966… → 90.00
    expect(meanHundredths([8999, 9000])).toBe(9000); // 89.995 → 90.00 (half up)
    expect(meanHundredths([])).toBeNull();
    expect(weightedMean([all(90), all(80), all(85)], DEFAULT_CRITERION_WEIGHTS)).toBe(85);
  });
  test('uneven weights matter: the same scores give different means under different weights', () => {
    const s = { ...all(60), service_quality: 100 };
    expect(weightedMean([s], DEFAULT_CRITERION_WEIGHTS)).toBe(68);
    expect(weightedMean([s], { ...DEFAULT_CRITERION_WEIGHTS, service_quality: 40, instrument_operation: 0 })).toBe(76);
  });
  test('weights must be integers summing to 100', () => {
    expect(weightsProblem(DEFAULT_CRITERION_WEIGHTS)).toBeNull();
    expect(weightsProblem({ ...DEFAULT_CRITERION_WEIGHTS, effect: 16 })).toMatch('101');
    expect(weightsProblem({ ...DEFAULT_CRITERION_WEIGHTS, effect: 14.5 })).not.toBeNull();
  });
});

describe('第十一条 subsidy ceilings per class and grade; agencies excluded', () => {
  const c = DEFAULT_SUBSIDY_CEILINGS_FEN;
  test.each([
    ['I', 'excellent', 100_000_000],
    ['I', 'good', 60_000_000],
    ['II', 'excellent', 80_000_000],
    ['II', 'good', 40_000_000],
    ['I', 'pass', 0],
    ['I', 'fail', 0],
    ['II', 'pass', 0],
    ['II', 'fail', 0],
  ] as const)('class %s %s → %p fen', (cls, grade, fen) => {
    expect(subsidyCeilingFen(cls, grade, false, c)).toBe(fen);
  });
  test('a third-party testing agency gets nothing even when 优秀 in class I', () => {
    expect(subsidyCeilingFen('I', 'excellent', true, c)).toBe(0);
  });
  test('the defaults are POLICY.md’s yuan amounts', () => {
    expect(c.I.excellent / 100).toBe(1_000_000);
    expect(c.I.good / 100).toBe(600_000);
    expect(c.II.excellent / 100).toBe(800_000);
    expect(c.II.good / 100).toBe(400_000);
  });
  test('ceilings: 优秀 not below 良好', () => {
    expect(ceilingsProblem({ I: { excellent: 1, good: 2 }, II: c.II })).not.toBeNull();
    expect(ceilingsProblem(c)).toBeNull();
  });
});

describe('第十四条 the declaration deadline is a Beijing day', () => {
  test('23:59:59 Beijing on the deadline is in time; 00:00:00 the next day is late', () => {
    expect(mayDeclare(new Date('2027-03-31T23:59:59+08:00'), '2027-03-31')).toBe(true);
    expect(mayDeclare(new Date('2027-04-01T00:00:00+08:00'), '2027-03-31')).toBe(false);
    // The same instants in UTC: 15:59:59Z is still the deadline day in Beijing.
    expect(mayDeclare(new Date('2027-03-31T15:59:59Z'), '2027-03-31')).toBe(true);
    expect(mayDeclare(new Date('2027-03-31T16:00:00Z'), '2027-03-31')).toBe(false);
  });
});
