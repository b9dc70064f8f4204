/**
 * Stored vouchers (第十五条). The stored status is the last recorded one; what a reader sees is
 * derived with the policy rules (deriveStatus), so a deadline holds even before any sweeper runs.
 */
import {
  deriveStatus,
  dueSystemEvent,
  registrationDeadline,
  shanghaiYear,
  transition,
  type Actor,
  type IsoDay,
  type VoidReason,
  type VoucherStatus,
  type VoucherView,
} from '@kcq/shared';
import type { AuditRole } from './audit';
import type { Clock } from './clock';
import { DomainError } from './errors';
import type { History } from './history';
import type { Collection, CollectionSpec, Store } from '../store';
import type { ClaimInventory } from '../inventory/claims';

export interface VoucherDoc {
  _id: string;
  periodId: string;
  applicantId: string;
  amountFen: number;
  status: VoucherStatus;
  voidReason?: VoidReason;
  claimedAt: Date;
  registeredAt?: Date;
  contractEndDay?: IsoDay;
  voidedAt?: Date;
  // Set after the claim by the contract and redemption steps (contracts.ts, redemptions.ts).
  /** The registered contract and its open unit (第十六条: one voucher, one contract). */
  contractId?: string;
  unitId?: string;
  amendedAt?: Date;
  redemptionAppliedAt?: Date;
  siteVisitAt?: Date;
  reviewedAt?: Date;
  rejectionReason?: string;
  paidAt?: Date;
  cancelReason?: string;
}

/** Who made a change, for the audit trail (第十八条). */
export interface ChangeActor {
  id: string;
  role: AuditRole;
}

export const SYSTEM_ACTOR: ChangeActor = { id: 'system', role: 'system' };

/** Turns a refused lifecycle transition into the domain error the HTTP layer answers with. */
export function transitionError(error: { code: string; message: string; clause?: string }): DomainError {
  return new DomainError(error.code, error.message, error.clause ? { clause: error.clause } : undefined);
}

export type VoidListener = (v: VoucherDoc, reason: VoidReason, by: ChangeActor, note?: string) => Promise<void>;

export const VOUCHERS: CollectionSpec = {
  name: 'vouchers',
  indexes: [{ fields: ['applicantId', 'claimedAt'] }, { fields: ['periodId'] }, { fields: ['status', 'claimedAt'] }],
};

/** The wire shape is VoucherView (@kcq/shared); voucherView maps a stored voucher to it (Date → ISO string). */
export type { VoucherView };

/** The voucher as the outbox carries it: JSON, dates as ISO strings. */
export function voucherRecord(v: VoucherDoc): string {
  return JSON.stringify(v);
}

export function parseVoucherRecord(record: string): VoucherDoc {
  const raw = JSON.parse(record) as Omit<VoucherDoc, 'claimedAt'> & { claimedAt: string };
  return { ...raw, claimedAt: new Date(raw.claimedAt) };
}

export function voucherView(v: VoucherDoc, now: Date): VoucherView {
  const derived = deriveStatus(v, now);
  return {
    id: v._id,
    periodId: v.periodId,
    applicantId: v.applicantId,
    amountFen: v.amountFen,
    status: derived.status,
    voidReason: derived.voidReason ?? null,
    claimedAt: v.claimedAt.toISOString(),
    registrationDeadline: registrationDeadline(v.claimedAt).toISOString(),
  };
}

/**
 * What happens to stored vouchers after the claim: cancellation by its applicant (第十六条: a voucher
 * belongs to its applicant) and the materialisation of the 15-day registration expiry (第十五条2),
 * both releasing the amount (docs/claims.md, "Release").
 *
 * Each void is one conditional update on the stored status, so it succeeds once however many
 * instances try; the release follows only the update that succeeded.
 */
export class Vouchers {
  private readonly col: Collection<VoucherDoc>;
  private readonly voidListeners: VoidListener[] = [];
  private readonly settlers: ((voucherId: string) => Promise<void>)[] = [];

  constructor(
    store: Store,
    private readonly inventory: ClaimInventory,
    private readonly clock: Clock,
    /** Records every void in the voucher's audit chain (第十八条); optional for bare domain tests. */
    private readonly history?: History,
  ) {
    this.col = store.collection<VoucherDoc>(VOUCHERS);
  }

  /** Called once per voucher that becomes void (after the release), e.g. to close its contract. */
  onVoid(listener: VoidListener): void {
    this.voidListeners.push(listener);
  }

  /**
   * Registers a step that completes a crash-interrupted change of this voucher (a redemption application
   * whose voucher write was cut off, redemptions.ts): run before a voucher is cancelled or its contract
   * amended, so that neither acts on the voucher as it stood before the interrupted change.
   */
  onSettle(settler: (voucherId: string) => Promise<void>): void {
    this.settlers.push(settler);
  }

  /** Runs the settlers (see onSettle) and returns the voucher as they leave it. */
  async settle(id: string): Promise<VoucherDoc> {
    for (const settler of this.settlers) await settler(id);
    return this.require(id);
  }

  get(id: string): Promise<VoucherDoc | null> {
    return this.col.findById(id);
  }

  async require(id: string): Promise<VoucherDoc> {
    const v = await this.get(id);
    if (!v) throw new DomainError('NOT_FOUND', '找不到该创新券');
    return v;
  }

  /** Conditional update of a voucher on its stored status (and more): null when the precondition lost a race. */
  update(filter: { _id: string; status: VoucherStatus } & Record<string, unknown>, set: Partial<VoucherDoc>): Promise<VoucherDoc | null> {
    return this.col.updateOne(filter, { $set: set });
  }

