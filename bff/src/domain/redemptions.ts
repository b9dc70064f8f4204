/**
 * Redemption (兑现): the open unit applies within one month after the contract ends, with the actual
 * amount, evidence and a short report (第十五条3; later is refused — the voucher is void); administrators
 * review, may first mark a site visit or hearing (第十五条4), approve or reject with a reason; approval
 * schedules payment in the current year for Q1–Q3 and the next year for Q4 (第十五条5); payment is recorded.
 *
 *   (none) ──apply (unit staff)──▶ submitted ──site_visit──▶ site_visit
 *   submitted, site_visit ──approve──▶ approved ──pay──▶ paid          submitted, site_visit ──reject──▶ rejected
 *
 * The voucher moves with it through the shared state machine (apply_redemption, mark_for_site_visit,
 * approve, reject, pay). One redemption per contract (unique index). Every change appends audit entries.
 *
 * **Decisions**: the voucher pays min(the voucher amount the contract registered, 50% of the actual amount
 * rounded down) — 第十二条 applies to the amount actually incurred; payment may be recorded only from the
 * year it is scheduled for (a Q4 approval is paid from 1 January, 第十五条5: PAYMENT_NOT_DUE before).
 */
import { z } from 'zod';
import { maxVoucherPayment, paymentYear, shanghaiYear, transition, type VoucherEvent } from '@kcq/shared';
import type { Clock } from './clock';
import type { ContractDoc } from './contracts';
import { DomainError, DuplicateKeyError } from './errors';
import { evidenceView, type Evidence, type EvidenceView } from './evidence';
import type { History } from './history';
import { newId } from './ids';
import { transitionError, type ChangeActor, type VoucherDoc, type Vouchers } from './vouchers';
import type { Collection, CollectionSpec, Store } from '../store';

import { textSchema, type RedemptionStatus, type RedemptionView } from '@kcq/shared';
export { REDEMPTION_STATUSES, type RedemptionStatus, type RedemptionView } from '@kcq/shared';

export interface RedemptionDoc {
  _id: string;
  contractId: string;
  voucherId: string;
  applicantId: string;
  unitId: string;
  actualAmountFen: number;
  /** What the voucher pays: min(registered voucher amount, floor(50% of the actual amount)) — 第十二条. */
  payableFen: number;
  report: string;
  evidenceIds: string[];
  status: RedemptionStatus;
  submittedAt: Date;
  submittedBy: string;
  siteVisit: { note: string | null; at: Date; by: string } | null;
  review: { decision: 'approved' | 'rejected'; reason: string | null; at: Date; by: string } | null;
  /** 第十五条5: the year payment is scheduled in. */
  paymentYear: number | null;
  payment: { at: Date; by: string; reference: string | null } | null;
  updatedAt: Date;
  /**
   * Set by the application's first write (this document), cleared once the voucher is
   * redemption_applied, the evidence cites it and both audit entries are written (crash repair,
   * completeApplication).
   */
  voucherPending?: true;
}

export const REDEMPTIONS: CollectionSpec = {
  name: 'redemptions',
  indexes: [
    { fields: ['contractId'], unique: true },
    { fields: ['voucherId'], unique: true },
    { fields: ['status', 'submittedAt'] },
    // Only interrupted applications carry it: the reconciliation's query stays tiny.
    { fields: ['voucherPending'], sparse: true },
  ],
};

export const applicationSchema = z.strictObject({
  actualAmountFen: z.number({ error: '请填写合同实际发生金额（分）' }).int({ error: '金额应为整数（分）' }).min(1, { error: '金额应大于0' }),
  report: textSchema('简要报告', { max: 2000, multiline: true, tooLongMessage: '报告不超过2000字' }),
  evidenceIds: z.array(z.string().min(1).max(64)).min(1, { error: '请至少附一份证明材料' }).max(20),
});
export type ApplicationInput = z.infer<typeof applicationSchema>;


/** The same application again (a retry): same amount, report and evidence. */
function sameApplication(r: RedemptionDoc, input: ApplicationInput): boolean {
  const ids = [...new Set(input.evidenceIds)].sort();
  const had = [...r.evidenceIds].sort();
  return r.actualAmountFen === input.actualAmountFen && r.report === input.report && ids.length === had.length && ids.every((id, i) => id === had[i]);
}

