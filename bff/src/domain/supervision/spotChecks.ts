/**
 * Spot checks (第十八条: administrators supervise by random and ad-hoc spot checks). POLICY.md Decision: a
 * spot check draws a reproducible random sample — the seed is recorded, and the same seed over the same
 * population gives the same sample (`drawSample` in shared, mulberry32).
 *
 * Populations:
 *   redemptions  approved or paid redemptions whose approval (or, when paid, payment) falls in a range of
 *                Beijing days, inclusive
 *   open_units   the open units in the scheme (active or leaving, not removed)
 * Each population is ordered by id before drawing, so a draw is replayable from its recorded seed while
 * the population is unchanged (`replay` proves it). Each sampled item gets a check record (outcome,
 * notes, files) and may open a misconduct case (cases.ts) that remembers where it came from.
 */
import { z } from 'zod';
import { drawSample, isIsoDay, isSeed, newSeed, sampleCount, shanghaiDay, textSchema, type IsoDay, type SampleSize } from '@kcq/shared';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { newId } from '../ids';
import { OPEN_UNITS, type OpenUnit } from '../openUnits';
import { REDEMPTIONS, type RedemptionDoc } from '../redemptions';
import type { Collection, CollectionSpec, Store } from '../../store';
import type { SupervisionLog } from './log';

export const SPOT_CHECK_POPULATIONS = ['redemptions', 'open_units'] as const;
export type SpotCheckPopulation = (typeof SPOT_CHECK_POPULATIONS)[number];

export { CHECK_OUTCOMES, type CheckOutcome } from '@kcq/shared';
import { CHECK_OUTCOMES, type CheckOutcome } from '@kcq/shared';

/** Redemption statuses that are approved or later (the review passed), whatever the review/notice/payment code calls them. */
const APPROVED_OR_LATER = ['approved', 'in_public_notice', 'payable', 'paid'] as RedemptionDoc['status'][];

export interface SpotCheckItem {
  id: string;
  subject: 'redemption' | 'open_unit';
  subjectId: string;
  check: { outcome: CheckOutcome; notes: string | null; fileIds: string[]; at: Date; by: string } | null;
  caseId: string | null;
}

export interface SpotCheckDoc {
  _id: string;
  title: string;
  population: { kind: SpotCheckPopulation; fromDay: IsoDay | null; toDay: IsoDay | null };
  want: SampleSize;
  seed: number;
  populationSize: number;
  /** The population's ids in draw order (sorted): what a replay must find again. */
  populationIds: string[];
  items: SpotCheckItem[];
  drawnAt: Date;
  drawnBy: string;
  updatedAt: Date;
  version: number;
}

export const SPOT_CHECKS: CollectionSpec = { name: 'spot_checks', indexes: [{ fields: ['drawnAt'] }] };

const day = z.string().refine(isIsoDay, { error: '日期格式应为 YYYY-MM-DD' });

export const drawSchema = z
  .strictObject({
    title: textSchema('抽查名称', { max: 100 }),
    population: z.enum(SPOT_CHECK_POPULATIONS),
    fromDay: day.optional(),
    toDay: day.optional(),
    size: z.number().int().min(1).max(10_000).optional(),
    percent: z.number().gt(0).max(100).optional(),
    seed: z.number().int().min(0).max(0xffff_ffff).optional().describe('Replays a draw; a fresh seed is chosen and recorded when absent'),
  })
  .superRefine((v, ctx) => {
    if ((v.size === undefined) === (v.percent === undefined)) ctx.addIssue({ code: 'custom', path: ['size'], message: '请填写抽取数量或抽取比例（二选一）' });
    if (v.population === 'redemptions' && (!v.fromDay || !v.toDay)) ctx.addIssue({ code: 'custom', path: ['fromDay'], message: '请填写兑现的起止日期' });
    if (v.fromDay && v.toDay && v.fromDay > v.toDay) ctx.addIssue({ code: 'custom', path: ['toDay'], message: '结束日期不能早于开始日期' });
  });
export type DrawInput = z.infer<typeof drawSchema>;

export const checkRecordSchema = z.strictObject({
  outcome: z.enum(CHECK_OUTCOMES),
  notes: textSchema('检查记录', { max: 2000, required: false, multiline: true }).optional(),
  fileIds: z.array(z.string().max(64)).max(20).default([]),
});
export type CheckRecordInput = z.infer<typeof checkRecordSchema>;

