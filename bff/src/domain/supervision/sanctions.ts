/**
 * The sanctions lookup every door asks (第十七条, POLICY.md Decision): is this applicant banned, is this
 * open unit banned or removed, are this redemption's payments suspended, does this applicant have a
 * credit-record entry (第七条第四项)?
 *
 * Cost: the flash claim asks on every request, so the answer comes from an index of the measures in
 * force, built from the decided cases (a handful) and kept in memory. It is rebuilt when a case changes:
 * at once for a write made by this process; on the embedded store (one process owns the file) whenever
 * the cases collection's change stamp moves; on MongoDB (several instances write) at most
 * MONGO_REFRESH_MS after a write made elsewhere. A lookup between rebuilds is a Map read.
 *
 * Who a ban follows: an applicant is banned when a ban names its record (the id: survives profile edits
 * and an enterprise transfer to another user) or its unified social credit code as it was when the case
 * was opened (survives a new user account registering the same enterprise after the old record changed
 * its code). A startup team has no code: its ban follows its record.
 */
import { shanghaiDay, type EligibilityFailure, type IsoDay } from '@kcq/shared';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { banActive, type CaseDoc, type Cases } from './cases';

/** How stale the index may be on a store written by several processes (MongoDB). */
export const MONGO_REFRESH_MS = 2_000;

interface BanRef {
  caseId: string;
  from: IsoDay;
  until: IsoDay;
}

interface SuspensionRef {
  caseId: string;
}

class SanctionIndex {
  readonly bansByApplicant = new Map<string, BanRef[]>();
  readonly bansByCreditCode = new Map<string, BanRef[]>();
  readonly unitBans = new Map<string, BanRef[]>();
  readonly removedUnits = new Map<string, string>();
  readonly creditRecords = new Map<string, string[]>();
  readonly creditRecordsByCode = new Map<string, string[]>();
  /** Suspended payments: by party (applicant or unit id) and by item concerned (voucher, contract, redemption id). */
  readonly suspended = new Map<string, SuspensionRef>();

  constructor(readonly generation: number) {}

  static build(cases: CaseDoc[], generation: number): SanctionIndex {
    const ix = new SanctionIndex(generation);
    const push = <T>(m: Map<string, T[]>, k: string, v: T) => m.set(k, [...(m.get(k) ?? []), v]);
    for (const c of cases) {
      for (const m of c.decision?.measures ?? []) {
        const p = c.party;
        if (m.kind === 'ban') {
          const ref = { caseId: c._id, from: m.from, until: m.until };
          if (p.kind === 'applicant') {
            push(ix.bansByApplicant, p.applicantId, ref);
            if (p.creditCode) push(ix.bansByCreditCode, p.creditCode, ref);
          } else push(ix.unitBans, p.unitId, ref);
        } else if (m.kind === 'removal' && p.kind === 'open_unit') {
          ix.removedUnits.set(p.unitId, c._id);
        } else if (m.kind === 'credit_record' && p.kind === 'applicant') {
          push(ix.creditRecords, p.applicantId, c._id);
          if (p.creditCode) push(ix.creditRecordsByCode, p.creditCode, c._id);
        } else if (m.kind === 'suspend_payments' && !m.lifted) {
          const ref = { caseId: c._id };
          ix.suspended.set(p.kind === 'applicant' ? p.applicantId : p.unitId, ref);
          for (const id of [...c.concerned.voucherIds, ...c.concerned.contractIds, ...c.concerned.redemptionIds]) ix.suspended.set(id, ref);
        }
      }
    }
    return ix;
  }

  activeBan(refs: (BanRef[] | undefined)[], today: IsoDay): BanRef | null {
    let best: BanRef | null = null;
    for (const list of refs) for (const r of list ?? []) if (banActive(r, today) && (!best || r.until > best.until)) best = r;
    return best;
  }
}

/** The applicant as the doors know it (the claim passes the loaded record: no extra read). */
export interface ApplicantRef {
  _id: string;
  creditCode?: string;
}

export type ApplicantAct = 'claim' | 'propose' | 'amend';
export type PaymentSubject = { _id: string; voucherId: string; contractId: string; applicantId: string; unitId: string };
export type UnitAct = 'receive_proposal' | 'confirm' | 'amend' | 'redeem' | 'declare' | 'list';

