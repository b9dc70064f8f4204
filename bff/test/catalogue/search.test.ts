/**
 * Catalogue search on every store adapter (embedded always; MongoDB when MONGO_URL is set, loud skip
 * otherwise): keyword substring (第五条 services by name), literal metacharacters, each filter, relevance
 * and price order, and page walks that return every matching item exactly once.
 */
import { searchQuerySchema, relevanceTier, type SearchQuery } from '../../src/domain/catalogueSearch';
import type { CatalogueService } from '../../src/domain/catalogue';
import type { Services } from '../../src/domain/services';
import type { Store } from '../../src/store';
import { seedCatalogue } from '../../src/seed/catalogue';
import { identityApp, storeAdapters, type IdentityApp } from '../support/identity';
import { buildFixture, type Fixture } from './fixture';

const query = (q: Record<string, unknown>): SearchQuery => searchQuerySchema.parse(q);

async function ids(services: Services, q: Record<string, unknown>): Promise<string[]> {
  const page = await services.catalogueSearch.search(query({ limit: 50, ...q }));
  return page.items.map((h) => h.service._id);
}

/** Follows nextCursor to the end; returns every item in order. */
async function walk(services: Services, q: Record<string, unknown>, limit: number) {
  const items: { service: CatalogueService; matchedOn: string | null }[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await services.catalogueSearch.search(query({ ...q, limit: String(limit), ...(cursor ? { cursor } : {}) }));
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor) expect(page.items.length).toBe(limit);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages += 1;
    if (pages > 500) throw new Error('runaway pagination');
  } while (cursor);
  return { items, pages };
}