export type ContractSettler = (c: ContractDoc) => Promise<ContractDoc>;

export class Redemptions {
  private readonly col: Collection<RedemptionDoc>;
  /** Completes a contract's interrupted confirmation or amendment before an application reads it. */
  private settleContract: ContractSettler = async (c) => c;

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly vouchers: Vouchers,
    private readonly evidence: Evidence,
    private readonly history: History,
  ) {
    this.col = store.collection<RedemptionDoc>(REDEMPTIONS);
  }

  get(id: string): Promise<RedemptionDoc | null> {
    return this.col.findById(id);
  }

  /** services.ts wires Contracts.settle here (Contracts depends on nothing of this module). */
  settleContractsWith(settle: ContractSettler): void {
    this.settleContract = settle;
  }

  async require(id: string): Promise<RedemptionDoc> {
    const r = await this.get(id);
    if (!r) throw new DomainError('NOT_FOUND', '找不到该兑现申请');
    return r;
  }

  ofContract(contractId: string): Promise<RedemptionDoc | null> {
    return this.col.findOne({ contractId });
  }

  async view(r: RedemptionDoc): Promise<RedemptionView> {
    const files = await this.evidence.ofContract(r.contractId);
    return {
      id: r._id,
      contractId: r.contractId,
      voucherId: r.voucherId,
      applicantId: r.applicantId,
      unitId: r.unitId,
      actualAmountFen: r.actualAmountFen,
      payableFen: r.payableFen,
      report: r.report,
      evidence: files.filter((f) => r.evidenceIds.includes(f._id)).map(evidenceView),
      status: r.status,
      submittedAt: r.submittedAt.toISOString(),
      siteVisit: r.siteVisit ? { note: r.siteVisit.note, at: r.siteVisit.at.toISOString() } : null,
      review: r.review ? { decision: r.review.decision, reason: r.review.reason, at: r.review.at.toISOString() } : null,
      paymentYear: r.paymentYear,
      payment: r.payment ? { at: r.payment.at.toISOString(), reference: r.payment.reference } : null,
    };
  }

  /** Administrators' queue, oldest first. */
  async list(status?: RedemptionStatus): Promise<RedemptionView[]> {
    const docs = await this.col.find(status ? { status } : {}, { sort: { submittedAt: 1 }, limit: 200 });
    return Promise.all(docs.map((r) => this.view(r)));
  }

  // --- application (unit staff) ---------------------------------------------------------------------

  /**
   * 第十五条3: the unit applies within one month after the contract ends. Writes, in order: this
   * document (with the `voucherPending` marker) — the decision point, one per contract — then, in
   * completeApplication, the voucher registered → redemption_applied, the evidence's redemptionId and the
   * two audit entries. A process that dies after the first write leaves a submitted application on a
   * registered voucher; the same request retried, or the sweeper's reconciliation (before it voids
   * anything), completes it with the application's own time — it was made in time, so the voucher must not
   * be voided as late at its redemption deadline.
   */
  async apply(c: ContractDoc, userId: string, input: ApplicationInput): Promise<RedemptionDoc> {
    c = await this.settleContract(c);
    if (c.status !== 'registered' || !c.terms) throw new DomainError('CONTRACT_STATE', undefined, { status: c.status });
    const pending = await this.col.findOne({ contractId: c._id, voucherPending: true });
    if (pending) {
      // A retry of an application a crash cut off: finish it (it was submitted in time), answer it.
      const outcome = await this.completeApplication(pending);
      if (outcome === 'completed' && sameApplication(pending, input)) return this.require(pending._id);
      if (outcome === 'completed') throw new DomainError('REDEMPTION_EXISTS');
    }
    const v = await this.vouchers.require(c.voucherId);
    const now = this.clock.now();
    // 第十五条3: within one month after the contract ends; the lifecycle refuses a late one.
    const t = transition(v, { type: 'apply_redemption' }, 'open_unit', now);
    if (!t.ok) throw transitionError(t.error);
    if (await this.ofContract(c._id)) throw new DomainError('REDEMPTION_EXISTS');
    const files = await this.evidence.requireUnattached(c._id, input.evidenceIds);
    const payableFen = Math.min(c.terms.voucherAmountFen, maxVoucherPayment(input.actualAmountFen, v.amountFen));
    const doc: RedemptionDoc = {
      _id: newId('rd'),
      contractId: c._id,
      voucherId: v._id,
      applicantId: c.applicantId,
      unitId: c.unitId,
      actualAmountFen: input.actualAmountFen,
      payableFen,
      report: input.report,
      evidenceIds: files.map((f) => f._id),
      status: 'submitted',
      submittedAt: now,
      submittedBy: userId,
      siteVisit: null,
      review: null,
      paymentYear: null,
      payment: null,
      updatedAt: now,
      voucherPending: true,
    };
    try {
      await this.col.insert(doc);
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new DomainError('REDEMPTION_EXISTS');
      throw err;
    }
    if ((await this.completeApplication(doc)) === 'undone') {
      const again = transition(await this.vouchers.require(v._id), { type: 'apply_redemption' }, 'open_unit', now);
      throw again.ok ? new DomainError('CONFLICT') : transitionError(again.error);
    }
    return this.require(doc._id);
  }

  /**
   * The rest of an application whose document is written (marker `voucherPending`), idempotent: the
   * voucher moves only from registered (conditional update) and with the application's own time; the
   * evidence is set to this redemption's id (setting it again changes nothing); the audit entries are
   * once-only (keyed by the redemption id); the marker goes last. Running it twice changes nothing.
   * If the voucher left `registered` without taking this application (cancelled meanwhile), the
   * application does not stand and is removed, as when the race is lost in apply.
   * Returns 'completed', 'undone', or 'none' when nothing was pending.
   */
  async completeApplication(r: RedemptionDoc): Promise<'completed' | 'undone' | 'none'> {
    if (!r.voucherPending) return 'none';
    const carries = (x: VoucherDoc | null) => x !== null && x.status !== 'registered' && x.redemptionAppliedAt?.getTime() === r.submittedAt.getTime();
    const v = await this.vouchers.require(r.voucherId);
    let applied = carries(v);
    if (!applied && v.status === 'registered') {
      // 第十五条3 was judged when the application was made (submittedAt): not again now.
      applied = carries(await this.vouchers.update({ _id: v._id, status: 'registered' }, { redemptionAppliedAt: r.submittedAt, status: 'redemption_applied' }));
    }
    if (!applied) {
      await this.col.deleteMany({ _id: r._id, voucherPending: true });
      return 'undone';
    }
    await this.evidence.attach(r.evidenceIds, r._id);
    const files = await this.evidence.ofContract(r.contractId);
    const by: ChangeActor = { id: r.submittedBy, role: 'open_unit' };
    await this.record(
      v,
      r,
      by,
      'apply',
      null,
      'submitted',
      {
        actualAmountFen: r.actualAmountFen,
        payableFen: r.payableFen,
        report: r.report,
        evidence: r.evidenceIds.map((id) => ({ id, sha256: files.find((f) => f._id === id)?.sha256 ?? null })),
      },
      `apply:${r._id}`,
    );
    await this.recordVoucher(v, by, 'apply_redemption', 'registered', 'redemption_applied', { redemptionId: r._id }, `apply_redemption:${r._id}`);
    await this.col.updateOne({ _id: r._id, voucherPending: true }, { $unset: { voucherPending: true } });
    return 'completed';
  }

  /** Completes the applications a crash interrupted (completeApplication). Run by the sweeper before it voids anything. */
  async reconcile(limit = 500): Promise<number> {
    const pending = await this.col.find({ voucherPending: true }, { sort: { submittedAt: 1 }, limit });
    let repaired = 0;
    for (const r of pending) if ((await this.completeApplication(r)) !== 'none') repaired += 1;
    return repaired;
  }

  /** Completes the interrupted application of one voucher, if any (before the voucher is cancelled, say). */
  async settleVoucher(voucherId: string): Promise<void> {
    const r = await this.col.findOne({ voucherId, voucherPending: true });
    if (r) await this.completeApplication(r);
  }

  // --- review (administrators) ----------------------------------------------------------------------

  /** 第十五条4: a doubtful application gets a site visit or hearing before the decision. */
  siteVisit(id: string, userId: string, note: string | undefined): Promise<RedemptionDoc> {
    const text = note?.trim() || null;
    return this.step(id, userId, { type: 'mark_for_site_visit', note: text ?? undefined }, ['submitted'], 'site_visit', {
      siteVisit: { note: text, at: this.clock.now(), by: userId },
    }, { note: text });
  }

  /** 第十五条4、5: approval schedules payment — this year for Q1–Q3, next year for Q4 (Beijing time). */
  approve(id: string, userId: string): Promise<RedemptionDoc> {
    const now = this.clock.now();
    const year = paymentYear(now);
    return this.step(id, userId, { type: 'approve' }, ['submitted', 'site_visit'], 'approved', {
      review: { decision: 'approved', reason: null, at: now, by: userId },
      paymentYear: year,
    }, { paymentYear: year });
  }

  reject(id: string, userId: string, reason: string): Promise<RedemptionDoc> {
    const text = reason.trim();
    return this.step(id, userId, { type: 'reject', reason: text }, ['submitted', 'site_visit'], 'rejected', {
      review: { decision: 'rejected', reason: text, at: this.clock.now(), by: userId },
    }, { reason: text });
  }

  /** 第十五条5: payment is recorded once, not before the year it is scheduled in. */
  async pay(id: string, userId: string, reference: string | undefined): Promise<RedemptionDoc> {
    const r = await this.require(id);
    const now = this.clock.now();
    if (r.status === 'approved' && r.paymentYear !== null && shanghaiYear(now) < r.paymentYear) {
      throw new DomainError('PAYMENT_NOT_DUE', undefined, { paymentYear: r.paymentYear, clause: '第十五条第五项' });
    }
    const ref = reference?.trim() || null;
    return this.step(id, userId, { type: 'pay' }, ['approved'], 'paid', { payment: { at: now, by: userId, reference: ref } }, { reference: ref });
  }

  /**
   * One review step: the lifecycle decides on the voucher (pure), the redemption's conditional update is
   * the decision point (a concurrent second click loses), then the voucher follows.
   */
  private async step(
    id: string,
    userId: string,
    event: VoucherEvent,
    from: RedemptionStatus[],
    to: RedemptionStatus,
    set: Partial<RedemptionDoc>,
    payload: unknown,
  ): Promise<RedemptionDoc> {
    let r = await this.require(id);
    if (r.voucherPending) {
      // An application a crash cut off: complete it before reviewing it.
      await this.completeApplication(r);
      r = await this.require(id);
    }
    if (!from.includes(r.status)) throw new DomainError('REDEMPTION_STATE', undefined, { status: r.status });
    const v = await this.vouchers.require(r.voucherId);
    const now = this.clock.now();
    const t = transition(v, event, 'administrator', now);
    if (!t.ok) throw transitionError(t.error);
    const updated = await this.col.updateOne({ _id: r._id, status: r.status }, { $set: { ...set, status: to, updatedAt: now } });
    if (!updated) throw new DomainError('REDEMPTION_STATE');
    const changes: Partial<VoucherDoc> = {};
    for (const key of ['status', 'siteVisitAt', 'reviewedAt', 'rejectionReason', 'paidAt'] as const) {
      if (t.voucher[key] !== undefined && t.voucher[key] !== v[key]) (changes as Record<string, unknown>)[key] = t.voucher[key];
    }
    await this.vouchers.update({ _id: v._id, status: v.status }, changes);
    const by: ChangeActor = { id: userId, role: 'administrator' };
    await this.record(v, updated, by, event.type === 'mark_for_site_visit' ? 'site_visit' : event.type, r.status, to, payload);
    if (t.record.from !== t.record.to) await this.recordVoucher(v, by, event.type, t.record.from, t.record.to, { redemptionId: r._id });
    return updated;
  }

  private record(
    v: VoucherDoc,
    r: RedemptionDoc,
    by: ChangeActor,
    event: string,
    from: RedemptionStatus | null,
    to: RedemptionStatus,
    payload: unknown,
    key?: string,
  ) {
    return this.history.record(
      v,
      { subject: 'redemption', subjectId: r._id, event, actorId: by.id, role: by.role, from, to, payload },
      { applicantId: r.applicantId, unitId: r.unitId, contractId: r.contractId },
      key,
    );
  }

  private recordVoucher(v: VoucherDoc, by: ChangeActor, event: string, from: string, to: string, payload: unknown, key?: string) {
    return this.history.record(
      v,
      { subject: 'voucher', subjectId: v._id, event, actorId: by.id, role: by.role, from, to, payload },
      { applicantId: v.applicantId, unitId: v.unitId ?? null },
      key,
    );
  }
}
