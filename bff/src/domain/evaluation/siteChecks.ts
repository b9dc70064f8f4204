/**
 * Site checks (第十四条 "对部分开放单位进行现场考察，存疑单位优先"): once every declaration is scored, the
 * administrator draws the units to visit — every doubtful one (an expert marked it 存疑) first, then a
 * random share of the rest, reproducible: the rest in id order and a recorded seed through the sampling of
 * @kcq/shared (supervision/sampling.ts, as spot checks), so the same seed replays the same draw. Outcomes
 * are recorded per unit; the administrator may adjust a grade with a reason (an adjustment after the plan
 * is drawn recomputes that unit's line). The administrator may also correct the third-party agency mark
 * (第十一条: agencies are not subsidised), with a reason. Every step is in the decision log.
 */
import { z } from 'zod';
import { drawSample, EVALUATION_GRADES, isSeed, newSeed, SEED_MAX, textSchema, type AgencyMarkInput, type GradeAdjustmentInput, type SiteCheckDrawInput, type SiteCheckOutcomeInput } from '@kcq/shared';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Declarations } from './declarations';
import type { DecisionLog } from './log';
import { gradeOf, isDoubtful, type DeclarationDoc, type RoundDoc } from './model';
import type { EvaluationRounds } from './rounds';

export const siteCheckDrawSchema = z.strictObject({
  percent: z.number().min(0, { error: '抽取比例应在 0 至 100 之间' }).max(100, { error: '抽取比例应在 0 至 100 之间' }),
  seed: z.number().int().min(0).max(SEED_MAX).optional().describe('Replays an earlier draw'),
}) satisfies z.ZodType<SiteCheckDrawInput>;
export const siteCheckOutcomeSchema = z.strictObject({
  result: z.enum(['confirmed', 'issues_found']),
  summary: textSchema('现场考察情况', { max: 2000, multiline: true }),
}) satisfies z.ZodType<SiteCheckOutcomeInput>;
export const gradeAdjustmentSchema = z.strictObject({
  grade: z.enum(EVALUATION_GRADES),
  reason: textSchema('调整理由', { max: 1000, multiline: true }),
}) satisfies z.ZodType<GradeAdjustmentInput>;
export const agencyMarkSchema = z.strictObject({
  thirdPartyAgency: z.boolean(),
  reason: textSchema('理由', { max: 1000, multiline: true }),
}) satisfies z.ZodType<AgencyMarkInput>;

export class SiteChecks {
  constructor(
    private readonly clock: Clock,
    private readonly rounds: EvaluationRounds,
    private readonly declarations: Declarations,
    private readonly log: DecisionLog,
    private readonly onGradeChange: (d: DeclarationDoc, r: RoundDoc) => Promise<void>,
    private readonly random: () => number = Math.random,
  ) {}

  /** The draw: doubtful first (all of them), then `percent` of the rest, seeded; recorded on the round. */
  async draw(roundId: string, input: { percent: number; seed?: number }, by: string): Promise<RoundDoc> {
    const r = await this.rounds.requirePhase(roundId, ['scoring', 'planned']);
    const all = await this.declarations.ofRound(roundId);
    if (all.some((d) => d.pendingIds.length > 0)) throw new DomainError('SCORES_INCOMPLETE');
    const seed = input.seed ?? newSeed(this.random);
    if (!isSeed(seed)) throw new DomainError('VALIDATION_FAILED', '随机种子应为 0 至 4294967295 的整数');
    const byId = [...all].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
    const doubtful = byId.filter(isDoubtful).map((d) => d._id);
    const rest = byId.filter((d) => !isDoubtful(d)).map((d) => d._id);
    const random = drawSample(rest, { percent: input.percent }, seed);
    const now = this.clock.now();
    for (const d of all) {
      const reason = doubtful.includes(d._id) ? 'doubtful' : random.includes(d._id) ? 'random' : null;
      // A redraw keeps recorded outcomes of units drawn again; units no longer drawn lose an unrecorded check.
      const keep = d.siteCheck?.outcome ? d.siteCheck : null;
      await this.rounds.declarations.updateOne({ _id: d._id }, { $set: { siteCheck: reason ? { reason, outcome: keep?.outcome ?? null } : keep } });
    }
    const updated = await this.rounds.rounds.updateOne({ _id: r._id }, { $set: { siteCheckDraw: { seed, percent: input.percent, doubtful, random, at: now, by } } });
    await this.log.append('evaluation_round', r._id, 'site_checks_drawn', { id: by, role: 'administrator' }, { seed, percent: input.percent, doubtful, random });
    return updated!;
  }

  /** The outcome of a drawn unit's site check. */
  async record(declarationId: string, input: z.infer<typeof siteCheckOutcomeSchema>, by: string): Promise<DeclarationDoc> {
    const d = await this.declarations.require(declarationId);
    await this.rounds.requirePhase(d.roundId, ['scoring', 'planned']);
    if (!d.siteCheck) throw new DomainError('EVALUATION_PHASE', '该单位未被抽中现场考察');
    const outcome = { ...input, at: this.clock.now(), by };
    const updated = await this.rounds.declarations.updateOne({ _id: d._id }, { $set: { siteCheck: { reason: d.siteCheck.reason, outcome } } });
    await this.log.append('declaration', d._id, 'site_check_recorded', { id: by, role: 'administrator' }, input);
    return updated!;
  }

  /** The administrator adjusts the grade with a reason (after scoring; before the plan's notice). */
  async adjustGrade(declarationId: string, input: z.infer<typeof gradeAdjustmentSchema>, by: string): Promise<DeclarationDoc> {
    const d = await this.declarations.require(declarationId);
    const r = await this.rounds.requirePhase(d.roundId, ['scoring', 'planned']);
    if (d.pendingIds.length > 0) throw new DomainError('SCORES_INCOMPLETE');
    const from = gradeOf(d, r);
    const adjustment = { from, to: input.grade, reason: input.reason, at: this.clock.now(), by };
    const updated = (await this.rounds.declarations.updateOne({ _id: d._id }, { $set: { adjustment } }))!;
    await this.log.append('declaration', d._id, 'grade_adjusted', { id: by, role: 'administrator' }, { from, to: input.grade, reason: input.reason });
    await this.onGradeChange(updated, r);
    return (await this.declarations.require(d._id));
  }

  /** 第十一条: correct the third-party testing agency mark (agencies get no subsidy), with a reason. */
  async markAgency(declarationId: string, input: z.infer<typeof agencyMarkSchema>, by: string): Promise<DeclarationDoc> {
    const d = await this.declarations.require(declarationId);
    const r = await this.rounds.requirePhase(d.roundId, ['closed', 'scoring', 'planned']);
    const updated = (await this.rounds.declarations.updateOne({ _id: d._id }, { $set: { thirdPartyAgency: input.thirdPartyAgency } }))!;
    await this.log.append('declaration', d._id, 'agency_marked', { id: by, role: 'administrator' }, { from: d.thirdPartyAgency, to: input.thirdPartyAgency, reason: input.reason });
    await this.onGradeChange(updated, r);
    return this.declarations.require(d._id);
  }
}
