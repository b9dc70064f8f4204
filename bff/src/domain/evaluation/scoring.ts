/**
 * Expert scoring (第十四条 "专家评审"; criteria 第十一条). After the declaration deadline an administrator
 * assigns panels: the generic assignment of experts/assignment.ts — matching fields first, balanced load,
 * never an expert tied to the declaring unit (recusal, each exclusion stored with who and why), exactly as
 * for redemptions. Each panel member scores the six criteria 0 … 100 (integers), may mark the declaration
 * doubtful (存疑: site check first) and comments; scores may be revised until the plan is drawn. The
 * expert's weighted score uses the round's weights; the grade follows from the panel's mean and the
 * round's thresholds (policy/evaluation.ts). An expert sees only their own assignments (others answer 404).
 */
import { z } from 'zod';
import { EVALUATION_CRITERIA, textSchema, weightedScoreHundredths, type EvaluationAssignmentView, type ScoreInput as ScoreWire } from '@kcq/shared';
import { LABS, type Lab } from '../catalogue';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { assignPanels, type ReviewSubject } from '../experts/assignment';
import type { Experts } from '../experts/experts';
import type { Declarations } from './declarations';
import type { DecisionLog } from './log';
import { declarationView, type DeclarationDoc } from './model';
import type { EvaluationRounds } from './rounds';
import type { Store } from '../../store';

const criterionScore = z.number({ error: '评分应为 0 至 100 的整数' }).int({ error: '评分应为 0 至 100 的整数' }).min(0, { error: '评分应为 0 至 100 的整数' }).max(100, { error: '评分应为 0 至 100 的整数' });

export const scoreInputSchema = z.strictObject({
  scores: z.strictObject(Object.fromEntries(EVALUATION_CRITERIA.map((c) => [c, criterionScore])) as Record<(typeof EVALUATION_CRITERIA)[number], typeof criterionScore>),
  doubtful: z.boolean().default(false),
  comment: textSchema('评审意见', { max: 2000, multiline: true }),
}) satisfies z.ZodType<ScoreWire>;
export type ScoreInput = z.infer<typeof scoreInputSchema>;

export const assignInputSchema = z.strictObject({
  panelSize: z.number().int().min(1).max(9).refine((n) => n % 2 === 1, { error: '评审组人数应为奇数' }).optional(),
});

