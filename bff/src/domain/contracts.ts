/**
 * Voucher service contracts (创新券服务合同): proposal, confirmation = contract registration, rejection,
 * amendment and cancellation. Rules: 第九条 (the open unit confirms the applicant and the project and
 * keeps both confidential), 第十二条 (no project already funded by municipal S&T money; a voucher pays at
 * most 50% of the contract), 第十五条2 (registration within 15 days of the claim; the contract ends within
 * the 3-month validity), 第十六条 (one voucher, one contract; a voucher is never moved or reused).
 *
 * One voucher, one contract. A contract carries `activeVoucherId` — its voucher's id — only while it is
 * proposed or registered, under a unique sparse index: a second live contract for the same voucher is
 * refused by the store itself (VOUCHER_HAS_CONTRACT), whatever the race. A rejected, withdrawn or lapsed
 * proposal drops the field, so the voucher is free again while its registration window lasts.
 *
 *   (none) ──propose (applicant)──▶ proposed ──confirm (unit staff)──▶ registered ──cancel──▶ cancelled
 *   proposed ──reject (unit staff, reason)──▶ rejected        proposed ──cancel (applicant)──▶ withdrawn
 *   proposed ──(voucher void: expired or cancelled)──▶ lapsed          registered ──amend──▶ registered
 *
 * The voucher's own steps (register, amend, cancel) go through the shared state machine (lifecycle.ts);
 * every change of the contract or the voucher appends an audit entry to the voucher's chain (history.ts).
 */
import { z } from 'zod';
import {
  deadlines,
  deriveStatus,
  isIsoDay,
  maxVoucherPayment,
  shanghaiDay,
  transition,
  compareDays,
  type Actor,
  type IsoDay,
  type VoidReason,
  type VoucherStatus,
} from '@kcq/shared';
import type { Clock } from './clock';
import type { Catalogue } from './catalogue';
import type { ContractLinks } from './contractLinks';
import { DomainError, DuplicateKeyError } from './errors';
import type { History } from './history';
import { newId } from './ids';
import type { OpenUnits } from './openUnits';
import { transitionError, type ChangeActor, type VoucherDoc, type Vouchers } from './vouchers';
import type { Collection, CollectionSpec, Store } from '../store';
import type { SupervisionDoors } from './supervision/sanctions';

// The wire shapes live in @kcq/shared (one declaration for the BFF and the mini-program).
import { textSchema, type ContractStatus, type ContractTerms, type ContractView } from '@kcq/shared';
export { CONTRACT_STATUSES, type ContractStatus, type ContractTerms, type ContractView } from '@kcq/shared';


export interface ContractDoc {
  _id: string;
  voucherId: string;
  /** Set only while proposed or registered (unique sparse index): one live contract per voucher. */
  activeVoucherId?: string;
  applicantId: string;
  unitId: string;
  unitName: string;
  serviceId: string | null;
  serviceName: string | null;
  labId: string | null;
  /** 第九条3: confidential — only the applicant, the unit's staff and administrators see it. */
  project: { title: string; description: string };
  /** 第十二条: the applicant declared the project has received no municipal S&T funding. */
  municipalFunding: false;
  status: ContractStatus;
  proposedAt: Date;
  proposedBy: string;
  terms: ContractTerms | null;
  registeredAt: Date | null;
  confirmedBy: string | null;
  /** Set by a confirmation's first write, cleared once its voucher is registered (crash repair). */
  voucherPending?: true;
  /**
   * Set by an amendment's first write (terms + the pushed amendment), cleared once the voucher carries the
   * amended contract end day and the amendment's audit entry is written (crash repair, completeAmendment).
   */
  amendmentPending?: true;
  rejection: { reason: string; by: string; at: Date } | null;
  amendments: { at: Date; by: string; reason: string | null; before: ContractTerms; after: ContractTerms }[];
  closed: { at: Date; by: string; role: string; reason: string | null } | null;
  version: number;
  updatedAt: Date;
}

