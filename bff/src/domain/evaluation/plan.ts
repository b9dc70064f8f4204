/**
 * The support plan (第十四条 "形成支持方案 → 公示 → 拨付"): once every declaration is scored, each unit's
 * subsidy is the ceiling for its class and grade (第十一条; 0 for 合格/不合格 and for third-party agencies,
 * policy/evaluation.ts subsidyCeilingFen). The administrator may lower a subsidy, never raise it, with a
 * reason. The plan goes to a public notice of 5 working days — the notices of redemptions (notices/), the
 * same calendar and objections; an upheld objection withdraws the unit's line (**Decision**: it is not paid
 * in this round; the log keeps why). After the notice the cleared lines with a subsidy are marked paid with
 * the finance office's reference. Exported as .xlsx (export.ts).
 */
import { z } from 'zod';
import {
  EVALUATION_CLASS_LABELS,
  EVALUATION_GRADE_LABELS,
  evaluationClass,
  isIsoDay,
  subsidyCeilingFen,
  textSchema,
  yuanToFen,
  type PlanLineInput,
  type PlanLineStatus,
  type PlanNoticeInput,
  type PlanPaidInput,
  type SupportPlanView,
} from '@kcq/shared';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { NoticeDoc, NoticeItemDoc, Notices, ObjectionDoc } from '../notices/notices';
import { NOTICE_ITEMS } from '../notices/notices';
import { yuanSchema } from '../units/joining';
import type { Declarations } from './declarations';
import type { DecisionLog } from './log';
import { gradeOf, meanScore, type DeclarationDoc, type PlanLine, type RoundDoc } from './model';
import type { EvaluationRounds } from './rounds';
import type { Store } from '../../store';

export const EVALUATION_NOTICE_KIND = 'evaluation_subsidy';

export const planLineSchema = z.strictObject({
  subsidyYuan: yuanSchema('补助金额', 100_000_000),
  reason: textSchema('核减理由', { max: 1000, multiline: true }),
}) satisfies z.ZodType<PlanLineInput>;
export const planNoticeSchema = z.strictObject({
  startDay: z.string().refine(isIsoDay, { error: '日期格式应为 YYYY-MM-DD' }),
  title: textSchema('公示标题', { max: 100 }).optional(),
}) satisfies z.ZodType<PlanNoticeInput>;
export const planPaidSchema = z.strictObject({ reference: textSchema('拨付凭证号', { max: 100 }) }) satisfies z.ZodType<PlanPaidInput>;