export class SpotChecks {
  private readonly col: Collection<SpotCheckDoc>;
  private readonly redemptions: Collection<RedemptionDoc>;
  private readonly units: Collection<OpenUnit>;

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly log: SupervisionLog,
    /** Units removed by a decision are not in the scheme any more (sanctions.ts). */
    private readonly hiddenUnits: () => Promise<string[]>,
    private readonly random: () => number = Math.random,
  ) {
    this.col = store.collection<SpotCheckDoc>(SPOT_CHECKS);
    this.redemptions = store.collection<RedemptionDoc>(REDEMPTIONS);
    this.units = store.collection<OpenUnit>(OPEN_UNITS);
  }

  /** The population's ids, sorted (the draw's order). */
  async population(kind: SpotCheckPopulation, fromDay: IsoDay | null, toDay: IsoDay | null): Promise<string[]> {
    if (kind === 'open_units') {
      const hidden = new Set(await this.hiddenUnits());
      const units = await this.units.project({ status: { $in: ['active', 'leaving'] } }, ['status']);
      return units.map((u) => u._id).filter((id) => !hidden.has(id)).sort();
    }
    const rows = await this.redemptions.project({ status: { $in: APPROVED_OR_LATER } }, ['status', 'review', 'payment', 'submittedAt']);
    return rows
      .filter((r) => {
        const at = r.status === 'paid' && r.payment ? r.payment.at : (r.review?.at ?? r.submittedAt);
        const d = shanghaiDay(at);
        return (!fromDay || d >= fromDay) && (!toDay || d <= toDay);
      })
      .map((r) => r._id)
      .sort();
  }

  async draw(input: DrawInput, by: string): Promise<SpotCheckDoc> {
    const fromDay = input.fromDay ?? null;
    const toDay = input.toDay ?? null;
    const ids = await this.population(input.population, fromDay, toDay);
    const want: SampleSize = input.size !== undefined ? { size: input.size } : { percent: input.percent! };
    if (sampleCount(ids.length, want) === 0) throw new DomainError('SPOT_CHECK_EMPTY', undefined, { populationSize: ids.length });
    const seed = input.seed !== undefined && isSeed(input.seed) ? input.seed : newSeed(this.random);
    const subject = input.population === 'open_units' ? 'open_unit' : 'redemption';
    const now = this.clock.now();
    const doc: SpotCheckDoc = {
      _id: newId('sc'),
      title: input.title,
      population: { kind: input.population, fromDay, toDay },
      want,
      seed,
      populationSize: ids.length,
      populationIds: ids,
      items: drawSample(ids, want, seed).map((subjectId) => ({ id: newId('sci'), subject, subjectId, check: null, caseId: null })),
      drawnAt: now,
      drawnBy: by,
      updatedAt: now,
      version: 1,
    };
    await this.col.insert(doc);
    await this.log.append('spot_check', doc._id, 'draw', { id: by, role: 'administrator' }, { ...input, seed, populationIds: ids });
    return doc;
  }

  /** The same draw again from the recorded seed and population: proves the sample was not chosen by hand. */
  async replay(id: string): Promise<{ same: boolean; populationUnchanged: boolean; sample: string[] }> {
    const c = await this.require(id);
    const now = await this.population(c.population.kind, c.population.fromDay, c.population.toDay);
    const sample = drawSample(c.populationIds, c.want, c.seed);
    return {
      same: sample.join() === c.items.map((i) => i.subjectId).join(),
      populationUnchanged: now.join() === c.populationIds.join(),
      sample,
    };
  }

  async require(id: string): Promise<SpotCheckDoc> {
    const c = await this.col.findById(id);
    if (!c) throw new DomainError('NOT_FOUND', '找不到该抽查');
    return c;
  }

  list(): Promise<SpotCheckDoc[]> {
    return this.col.find({}, { sort: { drawnAt: -1 }, limit: 200 });
  }

  async record(id: string, itemId: string, input: CheckRecordInput, by: string): Promise<SpotCheckDoc> {
    return this.updateItem(id, itemId, by, 'check', input, (item) => ({
      ...item,
      check: { outcome: input.outcome, notes: input.notes || null, fileIds: input.fileIds, at: this.clock.now(), by },
    }));
  }

  /** Links the case opened from this item (cases.ts opens it; one case per item). */
  async linkCase(id: string, itemId: string, caseId: string, by: string): Promise<SpotCheckDoc> {
    return this.updateItem(id, itemId, by, 'case', { caseId }, (item) => {
      if (item.caseId) throw new DomainError('CASE_STATE', '该抽查对象已立案', { caseId: item.caseId });
      return { ...item, caseId };
    });
  }

  async item(id: string, itemId: string): Promise<{ check: SpotCheckDoc; item: SpotCheckItem }> {
    const check = await this.require(id);
    const item = check.items.find((i) => i.id === itemId);
    if (!item) throw new DomainError('NOT_FOUND', '找不到该抽查对象');
    return { check, item };
  }

  history(id: string) {
    return this.log.list(id);
  }

  private async updateItem(
    id: string,
    itemId: string,
    by: string,
    event: string,
    payload: unknown,
    change: (item: SpotCheckItem) => SpotCheckItem,
  ): Promise<SpotCheckDoc> {
    const { check } = await this.item(id, itemId);
    const items = check.items.map((i) => (i.id === itemId ? change(i) : i));
    const updated = await this.col.updateOne({ _id: id, version: check.version }, { $set: { items, updatedAt: this.clock.now() }, $inc: { version: 1 } });
    if (!updated) throw new DomainError('CONFLICT');
    await this.log.append('spot_check', id, event, { id: by, role: 'administrator' }, { itemId, ...(payload as object) });
    return updated;
  }
}
