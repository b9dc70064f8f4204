/**
 * Review rounds (评审批次, 第十五条4 with its Decision): an administrator groups submitted redemptions (all,
 * or by period, open unit, submission dates), chooses an odd panel size (default 3) and the experts are
 * assigned automatically (experts/assignment.ts: matching fields first, balanced load, never an expert
 * tied to the redemption's open unit or applicant — each exclusion is stored with who and why).
 * Each expert gives pass / fail / doubtful with a comment; the majority is the panel's opinion
 * (panel.ts). A doubtful item may go to a site visit or a hearing (答辩会) with its day, place and
 * participants, and its outcome is recorded. The administrator's decision shows the panel's opinion;
 * departing from it needs a written reason. Every step is in the voucher's audit chain.
 */
import { z } from 'zod';
import { isIsoDay, paymentYear, shanghaiDay, startOfShanghaiDay, endOfShanghaiDay, textSchema, type IsoDay } from '@kcq/shared';
import type { Applicants } from '../applicants';
import { CATALOGUE_SERVICES, type CatalogueService } from '../catalogue';
import type { Clock } from '../clock';
import type { Contracts } from '../contracts';
import { DomainError, DuplicateKeyError } from '../errors';
import type { Evidence } from '../evidence';
import { evidenceView } from '../evidence';
import { newId } from '../ids';
import type { Messages } from '../messages';
import type { OpenUnits } from '../openUnits';
import type { RedemptionDoc, Redemptions } from '../redemptions';
import type { ChangeActor, Vouchers } from '../vouchers';
import type { CollectionSpec, Store } from '../../store';
import { assignPanels, type Exclusion, type ReviewSubject } from '../experts/assignment';
import type { Experts } from '../experts/experts';
import { againstPanel, OPINION_LABELS, OPINIONS, panelOpinion, type Opinion } from './panel';

export interface RoundDoc {
  _id: string;
  name: string;
  filter: RoundFilter;
  panelSize: number;
  itemIds: string[];
  createdAt: Date;
  createdBy: string;
}

export interface FollowUp {
  kind: 'site_visit' | 'hearing';
  day: IsoDay;
  place: string;
  participants: string[];
  scheduledAt: Date;
  scheduledBy: string;
  outcome: { result: 'pass' | 'fail'; summary: string; at: Date; by: string } | null;
}

export interface DecisionRecord {
  decision: 'approve' | 'reject';
  panelOpinion: Opinion;
  againstPanel: boolean;
  reason: string | null;
  at: Date;
  by: string;
}

export interface ReviewItemDoc {
  _id: string;
  roundId: string;
  redemptionId: string;
  voucherId: string;
  panel: string[];
  excluded: Exclusion[];
  followUp: FollowUp | null;
  decision: DecisionRecord | null;
  /** Decisions an upheld objection set aside (第十五条5): back to review. */
  earlierDecisions: DecisionRecord[];
  createdAt: Date;
}

export interface OpinionDoc {
  /** `${itemId}:${expertId}`: one opinion per expert and item. */
  _id: string;
  itemId: string;
  expertId: string;
  opinion: Opinion;
  comment: string;
  at: Date;
}

export const REVIEW_ROUNDS: CollectionSpec = { name: 'review_rounds', indexes: [{ fields: ['createdAt'] }] };
export const REVIEW_ITEMS: CollectionSpec = {
  name: 'review_items',
  indexes: [{ fields: ['redemptionId'], unique: true }, { fields: ['roundId'] }, { fields: ['panel'] }],
};
export const REVIEW_OPINIONS: CollectionSpec = { name: 'review_opinions', indexes: [{ fields: ['itemId'] }, { fields: ['expertId'] }] };

const day = z.string().refine(isIsoDay, { message: '日期格式应为 YYYY-MM-DD' });

