/**
 * Payment batches (拨付批次, 第十五条5): after the public notice ends, redemptions with no open objection are
 * payable; an administrator gathers them into a batch of this year's funds — a decision in Q1–Q3 is paid
 * from that year's funds, a Q4 decision rolls to the next year's (paymentYear), so a batch created in year
 * Y takes only what is scheduled up to Y (PAYMENT_NOT_DUE for a named later one). The batch exports as an
 * .xlsx for the finance office (xlsx.ts) and is marked paid with a reference: each redemption and voucher
 * becomes paid, audited in the voucher's chain. Payments go to the open unit (the voucher pays the service).
 * Money is integer fen throughout; yuan only in the workbook.
 */
import { z } from 'zod';
import { shanghaiDay, shanghaiYear, textSchema } from '@kcq/shared';
import type { Applicants } from '../applicants';
import type { Clock } from '../clock';
import type { Contracts } from '../contracts';
import { DomainError } from '../errors';
import { newId } from '../ids';
import type { Notices } from '../notices/notices';
import type { OpenUnits } from '../openUnits';
import type { RedemptionDoc, Redemptions } from '../redemptions';
import type { CollectionSpec, Store } from '../../store';
import { batchWorkbook, type BatchRow } from './xlsx';

export interface BatchDoc {
  _id: string;
  title: string;
  /** 第十五条5: the year whose funds pay it. */
  fundsYear: number;
  redemptionIds: string[];
  totalFen: number;
  status: 'created' | 'paid';
  createdAt: Date;
  createdBy: string;
  paid: { at: Date; by: string; reference: string } | null;
}

export const PAYMENT_BATCHES: CollectionSpec = { name: 'payment_batches', indexes: [{ fields: ['createdAt'] }] };

export const batchInputSchema = z.strictObject({
  title: textSchema('批次名称', { max: 100 }),
  redemptionIds: z.array(z.string().min(1).max(64)).min(1).max(1000).optional(),
});
export const paidInputSchema = z.strictObject({ reference: textSchema('拨付凭证号', { max: 100 }) });