const UNIT_ACTS: Record<UnitAct, string> = {
  receive_proposal: '接受合作申请',
  confirm: '确认合同',
  amend: '变更合同',
  redeem: '申请兑现',
  declare: '申报绩效考核',
  list: '在开放单位目录中展示',
};

export class Sanctions {
  private index: SanctionIndex | null = null;
  private stamp: number | null = null;
  private loadedAt = 0;
  private generation = 0;
  private loading: Promise<SanctionIndex> | null = null;

  constructor(
    private readonly cases: Cases,
    private readonly clock: Clock,
    /** The applicant's credit code when a door only has its id (contracts). */
    private readonly applicantOf: (id: string) => Promise<ApplicantRef | null>,
  ) {
    cases.onChange(() => this.invalidate());
  }

  /** Drops the index; the next lookup rebuilds it. */
  invalidate(): void {
    this.index = null;
    this.loading = null;
    this.generation++;
  }

  /** The index in force now (see the module comment for when it is rebuilt). */
  current(): Promise<SanctionIndex> {
    const ix = this.index;
    if (ix) {
      const stamp = this.cases.collection.changeStamp();
      const fresh = stamp === null ? Date.now() - this.loadedAt < MONGO_REFRESH_MS : stamp === this.stamp;
      if (fresh) return Promise.resolve(ix);
    }
    this.loading ??= this.load().finally(() => (this.loading = null));
    return this.loading;
  }

  /** The last index built, for synchronous readers (the 第七条 memo); null before the first lookup. */
  peek(): SanctionIndex | null {
    return this.index;
  }

  private async load(): Promise<SanctionIndex> {
    const generation = ++this.generation;
    const stamp = this.cases.collection.changeStamp();
    const decided = await this.cases.collection.find({ status: { $in: ['decided', 'appealed', 'revised'] } });
    const ix = SanctionIndex.build(decided, generation);
    // A write while loading made this read stale: keep it for this caller, not for the next.
    if (generation === this.generation) {
      this.index = ix;
      this.stamp = stamp;
      this.loadedAt = Date.now();
    }
    return ix;
  }

  private today(): IsoDay {
    return shanghaiDay(this.clock.now());
  }

  // --- applicants ------------------------------------------------------------------------------------

  /** The ban in force against this applicant today, or null. */
  async applicantBan(a: ApplicantRef): Promise<BanRef | null> {
    const ix = await this.current();
    if (ix.bansByApplicant.size === 0 && ix.bansByCreditCode.size === 0) return null;
    return ix.activeBan([ix.bansByApplicant.get(a._id), a.creditCode ? ix.bansByCreditCode.get(a.creditCode) : undefined], this.today());
  }

  /** 第十七条: a banned applicant cannot claim, propose or amend; 403 APPLICANT_BANNED naming the ban's dates. */
  async assertApplicantMay(a: ApplicantRef | string, act: ApplicantAct): Promise<void> {
    const ix = await this.current();
    if (ix.bansByApplicant.size === 0 && ix.bansByCreditCode.size === 0) return;
    const ref = typeof a === 'string' ? ((await this.applicantOf(a)) ?? { _id: a }) : a;
    const ban = await this.applicantBan(ref);
    if (ban) throw applicantBanned(ban, act);
  }

  // --- open units ------------------------------------------------------------------------------------

  /** Why this unit is out of the scheme today (removed, or banned), or null. */
  async unitBlock(unitId: string): Promise<{ caseId: string; removed: boolean; ban: BanRef | null } | null> {
    const ix = await this.current();
    const removed = ix.removedUnits.get(unitId);
    if (removed) return { caseId: removed, removed: true, ban: null };
    const ban = ix.activeBan([ix.unitBans.get(unitId)], this.today());
    return ban ? { caseId: ban.caseId, removed: false, ban } : null;
  }

  /** 第十七条: a banned or removed unit cannot confirm, amend, apply for redemption or declare; 403 OPEN_UNIT_BANNED. */
  async assertUnitMay(unitId: string, act: UnitAct): Promise<void> {
    const ix = await this.current();
    if (ix.removedUnits.size === 0 && ix.unitBans.size === 0) return;
    const block = await this.unitBlock(unitId);
    if (!block) return;
    const why = block.removed
      ? '已被除名'
      : `已被取消资格至 ${block.ban!.until} 零时（北京时间，${block.ban!.from} 起三年）`;
    throw new DomainError('OPEN_UNIT_BANNED', `该开放单位因违规行为${why}，不能${UNIT_ACTS[act]}（第十七条）`, {
      caseId: block.caseId,
      removed: block.removed,
      ...(block.ban ? { from: block.ban.from, until: block.ban.until } : {}),
      clause: '第十七条',
    });
  }

