/**
 * The flash claim (第十二条, 第十五条1): what happens between a founder tapping 领取 and the answer.
 *
 *   validate the amount → check eligibility on the stored profile (第七条) → one atomic decision in the
 *   inventory (window, per-period limit, annual cap, quota, idempotency; the voucher goes to the outbox)
 *   → write the voucher to the store → acknowledge the outbox entry → 201.
 *
 * A 201 is a promise (docs/claims.md, "What a 201 promises"): the voucher is in the store, or — when
 * the store is failing or slower than `storeWaitMs` and the outbox is durable (Redis) — in the outbox,
 * from which the background write or `recoverOutbox` (run by every instance) persists it, idempotently
 * by voucher id. If the inventory lost its state (Redis came back empty, or restarted at all), nothing
 * is decided until `rebuild` has recomputed it from the store. An unreachable or slow inventory is
 * 503 SERVICE_UNAVAILABLE: nothing was promised, and a retry with the same key is safe.
 */
import {
  VOUCHER_MIN_FEN,
  countsTowardAnnualCap,
  deriveStatus,
  shanghaiYear,
  validateVoucherAmount,
} from '@kcq/shared';
import type { Clock } from './clock';
import { DomainError } from './errors';
import { newId } from './ids';
import type { Applicant, Applicants } from './applicants';
import { windowOf, type Periods } from './periods';
import { parseVoucherRecord, voucherRecord, voucherView, VOUCHERS, type VoucherDoc, type VoucherView } from './vouchers';
import type { Collection, Store } from '../store';
import type { ClaimInventory, InventorySnapshot } from '../inventory/claims';
import type { SupervisionDoors } from './supervision/sanctions';

