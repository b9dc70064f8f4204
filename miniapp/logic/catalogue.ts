/**
 * The lab catalogue's pure logic: the founder's filters → GET /api/catalogue/services query string, the
 * cursor walk of infinite scroll (pages appended without repeats, a stale page dropped), and what a
 * service card says (price, badges of 第五条 and 第十九条).
 */
import {
  LAB_LEVEL_LABELS,
  MUTUAL_RECOGNITION_LABEL,
  OPEN_UNIT_KIND_LABELS,
  PRICE_UNIT_LABELS,
  PRIORITY_FIELD_LABELS,
  REGION_LABELS,
  SERVICE_CATEGORY_LABELS,
  formatFen,
  type PriorityField,
  type Region,
  type ServiceCategory,
} from '@kcq/shared';
import type { IneligibleReason, SearchSort, ServiceHit, ServicePage, ServiceView, UnitSummary } from '../services/types';

/** Items per page: small enough that a phone screen fills with one page and scrolling loads the next. */
export const PAGE_SIZE = 10;

/** The keyword limit of the BFF (关键词不超过50字). */
export const KEYWORD_MAX = 50;

export interface CatalogueFilters {
  q: string;
  category: ServiceCategory | null;
  field: PriorityField | null;
  district: string | null;
  region: Region | null;
  eligibleOnly: boolean;
  sort: SearchSort;
}

export const emptyFilters = (): CatalogueFilters => ({
  q: '',
  category: null,
  field: null,
  district: null,
  region: null,
  eligibleOnly: false,
  sort: 'relevance',
});

export const SORT_OPTIONS: ReadonlyArray<{ code: SearchSort; label: string }> = [
  { code: 'relevance', label: '相关度' },
  { code: 'price_asc', label: '价格从低到高' },
  { code: 'price_desc', label: '价格从高到低' },
];

/**
 * Districts for the 区县 filter, by region (the BFF takes any district name: these are where open units
 * are; Tianjin and Hebei are listed by district or city as the units register them).
 */
export const DISTRICTS_BY_REGION: Readonly<Record<Region, readonly string[]>> = {
  beijing: ['海淀区', '朝阳区', '东城区', '西城区', '丰台区', '石景山区', '昌平区', '大兴区', '经济技术开发区', '顺义区', '通州区', '房山区', '怀柔区'],
  tianjin: ['南开区', '滨海新区', '和平区', '西青区'],
  hebei: ['保定市', '石家庄市', '秦皇岛市', '廊坊市', '唐山市'],
};

/** Keyword as the BFF accepts it: trimmed, no control characters, ≤ 50 characters. */
export function cleanKeyword(q: string): string {
  // eslint-disable-next-line no-control-regex
  return q.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, KEYWORD_MAX);
}

/**
 * Filters (+ cursor) → the query string of GET /api/catalogue/services, keys in a fixed order and only
 * what is set (so the same filters always give the same string: a cursor belongs to one query).
 * Relevance without a keyword is what the BFF does by default; it is still sent explicitly when chosen.
 */