export const roundInputSchema = z.strictObject({
  name: textSchema('评审批次名称', { max: 100 }),
  panelSize: z
    .number()
    .int()
    .min(1)
    .max(15)
    .refine((n) => n % 2 === 1, { message: '评审专家人数应为奇数' })
    .default(3),
  filter: z
    .strictObject({
      periodId: z.string().min(1).max(64).optional(),
      unitId: z.string().min(1).max(64).optional(),
      submittedFrom: day.optional(),
      submittedTo: day.optional(),
    })
    .default({}),
});
export type RoundInput = z.infer<typeof roundInputSchema>;
export type RoundFilter = RoundInput['filter'];

export const opinionInputSchema = z.strictObject({
  opinion: z.enum(OPINIONS),
  comment: textSchema('评审意见', { max: 2000, multiline: true }),
});

export const followUpInputSchema = z.strictObject({
  kind: z.enum(['site_visit', 'hearing']),
  day,
  place: textSchema('地点', { max: 200 }),
  participants: z.array(textSchema('参加人员', { max: 100 })).min(1, { error: '请填写参加人员' }).max(50),
});

export const followUpOutcomeSchema = z.strictObject({
  result: z.enum(['pass', 'fail']),
  summary: textSchema('结果说明', { max: 2000, multiline: true }),
});

export const decisionInputSchema = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: textSchema('理由', { max: 2000, multiline: true, required: false }).optional(),
});

const FOLLOW_UP_LABEL = { site_visit: '现场调研', hearing: '答辩会' } as const;

