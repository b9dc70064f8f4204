/**
 * Browse and search the catalogue (第五条): filters, a keyword over unit, lab, service and instrument
 * names, relevance or price order, cursor pagination. One query on `catalogue_services` answers it,
 * with the Store port's Mongo-subset filters only, so both adapters give the same answers.
 *
 * - Always: listed services of units open today (`listedUntil` after today, Beijing calendar: the unit's
 *   leave date, or never for a suspended unit or a withdrawn service): a suspended unit or one past its
 *   leave date vanishes with no job to run.
 * - `eligibleOnly` (第五条, 第十九条): additionally not statutory/mandatory testing and the unit in Beijing
 *   or mutually recognised (`voucherable`, kept in sync with the unit).
 * - Keyword: `containsText()` (escaped, case-insensitive substring; never a regex or operator from the
 *   user) on `searchText`, the newline-joined names. Queries cannot contain control characters, so a
 *   match never spans two names.
 *
 * Order and pagination — pages never repeat or skip an item while the data is unchanged:
 * - `price_asc` / `price_desc`: keyset pagination on (priceFen, _id), as `paginate()` does, walked in
 *   price bands (see `byPrice`: that is what keeps the embedded adapter fast).
 * - `relevance` (with a keyword): the score is the best place the keyword hits — service name (tier 1)
 *   > instrument name/model/maker (2) > lab name (3) > unit name (4) — then price, then _id. That is a
 *   total order, walked tier by tier: each tier is a store query `{ <field> matches }` in (priceFen, _id)
 *   keyset order, and rows whose best hit is an earlier tier are skipped in memory (they were shown
 *   there). The cursor is (tier, priceFen, _id) of the last item returned. No candidate cap is needed,
 *   so nothing beyond a cap can go missing. A page usually ends inside one tier; the worst case (a
 *   keyword found only in unit names) walks four tiers, three of them empty (docs/benchmarks.md).
 * - `relevance` without a keyword is price ascending (every item scores the same).
 */
import { z } from 'zod';
import { PRIORITY_FIELDS, REGIONS, SEARCH_SORTS, SERVICE_CATEGORIES, shanghaiDay, type MatchedOn, type SearchSort } from '@kcq/shared';
import type { Clock } from './clock';
import { DomainError } from './errors';
import { CATALOGUE_SERVICES, type CatalogueService } from './catalogue';
import { containsText, type Collection, type Filter, type Store } from '../store';
import type { SupervisionDoors } from './supervision/sanctions';

export { MATCHED_ON, SEARCH_SORTS, type MatchedOn, type SearchSort } from '@kcq/shared';

const flag = z
  .enum(['true', 'false', '1', '0'], { error: '应为 true 或 false' })
  .transform((v) => v === 'true' || v === '1');