export function buildQuery(f: CatalogueFilters, cursor: string | null = null, limit: number = PAGE_SIZE): string {
  const parts: [string, string][] = [];
  const q = cleanKeyword(f.q);
  if (q) parts.push(['q', q]);
  if (f.category) parts.push(['category', f.category]);
  if (f.field) parts.push(['field', f.field]);
  if (f.district) parts.push(['district', f.district]);
  if (f.region) parts.push(['region', f.region]);
  if (f.eligibleOnly) parts.push(['eligibleOnly', 'true']);
  if (f.sort !== 'relevance') parts.push(['sort', f.sort]);
  parts.push(['limit', String(limit)]);
  if (cursor) parts.push(['cursor', cursor]);
  return `?${parts.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

/** How many filters besides the keyword and the order are on (for the 筛选 badge). */
export function activeFilterCount(f: CatalogueFilters): number {
  return [f.category, f.field, f.district, f.region].filter(Boolean).length + (f.eligibleOnly ? 1 : 0);
}

/**
 * The list as infinite scroll builds it. `key` is the query string without the cursor: a page answered
 * for an older key (the founder changed a filter meanwhile) is dropped, not appended.
 */
export interface ListState {
  key: string;
  items: ServiceHit[];
  nextCursor: string | null;
  /** The first page has been answered. */
  loaded: boolean;
  /** No further page: the last answer had nextCursor null. */
  done: boolean;
}

export const queryKey = (f: CatalogueFilters): string => buildQuery(f, null);

export function startList(f: CatalogueFilters): ListState {
  return { key: queryKey(f), items: [], nextCursor: null, loaded: false, done: false };
}

/**
 * Appends a page: items already shown (same id) are skipped, so a page that overlaps the previous one
 * (data changed between two requests, or the same page answered twice) never shows a card twice.
 */
export function appendPage(state: ListState, key: string, page: ServicePage, first: boolean): ListState {
  if (key !== state.key) return state;
  const base = first ? [] : state.items;
  const seen = new Set(base.map((s) => s.id));
  const fresh: ServiceHit[] = [];
  for (const item of page.items) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    fresh.push(item);
  }
  return { key, items: [...base, ...fresh], nextCursor: page.nextCursor, loaded: true, done: page.nextCursor === null };
}

/** Whether scrolling to the bottom should ask for another page. */
export function canLoadMore(state: ListState, busy: boolean): boolean {
  return state.loaded && !state.done && !busy && state.nextCursor !== null;
}

// ——— What a card says ———

export const categoryLabel = (c: ServiceCategory): string => SERVICE_CATEGORY_LABELS[c] ?? c;
export const regionLabel = (r: Region): string => REGION_LABELS[r] ?? r;
export const fieldLabel = (f: PriorityField): string => PRIORITY_FIELD_LABELS[f] ?? f;
export const labLevelLabel = (l: keyof typeof LAB_LEVEL_LABELS): string => LAB_LEVEL_LABELS[l] ?? l;
export const unitKindLabel = (k: keyof typeof OPEN_UNIT_KIND_LABELS | null): string => (k ? OPEN_UNIT_KIND_LABELS[k] : '开放单位');

/** "1,200.00 元/样" (PRICE_UNIT_LABELS already say 元/…). */
export function priceText(fen: number, unit: ServiceView['priceUnit']): string {
  return `${formatFen(fen, { unit: false })} ${PRICE_UNIT_LABELS[unit] ?? '元'}`;
}

export type BadgeTone = 'ok' | 'muted' | 'region' | 'warn';
export interface Badge {
  text: string;
  tone: BadgeTone;
}

const INELIGIBLE_TEXT: Record<IneligibleReason, string> = {
  statutory_testing: '法定检测 · 不可用券',
  suspended: '暂停服务 · 不可用券',
  left: '已退出 · 不可用券',
  not_mutually_recognised: '未纳入互认 · 不可用券',
};

/** Why a voucher cannot pay for it, in one sentence with its clause. */
export const INELIGIBLE_REASON: Record<IneligibleReason, string> = {
  statutory_testing: '强制检测、法定检测不在创新券支持范围内（第五条）',
  suspended: '该开放单位已暂停服务，暂不接受新的合作（第六条）',
  left: '该开放单位已退出，不再接受创新券（第六条）',
  not_mutually_recognised: '该津冀开放单位尚未纳入互认，不能接收创新券（第十九条）',
};

/** Tianjin/Hebei unit taking vouchers: 津冀互认 (第十九条). */
export function isMutuallyRecognised(u: Pick<UnitSummary, 'region' | 'mutualRecognition'>): boolean {
  return u.region !== 'beijing' && u.mutualRecognition;
}

/**
 * Badges of a service: 可用创新券 or why not (法定检测 · 不可用券 first: it is the service's own nature,
 * 第五条), then 津冀互认 for a recognised Tianjin/Hebei unit (第十九条).
 */
export function serviceBadges(s: Pick<ServiceView, 'voucherEligible' | 'ineligibleReason' | 'statutory' | 'unit'>): Badge[] {
  const badges: Badge[] = [];
  if (s.voucherEligible) badges.push({ text: '可用创新券', tone: 'ok' });
  else {
    const reason: IneligibleReason = s.statutory ? 'statutory_testing' : (s.ineligibleReason ?? 'statutory_testing');
    badges.push({ text: INELIGIBLE_TEXT[reason], tone: 'muted' });
  }
  if (isMutuallyRecognised(s.unit)) badges.push({ text: s.unit.regionalMark ?? MUTUAL_RECOGNITION_LABEL, tone: 'region' });
  return badges;
}

/** Badges of an open unit: its region mark and a standing leave notice (第六条). */
export function unitBadges(u: UnitSummary): Badge[] {
  const badges: Badge[] = [];
  if (isMutuallyRecognised(u)) badges.push({ text: u.regionalMark ?? MUTUAL_RECOGNITION_LABEL, tone: 'region' });
  else if (u.region !== 'beijing') badges.push({ text: '未纳入互认 · 不可用券', tone: 'muted' });
  if (u.status === 'leaving' && u.leaveOn) badges.push({ text: `${u.leaveOn} 起退出`, tone: 'warn' });
  return badges;
}

/** "北京 · 海淀区", "天津 · 滨海新区". */
export function placeText(u: Pick<UnitSummary, 'region' | 'district'>): string {
  return [regionLabel(u.region), u.district].filter(Boolean).join(' · ');
}

/** "赛默飞 Q Exactive HF" — maker and model when known. */
export function instrumentLine(i: ServiceView['instrument']): string | null {
  if (!i) return null;
  const extra = [i.maker, i.model].filter(Boolean).join(' ');
  return extra ? `${i.name}（${extra}）` : i.name;
}

/** "8 × NVIDIA A100 · 12.00 元/卡时". */
export function computeLine(c: ServiceView['compute']): string | null {
  if (!c) return null;
  return `${c.cards} × ${c.gpuModel} · ${formatFen(c.pricePerCardHourFen, { unit: false })} 元/卡时`;
}

export const MATCHED_ON_LABELS: Record<NonNullable<ServiceHit['matchedOn']>, string> = {
  service: '服务名称',
  instrument: '仪器',
  lab: '实验室',
  unit: '开放单位',
};

/** What the empty list says, and the one thing to do about it. */
export function emptyAdvice(f: CatalogueFilters): { title: string; description: string; action: 'clear_filters' | 'clear_keyword' | 'none' } {
  const q = cleanKeyword(f.q);
  if (activeFilterCount(f) > 0)
    return {
      title: q ? `没有符合条件的“${q}”服务` : '没有符合条件的服务',
      description: '筛选条件较多，可减少筛选条件后再试，例如取消地区或“只看可用创新券”',
      action: 'clear_filters',
    };
  if (q)
    return {
      title: `没有找到“${q}”`,
      description: '可换一个更短的关键词，如仪器名称（质谱、色谱）、服务类别或单位简称',
      action: 'clear_keyword',
    };
  return { title: '目录暂无服务', description: '开放单位上架服务后会显示在这里，下拉可刷新', action: 'none' };
}

/** "/样", "/机时", "/卡时"… after a ¥ amount. */
export const PRICE_UNIT_SHORT: Record<ServiceView['priceUnit'], string> = {
  sample: '/样',
  hour: '/机时',
  card_hour: '/卡时',
  day: '/天',
  item: '/项',
  project: '/项目',
};