export class ReviewRounds {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly redemptions: Redemptions,
    private readonly vouchers: Vouchers,
    private readonly contracts: Contracts,
    private readonly applicants: Applicants,
    private readonly openUnits: OpenUnits,
    private readonly evidence: Evidence,
    private readonly experts: Experts,
    private readonly messages: Messages,
  ) {}

  private get rounds() {
    return this.store.collection<RoundDoc>(REVIEW_ROUNDS);
  }
  private get items() {
    return this.store.collection<ReviewItemDoc>(REVIEW_ITEMS);
  }
  private get opinions() {
    return this.store.collection<OpinionDoc>(REVIEW_OPINIONS);
  }

  async requireRound(id: string): Promise<RoundDoc> {
    const r = await this.rounds.findById(id);
    if (!r) throw new DomainError('NOT_FOUND', '找不到该评审批次');
    return r;
  }

  async requireItem(id: string): Promise<ReviewItemDoc> {
    const i = await this.items.findById(id);
    if (!i) throw new DomainError('NOT_FOUND', '找不到该评审事项');
    return i;
  }

  /** The item `expertId` is on the panel of; 404 otherwise (an expert sees only what is assigned, 第九条3). */
  async requireAssigned(itemId: string, expertId: string): Promise<ReviewItemDoc> {
    const i = await this.items.findById(itemId);
    if (!i || !i.panel.includes(expertId)) throw new DomainError('NOT_FOUND', '找不到该评审任务');
    return i;
  }

  listRounds(): Promise<RoundDoc[]> {
    return this.rounds.find({}, { sort: { createdAt: -1 }, limit: 200 });
  }

  // --- opening a round ------------------------------------------------------------------------------

  private async matches(r: RedemptionDoc, f: RoundFilter): Promise<boolean> {
    if (f.unitId && r.unitId !== f.unitId) return false;
    const submitted = r.submittedAt.getTime();
    if (f.submittedFrom && submitted < startOfShanghaiDay(f.submittedFrom).getTime()) return false;
    if (f.submittedTo && submitted > endOfShanghaiDay(f.submittedTo).getTime()) return false;
    if (f.periodId && (await this.vouchers.require(r.voucherId)).periodId !== f.periodId) return false;
    return true;
  }

  private async subjectOf(r: RedemptionDoc): Promise<ReviewSubject> {
    const applicant = await this.applicants.get(r.applicantId);
    const unit = await this.openUnits.get(r.unitId);
    const profile = (applicant?.profile ?? {}) as { name?: string; priorityField?: string };
    return {
      id: r._id,
      fields: profile.priorityField ? [profile.priorityField] : [],
      parties: [
        { kind: 'open_unit', id: r.unitId, name: unit?.name ?? '' },
        { kind: 'applicant', id: r.applicantId, name: profile.name ?? '' },
      ],
    };
  }

  /** 第十五条4: a round over the submitted redemptions the filter selects, panels assigned with recusal. */
  async open(input: RoundInput, by: string): Promise<RoundDoc> {
    const submitted = await this.redemptions.inStatus(['submitted']);
    const chosen: RedemptionDoc[] = [];
    for (const r of submitted) if (!r.voucherPending && (await this.matches(r, input.filter))) chosen.push(r);
    if (!chosen.length) throw new DomainError('NOTHING_TO_REVIEW');
    const experts = await this.experts.assignable();
    const candidates = await Promise.all(
      experts.map(async (e) => ({
        id: e._id,
        name: e.name,
        organisation: e.organisation,
        fields: e.fields,
        ties: e.ties,
        load: await this.items.count({ panel: e._id, decision: null } as never),
      })),
    );
    const subjects = await Promise.all(chosen.map((r) => this.subjectOf(r)));
    // Throws PANEL_UNAVAILABLE before anything is written.
    const assignments = assignPanels(subjects, candidates, input.panelSize);
    const now = this.clock.now();
    const round: RoundDoc = { _id: newId('rr'), name: input.name, filter: input.filter, panelSize: input.panelSize, itemIds: [], createdAt: now, createdBy: by };
    await this.rounds.insert(round);
    const actor: ChangeActor = { id: by, role: 'administrator' };
    for (const [i, r] of chosen.entries()) {
      const a = assignments[i];
      const item: ReviewItemDoc = {
        _id: newId('ri'),
        roundId: round._id,
        redemptionId: r._id,
        voucherId: r.voucherId,
        panel: a.panel,
        excluded: a.excluded,
        followUp: null,
        decision: null,
        earlierDecisions: [],
        createdAt: now,
      };
      try {
        await this.items.insert(item);
      } catch (err) {
        if (err instanceof DuplicateKeyError) continue; // another round took it meanwhile
        throw err;
      }
      try {
        await this.redemptions.step(r._id, actor, { type: 'open_review' }, ['submitted'], 'under_review', { reviewItemId: item._id }, {
          roundId: round._id,
          itemId: item._id,
          panel: a.panel,
          excluded: a.excluded,
        });
      } catch (err) {
        await this.items.deleteMany({ _id: item._id });
        if (err instanceof DomainError && err.code === 'REDEMPTION_STATE') continue;
        throw err;
      }
      round.itemIds.push(item._id);
      for (const expertId of a.panel) await this.tellExpert(expertId, item, round, 'assigned');
    }
    return (await this.rounds.updateOne({ _id: round._id }, { $set: { itemIds: round.itemIds } })) ?? round;
  }

  private async tellExpert(expertId: string, item: ReviewItemDoc, round: RoundDoc, why: 'assigned' | 'reminder'): Promise<boolean> {
    const expert = await this.experts.get(expertId);
    if (!expert?.userId) return false;
    const today = shanghaiDay(this.clock.now());
    return this.messages.notify(expert.userId, {
      key: why === 'assigned' ? `review:assigned:${item._id}:${expertId}` : `review:reminder:${item._id}:${expertId}:${today}`,
      kind: why === 'assigned' ? 'status' : 'reminder',
      voucherId: item.voucherId,
      title: why === 'assigned' ? '您有新的兑现评审任务' : '请尽快提交评审意见',
      body: `评审批次「${round.name}」：请查看兑现材料并提交通过、不通过或存疑的意见（第十五条第四项）。`,
      page: `/expert/assignment/index?id=${item._id}`,
    });
  }

  /** Reminders to the experts who have not answered (message centre and subscribe message), once a day. */
  async remind(roundId: string): Promise<number> {
    const round = await this.requireRound(roundId);
    let n = 0;
    for (const item of await this.items.find({ roundId, decision: null })) {
      const answered = new Set((await this.opinions.find({ itemId: item._id })).map((o) => o.expertId));
      for (const expertId of item.panel) if (!answered.has(expertId) && (await this.tellExpert(expertId, item, round, 'reminder'))) n += 1;
    }
    return n;
  }

  // --- experts ---------------------------------------------------------------------------------------

  /** An expert's opinion (may be changed until the decision). Audited in the voucher's chain. */
  async giveOpinion(itemId: string, expertId: string, userId: string, input: z.infer<typeof opinionInputSchema>): Promise<OpinionDoc> {
    const item = await this.requireAssigned(itemId, expertId);
    if (item.decision) throw new DomainError('REVIEW_STATE', '该事项已作出决定，不能再修改意见');
    const now = this.clock.now();
    const doc: OpinionDoc = { _id: `${itemId}:${expertId}`, itemId, expertId, opinion: input.opinion, comment: input.comment, at: now };
    const existing = await this.opinions.findById(doc._id);
    if (existing) await this.opinions.updateOne({ _id: doc._id }, { $set: { opinion: doc.opinion, comment: doc.comment, at: now } });
    else await this.opinions.insert(doc);
    const r = await this.redemptions.require(item.redemptionId);
    await this.redemptions.note(r, { id: userId, role: 'expert' }, 'review', item._id, 'opinion', { expertId, opinion: input.opinion, comment: input.comment });
    return doc;
  }

  async assignmentsOf(expertId: string) {
    const items = await this.items.find({ panel: expertId } as never, { sort: { createdAt: -1 }, limit: 500 });
    return Promise.all(
      items.map(async (i) => {
        const round = await this.requireRound(i.roundId);
        const mine = await this.opinions.findById(`${i._id}:${expertId}`);
        const r = await this.redemptions.require(i.redemptionId);
        const unit = await this.openUnits.get(r.unitId);
        return {
          id: i._id,
          roundName: round.name,
          unitName: unit?.name ?? '',
          payableFen: r.payableFen,
          decided: i.decision !== null,
          opinion: mine ? { opinion: mine.opinion, comment: mine.comment, at: mine.at.toISOString() } : null,
          assignedAt: i.createdAt.toISOString(),
        };
      }),
    );
  }

  /**
   * What an assigned expert sees (第九条3 still holds): the redemption, its contract terms, the evidence
   * it cites and the report — not the applicant's profile, name or project description.
   */
  async assignment(itemId: string, expertId: string) {
    const item = await this.requireAssigned(itemId, expertId);
    const r = await this.redemptions.require(item.redemptionId);
    const c = await this.contracts.get(r.contractId);
    const unit = await this.openUnits.get(r.unitId);
    const service = c?.serviceId ? await this.store.collection<CatalogueService>(CATALOGUE_SERVICES).findById(c.serviceId) : null;
    const files = (await this.evidence.ofContract(r.contractId)).filter((f) => r.evidenceIds.includes(f._id));
    const mine = await this.opinions.findById(`${itemId}:${expertId}`);
    return {
      id: item._id,
      roundName: (await this.requireRound(item.roundId)).name,
      unitName: unit?.name ?? '',
      service: service ? { name: service.name, category: service.category } : null,
      terms: c?.terms ?? null,
      redemption: { actualAmountFen: r.actualAmountFen, payableFen: r.payableFen, report: r.report, submittedAt: r.submittedAt.toISOString() },
      evidence: files.map(evidenceView),
      decided: item.decision !== null,
      opinion: mine ? { opinion: mine.opinion, comment: mine.comment, at: mine.at.toISOString() } : null,
    };
  }

  /** An evidence file cited by the redemption of an item assigned to the expert. */
  async evidenceFile(itemId: string, expertId: string, evidenceId: string) {
    const item = await this.requireAssigned(itemId, expertId);
    const r = await this.redemptions.require(item.redemptionId);
    if (!r.evidenceIds.includes(evidenceId)) throw new DomainError('NOT_FOUND', '找不到该材料');
    return this.evidence.file(r.contractId, evidenceId);
  }

  // --- administrators --------------------------------------------------------------------------------

  private async itemView(i: ReviewItemDoc, panelSize: number) {
    const ops = await this.opinions.find({ itemId: i._id });
    const names = new Map((await Promise.all(i.panel.map((id) => this.experts.get(id)))).filter((e) => e !== null).map((e) => [e!._id, e!.name]));
    const opinion = panelOpinion(
      ops.map((o) => o.opinion),
      panelSize,
    );
    const r = await this.redemptions.require(i.redemptionId);
    return {
      id: i._id,
      roundId: i.roundId,
      redemptionId: i.redemptionId,
      redemptionStatus: r.status,
      panel: i.panel.map((id) => {
        const o = ops.find((x) => x.expertId === id);
        return { expertId: id, name: names.get(id) ?? '', opinion: o?.opinion ?? null, comment: o?.comment ?? null, at: o?.at.toISOString() ?? null };
      }),
      /** 第十五条4 Decision: recusal — who was excluded and why. */
      excluded: i.excluded,
      panelOpinion: opinion,
      panelOpinionLabel: opinion ? OPINION_LABELS[opinion] : '意见未齐',
      followUp: i.followUp
        ? {
            ...i.followUp,
            label: FOLLOW_UP_LABEL[i.followUp.kind],
            scheduledAt: i.followUp.scheduledAt.toISOString(),
            outcome: i.followUp.outcome ? { ...i.followUp.outcome, at: i.followUp.outcome.at.toISOString() } : null,
          }
        : null,
      decision: i.decision ? { ...i.decision, at: i.decision.at.toISOString() } : null,
      earlierDecisions: i.earlierDecisions.map((d) => ({ ...d, at: d.at.toISOString() })),
    };
  }

  async roundView(id: string) {
    const round = await this.requireRound(id);
    const items = await this.items.find({ roundId: id }, { sort: { createdAt: 1 } });
    return {
      id: round._id,
      name: round.name,
      panelSize: round.panelSize,
      filter: round.filter,
      createdAt: round.createdAt.toISOString(),
      items: await Promise.all(items.map((i) => this.itemView(i, round.panelSize))),
    };
  }

  async itemViewById(id: string) {
    const item = await this.requireItem(id);
    return this.itemView(item, (await this.requireRound(item.roundId)).panelSize);
  }

  /** 第十五条4: a doubtful item goes to a site visit or a hearing with its day, place and participants. */
  async scheduleFollowUp(itemId: string, input: z.infer<typeof followUpInputSchema>, by: string) {
    const item = await this.requireItem(itemId);
    if (item.decision) throw new DomainError('REVIEW_STATE', '该事项已作出决定');
    const ops = await this.opinions.find({ itemId });
    const round = await this.requireRound(item.roundId);
    const doubtful = ops.some((o) => o.opinion === 'doubtful') || panelOpinion(ops.map((o) => o.opinion), round.panelSize) === 'doubtful';
    if (!doubtful) throw new DomainError('REVIEW_STATE', '只有存疑的事项可以安排现场调研或答辩会');
    const now = this.clock.now();
    const followUp: FollowUp = { ...input, scheduledAt: now, scheduledBy: by, outcome: null };
    await this.redemptions.step(item.redemptionId, { id: by, role: 'administrator' }, { type: 'mark_for_site_visit', note: `${FOLLOW_UP_LABEL[input.kind]} ${input.day} ${input.place}` }, ['under_review'], 'under_review', {
      siteVisit: { note: `${FOLLOW_UP_LABEL[input.kind]}：${input.day} ${input.place}`, at: now, by },
    }, { itemId, ...input });
    await this.items.updateOne({ _id: itemId }, { $set: { followUp } });
    return this.itemViewById(itemId);
  }

  async recordFollowUpOutcome(itemId: string, input: z.infer<typeof followUpOutcomeSchema>, by: string) {
    const item = await this.requireItem(itemId);
    if (!item.followUp || item.decision) throw new DomainError('REVIEW_STATE', '该事项没有待记录结果的现场调研或答辩会');
    const outcome = { ...input, at: this.clock.now(), by };
    await this.items.updateOne({ _id: itemId }, { $set: { 'followUp.outcome': outcome } });
    const r = await this.redemptions.require(item.redemptionId);
    await this.redemptions.note(r, { id: by, role: 'administrator' }, 'review', itemId, 'follow_up_outcome', { kind: item.followUp.kind, ...input });
    return this.itemViewById(itemId);
  }

  /**
   * 第十五条4: the administrator's decision, citing the panel's opinion; departing from it needs a written
   * reason (DECISION_REASON_REQUIRED). Approval schedules payment: this year for Q1–Q3, next year for Q4
   * (第十五条5, Beijing time).
   */
  async decide(itemId: string, input: z.infer<typeof decisionInputSchema>, by: string) {
    const item = await this.requireItem(itemId);
    if (item.decision) throw new DomainError('REVIEW_STATE', '该事项已作出决定');
    const round = await this.requireRound(item.roundId);
    const opinion = panelOpinion((await this.opinions.find({ itemId })).map((o) => o.opinion), round.panelSize);
    if (!opinion) throw new DomainError('PANEL_INCOMPLETE');
    if (item.followUp && !item.followUp.outcome) throw new DomainError('FOLLOW_UP_PENDING');
    const against = againstPanel(input.decision, opinion, item.followUp?.outcome?.result ?? null);
    const reason = input.reason?.trim() || null;
    if (against && !reason) throw new DomainError('DECISION_REASON_REQUIRED', undefined, { panelOpinion: opinion, clause: '第十五条第四项' });
    const now = this.clock.now();
    const record: DecisionRecord = { decision: input.decision, panelOpinion: opinion, againstPanel: against, reason, at: now, by };
    const claimed = await this.items.updateOne({ _id: itemId, decision: null }, { $set: { decision: record } });
    if (!claimed) throw new DomainError('REVIEW_STATE', '该事项已作出决定');
    const actor: ChangeActor = { id: by, role: 'administrator' };
    const payload = { itemId, panelOpinion: opinion, againstPanel: against, reason };
    try {
      if (input.decision === 'approve') {
        const year = paymentYear(now);
        await this.redemptions.step(item.redemptionId, actor, { type: 'approve' }, ['under_review'], 'approved', {
          review: { decision: 'approved', reason, at: now, by },
          paymentYear: year,
        }, { ...payload, paymentYear: year });
      } else {
        await this.redemptions.step(item.redemptionId, actor, { type: 'reject', reason: reason ?? '' }, ['under_review'], 'rejected', {
          review: { decision: 'rejected', reason, at: now, by },
        }, payload);
      }
    } catch (err) {
      await this.items.updateOne({ _id: itemId, 'decision.at': now }, { $set: { decision: null } });
      throw err;
    }
    return this.itemViewById(itemId);
  }

  /** 第十五条5: an upheld objection sends the redemption back to review — its decision is set aside. */
  async reopen(redemptionId: string): Promise<void> {
    const item = await this.items.findOne({ redemptionId });
    if (!item?.decision) return;
    await this.items.updateOne({ _id: item._id }, { $set: { decision: null }, $push: { earlierDecisions: item.decision } });
  }
}