describe.each(storeAdapters())('catalogue search on $name', (adapter) => {
  let store: Store;
  let t: IdentityApp;
  let f: Fixture;
  beforeEach(async () => {
    store = await adapter.open();
    t = identityApp({ store });
    f = await buildFixture(t.services);
  });
  afterEach(() => adapter.cleanup(store));

  test('质谱 finds 液相色谱-质谱联用仪 and ranks service name > instrument > lab > unit', async () => {
    const page = await t.services.catalogueSearch.search(query({ q: '质谱' }));
    expect(page.items.map((h) => [h.service._id, h.matchedOn])).toEqual([
      [f.s.imaging, 'service'],
      [f.s.lcms, 'instrument'],
      [f.s.icp, 'lab'],
      [f.s.element, 'unit'],
    ]);
    expect(page.items[1]!.service.instrument!.name).toBe('液相色谱-质谱联用仪');
    expect(page.nextCursor).toBeNull();
  });

  test('keyword matches instrument model and maker, case-insensitively', async () => {
    expect(await ids(t.services, { q: 'd8 advance' })).toEqual([f.s.xrd]);
    expect(await ids(t.services, { q: '浪潮' })).toEqual([f.s.gpu]);
  });

  test('regex metacharacters in the query are literal text, never a pattern', async () => {
    expect(await ids(t.services, { q: 'C++' })).toEqual([f.s.cpp]);
    expect(await ids(t.services, { q: '(v1.0)' })).toEqual([f.s.cpp]);
    expect(await ids(t.services, { q: 'v1x0' })).toEqual([]); // a regex "." would match the x
    expect(await ids(t.services, { q: '.*' })).toEqual([]);
    expect(await ids(t.services, { q: '^质谱' })).toEqual([]);
    expect(await ids(t.services, { q: '[质]' })).toEqual([]);
    for (const sort of ['price_asc', 'price_desc']) expect(await ids(t.services, { q: '.*', sort })).toEqual([]);
  });

  test('each filter: category, field, district, region, voucher-eligible only', async () => {
    const all = Object.values(f.s);
    expect((await ids(t.services, {})).sort()).toEqual([...all].sort());
    expect(await ids(t.services, { category: 'compute' })).toEqual([f.s.gpu]);
    expect((await ids(t.services, { category: 'analysis' })).sort()).toEqual([f.s.lcms, f.s.imaging, f.s.icp, f.s.xrd, f.s.element].sort());
    expect((await ids(t.services, { field: 'new_materials' })).sort()).toEqual([f.s.xrd, f.s.statutory, f.s.element].sort());
    expect(await ids(t.services, { district: '朝阳区' })).toEqual([f.s.element]);
    expect(await ids(t.services, { region: 'tianjin' })).toEqual([f.s.gpu]);
    expect(await ids(t.services, { region: 'hebei' })).toEqual([f.s.cpp]);
    // 第五条: statutory testing is out; 第十九条: the non-recognised Hebei unit is out.
    expect((await ids(t.services, { eligibleOnly: 'true' })).sort()).toEqual(
      all.filter((id) => id !== f.s.statutory && id !== f.s.cpp).sort(),
    );
    expect(await ids(t.services, { eligibleOnly: 'true', region: 'hebei' })).toEqual([]);
    expect(await ids(t.services, { q: '质谱', category: 'analysis', district: '海淀区' })).toEqual([f.s.imaging, f.s.lcms, f.s.icp]);
  });

  test('price order ascending and descending, ties broken by id', async () => {
    const asc = await t.services.catalogueSearch.search(query({ sort: 'price_asc', limit: '50' }));
    const prices = asc.items.map((h) => h.service.priceFen);
    expect(prices).toEqual([1_500, 8_000, 20_000, 30_000, 30_000, 50_000, 120_000, 800_000]);
    const tie = asc.items.filter((h) => h.service.priceFen === 30_000).map((h) => h.service._id);
    expect(tie).toEqual([f.s.xrd, f.s.icp].sort());
    const desc = await ids(t.services, { sort: 'price_desc' });
    expect(desc).toEqual(asc.items.map((h) => h.service._id).reverse());
    expect(await ids(t.services, { q: '质谱', sort: 'price_asc' })).toEqual([f.s.element, f.s.icp, f.s.lcms, f.s.imaging]);
  });

  test('relevance pages of one never repeat or skip, and the cursor is bound to its order', async () => {
    const { items, pages } = await walk(t.services, { q: '质谱' }, 1);
    expect(items.map((h) => h.service._id)).toEqual([f.s.imaging, f.s.lcms, f.s.icp, f.s.element]);
    expect(pages).toBe(4);
    const first = await t.services.catalogueSearch.search(query({ q: '质谱', limit: '1' }));
    await expect(t.services.catalogueSearch.search(query({ q: '质谱', sort: 'price_asc', cursor: first.nextCursor! }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(t.services.catalogueSearch.search(query({ q: '质谱', cursor: 'garbage' }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  test('price walks cross band edges (0, 2,000, 4,000 fen, the maximum) and long runs of equal prices exactly once', async () => {
    const { catalogue } = t.services;
    const prices = [0, 1_999, 2_000, 2_000, 3_999, 4_000, 100_000_000, ...Array.from({ length: 23 }, () => 2_000)];
    const made: { id: string; price: number }[] = [];
    for (const [i, priceFen] of prices.entries()) {
      const s = await catalogue.addService(f.units.massSpec, {
        labId: f.labs.general, name: `边界价格服务${i}`, category: 'testing', instrument: null, description: '',
        priceFen, priceUnit: 'item', leadTimeDays: 1, statutory: false, compute: null,
      });
      made.push({ id: s._id, price: priceFen });
    }
    const asc = [...made].sort((a, b) => a.price - b.price || (a.id < b.id ? -1 : 1)).map((m) => m.id);
    for (const limit of [1, 4, 50]) {
      expect((await walk(t.services, { q: '边界价格', sort: 'price_asc' }, limit)).items.map((h) => h.service._id)).toEqual(asc);
      expect((await walk(t.services, { q: '边界价格', sort: 'price_desc' }, limit)).items.map((h) => h.service._id)).toEqual([...asc].reverse());
      // Relevance: all are service-name hits, so price then id.
      expect((await walk(t.services, { q: '边界价格' }, limit)).items.map((h) => h.service._id)).toEqual(asc);
    }
  });

  test('the query schema refuses control characters and over-long keywords, and reads booleans', () => {
    expect(searchQuerySchema.safeParse({ q: 'a\nb' }).success).toBe(false);
    expect(searchQuerySchema.safeParse({ q: 'x'.repeat(51) }).success).toBe(false);
    expect(searchQuerySchema.parse({ eligibleOnly: 'false' }).eligibleOnly).toBe(false);
    expect(searchQuerySchema.parse({ eligibleOnly: '1' }).eligibleOnly).toBe(true);
    expect(searchQuerySchema.parse({ q: '   ' }).q).toBeUndefined();
  });
});

describe.each(storeAdapters())('page walks over the demo catalogue on $name', (adapter) => {
  let store: Store;
  let t: IdentityApp;
  let all: CatalogueService[];
  beforeAll(async () => {
    store = await adapter.open();
    t = identityApp({ store });
    await seedCatalogue(t.services);
    all = await t.services.catalogue.services.find({});
  }, 60_000);
  afterAll(() => adapter.cleanup(store));

  const today = '2026-11-21';
  const visible = (s: CatalogueService) => s.listed && ['active', 'leaving'].includes(s.unit.status) && s.unit.openUntil > today;

  const cases: [string, Record<string, unknown>, (s: CatalogueService) => boolean][] = [
    ['everything, relevance (= price without keyword)', {}, () => true],
    ['keyword 分析, relevance', { q: '分析' }, (s) => s.searchText.includes('分析')],
    ['keyword 质谱, relevance', { q: '质谱' }, (s) => s.searchText.includes('质谱')],
    ['keyword 大学 (unit names), relevance', { q: '大学' }, (s) => s.searchText.includes('大学')],
    ['keyword 测试, price ascending', { q: '测试', sort: 'price_asc' }, (s) => s.searchText.includes('测试')],
    ['category testing, price descending', { category: 'testing', sort: 'price_desc' }, (s) => s.category === 'testing'],
    ['voucher-eligible, price ascending', { eligibleOnly: 'true', sort: 'price_asc' }, (s) => s.voucherable],
    ['region hebei + field', { region: 'hebei', field: 'new_materials' }, (s) => s.unit.region === 'hebei' && s.lab.fields.includes('new_materials')],
  ];

  test.each(cases)('%s: every matching item exactly once, in order', async (_label, q, predicate) => {
    const expected = all.filter((s) => visible(s) && predicate(s)).map((s) => s._id).sort();
    expect(expected.length).toBeGreaterThan(0);
    for (const limit of [7, 20]) {
      const { items } = await walk(t.services, q, limit);
      const got = items.map((h) => h.service._id);
      expect(new Set(got).size).toBe(got.length);
      expect([...got].sort()).toEqual(expected);
      // The order is the documented total order.
      const key = (h: (typeof items)[number]) =>
        q.sort === 'price_desc'
          ? [-h.service.priceFen, 0]
          : [q.q && (q.sort ?? 'relevance') === 'relevance' ? relevanceTier(h.service, String(q.q))! : 0, h.service.priceFen];
      for (let i = 1; i < items.length; i += 1) {
        const [a, b] = [key(items[i - 1]!), key(items[i]!)];
        const cmp = a[0]! - b[0]! || a[1]! - b[1]!;
        expect(cmp <= 0).toBe(true);
      }
    }
  });

  test('the demo catalogue answers 质谱 with 液相色谱-质谱联用仪 services first among instrument hits', async () => {
    const page = await t.services.catalogueSearch.search(query({ q: '质谱', limit: '50' }));
    expect(page.items.length).toBe(50);
    expect(page.items[0]!.matchedOn).toBe('service');
    expect(page.items.some((h) => h.service.instrument?.name === '液相色谱-质谱联用仪')).toBe(true);
  });
});