export class PaymentBatches {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly redemptions: Redemptions,
    private readonly notices: Notices,
    private readonly contracts: Contracts,
    private readonly applicants: Applicants,
    private readonly openUnits: OpenUnits,
  ) {}

  private get col() {
    return this.store.collection<BatchDoc>(PAYMENT_BATCHES);
  }

  async require(id: string): Promise<BatchDoc> {
    const b = await this.col.findById(id);
    if (!b) throw new DomainError('NOT_FOUND', '找不到该拨付批次');
    return b;
  }

  list(): Promise<BatchDoc[]> {
    return this.col.find({}, { sort: { createdAt: -1 }, limit: 200 });
  }

  /** Payable redemptions not in a batch (notices that ended are settled first). */
  async payables(): Promise<RedemptionDoc[]> {
    await this.notices.settle();
    // 第十七条: suspended payments hold a redemption out of every batch until lifted (supervision/).
    return this.redemptions.notHeld((await this.redemptions.inStatus(['payable'])).filter((r) => !r.batchId));
  }

  /** 第十五条5: a batch of this year's funds from the payable redemptions (all due, or those named). */
  async create(input: z.infer<typeof batchInputSchema>, by: string): Promise<BatchDoc> {
    const now = this.clock.now();
    const fundsYear = shanghaiYear(now);
    const payable = await this.payables();
    let chosen: RedemptionDoc[];
    if (input.redemptionIds) {
      const ids = [...new Set(input.redemptionIds)];
      chosen = payable.filter((r) => ids.includes(r._id));
      if (chosen.length !== ids.length) throw new DomainError('REDEMPTION_STATE', '所选兑现申请中有尚不可拨付或已在其他批次中的');
      const early = chosen.find((r) => (r.paymentYear ?? fundsYear) > fundsYear);
      if (early) throw new DomainError('PAYMENT_NOT_DUE', undefined, { redemptionId: early._id, paymentYear: early.paymentYear, clause: '第十五条第五项' });
    } else {
      chosen = payable.filter((r) => (r.paymentYear ?? fundsYear) <= fundsYear);
    }
    if (!chosen.length) throw new DomainError('NOTHING_PAYABLE', undefined, { fundsYear });
    const batch: BatchDoc = { _id: newId('pb'), title: input.title, fundsYear, redemptionIds: [], totalFen: 0, status: 'created', createdAt: now, createdBy: by, paid: null };
    await this.col.insert(batch);
    for (const r of chosen) {
      const claimed = await this.redemptions.claimForBatch(r._id, batch._id);
      if (!claimed) continue; // another batch took it meanwhile
      batch.redemptionIds.push(r._id);
      batch.totalFen += r.payableFen;
      await this.redemptions.note(claimed, { id: by, role: 'administrator' }, 'payment', batch._id, 'batch', { batchId: batch._id, fundsYear, payableFen: r.payableFen });
    }
    if (!batch.redemptionIds.length) {
      await this.col.deleteMany({ _id: batch._id });
      throw new DomainError('NOTHING_PAYABLE', undefined, { fundsYear });
    }
    return (await this.col.updateOne({ _id: batch._id }, { $set: { redemptionIds: batch.redemptionIds, totalFen: batch.totalFen } }))!;
  }

  async rows(b: BatchDoc): Promise<BatchRow[]> {
    const rows: BatchRow[] = [];
    for (const id of b.redemptionIds) {
      const r = await this.redemptions.require(id);
      const c = await this.contracts.get(r.contractId);
      const applicant = await this.applicants.get(r.applicantId);
      const unit = await this.openUnits.get(r.unitId);
      rows.push({
        unitName: unit?.name ?? c?.unitName ?? '',
        contractNo: c?.terms?.contractNo ?? '',
        applicantName: (applicant?.profile as { name?: string } | undefined)?.name ?? '',
        serviceName: c?.serviceName ?? '',
        actualAmountFen: r.actualAmountFen,
        payableFen: r.payableFen,
        approvedDay: r.review ? shanghaiDay(r.review.at) : '',
        noticeStartDay: r.notice?.startDay ?? '',
        noticeEndDay: r.notice?.endDay ?? '',
      });
    }
    return rows;
  }

  async view(b: BatchDoc) {
    return {
      id: b._id,
      title: b.title,
      fundsYear: b.fundsYear,
      status: b.status,
      totalFen: b.totalFen,
      createdAt: b.createdAt.toISOString(),
      paid: b.paid ? { at: b.paid.at.toISOString(), reference: b.paid.reference } : null,
      items: (await this.rows(b)).map((row, i) => ({ redemptionId: b.redemptionIds[i], ...row })),
    };
  }

  async workbook(id: string): Promise<{ batch: BatchDoc; data: Buffer }> {
    const batch = await this.require(id);
    return { batch, data: await batchWorkbook({ title: batch.title, fundsYear: batch.fundsYear }, await this.rows(batch)) };
  }

  /** The finance office paid the batch: each redemption and its voucher become paid (第十五条5). */
  async markPaid(id: string, reference: string, by: string): Promise<BatchDoc> {
    // 第十七条: payments suspended after the batch was made hold the whole batch (409 PAYMENTS_SUSPENDED).
    await this.redemptions.assertNoneHeld((await this.require(id)).redemptionIds);
    const now = this.clock.now();
    const b = await this.col.updateOne({ _id: id, status: 'created' }, { $set: { status: 'paid', paid: { at: now, by, reference } } });
    if (!b) {
      await this.require(id);
      throw new DomainError('BATCH_STATE');
    }
    for (const rid of b.redemptionIds) {
      await this.redemptions.step(rid, { id: by, role: 'administrator' }, { type: 'pay' }, ['payable'], 'paid', { payment: { at: now, by, reference } }, {
        batchId: b._id,
        reference,
      });
    }
    return b;
  }
}
