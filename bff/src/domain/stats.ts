/**
 * The administrators' dashboard figures (第八条: administrators supervise the scheme): vouchers by status
 * with their amounts, and per period what was claimed against the quota (第十二条: released in periods,
 * each with a total quota, 发完即止).
 *
 * Statuses are derived at the moment of the answer with the policy rules (`deriveStatus`, 第十五条), as
 * GET /api/vouchers derives them for the applicant: a voucher past its registration deadline (15 days,
 * 第十五条2) or its redemption deadline (1 month after the contract, 第十五条3) counts as void even before
 * the lifecycle sweeper has written it.
 *
 * Cost (polled by an administrator's screen, not by founders' phones; think 100k vouchers): one projection
 * query over the vouchers (the seven fields the rules and the sums need) and one read of the periods;
 * concurrent requests share one computation. Deriving a live (claimed or registered) voucher's status
 * costs some 10–20 µs of calendar arithmetic, so each derived status is remembered with the interval it
 * holds for — from when it was derived up to the voucher's next deadline (`deadlines().next`, the same
 * rules) — and reused while the stored fields it came from are unchanged: a poll re-derives only what
 * changed or crossed a deadline. The tally yields to the event loop every few thousand vouchers, so a
 * first computation over a large store never stalls a flash claim for long.
 */
import {
  VOID_REASONS,
  VOUCHER_STATUSES,
  deadlines,
  deriveStatus,
  type AdminStats,
  type DerivedStatus,
  type PeriodClaimFigures,
  type VoidReason,
  type VoucherStatus,
} from '@kcq/shared';
import type { Clock } from './clock';
import { PERIODS, type Period } from './periods';
import { VOUCHERS, type VoucherDoc } from './vouchers';
import type { ClaimInventory } from '../inventory/claims';
import type { Collection, Store } from '../store';

/** What `deriveStatus` reads, plus what the figures group and sum by. */
const VOUCHER_FIELDS = ['periodId', 'amountFen', 'status', 'voidReason', 'claimedAt', 'registeredAt', 'contractEndDay'] as const;
type VoucherFacts = Pick<VoucherDoc, (typeof VOUCHER_FIELDS)[number] | '_id'>;

/** Vouchers tallied between two yields to the event loop. */
const CHUNK = 1_000;

/** A derived status, valid for `from` ≤ now ≤ `until` while the stored facts read `facts`. */
interface Remembered {
  facts: string;
  derived: DerivedStatus;
  from: number;
  until: number;
}

interface Tally {
  count: number;
  amountFen: number;
}

const zero = (): Tally => ({ count: 0, amountFen: 0 });

export class AdminStatistics {
  private readonly vouchers: Collection<VoucherDoc>;
  private readonly periods: Collection<Period>;
  private inFlight: Promise<AdminStats> | null = null;
  /** By voucher id; rebuilt on every computation, so it holds only vouchers that still exist. */
  private remembered = new Map<string, Remembered>();

  constructor(
    store: Store,
    private readonly clock: Clock,
    /** The live remaining quota of a period (the claim inventory is its source of truth). */
    private readonly inventory: Pick<ClaimInventory, 'remaining'>,
  ) {
    this.vouchers = store.collection<VoucherDoc>(VOUCHERS);
    this.periods = store.collection<Period>(PERIODS);
  }

  /** The figures now; a request arriving while they are being computed gets the same answer. */
  compute(): Promise<AdminStats> {
    this.inFlight ??= this.doCompute().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async doCompute(): Promise<AdminStats> {
    const now = this.clock.now();
    const [vouchers, periods] = await Promise.all([
      this.vouchers.project({}, VOUCHER_FIELDS),
      this.periods.find({}, { sort: { opensAt: -1 } }),
    ]);

    const byStatus = new Map<VoucherStatus, Tally>(VOUCHER_STATUSES.map((s) => [s, zero()]));
    const byReason = new Map<VoidReason, Tally>(VOID_REASONS.map((r) => [r, zero()]));
    const byPeriod = new Map<string, { claimed: Tally; void: Tally }>();
    const total = zero();
    const remembered = new Map<string, Remembered>();
    for (let i = 0; i < vouchers.length; i++) {
      if (i > 0 && i % CHUNK === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const v = vouchers[i];
      const derived = this.derive(v, now, remembered);
      add(byStatus.get(derived.status), v.amountFen);
      add(total, v.amountFen);
      if (derived.voidReason) add(byReason.get(derived.voidReason), v.amountFen);
      let p = byPeriod.get(v.periodId);
      if (!p) byPeriod.set(v.periodId, (p = { claimed: zero(), void: zero() }));
      add(p.claimed, v.amountFen);
      if (derived.status === 'void') add(p.void, v.amountFen);
    }
    this.remembered = remembered;

    const periodFigures = await Promise.all(
      periods.map(async (p): Promise<PeriodClaimFigures> => {
        const t = byPeriod.get(p._id) ?? { claimed: zero(), void: zero() };
        const remaining = await this.inventory.remaining(p._id);
        return {
          periodId: p._id,
          name: p.name,
          opensAt: p.opensAt.toISOString(),
          quotaFen: p.quotaFen,
          // As GET /api/periods: a period the inventory does not hold yet has its whole quota left.
          remainingFen: remaining ?? p.quotaFen,
          vouchersClaimed: t.claimed.count,
          fenClaimed: t.claimed.amountFen,
          vouchersVoid: t.void.count,
          fenVoid: t.void.amountFen,
        };
      }),
    );

    return {
      generatedAt: now.toISOString(),
      vouchers: {
        total,
        byStatus: VOUCHER_STATUSES.map((status) => ({ status, ...byStatus.get(status)! })),
        voidByReason: VOID_REASONS.map((reason) => ({ reason, ...byReason.get(reason)! })),
      },
      periods: periodFigures,
    };
  }

  /**
   * 第十五条 through the policy rules: `deriveStatus`, reused from an earlier computation while it still
   * holds. Only stored claimed and registered vouchers can read otherwise than stored (a deadline passed);
   * any other stored status is its own answer, at no cost.
   */
  private derive(v: VoucherFacts, now: Date, keep: Map<string, Remembered>): DerivedStatus {
    if (v.status !== 'claimed' && v.status !== 'registered') return deriveStatus(v, now);
    const t = now.getTime();
    const facts = `${v.status}|${v.claimedAt.getTime()}|${v.registeredAt?.getTime() ?? ''}|${v.contractEndDay ?? ''}`;
    const hit = this.remembered.get(v._id);
    if (hit && hit.facts === facts && hit.from <= t && t <= hit.until) {
      keep.set(v._id, hit);
      return hit.derived;
    }
    const derived = deriveStatus(v, now);
    // Still live: it holds until its next deadline (inclusive). Void by a deadline: it stays void from now on.
    const until = derived.status === 'void' ? Number.POSITIVE_INFINITY : (deadlines(v).next?.at.getTime() ?? t);
    keep.set(v._id, { facts, derived, from: t, until });
    return derived;
  }
}

function add(t: Tally | undefined, amountFen: number): void {
  if (!t) return;
  t.count += 1;
  t.amountFen += amountFen;
}
