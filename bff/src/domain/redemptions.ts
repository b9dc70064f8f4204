/**
 * Redemption (兑现): the open unit applies within one month after the contract ends, with the actual
 * amount, evidence and a short report (第十五条3; later is refused — the voucher is void); administrators
 * review it with experts in review rounds (review/, 第十五条4), publish approved ones in a public notice
 * (notices/, 第十五条5) and pay them in payment batches (payments/, 第十五条5). See docs/review.md.
 *
 *   (none) ──apply (unit staff)──▶ submitted ──open_review──▶ under_review ──approve──▶ approved
 *   under_review ──reject──▶ rejected      approved ──publish_notice──▶ in_public_notice
 *   in_public_notice ──clear_notice──▶ payable ──pay (batch)──▶ paid
 *   in_public_notice ──uphold_objection──▶ under_review
 *
 * The voucher moves with it through the shared state machine (apply_redemption, open_review,
 * mark_for_site_visit, approve, reject, publish_notice, clear_notice, uphold_objection, pay). One
 * redemption per contract (unique index). Every change appends audit entries.
 *
 * **Decisions**: the voucher pays min(the voucher amount the contract registered, 50% of the actual amount
 * rounded down) — 第十二条 applies to the amount actually incurred; the decision schedules payment in the
 * decision's year for Q1–Q3 and the next year for Q4 (第十五条5), and a payment batch of a year takes only
 * what is scheduled up to that year (PAYMENT_NOT_DUE for the rest).
 */
import { z } from 'zod';
import { maxVoucherPayment, transition, type VoucherEvent } from '@kcq/shared';
import type { Clock } from './clock';
import type { ContractDoc } from './contracts';
import { DomainError, DuplicateKeyError } from './errors';
import { evidenceView, type Evidence, type EvidenceView } from './evidence';
import type { History } from './history';
import { newId } from './ids';
import { transitionError, type ChangeActor, type VoucherDoc, type Vouchers } from './vouchers';
import type { Collection, CollectionSpec, Store } from '../store';
import type { SupervisionDoors } from './supervision/sanctions';

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
  /** 第十五条4: the review item of the round reviewing it (review/rounds.ts). */
  reviewItemId?: string | null;
  /** 第十五条5: the public notice it is listed in (notices/). */
  notice?: { noticeId: string; startDay: string; endDay: string } | null;
  /** 第十五条5: the payment batch it is in (payments/); absent until then. */
  batchId?: string;
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

  /** 第十七条: a banned or removed unit cannot apply; suspended payments hold the payment (supervision/). */
  private sanctions: Pick<SupervisionDoors, 'assertUnitMay' | 'assertPaymentAllowed' | 'paymentHold'> | null = null;
  superviseWith(s: Pick<SupervisionDoors, 'assertUnitMay' | 'assertPaymentAllowed' | 'paymentHold'>): void {
    this.sanctions = s;
  }

  /** 第十七条 suspended payments: those of `rs` no decision holds (a payment batch takes only these). */
  async notHeld(rs: RedemptionDoc[]): Promise<RedemptionDoc[]> {
    if (!this.sanctions) return rs;
    const held = await Promise.all(rs.map((r) => this.sanctions!.paymentHold(r)));
    return rs.filter((_, i) => !held[i]);
  }

  /** 409 PAYMENTS_SUSPENDED when a decision holds any of these: a batch is paid whole or not at all. */
  async assertNoneHeld(ids: string[]): Promise<void> {
    for (const id of ids) await this.sanctions?.assertPaymentAllowed(await this.require(id));
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
      reviewItemId: r.reviewItemId ?? null,
      notice: r.notice ?? null,
      batchId: r.batchId ?? null,
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
    await this.sanctions?.assertUnitMay(c.unitId, 'redeem');
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

  // --- review, notice and payment steps -------------------------------------------------------------
  //
  // The single-administrator approval is gone (第十五条4、5): review/ opens rounds and records decisions,
  // notices/ runs the public notice, payments/ the batches. They all move a redemption with `step`.

  /** Redemptions in any of these statuses, oldest first (review rounds, notices, batches pick from them). */
  inStatus(statuses: RedemptionStatus[], limit = 1000): Promise<RedemptionDoc[]> {
    return this.col.find({ status: { $in: statuses } }, { sort: { submittedAt: 1 }, limit });
  }

  /** Puts a payable redemption in a payment batch; null when it is not payable or already in one. */
  claimForBatch(id: string, batchId: string): Promise<RedemptionDoc | null> {
    return this.col.updateOne({ _id: id, status: 'payable', batchId: { $exists: false } }, { $set: { batchId, updatedAt: this.clock.now() } });
  }

  /**
   * One step of review, notice or payment: the lifecycle decides on the voucher (pure), the redemption's
   * conditional update is the decision point (a concurrent second click loses), then the voucher follows
   * and both audit entries are written (第十八条). The voucher's entry is written when its status changes.
   */
  async step(
    id: string,
    by: ChangeActor,
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
    const t = transition(v, event, by.role === 'system' ? 'system' : 'administrator', now);
    if (!t.ok) throw transitionError(t.error);
    const updated = await this.col.updateOne({ _id: r._id, status: r.status }, { $set: { ...set, status: to, updatedAt: now } });
    if (!updated) throw new DomainError('REDEMPTION_STATE');
    const changes: Partial<VoucherDoc> = {};
    for (const key of ['status', 'siteVisitAt', 'reviewedAt', 'rejectionReason', 'paidAt'] as const) {
      if (t.voucher[key] !== undefined && t.voucher[key] !== v[key]) (changes as Record<string, unknown>)[key] = t.voucher[key];
    }
    await this.vouchers.update({ _id: v._id, status: v.status }, changes);
    await this.record(v, updated, by, event.type === 'mark_for_site_visit' ? 'site_visit' : event.type, r.status, to, payload);
    if (t.record.from !== t.record.to) await this.recordVoucher(v, by, event.type, t.record.from, t.record.to, { redemptionId: r._id });
    return updated;
  }

  /** An entry in the voucher's audit chain that changes no status (an expert's opinion, an objection…). */
  async note(r: RedemptionDoc, by: ChangeActor, subject: 'review' | 'notice' | 'payment', subjectId: string, event: string, payload: unknown) {
    const v = await this.vouchers.require(r.voucherId);
    return this.history.record(
      v,
      { subject, subjectId, event, actorId: by.id, role: by.role, from: r.status, to: r.status, payload },
      { applicantId: r.applicantId, unitId: r.unitId, contractId: r.contractId },
    );
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
