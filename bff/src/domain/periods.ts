/**
 * Voucher periods (第十二条: vouchers are released in periods, each with a total quota, and
 * claiming stops the moment it is used up; 第十五条1: claims happen online while a period is open).
 *
 * The store holds the period; the inventory holds its window and remaining quota so that the
 * claim decision needs nothing else. Edits are allowed only before the period opens.
 */
import { z } from 'zod';
import { VOUCHER_MAX_FEN, VOUCHER_MIN_FEN, textSchema, type PeriodInput, type PeriodStatus, type PeriodView } from '@kcq/shared';
import type { Clock } from './clock';
import { DomainError } from './errors';
import { newId } from './ids';
import type { CollectionSpec, Store } from '../store';
import type { ClaimInventory, PeriodWindow } from '../inventory/claims';

export interface Period {
  _id: string;
  name: string;
  opensAt: Date;
  closesAt: Date;
  quotaFen: number;
  /** The largest single voucher; ≤ 50,000 yuan (第十二条). */
  maxVoucherFen: number;
  /** Vouchers one applicant may claim in this period (Decision: default 1, POLICY.md 第十二条). */
  perApplicantLimit: number;
  /** When an administrator closed it early. */
  closedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const PERIODS: CollectionSpec = { name: 'periods', indexes: [{ fields: ['opensAt'] }] };

const wholeYuan = (label: string) =>
  z
    .number({ error: `${label}应为数字（分）` })
    .int({ error: `${label}应为整数（分）` })
    .refine((v) => v % 100 === 0, { error: `${label}应为整元` });

export const periodInputSchema = z
  .strictObject({
    name: textSchema('周期名称', { max: 50, tooLongMessage: '周期名称不超过50字' }),
    opensAt: z.iso.datetime({ offset: true, error: '开放时间格式应为 ISO 8601' }).transform((s) => new Date(s)),
    closesAt: z.iso.datetime({ offset: true, error: '截止时间格式应为 ISO 8601' }).transform((s) => new Date(s)),
    quotaFen: wholeYuan('总额度').min(VOUCHER_MIN_FEN, { error: '总额度至少为 1,000 元' }),
    maxVoucherFen: wholeYuan('单张上限')
      .min(VOUCHER_MIN_FEN, { error: '单张上限不低于 1,000 元' })
      .max(VOUCHER_MAX_FEN, { error: '单张上限不超过 50,000 元（第十二条）' })
      .default(VOUCHER_MAX_FEN),
    perApplicantLimit: z.number().int().min(1).max(10).default(1),
  })
  // Compared only once both are dates: zod runs an object's refinements even when a field failed, and
  // a date that failed validation is still the string that was sent ("garbage".getTime → a 500).
  .refine((p) => !(p.opensAt instanceof Date && p.closesAt instanceof Date) || p.closesAt.getTime() > p.opensAt.getTime(), {
    error: '截止时间应晚于开放时间',
    path: ['closesAt'],
  }) satisfies z.ZodType<
  unknown,
  PeriodInput
>;

/** A period's terms as the store keeps them: the wire PeriodInput (@kcq/shared) parsed, dates as Date, defaults filled in. */
export type PeriodFields = z.infer<typeof periodInputSchema>;

export function windowOf(p: Period): PeriodWindow {
  return {
    periodId: p._id,
    opensAt: p.opensAt.getTime(),
    closesAt: p.closesAt.getTime(),
    closedAt: p.closedAt ? p.closedAt.getTime() : null,
  };
}

/** Status as a phone shows it: closed wins, then upcoming, then sold out (less than the smallest voucher left). */
export function periodStatus(p: Period, remainingFen: number | null, now: Date): PeriodStatus {
  const t = now.getTime();
  if (p.closedAt || t >= p.closesAt.getTime()) return 'closed';
  if (t < p.opensAt.getTime()) return 'upcoming';
  if (remainingFen !== null && remainingFen < VOUCHER_MIN_FEN) return 'sold_out';
  return 'open';
}

export class Periods {
  private readonly col;
  /** Periods change rarely and are read by every poll and claim: a short cache spares the store. */
  private cache = new Map<string, { period: Period; until: number }>();

  constructor(
    store: Store,
    private readonly inventory: ClaimInventory,
    private readonly clock: Clock,
    private readonly cacheMs = 1_000,
    /**
     * How long a period's remaining quota read from the inventory is reused (0: every view reads it).
     * Thousands of phones poll the live quota every 2 s (issue #20): one read per interval, not per request.
     */
    private readonly remainingCacheMs = 0,
  ) {
    this.col = store.collection<Period>(PERIODS);
  }