export const searchQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .max(50, { error: '关键词不超过50字' })
    .regex(/^[^\u0000-\u001f\u007f]*$/, { error: '关键词含有不可见字符' })
    .optional()
    .transform((v) => v || undefined)
    .describe('Keyword: a plain substring of a unit, lab, service or instrument name (质谱 finds 液相色谱-质谱联用仪)'),
  category: z.enum(SERVICE_CATEGORIES).optional(),
  field: z.enum(PRIORITY_FIELDS).optional().describe('Priority field of the lab'),
  district: z.string().trim().min(1).max(20).optional().describe('District of the unit, e.g. 海淀区'),
  region: z.enum(REGIONS).optional(),
  eligibleOnly: flag.default(false).describe('Voucher-eligible only: not statutory testing, unit takes vouchers (第五条, 第十九条)'),
  sort: z.enum(SEARCH_SORTS).default('relevance'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(500).optional(),
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export interface SearchHit {
  service: CatalogueService;
  /** Where the keyword hit best (relevance); null without a keyword. */
  matchedOn: MatchedOn | null;
}

export interface SearchPage {
  items: SearchHit[];
  nextCursor: string | null;
}

type Tier = 1 | 2 | 3 | 4;
const TIERS: Tier[] = [1, 2, 3, 4];

function tierFilter(tier: Tier, q: string): Filter<CatalogueService> {
  const m = containsText(q);
  switch (tier) {
    case 1:
      return { name: m };
    case 2:
      return { $or: [{ 'instrument.name': m }, { 'instrument.model': m }, { 'instrument.maker': m }] };
    case 3:
      return { 'lab.name': m };
    case 4:
      return { 'unit.name': m };
  }
}

/** The best tier a keyword hits in a service (the same escaped, case-insensitive match as the store), or null. */
export function relevanceTier(s: Pick<CatalogueService, 'name' | 'instrument' | 'lab' | 'unit'>, q: string): Tier | null {
  const re = containsText(q).$regex;
  const i = s.instrument;
  if (re.test(s.name)) return 1;
  if (i && [i.name, i.model, i.maker].some((v) => v !== null && re.test(v))) return 2;
  if (re.test(s.lab.name)) return 3;
  if (re.test(s.unit.name)) return 4;
  return null;
}

interface RelevanceCursor {
  s: 'relevance';
  t: Tier;
  p: number;
  i: string;
}
interface PriceCursor {
  s: 'price_asc' | 'price_desc';
  p: number;
  i: string;
}
type PriceKeyset = { p: number; i: string };

/** The highest price the service schema accepts (1,000,000 yuan), the top of a descending walk. */
const MAX_PRICE_FEN = 100_000_000;

function bandAbove(lo: number): number {
  return Math.max(lo * 2, lo + 2_000);
}
function bandBelow(hi: number): number {
  return hi >= 4_000 ? Math.floor(hi / 2) : -1;
}

/**
 * Rows of `where` in (priceFen, _id) order — ascending or descending — strictly after `after`: keyset
 * pagination as `paginate()` does it, walked in price bands (×2 wide each: 0–20 yuan, 20–40, 40–80…).
 * Why bands: the embedded adapter (nedb) uses an index only for a top-level condition and sorts every
 * match in JavaScript. With the band as a top-level priceFen range it takes its candidates from the
 * priceFen index and sorts only one band, so a first page reads a few hundred documents instead of
 * sorting ten thousand (measured: 50 ms → a few ms at 10,000 services). MongoDB answers each band from
 * the same index. The order and the keyset are unchanged, so pages never repeat or skip.
 */
async function* byPrice(
  col: Collection<CatalogueService>,
  where: Filter<CatalogueService>,
  order: 1 | -1,
  after: PriceKeyset | null,
  batch: number,
): AsyncGenerator<CatalogueService> {
  let cur = after;
  let lo = order === 1 ? (cur?.p ?? 0) : bandBelow(cur?.p ?? MAX_PRICE_FEN);
  let hi = order === 1 ? bandAbove(lo) : (cur?.p ?? MAX_PRICE_FEN);
  for (;;) {
    if (order === 1 ? lo > MAX_PRICE_FEN : hi < 0) return;
    const price = order === 1 ? { $gte: cur ? Math.max(lo, cur.p) : lo, $lt: hi } : { $lte: cur ? Math.min(hi, cur.p) : hi, $gt: lo };
    const and = [...((where.$and as Filter<CatalogueService>[] | undefined) ?? [])];
    if (cur) {
      const beyond = order === 1 ? '$gt' : '$lt';
      and.push({ $or: [{ priceFen: { [beyond]: cur.p } }, { _id: { [beyond]: cur.i } }] });
    }
    const rows = await col.find(
      { ...where, priceFen: price, ...(and.length ? { $and: and } : {}) },
      { sort: { priceFen: order, _id: order }, limit: batch },
    );
    for (const row of rows) yield row;
    if (rows.length === batch) {
      const last = rows[rows.length - 1]!;
      cur = { p: last.priceFen, i: last._id }; // more in this band
      continue;
    }
    cur = null; // the next band lies wholly beyond the keyset
    if (order === 1) [lo, hi] = [hi, bandAbove(hi)];
    else [hi, lo] = [lo, bandBelow(lo)];
  }
}

function encodeCursor(c: RelevanceCursor | PriceCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function badCursor(): DomainError {
  return new DomainError('VALIDATION_FAILED', '翻页参数无效，请从第一页重新加载', {
    fields: [{ path: 'query.cursor', code: 'invalid_cursor', message: '翻页参数无效' }],
  });
}

function decodeCursor(raw: string, sort: SearchSort): RelevanceCursor | PriceCursor {
  let c: { s?: unknown; t?: unknown; p?: unknown; i?: unknown } | null;
  try {
    c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  // A cursor of another order would start at an arbitrary place: refuse it.
  if (!c || c.s !== sort) throw badCursor();
  if (sort === 'relevance') {
    if (!TIERS.includes(c.t as Tier) || typeof c.p !== 'number' || typeof c.i !== 'string') throw badCursor();
    return c as unknown as RelevanceCursor;
  }
  if (typeof c.p !== 'number' || typeof c.i !== 'string') throw badCursor();
  return c as unknown as PriceCursor;
}

const MATCHED: Record<Tier, MatchedOn> = { 1: 'service', 2: 'instrument', 3: 'lab', 4: 'unit' };

export class CatalogueSearch {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private get col() {
    return this.store.collection<CatalogueService>(CATALOGUE_SERVICES);
  }

  /** Filters without the keyword; `today` is the Beijing day (units past their leave date drop out). */
  baseFilter(q: Pick<SearchQuery, 'category' | 'field' | 'district' | 'region' | 'eligibleOnly'>, today = shanghaiDay(this.clock.now())) {
    const f: Filter<CatalogueService> = { listedUntil: { $gt: today } };
    if (q.category) f.category = q.category;
    if (q.field) f['lab.fields'] = q.field;
    if (q.district) f['unit.district'] = q.district;
    if (q.region) f['unit.region'] = q.region;
    if (q.eligibleOnly) f.voucherable = true;
    return f;
  }

  /** 第十七条: units banned or removed drop out of the catalogue (supervision/sanctions.ts). */
  private sanctions: Pick<SupervisionDoors, 'hiddenUnits'> | null = null;
  superviseWith(s: Pick<SupervisionDoors, 'hiddenUnits'>): void {
    this.sanctions = s;
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    const base = this.baseFilter(query);
    const hidden = (await this.sanctions?.hiddenUnits()) ?? [];
    if (hidden.length) base.unitId = { $nin: hidden };
    const sort: SearchSort = query.sort === 'relevance' && !query.q ? 'price_asc' : query.sort;
    const cursor = query.cursor ? decodeCursor(query.cursor, sort) : null;
    if (sort === 'relevance') return this.byRelevance(base, query.q!, query.limit, cursor as RelevanceCursor | null);

    const order = sort === 'price_asc' ? 1 : -1;
    const where: Filter<CatalogueService> = query.q ? { ...base, searchText: containsText(query.q) } : base;
    const rows: CatalogueService[] = [];
    for await (const row of byPrice(this.col, where, order, cursor as PriceKeyset | null, query.limit + 1)) {
      if (rows.push(row) > query.limit) break;
    }
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((service) => ({ service, matchedOn: query.q ? MATCHED[relevanceTier(service, query.q) ?? 4] : null })),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ s: sort, p: last.priceFen, i: last._id }) : null,
    };
  }

  /** The tier walk described at the top. Collects limit + 1 items to know whether a next page exists. */
  private async byRelevance(base: Filter<CatalogueService>, q: string, limit: number, cursor: RelevanceCursor | null): Promise<SearchPage> {
    const want = limit + 1;
    const batch = Math.max(want, 50);
    const hits: { service: CatalogueService; tier: Tier }[] = [];
    for (const tier of TIERS) {
      if (cursor && tier < cursor.t) continue;
      const after = cursor && tier === cursor.t ? { p: cursor.p, i: cursor.i } : null;
      for await (const row of byPrice(this.col, { ...base, $and: [tierFilter(tier, q)] }, 1, after, batch)) {
        if (relevanceTier(row, q) === tier && hits.push({ service: row, tier }) >= want) break;
      }
      if (hits.length >= want) break;
    }
    const items = hits.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((h) => ({ service: h.service, matchedOn: MATCHED[h.tier] })),
      nextCursor: hits.length > limit && last ? encodeCursor({ s: 'relevance', t: last.tier, p: last.service.priceFen, i: last.service._id }) : null,
    };
  }
}
