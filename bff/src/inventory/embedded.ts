import { assertAmount, type Inventory, type TakeResult } from './port';
import { decodeDecision, encodeDecision } from './decision';
import type { ClaimDecision, ClaimInput, ClaimInventory, InventorySnapshot, OutboxEntry, PeriodWindow, Refusal } from './claims';

const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

interface PeriodState extends PeriodWindow {
  remaining: number;
  claims: Map<string, number>;
}

/**
 * The default inventory for `npm start`: state in this process's memory. JavaScript runs one
 * callback at a time and no method awaits in the middle, so each operation is atomic; it is
 * correct for a single BFF process only. It starts empty (not ready): the owner rebuilds it
 * from the store on start, exactly as after a Redis restart.
 */
export class EmbeddedInventory implements Inventory, ClaimInventory {
  readonly kind = 'embedded' as const;
  private readonly counters = new Map<string, number>();
  private readonly periods = new Map<string, PeriodState>();
  private readonly annual = new Map<string, number>();
  private readonly idempotency = new Map<string, { value: string; expires: number }>();
  private readonly outbox = new Map<string, string>();
  private outboxSeq = 0;
  private ready = false;

  // ---- generic counters -------------------------------------------------------------------

  async set(key: string, amount: number): Promise<void> {
    if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`bad counter value ${amount}`);
    this.counters.set(key, amount);
  }

  async take(key: string, amount: number): Promise<TakeResult> {
    assertAmount(amount);
    const current = this.counters.get(key);
    if (current === undefined) return { ok: false, reason: 'missing', remaining: 0 };
    if (current < amount) return { ok: false, reason: 'insufficient', remaining: current };
    this.counters.set(key, current - amount);
    return { ok: true, remaining: current - amount };
  }

  async give(key: string, amount: number): Promise<number | null> {
    assertAmount(amount);
    const current = this.counters.get(key);
    if (current === undefined) return null;
    this.counters.set(key, current + amount);
    return current + amount;
  }

  async read(key: string): Promise<number | null> {
    return this.counters.get(key) ?? null;
  }

  async remove(...keys: string[]): Promise<void> {
    for (const k of keys) this.counters.delete(k);
  }

  // ---- the claim (mirrors scripts.ts CLAIM step by step) ----------------------------------

  async putPeriod(w: PeriodWindow, quotaFen?: number): Promise<void> {
    const existing = this.periods.get(w.periodId);
    this.periods.set(w.periodId, {
      ...w,
      closedAt: w.closedAt ?? null,
      remaining: quotaFen ?? existing?.remaining ?? 0,
      claims: existing?.claims ?? new Map(),
    });
  }

  async claim(i: ClaimInput): Promise<ClaimDecision> {
    const idemKey = `${i.applicantId}:${i.idempotencyKey}`;
    const prior = this.idempotency.get(idemKey);
    if (prior && prior.expires > Date.now()) {
      const sep = prior.value.indexOf('|');
      if (prior.value.slice(0, sep) !== i.requestHash) return { outcome: 'key_reused' };
      return decodeDecision(prior.value.slice(sep + 1), true);
    }
    if (!this.ready) return { outcome: 'rebuild_needed' };
    const p = this.periods.get(i.periodId);
    if (!p) return { outcome: 'rebuild_needed' };

    let refusal: Refusal | null = null;
    const annualKey = `${i.year}:${i.applicantId}`;
    const used = this.annual.get(annualKey) ?? 0;
    if (i.now < p.opensAt || i.now >= p.closesAt || p.closedAt) refusal = { code: 'PERIOD_NOT_OPEN' };
    else if ((p.claims.get(i.applicantId) ?? 0) >= i.perApplicantLimit)
      refusal = { code: 'ALREADY_CLAIMED', limit: i.perApplicantLimit };
    else if (used + i.amountFen > i.annualCapFen)
      refusal = { code: 'ANNUAL_CAP_EXCEEDED', allowanceFen: Math.max(0, i.annualCapFen - used) };
    else if (p.remaining < i.minAmountFen) refusal = { code: 'SOLD_OUT' };
    else if (p.remaining < i.amountFen) refusal = { code: 'INSUFFICIENT_QUOTA', remainingFen: p.remaining };

    let decision: string;
    let outboxId: string | undefined;
    if (refusal) {
      decision = encodeDecision({ accepted: false, refusal });
    } else {
      p.remaining -= i.amountFen;
      p.claims.set(i.applicantId, (p.claims.get(i.applicantId) ?? 0) + 1);
      this.annual.set(annualKey, used + i.amountFen);
      outboxId = `${Date.now()}-${this.outboxSeq++}`;
      this.outbox.set(outboxId, i.record);
      decision = encodeDecision({ accepted: true, remainingFen: p.remaining, record: i.record });
    }
    this.pruneIdempotency();
    this.idempotency.set(idemKey, { value: `${i.requestHash}|${decision}`, expires: Date.now() + IDEMPOTENCY_TTL_MS });
    const d = decodeDecision(decision, false);
    return d.outcome === 'accepted' && outboxId ? { ...d, outboxId } : d;
  }

  async hasDecision(applicantId: string, idempotencyKey: string): Promise<boolean> {
    const prior = this.idempotency.get(`${applicantId}:${idempotencyKey}`);
    return prior !== undefined && prior.expires > Date.now();
  }

  /** Forgets expired idempotency records now and then (Redis expires them by itself). */
  private pruneIdempotency(): void {
    if (this.idempotency.size % 1024 !== 0) return;
    const now = Date.now();
    for (const [k, v] of this.idempotency) if (v.expires <= now) this.idempotency.delete(k);
  }

  async release(r: { periodId: string; applicantId: string; amountFen: number; year: number; now: number }): Promise<boolean> {
    assertAmount(r.amountFen);
    const annualKey = `${r.year}:${r.applicantId}`;
    this.annual.set(annualKey, Math.max(0, (this.annual.get(annualKey) ?? 0) - r.amountFen));
    const p = this.periods.get(r.periodId);
    if (!p) return false;
    p.claims.set(r.applicantId, Math.max(0, (p.claims.get(r.applicantId) ?? 0) - 1));
    if (r.now < p.closesAt && !p.closedAt) {
      p.remaining += r.amountFen;
      return true;
    }
    return false;
  }

  async remaining(periodId: string): Promise<number | null> {
    return this.periods.get(periodId)?.remaining ?? null;
  }

  async isReady(): Promise<boolean> {
    return this.ready;
  }

  async rebuild(s: InventorySnapshot): Promise<void> {
    for (const p of s.periods) {
      this.periods.set(p.periodId, {
        periodId: p.periodId,
        opensAt: p.opensAt,
        closesAt: p.closesAt,
        closedAt: p.closedAt ?? null,
        remaining: p.remainingFen,
        claims: new Map(Object.entries(p.claimsByApplicant)),
      });
    }
    for (const y of new Set(s.annualUsage.map((a) => a.year))) {
      for (const key of [...this.annual.keys()]) if (key.startsWith(`${y}:`)) this.annual.delete(key);
    }
    for (const a of s.annualUsage) this.annual.set(`${a.year}:${a.applicantId}`, a.usedFen);
    this.ready = true;
  }

  async pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    return [...this.outbox.entries()].slice(0, limit).map(([id, record]) => ({ id, record }));
  }

  async ackOutbox(ids: string[]): Promise<void> {
    for (const id of ids) this.outbox.delete(id);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
