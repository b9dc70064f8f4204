import {
  appendPage,
  activeFilterCount,
  buildQuery,
  canLoadMore,
  cleanKeyword,
  computeLine,
  emptyAdvice,
  emptyFilters,
  instrumentLine,
  priceText,
  queryKey,
  serviceBadges,
  startList,
  unitBadges,
  type CatalogueFilters,
} from '../logic/catalogue';
import type { ServiceHit, ServicePage } from '../services/types';
import { computeService, hebeiUnit, service, statutoryService } from '../../mock/api';

const hit = (id: string, extra: Partial<ServiceHit> = {}): ServiceHit => ({ ...service, id, matchedOn: 'service', ...extra });
const page = (ids: string[], nextCursor: string | null): ServicePage => ({ items: ids.map((id) => hit(id)), nextCursor });

/** The query string as the BFF reads it. */
const params = (qs: string) => Object.fromEntries(new URLSearchParams(qs.slice(1)));

describe('catalogue query building: filters → query string', () => {
  test('no filters: relevance is the default, only the page size is sent', () => {
    expect(buildQuery(emptyFilters())).toBe('?limit=10');
  });

  test('every filter, in a fixed order, keyword encoded', () => {
    const f: CatalogueFilters = {
      q: '  质谱 ',
      category: 'analysis',
      field: 'new_materials',
      district: '海淀区',
      region: 'beijing',
      eligibleOnly: true,
      sort: 'price_asc',
    };
    const qs = buildQuery(f);
    expect(qs).toBe(
      `?q=${encodeURIComponent('质谱')}&category=analysis&field=new_materials&district=${encodeURIComponent('海淀区')}&region=beijing&eligibleOnly=true&sort=price_asc&limit=10`,
    );
    expect(params(qs)).toEqual({
      q: '质谱',
      category: 'analysis',
      field: 'new_materials',
      district: '海淀区',
      region: 'beijing',
      eligibleOnly: 'true',
      sort: 'price_asc',
      limit: '10',
    });
  });

  test('eligibleOnly false and an empty keyword are left out; price_desc is sent', () => {
    expect(params(buildQuery({ ...emptyFilters(), q: '   ', sort: 'price_desc' }))).toEqual({ sort: 'price_desc', limit: '10' });
  });

  test('keywords the BFF would refuse are cleaned: control characters, more than 50 characters', () => {
    expect(cleanKeyword('质\u0000谱\n')).toBe('质谱');
    expect(cleanKeyword('光'.repeat(60))).toHaveLength(50);
    expect(params(buildQuery({ ...emptyFilters(), q: 'a&b=c' })).q).toBe('a&b=c');
  });

  test('cursor continuation: the same filters plus the cursor (encoded), the key stays the same', () => {
    const f = { ...emptyFilters(), q: '质谱', eligibleOnly: true };
    const cursor = 'eyJzIjoicmVsZXZhbmNlIn0+/=';
    const next = buildQuery(f, cursor);
    expect(next.startsWith(buildQuery(f))).toBe(true);
    expect(params(next).cursor).toBe(cursor);
    expect(queryKey(f)).toBe(buildQuery(f));
  });

  test('active filters are counted for the 筛选 badge (keyword and order are not filters)', () => {
    expect(activeFilterCount({ ...emptyFilters(), q: 'x', sort: 'price_asc' })).toBe(0);
    expect(activeFilterCount({ ...emptyFilters(), category: 'compute', region: 'hebei', eligibleOnly: true })).toBe(3);
  });
});

describe('infinite scroll: pages appended, never repeated', () => {
  const f = { ...emptyFilters(), q: '质谱' };

  test('first page, then the next page via the cursor, until nextCursor is null', () => {
    let s = startList(f);
    expect(canLoadMore(s, false)).toBe(false); // nothing answered yet
    s = appendPage(s, queryKey(f), page(['a', 'b'], 'c1'), true);
    expect(s.items.map((i) => i.id)).toEqual(['a', 'b']);
    expect(canLoadMore(s, false)).toBe(true);
    expect(canLoadMore(s, true)).toBe(false); // one request at a time
    s = appendPage(s, queryKey(f), page(['c', 'd'], null), false);
    expect(s.items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(s.done).toBe(true);
    expect(canLoadMore(s, false)).toBe(false);
  });

  test('dedupe: an overlapping page (data changed, or the same page answered twice) adds only new items', () => {
    let s = appendPage(startList(f), queryKey(f), page(['a', 'b', 'c'], 'c1'), true);
    s = appendPage(s, queryKey(f), page(['c', 'd', 'd'], 'c2'), false);
    s = appendPage(s, queryKey(f), page(['c', 'd'], 'c2'), false);
    expect(s.items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('a page answered for older filters is dropped; a first page replaces the list', () => {
    const other = { ...f, eligibleOnly: true };
    let s = startList(other);
    s = appendPage(s, queryKey(f), page(['stale'], 'x'), true);
    expect(s.loaded).toBe(false);
    expect(s.items).toEqual([]);
    s = appendPage(s, queryKey(other), page(['a'], null), true);
    s = appendPage(s, queryKey(other), page(['z'], null), true);
    expect(s.items.map((i) => i.id)).toEqual(['z']);
  });

  test('an empty list says what to do', () => {
    expect(emptyAdvice({ ...f, eligibleOnly: true })).toMatchObject({ action: 'clear_filters' });
    expect(emptyAdvice(f)).toMatchObject({ title: '没有找到“质谱”', action: 'clear_keyword' });
    expect(emptyAdvice(emptyFilters()).action).toBe('none');
  });
});

describe('what a service card says', () => {
  test('voucher-eligible (第五条)', () => {
    expect(serviceBadges(service)).toEqual([{ text: '可用创新券', tone: 'ok' }]);
  });

  test('statutory testing is never voucher-eligible (第五条)', () => {
    expect(serviceBadges(statutoryService)).toEqual([{ text: '法定检测 · 不可用券', tone: 'muted' }]);
  });

  test('a recognised Tianjin/Hebei unit is marked 津冀互认 (第十九条); an unrecognised one cannot take vouchers', () => {
    expect(serviceBadges({ ...service, unit: hebeiUnit })).toEqual([
      { text: '可用创新券', tone: 'ok' },
      { text: '津冀互认', tone: 'region' },
    ]);
    const unrecognised = { ...hebeiUnit, mutualRecognition: false, regionalMark: null };
    expect(serviceBadges({ ...service, unit: unrecognised, voucherEligible: false, ineligibleReason: 'not_mutually_recognised' })).toEqual([
      { text: '未纳入互认 · 不可用券', tone: 'muted' },
    ]);
    expect(unitBadges(unrecognised)).toEqual([{ text: '未纳入互认 · 不可用券', tone: 'muted' }]);
    expect(unitBadges({ ...hebeiUnit, status: 'leaving', leaveOn: '2026-12-31' })).toContainEqual({ text: '2026-12-31 起退出', tone: 'warn' });
  });

  test('price per unit, instrument and compute lines', () => {
    expect(priceText(48_000, 'sample')).toBe('480.00 元/样');
    expect(priceText(500, 'card_hour')).toBe('5.00 元/卡时');
    expect(instrumentLine(service.instrument)).toBe('液相色谱-质谱联用仪（安捷伦 6545 Q-TOF）');
    expect(instrumentLine(null)).toBeNull();
    expect(computeLine(computeService.compute)).toBe('4 × NVIDIA L40S 48GB · 5.00 元/卡时');
  });
});