export const CONTRACTS: CollectionSpec = {
  name: 'contracts',
  indexes: [
    { fields: ['activeVoucherId'], unique: true, sparse: true },
    { fields: ['voucherId'] },
    { fields: ['applicantId', 'proposedAt'] },
    { fields: ['unitId', 'proposedAt'] },
    // Only interrupted confirmations carry it: the reconciliation's query stays tiny.
    { fields: ['voucherPending'], sparse: true },
    { fields: ['amendmentPending'], sparse: true },
  ],
};

/** Statuses that make a unit "linked" to the applicant for 第九条3 (a contract is or was in force, or is on the table). */
const LINKING: ContractStatus[] = ['proposed', 'registered', 'cancelled'];

// --- input -------------------------------------------------------------------------------------------

const fen = (what: string) => z.number({ error: `请填写${what}（分）` }).int({ error: `${what}应为整数（分）` }).min(1, { error: `${what}应大于0` });
const day = z.string().refine(isIsoDay, { error: '日期格式应为 YYYY-MM-DD' });

export const proposalSchema = z
  .strictObject({
    voucherId: z.string().min(1).max(64),
    serviceId: z.string().min(1).max(64).optional(),
    unitId: z.string().min(1).max(64).optional(),
    project: z.strictObject({
      title: textSchema('项目名称', { max: 100, tooLongMessage: '项目名称不超过100字' }),
      description: textSchema('项目内容', { max: 2000, multiline: true, emptyMessage: '请描述项目内容', tooLongMessage: '项目内容不超过2000字' }),
    }),
    municipalFundingReceived: z.boolean({ error: '请声明该项目是否已获得市级财政科技资金支持' }),
  })
  .refine((p) => Boolean(p.serviceId) !== Boolean(p.unitId), { error: '请选择一项服务或一个开放单位（二选一）', path: ['serviceId'] });
export type ProposalInput = z.infer<typeof proposalSchema>;

export const termsSchema = z.strictObject({
  contractNo: textSchema('合同编号', { max: 64, tooLongMessage: '合同编号不超过64字' }),
  contractAmountFen: fen('合同金额'),
  startDay: day,
  endDay: day,
  voucherAmountFen: fen('使用创新券金额'),
});

export const amendSchema = termsSchema.partial().extend({ reason: textSchema('变更原因', { max: 200, required: false, multiline: true }).optional() });
export type AmendInput = z.infer<typeof amendSchema>;

// --- views -------------------------------------------------------------------------------------------


/** Status as read now: a proposal whose voucher is void (derived, no job needed) has lapsed. */
export function contractStatus(c: ContractDoc, v: VoucherDoc, now: Date): ContractStatus {
  if (c.status === 'proposed' && deriveStatus(v, now).status === 'void') return 'lapsed';
  return c.status;
}

export function contractView(c: ContractDoc, v: VoucherDoc, now: Date): ContractView {
  const derived = deriveStatus(v, now);
  const d = deadlines(v, now);
  return {
    id: c._id,
    voucherId: c.voucherId,
    applicantId: c.applicantId,
    unitId: c.unitId,
    unitName: c.unitName,
    serviceId: c.serviceId,
    serviceName: c.serviceName,
    project: c.project,
    status: contractStatus(c, v, now),
    terms: c.terms,
    voucher: {
      amountFen: v.amountFen,
      status: derived.status,
      voidReason: derived.voidReason ?? null,
      registrationDeadline: d.registrationDeadline.toISOString(),
      validUntil: d.validUntil?.toISOString() ?? null,
      redemptionDeadline: d.redemptionDeadline?.toISOString() ?? null,
    },
    maxVoucherAmountFen: c.terms ? maxVoucherPayment(c.terms.contractAmountFen, v.amountFen) : null,
    proposedAt: c.proposedAt.toISOString(),
    registeredAt: c.registeredAt?.toISOString() ?? null,
    rejection: c.rejection ? { reason: c.rejection.reason, at: c.rejection.at.toISOString() } : null,
    amendments: c.amendments.map((a) => ({ at: a.at.toISOString(), reason: a.reason, before: a.before, after: a.after })),
    closed: c.closed ? { at: c.closed.at.toISOString(), role: c.closed.role, reason: c.closed.reason } : null,
  };
}