  async create(input: PeriodFields, actorId: string): Promise<Period> {
    const now = this.clock.now();
    const period: Period = { _id: newId('per'), ...input, closedAt: null, createdBy: actorId, createdAt: now, updatedAt: now, version: 1 };
    await this.col.insert(period);
    await this.inventory.putPeriod(windowOf(period), period.quotaFen);
    return period;
  }

  /** 第十五条1: a period that has opened keeps its terms; before that an administrator may change anything. */
  async update(id: string, input: PeriodFields, actorId: string): Promise<Period> {
    const current = await this.require(id);
    const now = this.clock.now();
    if (now.getTime() >= current.opensAt.getTime()) throw new DomainError('PERIOD_ALREADY_OPEN');
    const updated = await this.col.updateOne(
      { _id: id, version: current.version },
      { $set: { ...input, updatedAt: now, updatedBy: actorId }, $inc: { version: 1 } },
    );
    if (!updated) throw new DomainError('CONFLICT');
    this.cache.delete(id);
    await this.inventory.putPeriod(windowOf(updated), updated.quotaFen);
    return updated;
  }

  /** Closing early stops claims at once (the inventory refuses from the next decision on). */
  async close(id: string, actorId: string): Promise<Period> {
    const current = await this.require(id);
    if (current.closedAt) return current;
    const now = this.clock.now();
    const updated = await this.col.updateOne(
      { _id: id, closedAt: null },
      { $set: { closedAt: now, closedBy: actorId, updatedAt: now }, $inc: { version: 1 } },
    );
    const result = updated ?? (await this.require(id));
    this.cache.delete(id);
    await this.inventory.putPeriod(windowOf(result));
    return result;
  }

  async get(id: string): Promise<Period | null> {
    const hit = this.cache.get(id);
    const t = Date.now();
    if (hit && hit.until > t) return hit.period;
    const period = await this.col.findById(id);
    if (period) this.cache.set(id, { period, until: t + this.cacheMs });
    return period;
  }

  async require(id: string): Promise<Period> {
    const p = await this.get(id);
    if (!p) throw new DomainError('NOT_FOUND', '找不到该发放周期');
    return p;
  }

  async all(): Promise<Period[]> {
    return this.col.find({}, { sort: { opensAt: -1 } });
  }

  /** Remaining quota per period: the last figure read, when, and the read in flight (one at a time). */
  private remainingSeen = new Map<string, { fen: number | null; at: number; reading: Promise<number | null> | null }>();

  /** The live remaining quota; `unknown` when the inventory does not answer (the last figure seen, if any). */
  private async remainingOf(periodId: string): Promise<{ fen: number | null; unknown: boolean }> {
    let seen = this.remainingSeen.get(periodId);
    const t = Date.now();
    if (seen && seen.at !== 0 && t - seen.at < this.remainingCacheMs) return { fen: seen.fen, unknown: false };
    if (!seen) {
      seen = { fen: null, at: 0, reading: null };
      if (this.remainingSeen.size > 1_000) this.remainingSeen.clear();
      this.remainingSeen.set(periodId, seen);
    }
    const entry = seen;
    entry.reading ??= this.inventory.remaining(periodId).finally(() => (entry.reading = null));
    try {
      const fen = await entry.reading;
      entry.fen = fen;
      entry.at = Date.now();
      return { fen, unknown: false };
    } catch {
      // Redis down or slower than its command timeout: the period screens keep working from the store.
      entry.at = 0;
      return { fen: entry.fen, unknown: true };
    }
  }

  async view(p: Period): Promise<PeriodView> {
    const { fen: remaining, unknown } = await this.remainingOf(p._id);
    return {
      id: p._id,
      name: p.name,
      opensAt: p.opensAt.toISOString(),
      closesAt: p.closesAt.toISOString(),
      closedAt: p.closedAt ? p.closedAt.toISOString() : null,
      quotaFen: p.quotaFen,
      remainingFen: remaining ?? p.quotaFen,
      maxVoucherFen: p.maxVoucherFen,
      perApplicantLimit: p.perApplicantLimit,
      status: periodStatus(p, unknown ? null : remaining, this.clock.now()),
      ...(unknown ? { remainingUnknown: true } : {}),
    };
  }
}