export class EvaluationScoring {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly rounds: EvaluationRounds,
    private readonly declarations: Declarations,
    private readonly experts: Experts,
    private readonly log: DecisionLog,
  ) {}

  /** The unit's fields (its labs'), for matching experts first. */
  private async fieldsOf(unitId: string): Promise<string[]> {
    const labs = await this.store.collection<Lab>(LABS).find({ unitId }, { limit: 100 });
    return [...new Set(labs.flatMap((l) => l.fields))];
  }

  /** 第十四条: panels for every declaration of the round, after the deadline; PANEL_UNAVAILABLE before anything is written. */
  async assign(roundId: string, panelSize: number | undefined, by: string): Promise<DeclarationDoc[]> {
    const r = await this.rounds.requirePhase(roundId, ['closed']);
    const size = panelSize ?? r.panelSize;
    const declared = await this.declarations.ofRound(roundId);
    if (!declared.length) throw new DomainError('NO_DECLARATIONS');
    const experts = await this.experts.assignable();
    const candidates = await Promise.all(
      experts.map(async (e) => ({
        id: e._id,
        name: e.name,
        organisation: e.organisation,
        fields: e.fields as string[],
        ties: e.ties,
        load: await this.rounds.declarations.count({ pendingIds: e._id } as never),
      })),
    );
    const subjects: ReviewSubject[] = await Promise.all(
      declared.map(async (d) => ({ id: d._id, fields: await this.fieldsOf(d.unitId), parties: [{ kind: 'open_unit' as const, id: d.unitId, name: d.unitName }] })),
    );
    const assignments = assignPanels(subjects, candidates, size);
    const names = new Map(experts.map((e) => [e._id, e.name]));
    const out: DeclarationDoc[] = [];
    for (const [i, d] of declared.entries()) {
      const a = assignments[i];
      const panel = a.panel.map((expertId) => ({ expertId, name: names.get(expertId)!, scores: null, weighted: null, doubtful: false, comment: null, at: null }));
      out.push((await this.rounds.declarations.updateOne({ _id: d._id }, { $set: { panel, panelIds: a.panel, pendingIds: a.panel, excluded: a.excluded, panelVersion: 1 } }))!);
      await this.log.append('declaration', d._id, 'panel_assigned', { id: by, role: 'administrator' }, { panel: a.panel, excluded: a.excluded });
    }
    await this.rounds.advance(r, 'scoring', { panelSize: size });
    await this.log.append('evaluation_round', r._id, 'panels_assigned', { id: by, role: 'administrator' }, { panelSize: size, declarations: declared.length });
    return out;
  }

  /** The declaration, if `expertId` sits on its panel; 404 otherwise (ids cannot be probed). */
  async assignment(declarationId: string, expertId: string): Promise<DeclarationDoc> {
    const d = await this.rounds.declarations.findById(declarationId);
    if (!d || !d.panelIds.includes(expertId)) throw new DomainError('NOT_FOUND', '找不到该评审任务');
    return d;
  }

  async assignments(expertId: string): Promise<DeclarationDoc[]> {
    return this.rounds.declarations.find({ panelIds: expertId } as never, { sort: { submittedAt: 1 }, limit: 1000 });
  }

  async assignmentView(d: DeclarationDoc, expertId: string): Promise<EvaluationAssignmentView> {
    const r = await this.rounds.require(d.roundId);
    const full = declarationView(d, r, await this.declarations.files(d), 'unit');
    const { panel: _p, excluded: _e, meanScore: _m, scoredGrade: _s, adjustment: _a, grade: _g, gradeLabel: _l, siteCheck: _c, ...declaration } = full;
    const mine = d.panel.find((m) => m.expertId === expertId)!;
    return {
      id: d._id,
      roundId: d.roundId,
      year: d.year,
      weights: r.weights,
      gradeThresholds: r.gradeThresholds,
      declaration,
      myScore: mine.scores
        ? { scores: mine.scores, weighted: mine.weighted! / 100, doubtful: mine.doubtful, comment: mine.comment ?? '', at: mine.at!.toISOString() }
        : null,
    };
  }

  /** 第十一条: an expert of the panel scores (or revises) while the round is scoring. */
  async score(declarationId: string, expertId: string, userId: string, input: ScoreInput): Promise<DeclarationDoc> {
    let d = await this.assignment(declarationId, expertId);
    const r = await this.rounds.requirePhase(d.roundId, ['scoring']);
    const weighted = weightedScoreHundredths(input.scores, r.weights);
    const now = this.clock.now();
    // Two experts of one panel may score at once: the panel is rewritten only over the version read.
    let updated: DeclarationDoc | null = null;
    for (let attempt = 0; !updated; attempt++) {
      if (attempt > 0) d = await this.assignment(declarationId, expertId);
      if (attempt > 20) throw new DomainError('CONFLICT');
      const panel = d.panel.map((m) => (m.expertId === expertId ? { ...m, scores: input.scores, weighted, doubtful: input.doubtful, comment: input.comment, at: now } : m));
      updated = await this.rounds.declarations.updateOne(
        { _id: d._id, panelVersion: d.panelVersion ?? 0 },
        { $set: { panel, pendingIds: d.pendingIds.filter((id) => id !== expertId), panelVersion: (d.panelVersion ?? 0) + 1 } },
      );
    }
    await this.log.append('declaration', d._id, 'scored', { id: userId, role: 'expert' }, { expertId, scores: input.scores, weighted, doubtful: input.doubtful, comment: input.comment });
    return updated!;
  }
}