/** How the caller stands to a contract (authz.ts decides it; the lifecycle checks the step against it). */
export type ContractRole = Extract<Actor, 'applicant' | 'open_unit' | 'administrator'>;

function sameTerms(a: ContractTerms | null, b: ContractTerms): boolean {
  return (
    a !== null &&
    a.contractNo === b.contractNo &&
    a.contractAmountFen === b.contractAmountFen &&
    a.startDay === b.startDay &&
    a.endDay === b.endDay &&
    a.voucherAmountFen === b.voucherAmountFen
  );
}

export class Contracts implements ContractLinks {
  private readonly col: Collection<ContractDoc>;

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly vouchers: Vouchers,
    private readonly catalogue: Catalogue,
    private readonly openUnits: OpenUnits,
    private readonly history: History,
  ) {
    this.col = store.collection<ContractDoc>(CONTRACTS);
    // A voucher that becomes void (expired, cancelled from the voucher list, swept) closes its live contract.
    vouchers.onVoid((v, reason, by, note) => this.voucherVoided(v, reason, by, note));
  }

  get(id: string): Promise<ContractDoc | null> {
    return this.col.findById(id);
  }

  /** 第十七条 bans and removals, checked at the proposal, the confirmation and the amendment. */
  private sanctions: Pick<SupervisionDoors, 'assertApplicantMay' | 'assertUnitMay'> | null = null;
  superviseWith(s: Pick<SupervisionDoors, 'assertApplicantMay' | 'assertUnitMay'>): void {
    this.sanctions = s;
  }

  /** 第九条3 (ContractLinks): does this unit have, or had it, a contract with this applicant? */
  async unitHasContractWith(openUnitId: string, applicantId: string): Promise<boolean> {
    return (await this.col.count({ unitId: openUnitId, applicantId, status: { $in: LINKING } })) > 0;
  }

  async view(c: ContractDoc): Promise<ContractView> {
    return contractView(c, await this.vouchers.require(c.voucherId), this.clock.now());
  }

  /** Contracts the caller is party to: its applicant's, its unit's; administrators see every one. */
  async list(scope: { applicantId: string | null; unitId: string | null; all: boolean }, status?: ContractStatus): Promise<ContractView[]> {
    const or: Record<string, unknown>[] = [];
    if (scope.applicantId) or.push({ applicantId: scope.applicantId });
    if (scope.unitId) or.push({ unitId: scope.unitId });
    if (!scope.all && or.length === 0) return [];
    const filter: Record<string, unknown> = scope.all ? {} : { $or: or };
    const docs = await this.col.find(filter, { sort: { proposedAt: -1 }, limit: 200 });
    const views = await Promise.all(docs.map((c) => this.view(c)));
    return status ? views.filter((v) => v.status === status) : views;
  }

  // --- 1. proposal (applicant) ----------------------------------------------------------------------

  async propose(applicantId: string, userId: string, input: ProposalInput): Promise<ContractDoc> {
    // 第十六条: the voucher belongs to the applicant; another's is not known to exist.
    const v = await this.vouchers.get(input.voucherId);
    if (!v || v.applicantId !== applicantId) throw new DomainError('NOT_FOUND', '找不到该创新券');
    await this.sanctions?.assertApplicantMay(applicantId, 'propose');
    // 第十二条: a project already funded by municipal S&T money cannot use a voucher.
    if (input.municipalFundingReceived) throw new DomainError('MUNICIPAL_FUNDING_DECLARED', undefined, { clause: '第十二条' });
    const now = this.clock.now();
    const derived = deriveStatus(v, now);
    if (derived.voidReason === 'unregistered_expired') {
      throw new DomainError('REGISTRATION_DEADLINE_PASSED', undefined, { clause: '第十五条第二项' });
    }
    if (derived.status !== 'claimed') throw new DomainError('VOUCHER_NOT_AVAILABLE', undefined, { status: derived.status });

    let target: { unitId: string; unitName: string; serviceId: string | null; serviceName: string | null; labId: string | null };
    if (input.serviceId) {
      const t = await this.catalogue.proposalTarget(input.serviceId);
      target = { unitId: t.unit._id, unitName: t.unit.name, serviceId: t.service._id, serviceName: t.service.name, labId: t.lab._id };
    } else {
      const unit = await this.openUnits.get(input.unitId as string);
      if (!unit) throw new DomainError('NOT_FOUND', '找不到该开放单位');
      const availability = await this.catalogue.unitAcceptsProposals(unit._id);
      if (!availability.ok) throw new DomainError(availability.code, undefined, { reason: availability.reason });
      target = { unitId: unit._id, unitName: unit.name, serviceId: null, serviceName: null, labId: null };
    }
    await this.sanctions?.assertUnitMay(target.unitId, 'receive_proposal');

    const doc: ContractDoc = {
      _id: newId('ct'),
      voucherId: v._id,
      activeVoucherId: v._id,
      applicantId,
      ...target,
      project: input.project,
      municipalFunding: false,
      status: 'proposed',
      proposedAt: now,
      proposedBy: userId,
      terms: null,
      registeredAt: null,
      confirmedBy: null,
      rejection: null,
      amendments: [],
      closed: null,
      version: 1,
      updatedAt: now,
    };
    try {
      await this.col.insert(doc);
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new DomainError('VOUCHER_HAS_CONTRACT', undefined, { clause: '第十六条' });
      throw err;
    }
    await this.record(v, doc, { id: userId, role: 'applicant' }, 'propose', null, 'proposed', {
      unitId: doc.unitId,
      serviceId: doc.serviceId,
      project: doc.project,
      municipalFundingReceived: false,
    });
    return doc;
  }

  // --- 2. confirmation = contract registration (unit staff) -----------------------------------------

  /**
   * 第十五条2: the unit confirms with the signed contract's number, amount, dates and the voucher amount
   * to apply; the voucher becomes registered (valid to the end of registration day + 3 months) and the
   * contract must end within that validity. A repeated identical confirmation answers the same contract.
   */
  async confirm(c: ContractDoc, userId: string, terms: ContractTerms): Promise<ContractDoc> {
    if (c.status === 'registered') {
      // A retry after an answer that never arrived: finish the voucher step if a crash cut it off.
      await this.completeRegistration(c);
      return this.replayConfirm(c, terms);
    }
    if (c.status !== 'proposed') throw new DomainError('CONTRACT_STATE', undefined, { status: c.status });
    await this.sanctions?.assertUnitMay(c.unitId, 'confirm');
    const v = await this.vouchers.require(c.voucherId);
    const now = this.clock.now();
    this.checkTerms(terms, v);
    const t = transition(v, { type: 'register', contractEndDay: terms.endDay }, 'open_unit', now);
    if (!t.ok) throw transitionError(t.error);

    // The contract is the decision point: one confirmation wins, a concurrent one replays it.
    const registered = await this.col.updateOne(
      { _id: c._id, status: 'proposed' },
      { $set: { status: 'registered', terms, registeredAt: now, confirmedBy: userId, updatedAt: now, voucherPending: true }, $inc: { version: 1 } },
    );
    if (!registered) {
      const current = await this.col.findById(c._id);
      if (current?.status === 'registered') {
        await this.completeRegistration(current);
        return this.replayConfirm(current, terms);
      }
      throw new DomainError('CONTRACT_STATE', undefined, { status: current?.status ?? null });
    }
    const voucher = await this.vouchers.update(
      { _id: v._id, status: 'claimed' },
      { status: 'registered', registeredAt: now, contractEndDay: terms.endDay, contractId: c._id, unitId: c.unitId },
    );
    if (!voucher) {
      // The voucher changed meanwhile (cancelled, expired): undo the contract and report why.
      await this.col.updateOne(
        { _id: c._id, status: 'registered', version: registered.version },
        { $set: { status: 'proposed', terms: null, registeredAt: null, confirmedBy: null, updatedAt: now }, $inc: { version: 1 } },
      );
      const fresh = await this.vouchers.require(v._id);
      const again = transition(fresh, { type: 'register', contractEndDay: terms.endDay }, 'open_unit', now);
      throw again.ok ? new DomainError('CONFLICT') : transitionError(again.error);
    }
    await this.col.updateOne({ _id: c._id }, { $unset: { voucherPending: true } });
    delete registered.voucherPending;
    const by: ChangeActor = { id: userId, role: 'open_unit' };
    await this.record(v, registered, by, 'confirm', 'proposed', 'registered', terms);
    await this.history.record(
      v,
      { subject: 'voucher', subjectId: v._id, event: 'register', actorId: userId, role: 'open_unit', from: 'claimed', to: 'registered', payload: { contractId: c._id, contractEndDay: terms.endDay } },
      { applicantId: v.applicantId, unitId: c.unitId },
    );
    return registered;
  }

  /**
   * The second half of a confirmation (contract registered → voucher registered), idempotent: a
   * process that died between the two conditional updates leaves a registered contract on a claimed
   * voucher; a retried confirmation or the sweeper's reconciliation completes it with the contract's
   * own registration time (within the window, so the 15-day rule is judged as it was). Returns
   * whether it had anything to do.
   */
  private async completeRegistration(c: ContractDoc): Promise<boolean> {
    if (c.status !== 'registered' || !c.voucherPending || !c.terms || !c.registeredAt || !c.confirmedBy) return false;
    const v = await this.vouchers.get(c.voucherId);
    const voucher =
      v && v.status === 'claimed'
        ? await this.vouchers.update(
            { _id: v._id, status: 'claimed' },
            { status: 'registered', registeredAt: c.registeredAt, contractEndDay: c.terms.endDay, contractId: c._id, unitId: c.unitId },
          )
        : null;
    await this.col.updateOne({ _id: c._id }, { $unset: { voucherPending: true } });
    if (!v || !voucher) return false;
    await this.history.record(
      v,
      {
        subject: 'voucher',
        subjectId: v._id,
        event: 'register',
        actorId: c.confirmedBy,
        role: 'open_unit',
        from: 'claimed',
        to: 'registered',
        payload: { contractId: c._id, contractEndDay: c.terms.endDay, completedAfterInterruption: true },
      },
      { applicantId: v.applicantId, unitId: c.unitId },
    );
    return true;
  }

  /**
   * Completes confirmations and amendments a crash interrupted (see completeRegistration and
   * completeAmendment): exactly the contracts still marked `voucherPending` or `amendmentPending`. Run by
   * the sweeper before it voids anything, so that no voucher is voided on a deadline its contract no longer
   * has (第十五条2 registration, 第十五条3 redemption after an amended contract end).
   */
  async reconcile(limit = 500): Promise<number> {
    const recent = await this.col.find({ status: 'registered', voucherPending: true }, { sort: { registeredAt: 1 }, limit });
    let repaired = 0;
    for (const c of recent) if (await this.completeRegistration(c)) repaired += 1;
    const amending = await this.col.find({ amendmentPending: true }, { sort: { updatedAt: 1 }, limit });
    for (const c of amending) if ((await this.completeAmendment(c)) !== 'none') repaired += 1;
    return repaired;
  }

  /**
   * The contract with any interrupted confirmation or amendment completed (what a redemption application
   * reads: its end day and voucher amount must be the ones the voucher carries).
   */
  async settle(c: ContractDoc): Promise<ContractDoc> {
    if (!c.voucherPending && !c.amendmentPending) return c;
    if (c.voucherPending) await this.completeRegistration(c);
    if (c.amendmentPending) await this.completeAmendment((await this.col.findById(c._id)) ?? c);
    return (await this.col.findById(c._id)) ?? c;
  }

  private replayConfirm(c: ContractDoc, terms: ContractTerms): ContractDoc {
    if (sameTerms(c.terms, terms)) return c;
    throw new DomainError('CONTRACT_ALREADY_CONFIRMED');
  }

  /** 第十二条 and the dates: start ≤ end, not before the claim day; voucher amount ≤ min(voucher, 50%). */
  private checkTerms(terms: ContractTerms, v: VoucherDoc): void {
    if (compareDays(terms.startDay, terms.endDay) > 0) {
      throw new DomainError('CONTRACT_DATES_INVALID', '合同开始日期不能晚于到期日');
    }
    if (compareDays(terms.startDay, shanghaiDay(v.claimedAt)) < 0) {
      throw new DomainError('CONTRACT_DATES_INVALID', `合同开始日期不能早于创新券领取日 ${shanghaiDay(v.claimedAt)}`);
    }
    const maxFen = maxVoucherPayment(terms.contractAmountFen, v.amountFen);
    if (terms.voucherAmountFen > maxFen) {
      throw new DomainError('VOUCHER_AMOUNT_TOO_HIGH', undefined, { maxFen, clause: '第十二条' });
    }
  }

  // --- rejection (unit staff) -----------------------------------------------------------------------

  /** The unit declines the proposal with a reason; the voucher is free again while its window lasts. */
  async reject(c: ContractDoc, userId: string, reason: string): Promise<ContractDoc> {
    const text = reason.trim();
    if (!text) throw new DomainError('REASON_REQUIRED', '请填写不予确认的原因');
    if (c.status !== 'proposed') throw new DomainError('CONTRACT_STATE', undefined, { status: c.status });
    const now = this.clock.now();
    const rejected = await this.col.updateOne(
      { _id: c._id, status: 'proposed' },
      { $set: { status: 'rejected', rejection: { reason: text, by: userId, at: now }, updatedAt: now }, $unset: { activeVoucherId: true }, $inc: { version: 1 } },
    );
    if (!rejected) throw new DomainError('CONTRACT_STATE');
    const v = await this.vouchers.require(c.voucherId);
    await this.record(v, rejected, { id: userId, role: 'open_unit' }, 'reject', 'proposed', 'rejected', { reason: text });
    return rejected;
  }

  // --- 3. changes -----------------------------------------------------------------------------------

  /**
   * The unit amends a registered contract before redemption; every amendment is kept (before/after).
   *
   * Two writes: the contract (terms, the pushed amendment, the `amendmentPending` marker), then the
   * voucher's copy of what its deadlines hang on — the contract end day, from which the redemption
   * deadline is derived (第十五条3: one month after the contract ends; the end stays within the validity,
   * 第十五条2). The voucher keeps no copy of the voucher amount: the redemption reads it from the contract's
   * terms (第十二条). completeAmendment does the voucher write and the audit entry; a process that dies
   * after the first write is completed by a retried amendment or by the sweeper's reconciliation.
   */
  async amend(c: ContractDoc, userId: string, input: AmendInput): Promise<ContractDoc> {
    await this.sanctions?.assertApplicantMay(c.applicantId, 'amend');
    await this.sanctions?.assertUnitMay(c.unitId, 'amend');
    let completed = false;
    if (c.amendmentPending) {
      // An earlier amendment a crash cut off: complete it first, then amend what it left.
      completed = (await this.completeAmendment(c)) === 'completed';
      c = (await this.col.findById(c._id)) ?? c;
    }
    if (c.status !== 'registered' || !c.terms) throw new DomainError('CONTRACT_STATE', undefined, { status: c.status });
    const { reason, ...changes } = input;
    const before = c.terms;
    const after: ContractTerms = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, x]) => x !== undefined)) };
    // The same amendment retried after a crash cut it off: completing it was the answer (no second entry).
    if (completed && sameTerms(before, after)) return c;
    // An application for redemption a crash cut off completes first: then the lifecycle refuses the amendment.
    const v = await this.vouchers.settle(c.voucherId);
    const now = this.clock.now();
    this.checkTerms(after, v);
    const t = transition(v, { type: 'amend', contractEndDay: after.endDay }, 'open_unit', now);
    if (!t.ok) throw transitionError(t.error);
    const amendment = { at: now, by: userId, reason: reason || null, before, after };
    const amended = await this.col.updateOne(
      { _id: c._id, status: 'registered', version: c.version },
      { $set: { terms: after, updatedAt: now, amendmentPending: true }, $push: { amendments: amendment }, $inc: { version: 1 } },
    );
    if (!amended) throw new DomainError('CONFLICT');
    if ((await this.completeAmendment(amended)) === 'undone') {
      // Redemption was applied for, or the voucher was voided, meanwhile: the amendment does not stand.
      const fresh = await this.vouchers.require(v._id);
      const again = transition(fresh, { type: 'amend', contractEndDay: after.endDay }, 'open_unit', now);
      throw again.ok ? new DomainError('CONFLICT') : transitionError(again.error);
    }
    return (await this.col.findById(c._id)) ?? amended;
  }

  /**
   * The rest of an amendment whose contract write is done (marker `amendmentPending`), idempotent: every
   * write is conditional or sets what is already there, and the audit entry is once-only (keyed by the
   * contract and the amendment), so running it twice — or after a normal completion — changes
   * nothing (the key is the amendment's position and time: a rolled-back amendment never wrote its
   * entry, so a later one in its place cannot collide with one). The voucher takes the amended contract end day (第十五条3: the redemption deadline follows
   * it) with the amendment's own time, not the repair's; an older amendment never overwrites a newer one
   * (`amendedAt` ≤ this amendment's). If the voucher has left `registered` without taking it (redemption
   * applied, voided), the amendment does not stand: the contract's terms and amendments go back.
   * Returns 'completed', 'undone', or 'none' when nothing was pending.
   */
  async completeAmendment(c: ContractDoc): Promise<'completed' | 'undone' | 'none'> {
    const last = c.amendments[c.amendments.length - 1];
    if (!c.amendmentPending || !last) {
      if (c.amendmentPending) await this.col.updateOne({ _id: c._id }, { $unset: { amendmentPending: true } });
      return 'none';
    }
    const carries = (x: VoucherDoc | null) => x?.contractEndDay === last.after.endDay && x?.amendedAt?.getTime() === last.at.getTime();
    const v = await this.vouchers.require(c.voucherId);
    let applied = carries(v);
    if (!applied && v.status === 'registered') {
      applied = carries(
        await this.vouchers.update(
          { _id: v._id, status: 'registered', $or: [{ amendedAt: { $exists: false } }, { amendedAt: { $lte: last.at } }] },
          { contractEndDay: last.after.endDay, amendedAt: last.at },
        ),
      );
    }
    if (!applied) {
      await this.col.updateOne(
        { _id: c._id, version: c.version, amendmentPending: true },
        { $set: { terms: last.before, amendments: c.amendments.slice(0, -1), updatedAt: this.clock.now() }, $unset: { amendmentPending: true }, $inc: { version: 1 } },
      );
      return 'undone';
    }
    await this.record(
      v,
      c,
      { id: last.by, role: 'open_unit' },
      'amend',
      'registered',
      'registered',
      { before: last.before, after: last.after, reason: last.reason },
      `amend:${c._id}:${c.amendments.length}:${last.at.getTime()}`,
    );
    // Clear the marker only if no later write (another amendment) has set it again since.
    let current: ContractDoc | null = c;
    while (current?.amendmentPending && current.amendments[current.amendments.length - 1]?.at.getTime() === last.at.getTime()) {
      if (await this.col.updateOne({ _id: c._id, version: current.version }, { $unset: { amendmentPending: true } })) break;
      current = await this.col.findById(c._id);
    }
    return 'completed';
  }

  /**
   * Cancel: a proposal is withdrawn by its applicant (the voucher stays claimed); a registered contract is
   * cancelled by the applicant, the unit or an administrator (the lifecycle's cancel step), and the voucher
   * becomes void(cancelled) and releases its amount (docs/claims.md, "Release").
   */
  async cancel(c: ContractDoc, by: ChangeActor & { role: ContractRole }, reason: string | undefined): Promise<ContractDoc> {
    const now = this.clock.now();
    const v = await this.vouchers.require(c.voucherId);
    if (c.status === 'proposed') {
      if (by.role !== 'applicant') {
        throw new DomainError('ACTOR_NOT_ALLOWED', by.role === 'open_unit' ? '开放单位请使用“不予确认”并说明原因' : '只有申领单位可以撤回合作申请');
      }
      const withdrawn = await this.col.updateOne(
        { _id: c._id, status: 'proposed' },
        {
          $set: { status: 'withdrawn', closed: { at: now, by: by.id, role: by.role, reason: reason ?? null }, updatedAt: now },
          $unset: { activeVoucherId: true },
          $inc: { version: 1 },
        },
      );
      if (!withdrawn) throw new DomainError('CONTRACT_STATE');
      await this.record(v, withdrawn, by, 'withdraw', 'proposed', 'withdrawn', { reason: reason ?? null });
      return withdrawn;
    }
    if (c.status !== 'registered') throw new DomainError('CONTRACT_STATE', undefined, { status: c.status });
    // The voucher's void closes the contract through the void listener (voucherVoided).
    await this.vouchers.cancelAs(v, by, by.role, reason, now);
    const closed = await this.col.findById(c._id);
    if (!closed) throw new DomainError('NOT_FOUND');
    return closed;
  }

  /** A voucher went void: a pending proposal lapses; a registered contract is cancelled with it. */
  private async voucherVoided(v: VoucherDoc, reason: VoidReason, by: ChangeActor, note?: string): Promise<void> {
    const c = await this.col.findOne({ activeVoucherId: v._id });
    if (!c) return;
    const now = this.clock.now();
    const closed = { at: now, by: by.id, role: by.role, reason: note ?? null };
    if (c.status === 'proposed') {
      const lapsed = await this.col.updateOne(
        { _id: c._id, status: 'proposed' },
        { $set: { status: 'lapsed', closed, updatedAt: now }, $unset: { activeVoucherId: true }, $inc: { version: 1 } },
      );
      if (lapsed) await this.record(v, lapsed, by, 'lapse', 'proposed', 'lapsed', { voidReason: reason });
    } else if (c.status === 'registered' && reason === 'cancelled') {
      const cancelled = await this.col.updateOne(
        { _id: c._id, status: 'registered' },
        { $set: { status: 'cancelled', closed, updatedAt: now }, $inc: { version: 1 } },
      );
      if (cancelled) await this.record(v, cancelled, by, 'cancel', 'registered', 'cancelled', { reason: note ?? null });
    }
  }

  private record(
    v: VoucherDoc,
    c: ContractDoc,
    by: ChangeActor,
    event: string,
    from: ContractStatus | null,
    to: ContractStatus,
    payload: unknown,
    key?: string,
  ) {
    return this.history.record(
      v,
      { subject: 'contract', subjectId: c._id, event, actorId: by.id, role: by.role, from, to, payload },
      { applicantId: c.applicantId, unitId: c.unitId },
      key,
    );
  }
}
