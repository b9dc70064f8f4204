/**
 * Evaluation rounds (第十四条 "发布通知"): an administrator opens the year's round — the year, the declaration
 * deadline (a Beijing day), the class threshold on opened instrument value (POLICY.md Decision: set per
 * round), the subsidy ceilings (第十一条; defaults POLICY.md's), the criteria weights and grade thresholds,
 * the panel size. One round per year. Everything is entered in yuan and kept in fen.
 */
import { z } from 'zod';
import {
  ceilingsProblem,
  DEFAULT_CRITERION_WEIGHTS,
  DEFAULT_GRADE_THRESHOLDS,
  DEFAULT_SUBSIDY_CEILINGS_FEN,
  EVALUATION_CRITERIA,
  isIsoDay,
  shanghaiDay,
  textSchema,
  thresholdsProblem,
  weightsProblem,
  yuanToFen,
  type EvaluationRoundInput as RoundWire,
  type EvaluationRoundPhase,
  type SubsidyCeilingsFen,
} from '@kcq/shared';
import type { Clock } from '../clock';
import { DomainError, DuplicateKeyError } from '../errors';
import { newId } from '../ids';
import type { DecisionLog } from './log';
import { yuanSchema } from '../units/joining';
import { EVALUATION_DECLARATIONS, EVALUATION_ROUNDS, phaseOf, type DeclarationDoc, type RoundDoc } from './model';
import type { Store } from '../../store';

const ceilingPair = z.strictObject({ excellent: yuanSchema('补助上限', 100_000_000), good: yuanSchema('补助上限', 100_000_000) });
const score = z.number().min(0).max(100);

export const roundInputSchema = z
  .strictObject({
    year: z.number().int({ error: '年度应为整数' }).min(2023, { error: '年度不早于 2023 年（京科发〔2023〕16号）' }).max(2100),
    title: textSchema('考核名称', { max: 100 }).optional(),
    declarationDeadline: z.string().refine(isIsoDay, { error: '申报截止日应为 YYYY-MM-DD 格式的日期' }),
    classThresholdYuan: yuanSchema('I类仪器原值门槛', 100_000_000_000),
    ceilingsYuan: z.strictObject({ I: ceilingPair, II: ceilingPair }).optional(),
    weights: z.strictObject(Object.fromEntries(EVALUATION_CRITERIA.map((c) => [c, z.number().int().min(0).max(100)])) as Record<(typeof EVALUATION_CRITERIA)[number], z.ZodNumber>).optional(),
    gradeThresholds: z.strictObject({ excellent: score, good: score, pass: score }).optional(),
    panelSize: z.number().int().min(1).max(9).refine((n) => n % 2 === 1, { error: '评审组人数应为奇数' }).default(3),
  })
  .superRefine((r, ctx) => {
    if (r.weights) {
      const p = weightsProblem(r.weights);
      if (p) ctx.addIssue({ code: 'custom', path: ['weights'], message: p });
    }
    if (r.gradeThresholds) {
      const p = thresholdsProblem(r.gradeThresholds);
      if (p) ctx.addIssue({ code: 'custom', path: ['gradeThresholds'], message: p });
    }
    if (r.ceilingsYuan) {
      const p = ceilingsProblem(toFen(r.ceilingsYuan));
      if (p) ctx.addIssue({ code: 'custom', path: ['ceilingsYuan'], message: p });
    }
  }) satisfies z.ZodType<RoundWire>;
export type RoundInput = z.infer<typeof roundInputSchema>;

function toFen(c: NonNullable<RoundInput['ceilingsYuan']>): SubsidyCeilingsFen {
  return {
    I: { excellent: yuanToFen(c.I.excellent), good: yuanToFen(c.I.good) },
    II: { excellent: yuanToFen(c.II.excellent), good: yuanToFen(c.II.good) },
  };
}

export class EvaluationRounds {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: DecisionLog,
  ) {}

  get rounds() {
    return this.store.collection<RoundDoc>(EVALUATION_ROUNDS);
  }
  get declarations() {
    return this.store.collection<DeclarationDoc>(EVALUATION_DECLARATIONS);
  }

  async require(id: string): Promise<RoundDoc> {
    const r = await this.rounds.findById(id);
    if (!r) throw new DomainError('NOT_FOUND', '找不到该绩效考核');
    return r;
  }

  phase(r: RoundDoc): EvaluationRoundPhase {
    return phaseOf(r, this.clock.now());
  }

  /** EVALUATION_PHASE unless the round is in one of `phases`. */
  async requirePhase(id: string, phases: EvaluationRoundPhase[]): Promise<RoundDoc> {
    const r = await this.require(id);
    const phase = this.phase(r);
    if (!phases.includes(phase)) throw new DomainError('EVALUATION_PHASE', undefined, { phase, expected: phases });
    return r;
  }

  list(): Promise<RoundDoc[]> {
    return this.rounds.find({}, { sort: { year: -1 }, limit: 100 });
  }

  countDeclarations(roundId: string): Promise<number> {
    return this.declarations.count({ roundId });
  }

  /** 第十四条: opens the year's round; the deadline may not be in the past. */
  async open(input: RoundInput, by: string): Promise<RoundDoc> {
    const now = this.clock.now();
    if (input.declarationDeadline < shanghaiDay(now)) throw new DomainError('VALIDATION_FAILED', '申报截止日不能早于今天', { fields: [{ path: 'body.declarationDeadline', code: 'past', message: '申报截止日不能早于今天' }] });
    const round: RoundDoc = {
      _id: newId('er'),
      year: input.year,
      title: input.title ?? `${input.year}年度开放单位绩效考核`,
      declarationDeadline: input.declarationDeadline,
      classThresholdFen: yuanToFen(input.classThresholdYuan),
      ceilingsFen: input.ceilingsYuan ? toFen(input.ceilingsYuan) : structuredClone(DEFAULT_SUBSIDY_CEILINGS_FEN) as SubsidyCeilingsFen,
      weights: input.weights ?? { ...DEFAULT_CRITERION_WEIGHTS },
      gradeThresholds: input.gradeThresholds ?? { ...DEFAULT_GRADE_THRESHOLDS },
      panelSize: input.panelSize,
      phase: 'open',
      notice: null,
      siteCheckDraw: null,
      createdAt: now,
      createdBy: by,
    };
    try {
      await this.rounds.insert(round);
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new DomainError('EVALUATION_ROUND_EXISTS', undefined, { year: input.year });
      throw err;
    }
    await this.log.append('evaluation_round', round._id, 'opened', { id: by, role: 'administrator' }, {
      year: round.year,
      declarationDeadline: round.declarationDeadline,
      classThresholdFen: round.classThresholdFen,
      ceilingsFen: round.ceilingsFen,
      weights: round.weights,
      gradeThresholds: round.gradeThresholds,
      panelSize: round.panelSize,
    });
    return round;
  }

  /** Moves the stored phase on, conditionally (a lost race answers EVALUATION_PHASE). */
  async advance(r: RoundDoc, to: RoundDoc['phase'], set: Partial<RoundDoc> = {}): Promise<RoundDoc> {
    const updated = await this.rounds.updateOne({ _id: r._id, phase: r.phase }, { $set: { ...set, phase: to } });
    if (!updated) throw new DomainError('EVALUATION_PHASE');
    return updated;
  }
}