  /** Units the catalogue and the public page leave out today (banned or removed). */
  async hiddenUnits(): Promise<string[]> {
    const ix = await this.current();
    if (ix.removedUnits.size === 0 && ix.unitBans.size === 0) return [];
    const today = this.today();
    const out = new Set(ix.removedUnits.keys());
    for (const [unitId, refs] of ix.unitBans) if (ix.activeBan([refs], today)) out.add(unitId);
    return [...out];
  }

  // --- payments --------------------------------------------------------------------------------------

  /** The case whose suspended payments hold this redemption (its own id, voucher, contract, applicant or unit), or null. */
  async paymentHold(r: PaymentSubject): Promise<string | null> {
    const ix = await this.current();
    if (ix.suspended.size === 0) return null;
    return [r._id, r.voucherId, r.contractId, r.applicantId, r.unitId].map((k) => ix.suspended.get(k)).find(Boolean)?.caseId ?? null;
  }

  /** 第十七条 suspended payments: the redemption is held until the suspension is lifted; 409 PAYMENTS_SUSPENDED. */
  async assertPaymentAllowed(r: PaymentSubject): Promise<void> {
    const caseId = await this.paymentHold(r);
    if (caseId) {
      const ref = { caseId };
      throw new DomainError('PAYMENTS_SUSPENDED', `违规案件 ${ref.caseId} 的处理决定暂停拨付，解除前该兑现不能拨付（第十七条）`, {
        caseId: ref.caseId,
        clause: '第十七条',
      });
    }
  }

  // --- 第七条第四项 --------------------------------------------------------------------------------------

  /**
   * 第七条第四项 on the platform's own knowledge: a credit-record entry makes "no bad credit record" fail,
   * whatever the profile says, citing the case. Synchronous: reads the index the caller made current.
   */
  platformFailures(a: ApplicantRef, today: IsoDay, ix: SanctionIndex | null = this.index): EligibilityFailure[] {
    if (!ix) return [];
    const out: EligibilityFailure[] = [];
    if (ix.creditRecords.size > 0 || ix.creditRecordsByCode.size > 0) {
      const caseIds = new Set([...(ix.creditRecords.get(a._id) ?? []), ...(a.creditCode ? (ix.creditRecordsByCode.get(a.creditCode) ?? []) : [])]);
      for (const caseId of caseIds) {
        out.push({
          code: 'BAD_CREDIT_RECORD',
          clause: '第七条第四项',
          message: `平台诚信记录：违规案件 ${caseId} 的处理决定记入诚信记录（第十七条），有不良诚信记录的不能申领`,
          caseId,
        });
      }
    }
    const ban = ix.activeBan([ix.bansByApplicant.get(a._id), a.creditCode ? ix.bansByCreditCode.get(a.creditCode) : undefined], today);
    if (ban) {
      const e = applicantBanned(ban, 'claim');
      out.push({ code: 'APPLICANT_BANNED', clause: '第十七条', message: e.message, caseId: ban.caseId });
    }
    return out;
  }

  /** Changes whenever the index may answer differently (the 第七条 memo keys on it). */
  version(): number {
    return this.index?.generation ?? -1;
  }
}

function applicantBanned(ban: BanRef, act: ApplicantAct): DomainError {
  const what = act === 'claim' ? '申领创新券' : act === 'propose' ? '提交合作申请' : '变更合同';
  const lastDay = shanghaiDay(new Date(Date.parse(`${ban.until}T00:00:00+08:00`) - 1));
  return new DomainError(
    'APPLICANT_BANNED',
    `因违规行为被取消三年申报资格（第十七条）：${ban.from} 至 ${lastDay}（含），期间不能${what}；${ban.until} 起恢复`,
    { caseId: ban.caseId, from: ban.from, until: ban.until, lastDay, clause: '第十七条' },
  );
}

/** What the doors (claim, contracts, redemptions, catalogue, evaluation) call: one line each. */
export type SupervisionDoors = Pick<Sanctions, 'assertApplicantMay' | 'assertUnitMay' | 'assertPaymentAllowed' | 'paymentHold' | 'hiddenUnits'>;