export interface ClaimRequest {
  applicant: Applicant;
  periodId: string;
  amountFen: number;
  idempotencyKey: string;
  /** Told when the answer is the recorded decision of an earlier request with this key (a retry). */
  onReplay?: () => void;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;
/** Outbox entries younger than this are still being written by their own request. */
const ORPHAN_AFTER_MS = 10_000;

export class ClaimService {
  private readonly vouchers: Collection<VoucherDoc>;
  private rebuilding: Promise<void> | null = null;
  private readonly writes: { doc: VoucherDoc; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private writing = false;
  private readonly acks: string[] = [];

  constructor(
    private readonly store: Store,
    private readonly inventory: ClaimInventory & { tryLock?: (name: string, ttlMs: number) => Promise<(() => Promise<void>) | null> },
    private readonly periods: Periods,
    private readonly clock: Clock,
    /** 第七条 on the stored profile, remembered per applicant, profile version and day (shared with /api/me). */
    private readonly applicants: Pick<Applicants, 'eligibilityOf'>,
    /** 第十七条: a banned applicant cannot claim (an in-memory lookup, supervision/sanctions.ts). */
    private readonly sanctions?: Pick<SupervisionDoors, 'assertApplicantMay'>,
    /** How long an accepted claim waits for its store write before answering 201 from a durable outbox. */
    private readonly storeWaitMs = 2_000,
    /** How long the decision (with a rebuild, if one is needed) may take before the answer is 503. */
    private readonly decideWithinMs = 1_500,
  ) {
    this.vouchers = store.collection<VoucherDoc>(VOUCHERS);
  }

  async claim(req: ClaimRequest): Promise<VoucherView> {
    if (!IDEMPOTENCY_KEY.test(req.idempotencyKey)) {
      throw new DomainError('IDEMPOTENCY_KEY_REQUIRED', undefined, { header: 'Idempotency-Key', pattern: IDEMPOTENCY_KEY.source });
    }
    const period = await this.periods.require(req.periodId);
    const now = this.clock.now();

    const amount = validateVoucherAmount(req.amountFen, period.maxVoucherFen);
    if (!amount.ok) {
      throw new DomainError('VALIDATION_FAILED', amount.message, {
        fields: [{ path: 'body.amountFen', code: amount.code, message: amount.message, clause: amount.clause }],
      });
    }
    await this.sanctions?.assertApplicantMay(req.applicant, 'claim');
    const eligibility = this.applicants.eligibilityOf(req.applicant, now);
    if (!eligibility.eligible) throw new DomainError('NOT_ELIGIBLE', undefined, { failures: eligibility.failures });

    const voucher: VoucherDoc = {
      _id: newId('vch'),
      periodId: period._id,
      applicantId: req.applicant._id,
      amountFen: req.amountFen,
      status: 'claimed',
      claimedAt: now,
    };
    const input = {
      periodId: period._id,
      applicantId: req.applicant._id,
      claimId: voucher._id,
      amountFen: req.amountFen,
      now: now.getTime(),
      year: shanghaiYear(now),
      perApplicantLimit: period.perApplicantLimit,
      annualCapFen: eligibility.annualCapFen,
      minAmountFen: VOUCHER_MIN_FEN,
      idempotencyKey: req.idempotencyKey,
      // What was asked, verbatim (ids and digits, no '|'): short enough that hashing it only cost CPU.
      requestHash: `${period._id}:${req.amountFen}`,
      record: voucherRecord(voucher),
    };

    let decision;
    try {
      // One deadline for the whole decision, a rebuild included: on a Redis that fails mid-way each
      // step's own timeout would add up (the rebuild goes on in the background for the next claims).
      decision = await within(this.decideWithinMs, async () => {
        const first = await this.inventory.claim(input);
        if (first.outcome !== 'rebuild_needed') return first;
        await this.rebuild();
        return this.inventory.claim(input);
      });
    } catch (err) {
      // Redis unreachable, restarting or slower than its command timeout; or the rebuild could not read
      // the store. Nothing the founder can rely on was decided (a decision made on a script whose answer
      // was lost is replayed to the retry with the same key).
      throw unavailable(err);
    }
    if ((decision.outcome === 'accepted' || decision.outcome === 'refused') && decision.replayed) req.onReplay?.();
    switch (decision.outcome) {
      case 'rebuild_needed':
        throw new DomainError('SERVICE_UNAVAILABLE', '额度数据正在恢复，请稍后重试', { retryAfterSeconds: 1 });
      case 'key_reused':
        throw new DomainError('IDEMPOTENCY_KEY_REUSED');
      case 'refused': {
        const r = decision.refusal;
        if (r.code === 'INSUFFICIENT_QUOTA') throw new DomainError(r.code, undefined, { remainingFen: r.remainingFen });
        if (r.code === 'ANNUAL_CAP_EXCEEDED') throw new DomainError(r.code, undefined, { allowanceFen: r.allowanceFen });
        if (r.code === 'ALREADY_CLAIMED') throw new DomainError(r.code, undefined, { limit: r.limit });
        throw new DomainError(r.code);
      }
      case 'accepted': {
        // A replay is rebuilt from the voucher the first request recorded, so it is identical to the
        // first answer; a new acceptance recorded exactly `voucher`.
        const accepted = decision.replayed ? parseVoucherRecord(decision.record) : voucher;
        await this.persistOrOutbox(accepted, decision.outboxId);
        return voucherView(accepted, accepted.claimedAt);
      }
    }
  }

  /**
   * The store write of an accepted claim. Its outbox entry is acknowledged only once the store has the
   * voucher. With a durable outbox (Redis) the answer waits at most `storeWaitMs`: a store that fails or
   * stalls leaves the voucher in the outbox (the write goes on in the background, and the recovery loop
   * persists what is left), and the 201 stands on the outbox. Without one, a failed write is a 503 and
   * the retry with the same key replays the decision and writes again.
   */
  private async persistOrOutbox(v: VoucherDoc, outboxId: string | undefined): Promise<void> {
    const written = this.persist(v);
    const acked = written.then(
      () => {
        if (outboxId) this.ackLater(outboxId);
        return 'stored' as const;
      },
      (err: unknown) => ({ failed: err }),
    );
    if (!this.inventory.durableOutbox) {
      const r = await acked;
      if (r !== 'stored') throw unavailable(r.failed);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      acked,
      new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), this.storeWaitMs);
      }),
    ]);
    clearTimeout(timer);
    if (waited !== 'stored') {
      this.pendingInOutbox += 1;
      void acked.then(() => (this.pendingInOutbox -= 1));
    }
  }

  /** Accepted claims answered 201 from the outbox whose store write has not finished (metrics, tests). */
  pendingInOutbox = 0;

  /**
   * Inserts idempotently (the voucher id is its key: a second insert changes nothing), with group
   * commit: vouchers accepted while the previous write is in flight go to the store in one write.
   * Each caller still waits for its own voucher to be stored before answering 201.
   */
  private persist(v: VoucherDoc): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.writes.push({ doc: v, resolve, reject });
      if (!this.writing) void this.flushWrites();
    });
  }

  private async flushWrites(): Promise<void> {
    this.writing = true;
    while (this.writes.length) {
      const batch = this.writes.splice(0, 500);
      try {
        await this.vouchers.insertMissing(batch.map((w) => w.doc));
        for (const w of batch) w.resolve();
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
    this.writing = false;
  }

  /** Outbox entries are acknowledged in batches; one lost to a crash is re-persisted idempotently. */
  private ackLater(id: string): void {
    this.acks.push(id);
    if (this.acks.length === 1) {
      setImmediate(() => {
        const ids = this.acks.splice(0);
        this.inventory.ackOutbox(ids).catch(() => undefined);
      });
    }
  }

  /**
   * Persists outbox entries whose request died before acknowledging them (crash recovery).
   * Entry ids carry the wall-clock time they were written; younger ones are left to their request.
   */
  async recoverOutbox(olderThanMs = ORPHAN_AFTER_MS, limit = 500): Promise<number> {
    const cutoff = Date.now() - olderThanMs;
    const entries = (await this.inventory.pendingOutbox(limit)).filter((e) => Number(e.id.split('-')[0]) <= cutoff);
    for (const e of entries) await this.persist(parseVoucherRecord(e.record));
    await this.inventory.ackOutbox(entries.map((e) => e.id));
    return entries.length;
  }

  /** Whether this applicant's Idempotency-Key already has a decision (its retries replay it). */
  knowsKey(applicantId: string, idempotencyKey: string): Promise<boolean> {
    return IDEMPOTENCY_KEY.test(idempotencyKey) ? this.inventory.hasDecision(applicantId, idempotencyKey) : Promise.resolve(false);
  }

  isReady(): Promise<boolean> {
    return this.inventory.isReady();
  }

  /**
   * Recomputes the inventory from the store (after Redis came back empty, or on start of the
   * embedded inventory). One rebuild at a time per process, and across instances under a Redis lock.
   */
  rebuild(): Promise<void> {
    this.rebuilding ??= this.doRebuild().finally(() => (this.rebuilding = null));
    return this.rebuilding;
  }

  private async doRebuild(): Promise<void> {
    // This process's own store writes first (their outbox entries may have gone with Redis), then the
    // orphans of the outbox, so the snapshot counts them all.
    await this.drainWrites();
    await this.recoverOutboxAll();
    const unlock = this.inventory.tryLock ? await this.inventory.tryLock('rebuild', 30_000) : async () => {};
    if (!unlock) {
      // Another instance rebuilds: wait for it.
      for (let i = 0; i < 300 && !(await this.inventory.isReady()); i++) await new Promise((r) => setTimeout(r, 100));
      return;
    }
    try {
      if (await this.inventory.isReady()) return;
      await this.inventory.rebuild(await this.snapshot());
    } finally {
      await unlock();
    }
  }

  /** Resolves once the store writes queued so far have finished (stored or failed). */
  private drainWrites(): Promise<void> {
    if (!this.writing && this.writes.length === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const check = () => (!this.writing && this.writes.length === 0 ? resolve() : setTimeout(check, 5));
      check();
    });
  }

  private async recoverOutboxAll(): Promise<void> {
    const entries = await this.inventory.pendingOutbox(10_000);
    for (const e of entries) await this.persist(parseVoucherRecord(e.record));
    await this.inventory.ackOutbox(entries.map((e) => e.id));
  }

  /** What the store says the inventory should hold now. */
  async snapshot(): Promise<InventorySnapshot> {
    const now = this.clock.now();
    const periods = await this.periods.all();
    const vouchers = await this.vouchers.find({ status: { $ne: 'void' } });
    const byPeriod = new Map<string, { taken: number; claims: Record<string, number> }>();
    const annual = new Map<string, number>();
    for (const v of vouchers) {
      const status = deriveStatus(v, now).status;
      if (status === 'void') continue;
      const p = byPeriod.get(v.periodId) ?? { taken: 0, claims: {} };
      p.taken += v.amountFen;
      p.claims[v.applicantId] = (p.claims[v.applicantId] ?? 0) + 1;
      byPeriod.set(v.periodId, p);
      if (countsTowardAnnualCap(status)) {
        const key = `${shanghaiYear(v.claimedAt)}|${v.applicantId}`;
        annual.set(key, (annual.get(key) ?? 0) + v.amountFen);
      }
    }
    return {
      periods: periods.map((p) => {
        const used = byPeriod.get(p._id);
        return { ...windowOf(p), remainingFen: Math.max(0, p.quotaFen - (used?.taken ?? 0)), claimsByApplicant: used?.claims ?? {} };
      }),
      annualUsage: [...annual].map(([key, usedFen]) => {
        const [year, applicantId] = key.split('|');
        return { year: Number(year), applicantId, usedFen };
      }),
    };
  }
}

/** 503 SERVICE_UNAVAILABLE with a one-second Retry-After: the inventory (or the store, to rebuild it) does not answer. */
function unavailable(cause: unknown): DomainError {
  if (cause instanceof DomainError) return cause;
  return new DomainError('SERVICE_UNAVAILABLE', '领取服务暂时不可用，请稍后重试（不会重复领取）', {
    retryAfterSeconds: 1,
  });
}

/** Runs `fn`, rejecting when it has not settled within `ms` (it may still finish: a decision is replayed by key). */
function within<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const run = fn();
  run.catch(() => undefined); // settled late: nobody waits for it any more
  return Promise.race([
    run,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no decision within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