  /** The applicant's own voucher, or 404 (another applicant's voucher is not known to exist). */
  async ownedBy(id: string, applicantId: string): Promise<VoucherDoc> {
    const v = await this.col.findOne({ _id: id, applicantId });
    if (!v) throw new DomainError('NOT_FOUND', '找不到该创新券');
    return v;
  }

  async mine(applicantId: string): Promise<VoucherView[]> {
    const now = this.clock.now();
    return (await this.col.find({ applicantId }, { sort: { claimedAt: -1 } })).map((v) => voucherView(v, now));
  }

  /** The applicant gives up a claimed voucher; its amount is released. */
  async cancel(id: string, applicantId: string, reason?: string, actorId: string = applicantId): Promise<VoucherView> {
    const v = await this.ownedBy(id, applicantId);
    const now = this.clock.now();
    const voided = await this.cancelAs(v, { id: actorId, role: 'applicant' }, 'applicant', reason, now);
    return voucherView(voided, now);
  }

  /**
   * Cancels a claimed or registered voucher as `actor` (the lifecycle decides who may): void(cancelled),
   * amount released, audit entry, void listeners (the contract follows).
   */
  async cancelAs(v: VoucherDoc, by: ChangeActor, actor: Actor, reason: string | undefined, now = this.clock.now()): Promise<VoucherDoc> {
    if (this.settlers.length > 0) v = await this.settle(v._id);
    const t = transition(v, { type: 'cancel', reason }, actor, now);
    if (!t.ok) throw transitionError(t.error);
    const voided = await this.voidOnce(v, 'cancelled', now, by, t.record.reason, 'cancel');
    if (!voided) throw new DomainError('CONFLICT');
    return voided;
  }

  /**
   * 第十五条2: claimed vouchers past their registration deadline become void(unregistered_expired) and
   * release their amounts. Idempotent; safe to run on every instance. Returns how many it voided.
   */
  async sweepUnregistered(limit = 500): Promise<number> {
    const now = this.clock.now();
    // The deadline is the end of claim day + 15 (Beijing): any voucher claimed 16+ days ago is a candidate.
    const candidates = await this.col.find(
      { status: 'claimed', claimedAt: { $lt: new Date(now.getTime() - 15 * 86_400_000) } },
      { sort: { claimedAt: 1 }, limit },
    );
    return this.materialise(candidates, now);
  }

  /**
   * 第十五条2、3: registered vouchers past their validity end (no contract end known) or their redemption
   * deadline become void(validity_expired / redemption_late) and release their amounts ("不计入当年总额度").
   */
  async sweepRegistered(limit = 500): Promise<number> {
    const now = this.clock.now();
    // Every registered deadline is at least a month after registration (contract end ≥ registration day).
    const candidates = await this.col.find(
      { status: 'registered', registeredAt: { $lt: new Date(now.getTime() - 28 * 86_400_000) } },
      { sort: { registeredAt: 1 }, limit },
    );
    return this.materialise(candidates, now);
  }

  /** Both sweeps: what the lifecycle sweeper runs. */
  async sweepExpired(limit = 500): Promise<number> {
    return (await this.sweepUnregistered(limit)) + (await this.sweepRegistered(limit));
  }

  private async materialise(candidates: VoucherDoc[], now: Date): Promise<number> {
    let voided = 0;
    for (const v of candidates) {
      const event = dueSystemEvent(v, now);
      if (!event) continue;
      const t = transition(v, event, 'system', now);
      if (!t.ok || !t.voucher.voidReason) continue;
      if (await this.voidOnce(v, t.voucher.voidReason, now, SYSTEM_ACTOR, undefined, event.type)) voided += 1;
    }
    return voided;
  }

  /**
   * 第十七条 (docs/supervision.md, "Voiding vouchers"): a misconduct decision voids a claimed voucher
   * (one not used in a registered contract) as void(misconduct). Unlike a cancellation or an expiry, its
   * amount is NOT released: neither the period's quota nor the applicant's annual allowance gets it back.
   * Null when the voucher is not (or no longer) claimed.
   */
  async voidForMisconduct(id: string, caseId: string, by: ChangeActor): Promise<VoucherDoc | null> {
    let v = await this.get(id);
    if (!v) return null;
    if (this.settlers.length > 0) v = await this.settle(id);
    const now = this.clock.now();
    if (deriveStatus(v, now).status !== 'claimed') return null;
    return this.voidOnce(v, 'misconduct', now, by, `违规案件 ${caseId} 的处理决定（第十七条）`, 'void_misconduct', false);
  }

  private async voidOnce(
    v: VoucherDoc,
    reason: VoidReason,
    now: Date,
    by: ChangeActor = SYSTEM_ACTOR,
    note?: string,
    event: string = reason === 'cancelled' ? 'cancel' : 'expire',
    release = true,
  ): Promise<VoucherDoc | null> {
    const set: Partial<VoucherDoc> = { status: 'void', voidReason: reason, voidedAt: now };
    if (note && reason === 'cancelled') set.cancelReason = note;
    const updated = await this.col.updateOne({ _id: v._id, status: v.status }, { $set: set });
    if (!updated) return null;
    if (release) {
      await this.inventory.release({
        periodId: v.periodId,
        applicantId: v.applicantId,
        amountFen: v.amountFen,
        year: shanghaiYear(v.claimedAt),
        now: now.getTime(),
      });
    }
    await this.history?.record(
      v,
      {
        subject: 'voucher',
        subjectId: v._id,
        event,
        actorId: by.id,
        role: by.role,
        from: v.status,
        to: 'void',
        payload: { voidReason: reason, reason: note ?? null },
      },
      { applicantId: v.applicantId, unitId: v.unitId ?? null },
    );
    for (const listener of this.voidListeners) await listener(updated, reason, by, note);
    return updated;
  }
}