export class SupportPlans {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly rounds: EvaluationRounds,
    private readonly declarations: Declarations,
    private readonly notices: Notices,
    private readonly log: DecisionLog,
  ) {
    notices.handle(EVALUATION_NOTICE_KIND, {
      cleared: (item, notice) => this.cleared(item, notice),
      upheld: (item, objection, reason, by) => this.upheld(item, objection, reason, by),
      objection: (item, objection, event) => this.objection(item, objection, event),
    });
  }

  private lineFor(d: DeclarationDoc, r: RoundDoc): PlanLine {
    const grade = gradeOf(d, r);
    if (!grade) throw new DomainError('SCORES_INCOMPLETE');
    const ceilingFen = subsidyCeilingFen(evaluationClass(d.openedInstrumentValueFen, r.classThresholdFen), grade, d.thirdPartyAgency, r.ceilingsFen);
    return { ceilingFen, subsidyFen: ceilingFen, reductionReason: null, status: 'planned', paid: null };
  }

  /** Draws (or redraws, before its notice) the plan: every line at its ceiling. */
  async draw(roundId: string, by: string): Promise<RoundDoc> {
    const r = await this.rounds.requirePhase(roundId, ['scoring', 'planned']);
    const all = await this.declarations.ofRound(roundId);
    if (!all.length) throw new DomainError('NO_DECLARATIONS');
    if (all.some((d) => d.pendingIds.length > 0 || !gradeOf(d, r))) throw new DomainError('SCORES_INCOMPLETE');
    const lines: Record<string, number> = {};
    for (const d of all) {
      const line = this.lineFor(d, r);
      await this.rounds.declarations.updateOne({ _id: d._id }, { $set: { plan: line } });
      lines[d._id] = line.subsidyFen;
    }
    const updated = r.phase === 'planned' ? r : await this.rounds.advance(r, 'planned');
    await this.log.append('evaluation_round', r._id, 'plan_drawn', { id: by, role: 'administrator' }, { lines });
    return updated;
  }

  /** After a grade or agency change while planned: that unit's line back to its (new) ceiling. */
  async recompute(d: DeclarationDoc, r: RoundDoc): Promise<void> {
    const round = await this.rounds.require(r._id);
    if (round.phase !== 'planned' || !d.plan) return;
    await this.rounds.declarations.updateOne({ _id: d._id }, { $set: { plan: this.lineFor(d, round) } });
  }

  /** Lowers a unit's subsidy (never above its ceiling) with a reason. */
  async editLine(roundId: string, declarationId: string, input: z.infer<typeof planLineSchema>, by: string): Promise<DeclarationDoc> {
    await this.rounds.requirePhase(roundId, ['planned']);
    const d = await this.declarations.require(declarationId);
    if (d.roundId !== roundId || !d.plan) throw new DomainError('NOT_FOUND', '找不到该支持方案条目');
    const subsidyFen = yuanToFen(input.subsidyYuan);
    if (subsidyFen > d.plan.ceilingFen) throw new DomainError('SUBSIDY_ABOVE_CEILING', undefined, { ceilingFen: d.plan.ceilingFen, subsidyFen });
    const plan: PlanLine = { ...d.plan, subsidyFen, reductionReason: subsidyFen < d.plan.ceilingFen ? input.reason : null };
    const updated = (await this.rounds.declarations.updateOne({ _id: d._id }, { $set: { plan } }))!;
    await this.log.append('declaration', d._id, 'subsidy_set', { id: by, role: 'administrator' }, { from: d.plan.subsidyFen, to: subsidyFen, ceilingFen: d.plan.ceilingFen, reason: input.reason });
    return updated;
  }

  /** 第十四条: the plan in a public notice of 5 working days from `startDay` (same notices as redemptions). */
  async publish(roundId: string, input: z.infer<typeof planNoticeSchema>, by: string): Promise<RoundDoc> {
    const r = await this.rounds.requirePhase(roundId, ['planned']);
    const all = await this.declarations.ofRound(roundId);
    const items = all.map((d) => {
      const grade = gradeOf(d, r)!;
      return {
        subjectId: d._id,
        display: {
          unitName: d.unitName,
          class: EVALUATION_CLASS_LABELS[evaluationClass(d.openedInstrumentValueFen, r.classThresholdFen)],
          grade: EVALUATION_GRADE_LABELS[grade],
          subsidyFen: d.plan!.subsidyFen,
        },
      };
    });
    const notice = await this.notices.publish(EVALUATION_NOTICE_KIND, input.title ?? `${r.title}支持方案公示`, input.startDay, items, by);
    for (const d of all) await this.rounds.declarations.updateOne({ _id: d._id }, { $set: { 'plan.status': 'noticed' } });
    const updated = await this.rounds.advance(r, 'in_notice', { notice: { noticeId: notice._id, startDay: notice.startDay, endDay: notice.endDay } });
    await this.log.append('evaluation_round', r._id, 'plan_noticed', { id: by, role: 'administrator' }, { noticeId: notice._id, startDay: notice.startDay, endDay: notice.endDay });
    return updated;
  }

  private async cleared(item: NoticeItemDoc, notice: NoticeDoc): Promise<void> {
    await this.log.append('declaration', item.subjectId, 'notice_cleared', { id: 'system', role: 'system' }, { noticeId: notice._id, endDay: notice.endDay });
  }

  private async upheld(item: NoticeItemDoc, objection: ObjectionDoc, reason: string, by: string): Promise<void> {
    await this.rounds.declarations.updateOne({ _id: item.subjectId }, { $set: { 'plan.status': 'withdrawn' } });
    await this.log.append('declaration', item.subjectId, 'objection_upheld', { id: by, role: 'administrator' }, { noticeId: item.noticeId, objectionId: objection._id, reason });
  }

  private async objection(item: NoticeItemDoc, objection: ObjectionDoc, event: 'lodged' | 'dismissed'): Promise<void> {
    const by = event === 'lodged' ? { id: objection.userId, role: 'public' as const } : { id: objection.resolution?.by ?? 'system', role: 'administrator' as const };
    await this.log.append('declaration', item.subjectId, `objection_${event}`, by, {
      noticeId: item.noticeId,
      objectionId: objection._id,
      reason: event === 'lodged' ? objection.reason : objection.resolution?.reason,
    });
  }

  /** The notice item status of each line (listed, held, cleared, withdrawn) while and after the notice. */
  private async noticeStatuses(r: RoundDoc): Promise<Map<string, NoticeItemDoc['status']>> {
    if (!r.notice) return new Map();
    const ended = this.notices.phase(await this.notices.require(r.notice.noticeId)) === 'ended';
    const items = await this.store.collection<NoticeItemDoc>(NOTICE_ITEMS).find({ noticeId: r.notice.noticeId }, { limit: 10_000 });
    return new Map(items.map((i) => [i.subjectId, ended && i.status === 'listed' ? 'cleared' : i.status]));
  }

  /** After the notice: every cleared line with a subsidy is paid; held lines wait; the round is paid when none is held. */
  async markPaid(roundId: string, reference: string, by: string): Promise<RoundDoc> {
    const r = await this.rounds.requirePhase(roundId, ['in_notice']);
    const notice = await this.notices.require(r.notice!.noticeId);
    if (this.notices.phase(notice) !== 'ended') throw new DomainError('EVALUATION_PHASE', '支持方案公示期未满，暂不能拨付', { endDay: notice.endDay });
    await this.notices.settle();
    const statuses = await this.noticeStatuses(r);
    const now = this.clock.now();
    const paid: string[] = [];
    for (const d of await this.declarations.ofRound(roundId)) {
      if (statuses.get(d._id) !== 'cleared' || !d.plan || d.plan.status !== 'noticed' || d.plan.subsidyFen <= 0) continue;
      const u = await this.rounds.declarations.updateOne({ _id: d._id, 'plan.status': 'noticed' }, { $set: { 'plan.status': 'paid', 'plan.paid': { at: now, by, reference } } });
      if (u) paid.push(d._id);
    }
    await this.log.append('evaluation_round', r._id, 'paid', { id: by, role: 'administrator' }, { reference, declarations: paid });
    const held = [...statuses.values()].some((s) => s === 'held');
    return held ? r : this.rounds.advance(r, 'paid');
  }

  async view(roundId: string): Promise<SupportPlanView> {
    const r = await this.rounds.require(roundId);
    const statuses = await this.noticeStatuses(r);
    const lines = (await this.declarations.ofRound(roundId))
      .filter((d) => d.plan)
      .map((d) => {
        const grade = gradeOf(d, r)!;
        const plan = d.plan!;
        const status: PlanLineStatus = plan.status === 'paid' ? 'paid' : plan.status === 'withdrawn' ? 'withdrawn' : plan.status === 'planned' ? 'planned' : (statuses.get(d._id) ?? 'listed');
        return {
          declarationId: d._id,
          unitId: d.unitId,
          unitName: d.unitName,
          class: evaluationClass(d.openedInstrumentValueFen, r.classThresholdFen),
          grade,
          gradeLabel: EVALUATION_GRADE_LABELS[grade],
          thirdPartyAgency: d.thirdPartyAgency,
          meanScore: meanScore(d),
          ceilingFen: plan.ceilingFen,
          subsidyFen: plan.subsidyFen,
          reductionReason: plan.reductionReason,
          status,
          paidAt: plan.paid ? plan.paid.at.toISOString() : null,
        };
      });
    return { roundId: r._id, year: r.year, lines, totalFen: lines.filter((l) => l.status !== 'withdrawn').reduce((n, l) => n + l.subsidyFen, 0), notice: r.notice };
  }
}
